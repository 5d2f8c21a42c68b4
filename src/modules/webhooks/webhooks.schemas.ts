import { Type, type Static } from 'typebox';
import { DateTime, listOf, Nullable, StringEnum } from '../../lib/schemas.js';
import { PING_EVENT, WEBHOOK_EVENTS } from './events.js';

/** Most saved searches one endpoint reports on. */
export const MAX_ENDPOINT_SAVED_SEARCHES = 20;

const Events = Type.Array(StringEnum(WEBHOOK_EVENTS), {
  minItems: 1,
  maxItems: WEBHOOK_EVENTS.length,
  uniqueItems: true,
  description: 'Events to deliver (README: event catalogue). `job.*` need a partner key: they report its own postings.',
});
const SavedSearchIds = Type.Array(Type.String({ format: 'uuid' }), {
  maxItems: MAX_ENDPOINT_SAVED_SEARCHES,
  uniqueItems: true,
  description: 'Your saved searches whose new matches `saved_search.matched` reports.',
});
const Url = Type.String({ minLength: 1, maxLength: 2048, description: 'Where deliveries are POSTed: `https`, a public address.' });
// Null first: with type coercion on, a string branch tried first would turn null into "".
const Description = Type.Union([Type.Null(), Type.String({ maxLength: 500, pattern: '^[^\\u0000-\\u001f\\u007f]*$' })]);

export const WebhookEndpoint = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    url: Type.String(),
    events: Type.Array(StringEnum(WEBHOOK_EVENTS)),
    saved_search_ids: Type.Array(Type.String({ format: 'uuid' })),
    description: Nullable(Type.String()),
    enabled: Type.Boolean({ description: 'False once disabled (410 Gone, 5 days of failures, or by you); PATCH `enabled: true` to resume.' }),
    disabled_reason: Nullable(Type.String({ description: 'Why the endpoint was disabled.' })),
    disabled_at: Nullable(DateTime()),
    failing_since: Nullable(DateTime('First failed attempt since the last success; after 5 days of failing the endpoint is disabled.')),
    previous_secret_expires_at: Nullable(DateTime('Until then, deliveries are signed with the previous secret too (after a rotation).')),
    created_at: DateTime(),
    updated_at: DateTime(),
  },
  { $id: 'WebhookEndpoint', title: 'WebhookEndpoint', description: 'Where and what to deliver.' },
);
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

export const WebhookEndpointWithSecret = Type.Object(
  { ...WebhookEndpoint.properties, secret: Type.String({ description: 'The signing secret (`whsec_…`): shown only now.' }) },
  { title: 'WebhookEndpointCreated', description: 'The new endpoint and its signing secret, shown this once.' },
);

export const WebhookCreateBody = Type.Object(
  { url: Url, events: Events, saved_search_ids: Type.Optional(SavedSearchIds), description: Type.Optional(Description) },
  { additionalProperties: false, title: 'WebhookCreate', description: 'A webhook endpoint: where to deliver, which events, and for `saved_search.matched` which saved searches.' },
);
export type WebhookCreateBody = Static<typeof WebhookCreateBody>;

export const WebhookPatchBody = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    saved_search_ids: Type.Optional(SavedSearchIds),
    description: Type.Optional(Description),
    enabled: Type.Optional(Type.Boolean({ description: '`true` resumes a disabled endpoint (pending deliveries are not replayed: retry them).' })),
  },
  { additionalProperties: false, minProperties: 1, title: 'WebhookPatch', description: 'What to change; lists replace the current ones as a whole.' },
);
export type WebhookPatchBody = Static<typeof WebhookPatchBody>;

export const WebhookList = listOf(Type.Ref('WebhookEndpoint'), {}, { title: 'WebhookList', description: 'Your webhook endpoints, newest first.' });

export const SecretRotation = Type.Object(
  {
    secret: Type.String({ description: 'The new signing secret: shown only now.' }),
    previous_secret_expires_at: DateTime('The old secret signs too until then (24 hours).'),
  },
  { title: 'WebhookSecretRotation', description: 'The new signing secret, and until when the old one signs too.' },
);

export const DeliveryAttempt = Type.Object(
  {
    attempted_at: DateTime(),
    status_code: Nullable(Type.Integer({ description: 'The receiver’s HTTP status; null when none came (refused, timed out, no connection).' })),
    latency_ms: Type.Integer({ minimum: 0 }),
    error: Nullable(Type.String()),
  },
  { title: 'WebhookDeliveryAttempt', description: 'One attempt of a delivery and what the receiver answered.' },
);

export const WebhookDelivery = Type.Object(
  {
    id: Type.String({ description: 'The `webhook-id` of every attempt.' }),
    event_type: StringEnum([...WEBHOOK_EVENTS, PING_EVENT]),
    state: StringEnum(['pending', 'delivered', 'failed']),
    attempt_count: Type.Integer({ minimum: 0 }),
    next_attempt_at: Nullable(DateTime()),
    created_at: DateTime(),
    delivered_at: Nullable(DateTime()),
    last_status: Nullable(Type.Integer()),
    last_error: Nullable(Type.String()),
    attempts: Type.Array(DeliveryAttempt, { description: 'Every attempt, oldest first (the last 50).' }),
  },
  { $id: 'WebhookDelivery', title: 'WebhookDelivery', description: 'One message to the endpoint and its attempts.' },
);
export type WebhookDelivery = Static<typeof WebhookDelivery>;

export const WebhookDeliveryList = listOf(Type.Ref('WebhookDelivery'), {}, { title: 'WebhookDeliveryList', description: 'Deliveries to the endpoint, newest first.' });
