import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEndpointSlots } from '../../db/tables.js';
import { queryRows, type Database } from '../../db/index.js';
import { sendDelivery, type DeliveryResult, type LookupAll } from './deliver-http.js';
import type { DeliveryJobData, DeliveryQueue } from './queue.js';
import { signedHeaders } from './signing.js';
import type { UrlPolicy } from './url-policy.js';
import { signingSecrets } from './webhooks.service.js';

export interface RetrySchedule {
  /** Delay before the first retry. */
  baseMs: number;
  /** Longest delay between two attempts. */
  capMs: number;
  /** Attempts of a round before the delivery is marked failed. */
  maxAttempts: number;
}

export interface DeliveryWorkerOptions {
  db: Database;
  queue: DeliveryQueue;
  policy: UrlPolicy;
  timeoutMs: number;
  /** Deliveries in flight to one endpoint, across instances. */
  endpointConcurrency: number;
  retry: RetrySchedule;
  /** Failing this long (every attempt since the last success) disables the endpoint. */
  disableAfterMs: number;
  /** This instance, as slot leases name it. */
  holder: string;
  /** Resolver override (tests). */
  lookup?: LookupAll | undefined;
}

/**
 * The delay after attempt `n` of a round: base·2^(n−1), capped, ±25% jitter, so receivers that
 * come back are not hit by every sender at once. With the defaults (20 s, 12 h cap, 17 attempts):
 * 20 s, 40 s, 80 s, … 5.7 h after the 11th attempt, then 11.4 h and 12 h: 17 attempts span about 3 days.
 */
export function retryDelayMs(attempt: number, schedule: Pick<RetrySchedule, 'baseMs' | 'capMs'>, random = Math.random): number {
  const nominal = Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(nominal * (0.75 + 0.5 * random()));
}

/** Leases one of the endpoint's delivery slots for `leaseMs` (a dead instance's lease runs out); null when all are taken. */
async function leaseSlot(db: Database, endpointId: string, holder: string, limit: number, leaseMs: number): Promise<number | null> {
  const rows = await queryRows<{ slot: number }>(
    db,
    sql`insert into webhook_endpoint_slots (endpoint_id, slot, holder, lease_until)
        select ${endpointId}::uuid, s, ${holder}, now() + ${leaseMs} * interval '1 millisecond'
        from generate_series(0, ${limit - 1}::int) s
        where not exists (select from webhook_endpoint_slots x where x.endpoint_id = ${endpointId}::uuid and x.slot = s and x.lease_until >= now())
        order by s limit 1
        on conflict (endpoint_id, slot) do update set holder = excluded.holder, lease_until = excluded.lease_until
          where webhook_endpoint_slots.lease_until < now()
        returning slot`,
  );
  return rows[0]?.slot ?? null;
}

async function releaseSlot(db: Database, endpointId: string, slot: number, holder: string): Promise<void> {
  await db
    .delete(webhookEndpointSlots)
    .where(and(eq(webhookEndpointSlots.endpointId, endpointId), eq(webhookEndpointSlots.slot, slot), eq(webhookEndpointSlots.holder, holder)));
}

const SLOT_WAIT_MS = 1000;
const SLOT_POLL_MS = 20;

/** How an attempt ends the delivery, or when the next one comes. */
type Decision =
  | { kind: 'delivered' }
  | { kind: 'retry'; at: Date }
  | { kind: 'failed' }
  | { kind: 'disable'; reason: string };

/**
 * One attempt of one delivery, run for the queue job that holds it (pg-boss hands a job to one
 * worker at a time; a job whose instance dies is handed out again once it expires). The outcome,
 * the next attempt and the job's completion are one transaction: a crash before it commits means
 * the attempt is made again under the same `webhook-id` — at least once, never lost.
 */
/** What became of one queue job (metrics). */
export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'disabled' | 'skipped' | 'busy';

export async function attemptDelivery(options: DeliveryWorkerOptions, job: { id: string; data: DeliveryJobData }): Promise<AttemptOutcome> {
  const { db, queue } = options;
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, job.data.deliveryId));
  // Deleted, finished, or superseded by a manual retry: nothing to do (pg-boss completes the job).
  if (!row || row.delivery.state !== 'pending' || row.delivery.queueJobId !== job.id) return 'skipped';
  const { delivery, endpoint } = row;

  if (!endpoint.enabled) {
    await db.transaction(async (tx) => {
      await tx
        .update(webhookDeliveries)
        .set({ state: 'failed', nextAttemptAt: null, lastError: `not attempted: the endpoint is disabled (${endpoint.disabledReason ?? 'disabled'})` })
        .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.queueJobId, job.id)));
      await queue.complete(tx, job.id);
    });
    return 'skipped';
  }

  let slot = await leaseSlot(db, endpoint.id, options.holder, options.endpointConcurrency, options.timeoutMs + 20_000);
  // A slot frees as soon as an attempt ends (a fast receiver: milliseconds): wait a little before handing the job back.
  for (let wait = 0; slot === null && wait < SLOT_WAIT_MS; wait += SLOT_POLL_MS) {
    await sleep(SLOT_POLL_MS);
    slot = await leaseSlot(db, endpoint.id, options.holder, options.endpointConcurrency, options.timeoutMs + 20_000);
  }
  if (slot === null) {
    // The endpoint has its share in flight: come back shortly, without spending an attempt.
    await reschedule(options, job, new Date(Date.now() + 500 + Math.random() * 1000), job.data.attempt);
    return 'busy';
  }
  const attemptedAt = new Date();
  const release = () => releaseSlot(db, endpoint.id, slot, options.holder).catch(() => {});
  let result: DeliveryResult;
  try {
    const headers = signedHeaders(delivery.id, delivery.payload, signingSecrets(endpoint, attemptedAt), attemptedAt);
    result = await sendDelivery({ url: endpoint.url, headers, body: delivery.payload }, { policy: options.policy, timeoutMs: options.timeoutMs, ...(options.lookup ? { lookup: options.lookup } : {}) });
  } catch (err) {
    await release();
    throw err;
  }

  const decision = decide(options, result, job.data.attempt, endpoint.failingSince ?? attemptedAt, attemptedAt);
  const nextJobId = decision.kind === 'retry' ? randomUUID() : null;
  try {
    await recordOutcome(slot);
  } catch (err) {
    await release();
    throw err;
  }
  if (nextJobId) queue.wake();
  return decision.kind === 'disable' ? 'disabled' : decision.kind;

  /** The attempt, its outcome, the next attempt, the slot's release and the job's completion: one transaction. */
  async function recordOutcome(leased: number): Promise<void> {
    await db.transaction(async (tx) => {
      await tx
        .delete(webhookEndpointSlots)
        .where(and(eq(webhookEndpointSlots.endpointId, endpoint.id), eq(webhookEndpointSlots.slot, leased), eq(webhookEndpointSlots.holder, options.holder)));
      await tx.insert(webhookAttempts).values({
        deliveryId: delivery.id,
        attemptedAt,
        statusCode: result.status,
        latencyMs: result.latencyMs,
        error: result.error,
        responseBody: result.responseBody.slice(0, 2048),
      });
      const counters = { attempts: sql`${webhookDeliveries.attempts} + 1`, lastStatus: result.status, lastError: result.error };
      const outcome =
        decision.kind === 'delivered'
          ? { state: 'delivered' as const, deliveredAt: sql`now()`, nextAttemptAt: null }
          : decision.kind === 'retry'
            ? { nextAttemptAt: decision.at, queueJobId: nextJobId }
            : { state: 'failed' as const, nextAttemptAt: null };
      // Only while the delivery is still this job's: a manual retry may have taken over meanwhile.
      const ours = await tx
        .update(webhookDeliveries)
        .set({ ...counters, ...outcome })
        .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.queueJobId, job.id)))
        .returning({ id: webhookDeliveries.id });
      if (!ours.length) {
        await tx.update(webhookDeliveries).set(counters).where(eq(webhookDeliveries.id, delivery.id));
      } else if (decision.kind === 'retry') {
        await queue.insert(tx, [{ jobId: nextJobId!, deliveryId: delivery.id, attempt: job.data.attempt + 1, startAfter: decision.at }]);
      }
      // The endpoint's failing streak: ended by a success, started by a failure (read before the attempt).
      if (decision.kind === 'delivered' && endpoint.failingSince) {
        await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
      } else if (decision.kind === 'disable') {
        await tx
          .update(webhookEndpoints)
          .set({ enabled: false, disabledReason: decision.reason, disabledAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true)));
      } else if (decision.kind !== 'delivered' && !endpoint.failingSince) {
        await tx
          .update(webhookEndpoints)
          .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${attemptedAt.toISOString()}::timestamptz)` })
          .where(eq(webhookEndpoints.id, endpoint.id));
      }
      await queue.complete(tx, job.id);
    });
  }
}

function decide(options: DeliveryWorkerOptions, result: DeliveryResult, attempt: number, failingSince: Date, now: Date): Decision {
  // A 2xx is the receiver taking the message, even if the rest of its body never came.
  if (result.status !== null && result.status >= 200 && result.status < 300) return { kind: 'delivered' };
  if (result.status === 410) return { kind: 'disable', reason: `the endpoint answered 410 Gone at ${now.toISOString()}` };
  if (now.getTime() - failingSince.getTime() >= options.disableAfterMs) {
    const days = Math.round((options.disableAfterMs / 86_400_000) * 10) / 10;
    return {
      kind: 'disable',
      reason: `every delivery attempt failed for ${days} days (since ${failingSince.toISOString()}); last: ${result.error ?? `HTTP ${result.status}`}`,
    };
  }
  if (attempt >= options.retry.maxAttempts) return { kind: 'failed' };
  return { kind: 'retry', at: new Date(now.getTime() + retryDelayMs(attempt, options.retry)) };
}

/** Hands the delivery to a new queue job at `at`, completing this one, without counting an attempt. */
async function reschedule(options: DeliveryWorkerOptions, job: { id: string; data: DeliveryJobData }, at: Date, attempt: number): Promise<void> {
  const jobId = randomUUID();
  await options.db.transaction(async (tx) => {
    const moved = await tx
      .update(webhookDeliveries)
      .set({ queueJobId: jobId, nextAttemptAt: at })
      .where(and(eq(webhookDeliveries.id, job.data.deliveryId), eq(webhookDeliveries.queueJobId, job.id), eq(webhookDeliveries.state, 'pending')))
      .returning({ id: webhookDeliveries.id });
    if (moved.length) await options.queue.insert(tx, [{ jobId, deliveryId: job.data.deliveryId, attempt, startAfter: at }]);
    await options.queue.complete(tx, job.id);
  });
}
