import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret, `whsec_` + base64 of 32 random bytes (the Standard Webhooks form). */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** A delivery's `webhook-id`: the same on every attempt, for receivers to deduplicate on. */
export const newMessageId = (): string => `msg_${randomUUID().replace(/-/g, '')}`;

/**
 * Standard Webhooks headers for one attempt, signed by the reference implementation
 * (`standardwebhooks`): `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each secret, space-separated
 * (both during a rotation).
 */
export function signedHeaders(messageId: string, body: string, secrets: readonly string[], at = new Date()): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
