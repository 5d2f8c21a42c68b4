import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../db/tables.js';
import type { Database, Executor } from '../../db/index.js';
import type { CursorCodec } from '../../lib/cursor.js';
import { ApiError, NotFoundProblem, ValidationProblem, type FieldError } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { newestFirst } from '../../lib/keyset.js';
import type { KeyTier } from '../../reference/taxonomy.js';
import { notOwnedSavedSearches, type Owner } from '../saved-searches/saved-searches.service.js';
import { JOB_EVENTS, PING_EVENT, type WebhookEvent, type WebhookPayload } from './events.js';
import type { DeliveryQueue } from './queue.js';
import { newMessageId, newSigningSecret } from './signing.js';
import { checkWebhookUrl, type UrlPolicy } from './url-policy.js';
import type { WebhookDelivery, WebhookEndpoint } from './webhooks.schemas.js';

/** Webhook endpoints one owner may have, per tier (README: quotas). */
export const WEBHOOK_QUOTA: Record<KeyTier, number> = { free: 3, partner: 10, internal: 50 };

/** How long a rotated-out secret keeps signing. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** Attempts shown per delivery. */
const ATTEMPTS_SHOWN = 50;

export interface WebhookDeps {
  db: Database;
  cursors: CursorCodec;
  queue: DeliveryQueue;
  policy: UrlPolicy;
}

type EndpointRow = typeof webhookEndpoints.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEndpoint(r: EndpointRow): WebhookEndpoint {
  const rotating = r.previousSecretExpiresAt && r.previousSecretExpiresAt > new Date() ? r.previousSecretExpiresAt : null;
  return {
    id: r.id,
    url: r.url,
    events: r.events as WebhookEvent[],
    saved_search_ids: r.savedSearchIds,
    description: r.description,
    enabled: r.enabled,
    disabled_reason: r.disabledReason,
    disabled_at: iso(r.disabledAt),
    failing_since: iso(r.failingSince),
    previous_secret_expires_at: iso(rotating),
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

const notFound = (id: string) => new NotFoundProblem(`No webhook endpoint ${id} of yours.`);

async function findEndpoint(db: Executor, owner: Owner, id: string): Promise<EndpointRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.owner, owner.id)));
  return row;
}

/** Checks what the schema cannot: the URL policy, who may hear `job.*`, and that the saved searches are the owner's. */
async function checkSubscription(
  db: Executor,
  owner: Owner,
  policy: UrlPolicy,
  input: { url?: string | undefined; events: readonly WebhookEvent[]; savedSearchIds: readonly string[] },
): Promise<void> {
  const errors: FieldError[] = [];
  if (input.url !== undefined) {
    const reason = checkWebhookUrl(input.url, policy);
    if (reason) errors.push({ name: 'url', reason });
  }
  if (!owner.companyId && input.events.some((e) => JOB_EVENTS.includes(e))) {
    errors.push({ name: 'events', reason: 'job.* events report a partner’s own postings: they need an API key bound to a company (use saved_search.matched for others’ postings)' });
  }
  const matched = input.events.includes('saved_search.matched');
  if (matched && input.savedSearchIds.length === 0) errors.push({ name: 'saved_search_ids', reason: 'saved_search.matched needs at least one saved search' });
  if (!matched && input.savedSearchIds.length > 0) errors.push({ name: 'events', reason: 'saved_search_ids are only used with the saved_search.matched event' });
  const foreign = await notOwnedSavedSearches(db, owner, input.savedSearchIds);
  for (const id of foreign) errors.push({ name: `saved_search_ids/${input.savedSearchIds.indexOf(id)}`, reason: `no saved search ${id} of yours` });
  if (errors.length) throw new ValidationProblem(errors);
}

export async function createWebhook(
  deps: Pick<WebhookDeps, 'db' | 'policy'>,
  owner: Owner,
  input: { url: string; events: WebhookEvent[]; saved_search_ids?: string[] | undefined; description?: string | null | undefined },
): Promise<WebhookEndpoint & { secret: string }> {
  const savedSearchIds = input.saved_search_ids ?? [];
  await checkSubscription(deps.db, owner, deps.policy, { url: input.url, events: input.events, savedSearchIds });
  const quota = WEBHOOK_QUOTA[owner.tier];
  const secret = newSigningSecret();
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`webhooks:${owner.id}`}, 0))`);
    const [count] = await tx.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(webhookEndpoints).where(eq(webhookEndpoints.owner, owner.id));
    if ((count?.n ?? 0) >= quota) throw new ApiError('rateLimited', `A ${owner.tier} key has at most ${quota} webhook endpoints; delete one first.`);
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ owner: owner.id, companyId: owner.companyId, url: input.url, events: [...input.events], savedSearchIds, description: input.description ?? null, secret })
      .returning();
    return { ...toEndpoint(row!), secret };
  });
}

export async function listWebhooks(
  deps: { db: Database; cursors: CursorCodec },
  owner: Owner,
  page: { limit?: number | undefined; cursor?: string | undefined },
): Promise<{ data: WebhookEndpoint[]; next_cursor: string | null; total: number; total_relation: 'eq' }> {
  const limit = page.limit ?? 20;
  const mine = eq(webhookEndpoints.owner, owner.id);
  const conditions: SQL[] = [mine];
  if (page.cursor) conditions.push(newestFirst.after(deps.cursors, page.cursor, 'webhooks', sql`${webhookEndpoints.createdAt}`, sql`${webhookEndpoints.id}`));
  const [rows, [count]] = await Promise.all([
    deps.db.select().from(webhookEndpoints).where(and(...conditions)).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id)).limit(limit + 1),
    deps.db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(webhookEndpoints).where(mine),
  ]);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data: data.map(toEndpoint),
    next_cursor: newestFirst.next(deps.cursors, 'webhooks', last, rows.length > limit),
    total: count?.n ?? 0,
    total_relation: 'eq',
  };
}

export async function getWebhook(db: Database, owner: Owner, id: string): Promise<WebhookEndpoint> {
  const row = await findEndpoint(db, owner, id);
  if (!row) throw notFound(id);
  return toEndpoint(row);
}

export async function updateWebhook(
  deps: Pick<WebhookDeps, 'db' | 'policy'>,
  owner: Owner,
  id: string,
  patch: { url?: string | undefined; events?: WebhookEvent[] | undefined; saved_search_ids?: string[] | undefined; description?: string | null | undefined; enabled?: boolean | undefined },
): Promise<WebhookEndpoint> {
  return deps.db.transaction(async (tx) => {
    const current = await findEndpoint(tx, owner, id);
    if (!current) throw notFound(id);
    const events = patch.events ?? (current.events as WebhookEvent[]);
    const savedSearchIds = patch.saved_search_ids ?? current.savedSearchIds;
    await checkSubscription(tx, owner, deps.policy, { url: patch.url, events, savedSearchIds });
    const resume = patch.enabled === true && !current.enabled;
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        events: [...events],
        savedSearchIds: [...savedSearchIds],
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.enabled === false && current.enabled ? { enabled: false, disabledReason: 'disabled by its owner', disabledAt: sql`now()` } : {}),
        // Resuming forgives the past: five more days of failures before it is disabled again.
        ...(resume ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(webhookEndpoints.id, current.id))
      .returning();
    return toEndpoint(row!);
  });
}

/** Deletes the endpoint, its deliveries and their attempts (queued attempts find nothing to do). */
export async function deleteWebhook(db: Database, owner: Owner, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound(id);
  const rows = await db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.owner, owner.id))).returning({ id: webhookEndpoints.id });
  if (!rows.length) throw notFound(id);
}

/** A new secret; the current one keeps signing (a second signature) for 24 hours. */
export async function rotateWebhookSecret(db: Database, owner: Owner, id: string): Promise<{ secret: string; previous_secret_expires_at: string }> {
  const secret = newSigningSecret();
  const until = new Date(Date.now() + ROTATION_OVERLAP_MS);
  if (!isUuid(id)) throw notFound(id);
  const [row] = await db
    .update(webhookEndpoints)
    .set({ previousSecret: sql`${webhookEndpoints.secret}`, previousSecretExpiresAt: until, secret, updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.owner, owner.id)))
    .returning({ id: webhookEndpoints.id });
  if (!row) throw notFound(id);
  return { secret, previous_secret_expires_at: until.toISOString() };
}

/** The secrets that sign an attempt now: the current one, and the previous one during a rotation. */
export function signingSecrets(e: Pick<EndpointRow, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, now = new Date()): string[] {
  return e.previousSecret && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? [e.secret, e.previousSecret] : [e.secret];
}

export interface NewDelivery {
  endpointId: string;
  payload: WebhookPayload;
}

/**
 * Stores deliveries and enqueues their first attempts in `tx`: both or neither. The body is fixed
 * now, so every attempt (and a manual retry) sends the same bytes under the same `webhook-id`.
 */
export async function enqueueDeliveries(tx: Executor, queue: DeliveryQueue, deliveries: readonly NewDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const rows = deliveries.map((d) => ({
    id: newMessageId(),
    endpointId: d.endpointId,
    eventType: d.payload.type,
    payload: JSON.stringify(d.payload),
    queueJobId: randomUUID(),
    nextAttemptAt: new Date(),
  }));
  // Bounded statements whatever the fan-out.
  for (let i = 0; i < rows.length; i += 500) await tx.insert(webhookDeliveries).values(rows.slice(i, i + 500));
  await queue.insert(tx, rows.map((r) => ({ jobId: r.queueJobId, deliveryId: r.id, attempt: 1 })));
  return rows.map((r) => r.id);
}

/** Sends a `webhook.ping` to the endpoint now (whatever it subscribes to, even disabled: to test it). */
export async function pingWebhook(deps: WebhookDeps, owner: Owner, id: string): Promise<WebhookDelivery> {
  const deliveryId = await deps.db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, owner, id);
    if (!endpoint) throw notFound(id);
    const payload: WebhookPayload = { type: PING_EVENT, timestamp: new Date().toISOString(), data: { webhook_id: endpoint.id, message: 'Hiring Radar webhook ping' } };
    const [deliveryId] = await enqueueDeliveries(tx, deps.queue, [{ endpointId: endpoint.id, payload }]);
    return deliveryId!;
  });
  deps.queue.wake();
  return getDelivery(deps.db, deliveryId);
}

async function getDelivery(db: Executor, deliveryId: string): Promise<WebhookDelivery> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
  const [delivery] = await withAttempts(db, row ? [row] : []);
  return delivery!;
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

async function withAttempts(db: Executor, rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id)))
        .orderBy(webhookAttempts.id)
    : [];
  const byDelivery = new Map<string, typeof attempts>();
  for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
  return rows.map((r) => ({
    id: r.id,
    event_type: r.eventType as WebhookDelivery['event_type'],
    state: r.state,
    attempt_count: r.attempts,
    next_attempt_at: r.state === 'pending' ? iso(r.nextAttemptAt) : null,
    created_at: r.createdAt.toISOString(),
    delivered_at: iso(r.deliveredAt),
    last_status: r.lastStatus,
    last_error: r.lastError,
    attempts: (byDelivery.get(r.id) ?? []).slice(-ATTEMPTS_SHOWN).map((a) => ({
      attempted_at: a.attemptedAt.toISOString(),
      status_code: a.statusCode,
      latency_ms: a.latencyMs,
      error: a.error,
    })),
  }));
}

export async function listDeliveries(
  deps: { db: Database; cursors: CursorCodec },
  owner: Owner,
  id: string,
  page: { limit?: number | undefined; cursor?: string | undefined; state?: 'pending' | 'delivered' | 'failed' | undefined },
): Promise<{ data: WebhookDelivery[]; next_cursor: string | null; total: number; total_relation: 'eq' }> {
  const endpoint = await findEndpoint(deps.db, owner, id);
  if (!endpoint) throw notFound(id);
  const limit = page.limit ?? 20;
  const base: SQL[] = [eq(webhookDeliveries.endpointId, endpoint.id)];
  if (page.state) base.push(eq(webhookDeliveries.state, page.state));
  const list = `deliveries:${page.state ?? ''}`;
  const conditions = [...base];
  if (page.cursor) conditions.push(newestFirst.after(deps.cursors, page.cursor, list, sql`${webhookDeliveries.createdAt}`, sql`${webhookDeliveries.id}`));
  const [rows, [count]] = await Promise.all([
    deps.db.select().from(webhookDeliveries).where(and(...conditions)).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(limit + 1),
    deps.db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(webhookDeliveries).where(and(...base)),
  ]);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data: await withAttempts(deps.db, data),
    next_cursor: newestFirst.next(deps.cursors, list, last, rows.length > limit),
    total: count?.n ?? 0,
    total_relation: 'eq',
  };
}

/**
 * Attempts a delivery again now, under the same `webhook-id`: a failed or delivered one starts a new
 * round of retries; a pending one is moved forward.
 */
export async function retryDelivery(deps: WebhookDeps, owner: Owner, id: string, deliveryId: string): Promise<WebhookDelivery> {
  await deps.db.transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, owner, id);
    if (!endpoint) throw notFound(id);
    const [delivery] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpoint.id)))
      .for('update');
    if (!delivery) throw new NotFoundProblem(`No delivery ${deliveryId} of webhook endpoint ${id}.`);
    if (!endpoint.enabled) throw new ApiError('conflict', `The endpoint is disabled (${endpoint.disabledReason ?? 'disabled'}): PATCH it with enabled: true first.`);
    const jobId = randomUUID();
    // The attempt queued before (if any) finds it is no longer the delivery's current one and does nothing.
    await tx.update(webhookDeliveries).set({ state: 'pending', queueJobId: jobId, nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, delivery.id));
    await deps.queue.insert(tx, [{ jobId, deliveryId: delivery.id, attempt: 1 }]);
  });
  deps.queue.wake();
  return getDelivery(deps.db, deliveryId);
}
