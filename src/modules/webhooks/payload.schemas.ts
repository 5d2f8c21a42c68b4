/**
 * What a webhook delivery looks like on the wire: the body of every event (`{ type, timestamp, data }`,
 * Standard Webhooks' envelope) and the three signature headers. Documentation only: the OpenAPI
 * document's top-level `webhooks` section is built from these (src/plugins/openapi-responses.ts),
 * and the bodies the dispatcher (dispatcher.ts) and `pingWebhook` build must match them.
 */
import { Type, type TSchema } from 'typebox';
import { JOB_EVENT_TYPES } from '../../reference/taxonomy.js';
import { DateTime, StringEnum } from '../../lib/schemas.js';
import { PING_EVENT, WEBHOOK_EVENTS, type WebhookEvent } from './events.js';

type DeliveredEvent = WebhookEvent | typeof PING_EVENT;

const envelope = (type: DeliveredEvent, data: TSchema, title: string, description: string) =>
  Type.Object(
    {
      type: StringEnum([type], { description: 'The event.' }),
      timestamp: DateTime('When the delivery was created, as the event was dispatched (the same on every attempt).'),
      data,
    },
    { additionalProperties: false, title, description },
  );

const jobData = (what: string) => Type.Ref('Job', { description: `The posting ${what}, exactly as \`GET /v1/jobs/{id}\` answers it.` });

export const SavedSearchMatchedData = Type.Object(
  {
    saved_search: Type.Object(
      { id: Type.String({ format: 'uuid' }), name: Type.String({ description: 'Your name for it.' }) },
      { additionalProperties: false, title: 'WebhookSavedSearchRef', description: 'The saved search the posting now matches.' },
    ),
    event: Type.Object(
      {
        id: Type.String({ description: 'The change-feed event after which the posting matched (`GET /v1/jobs/changes`, and `event.id` of `GET /v1/saved-searches/{id}/matches`).' }),
        type: StringEnum(JOB_EVENT_TYPES, { description: 'What happened to the posting.' }),
      },
      { additionalProperties: false, title: 'WebhookSavedSearchEvent', description: 'The change that made the posting match.' },
    ),
    job: Type.Ref('Job', { description: 'The posting as it is now, exactly as `GET /v1/jobs/{id}` answers it.' }),
  },
  { additionalProperties: false, title: 'WebhookSavedSearchMatchedData', description: 'A posting that started matching one of your saved searches.' },
);

export const PingData = Type.Object(
  {
    webhook_id: Type.String({ format: 'uuid', description: 'The endpoint pinged.' }),
    message: Type.String(),
  },
  { additionalProperties: false, title: 'WebhookPingData', description: 'A test delivery (`POST /v1/webhooks/{id}/ping`).' },
);

/** The body of each event, by event name. */
export const WEBHOOK_PAYLOADS: Record<DeliveredEvent, { schema: TSchema; summary: string; when: string }> = {
  'job.created': {
    summary: 'One of your postings was created',
    when: 'A partner write (REST, GraphQL or a batch) created a posting of your company.',
    schema: envelope('job.created', jobData('created'), 'WebhookJobCreated', 'The body of a `job.created` delivery.'),
  },
  'job.updated': {
    summary: 'One of your postings changed',
    when: 'A partner write changed a posting of your company (a write that changes nothing sends nothing).',
    schema: envelope('job.updated', jobData('after the change'), 'WebhookJobUpdated', 'The body of a `job.updated` delivery.'),
  },
  'job.closed': {
    summary: 'One of your postings was closed',
    when: 'A posting of your company was closed (filled, cancelled, expired).',
    schema: envelope('job.closed', jobData('closed'), 'WebhookJobClosed', 'The body of a `job.closed` delivery.'),
  },
  'job.reopened': {
    summary: 'One of your postings was reopened',
    when: 'A closed posting of your company was reopened.',
    schema: envelope('job.reopened', jobData('reopened'), 'WebhookJobReopened', 'The body of a `job.reopened` delivery.'),
  },
  'saved_search.matched': {
    summary: 'A posting started matching a saved search',
    when: 'A posting was created, or changed into the match, of one of the saved searches the endpoint lists in `saved_search_ids`.',
    schema: envelope('saved_search.matched', Type.Ref('WebhookSavedSearchMatchedData'), 'WebhookSavedSearchMatched', 'The body of a `saved_search.matched` delivery.'),
  },
  'radar.published': {
    summary: 'The weekly radar is out',
    when: 'Once per ISO week, after it ends (Monday, UTC): the radar of that week.',
    schema: envelope('radar.published', Type.Ref('Radar', { description: 'The week, exactly as `GET /v1/radar?week=…` answers it.' }), 'WebhookRadarPublished', 'The body of a `radar.published` delivery.'),
  },
  [PING_EVENT]: {
    summary: 'A test delivery',
    when: '`POST /v1/webhooks/{id}/ping`, to any endpoint, subscribed to it or not.',
    schema: envelope(PING_EVENT, Type.Ref('WebhookPingData'), 'WebhookPing', 'The body of a `webhook.ping` delivery.'),
  },
};

/** Every event delivered, in catalogue order. */
export const DELIVERED_EVENTS: readonly DeliveredEvent[] = [...WEBHOOK_EVENTS, PING_EVENT];

/** The Standard Webhooks headers of every attempt, as OpenAPI header parameters. */
export const WEBHOOK_HEADERS = {
  WebhookId: {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The delivery id (`msg_…`), the same on every attempt and redelivery: deduplicate on it.',
    schema: { type: 'string', pattern: '^msg_[0-9a-f]{32}$' },
  },
  WebhookTimestamp: {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description: 'When this attempt was signed, in Unix seconds; refuse a delivery more than 5 minutes off your clock (replays).',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  WebhookSignature: {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      'Space-separated signatures `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of ' +
      'the endpoint secret after `whsec_`; two during the 24 hours after a secret rotation (new and previous). Accept the delivery when one matches.',
    schema: { type: 'string', pattern: '^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$' },
  },
} as const;

/** The named schemas the bodies refer to besides `Job` and `Radar` (which the routes name already). */
export const WEBHOOK_PAYLOAD_COMPONENTS: readonly TSchema[] = [SavedSearchMatchedData, PingData, ...DELIVERED_EVENTS.map((e) => WEBHOOK_PAYLOADS[e].schema)];
