import { createHmac, sign, type KeyObject } from 'node:crypto';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a JWT by hand, so tests can also make the malformed and malicious ones. */
export function signJwt(payload: Record<string, unknown>, key: string | KeyObject, alg = 'HS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (alg === 'none') return `${head}.`;
  if (alg.startsWith('HS')) return `${head}.${createHmac(`sha${alg.slice(2)}`, key as string).update(head).digest('base64url')}`;
  if (alg === 'RS256') return `${head}.${sign('sha256', Buffer.from(head), key as KeyObject).toString('base64url')}`;
  if (alg === 'ES256') return `${head}.${sign('sha256', Buffer.from(head), { key: key as KeyObject, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  throw new Error(`unsupported alg ${alg}`);
}

export const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;
