import type { JobEventType } from '../../reference/taxonomy.js';

/** Events an endpoint may subscribe to (README: event catalogue). */
export const WEBHOOK_EVENTS = ['job.created', 'job.updated', 'job.closed', 'job.reopened', 'saved_search.matched', 'radar.published'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent by `POST /v1/webhooks/{id}/ping` to any endpoint, subscribed or not. */
export const PING_EVENT = 'webhook.ping';

/** The `job.*` events report a partner's own postings: only owners bound to a company may subscribe. */
export const JOB_EVENTS: readonly WebhookEvent[] = ['job.created', 'job.updated', 'job.closed', 'job.reopened'];

export const jobEventName = (type: JobEventType): WebhookEvent => `job.${type}`;

/** A delivery body: Standard Webhooks' `{ type, timestamp, data }`. */
export interface WebhookPayload<T = unknown> {
  type: WebhookEvent | typeof PING_EVENT;
  timestamp: string;
  data: T;
}
