import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { radarPublications, savedSearchMatches, webhookDispatch, webhookEndpoints } from '../../db/tables.js';
import { queryRows, type Database, type DatabaseHandle, type Executor } from '../../db/index.js';
import { addDays, dayMs, isoDay } from '../../lib/days.js';
import { feedHead, readFeed, type FeedEvent, type FeedPosition } from '../jobs/changes.service.js';
import { jobFilterConditions, type JobFilters, type JobSource } from '../jobs/jobs.query.js';
import { getJobsByIds } from '../jobs/jobs.service.js';
import { JOB_EVENTS_CHANNEL } from '../jobs/jobs.store.js';
import { radar } from '../market/market.service.js';
import { allSavedSearchFilters } from '../saved-searches/saved-searches.service.js';
import { jobEventName, type WebhookPayload } from './events.js';
import type { DeliveryQueue } from './queue.js';
import { enqueueDeliveries, type NewDelivery } from './webhooks.service.js';

interface Logger {
  warn(obj: object, msg: string): void;
}

export interface DispatcherOptions {
  database: Pick<DatabaseHandle, 'db' | 'listen'>;
  queue: DeliveryQueue;
  log: Logger;
  pollMs: number;
  /** The clock that decides when a weekly radar is due (tests move it). */
  now: () => number;
  /** Feed events turned into deliveries per transaction. */
  batchSize?: number;
  /** Finished deliveries (and their attempts) are deleted after this many days. */
  retentionDays: number;
}

const PRUNE_EVERY_MS = 3600_000;
/** Deliveries deleted per statement, so pruning never holds locks for long. */
const PRUNE_BATCH = 1000;

/** Deletes deliveries finished more than `days` ago (their attempts go with them), a batch at a time. */
export async function pruneDeliveries(db: Database, days: number): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`delete from webhook_deliveries where id in (
            select id from webhook_deliveries where state <> 'pending' and created_at < now() - ${days} * interval '1 day' limit ${PRUNE_BATCH})
          returning id`,
    );
    total += rows.length;
    if (rows.length < PRUNE_BATCH) return total;
  }
}

/** Saved searches evaluated per statement (one UNION ALL of their conditions). */
const SEARCHES_PER_STATEMENT = 50;

const column = (expression: string) => sql.raw(expression) as unknown as AnyPgColumn;

/** A posting as it was before an event: job_events.previous (and the search text it had then). */
const PREVIOUS_SOURCE: JobSource = {
  table: undefined as never,
  id: column('e.job_id'),
  companyId: column('e.company_id'),
  role: column('p.role'),
  seniority: column('p.seniority'),
  domain: column('p.domain'),
  skills: column('p.skills'),
  employmentType: column('p.employment_type'),
  workplace: column('p.workplace'),
  country: column('p.country'),
  salaryUsdMin: column('p.salary_usd_min'),
  salaryUsdMax: column('p.salary_usd_max'),
  postedAt: column('p.posted_at'),
  search: column('coalesce(e.previous_search, j.search)'),
  titleSearch: sql`null`,
  headSearch: sql`null`,
  status: column('p.status'),
};

const PREVIOUS_FROM = sql.raw(`job_events e join jobs j on j.id = e.job_id
  cross join lateral jsonb_to_record(e.previous) as p(role text, seniority text, domain text, workplace text, employment_type text,
    country text, skills text[], salary_usd_min int, salary_usd_max int, posted_at timestamptz, status text)`);

const where = (conditions: SQL[]) => (conditions.length ? sql.join(conditions, sql` and `) : sql`true`);

/** For each saved search, which of `ids` it matches: postings as they are now, or events' previous states. */
async function matchesBySearch(
  tx: Executor,
  searches: readonly { id: string; filters: JobFilters }[],
  ids: readonly (string | number)[],
  previous: boolean,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(searches.map((s) => [s.id, new Set()]));
  if (ids.length === 0) return out;
  for (let i = 0; i < searches.length; i += SEARCHES_PER_STATEMENT) {
    const parts = searches.slice(i, i + SEARCHES_PER_STATEMENT).map((s) =>
      previous
        ? sql`select ${s.id}::text as search, e.id::text as id from ${PREVIOUS_FROM}
              where e.id = any(${sql.param(ids.map(Number))}::bigint[]) and ${where(jobFilterConditions(s.filters, PREVIOUS_SOURCE))}`
        : sql`select ${s.id}::text as search, jobs.id::text as id from jobs
              where jobs.id = any(${sql.param(ids)}::uuid[]) and ${where(jobFilterConditions(s.filters))}`,
    );
    const rows = await queryRows<{ search: string; id: string }>(tx, sql.join(parts, sql` union all `));
    for (const r of rows) out.get(r.search)!.add(r.id);
  }
  return out;
}

/**
 * Turns the change feed into deliveries, exactly once: in one transaction, under a lock only one
 * instance holds at a time, it reads the next events after its stored position, records which
 * postings newly match which saved searches, stores the deliveries, enqueues their first attempts
 * (pg-boss, same transaction) and moves its position. A crash before the commit leaves all of it
 * undone; a second instance waits for the lock and reads on from the new position.
 *
 * The outbox this reads is job_events: each write inserts its events in the statement that writes
 * the posting (a dry run rolls them back with it), and the feed shows only committed ones in order.
 */
export class WebhookDispatcher {
  readonly #options: Required<DispatcherOptions>;
  #timer: NodeJS.Timeout | undefined;
  #listener: { close(): Promise<void> } | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;
  #prunedAt = 0;

  constructor(options: DispatcherOptions) {
    this.#options = { batchSize: 500, ...options };
  }

  async start(): Promise<void> {
    // Writers NOTIFY at commit; the poll covers events a still-running older transaction held back, and lost wake-ups.
    try {
      this.#listener = await this.#options.database.listen(JOB_EVENTS_CHANNEL, () => this.wake(), () => (this.#listener = undefined));
    } catch (err) {
      this.#options.log.warn({ err }, 'webhook dispatcher: cannot LISTEN, polling only');
    }
    this.#timer = setInterval(() => this.wake(), this.#options.pollMs).unref();
    this.wake();
  }

  /** Reads the feed now (coalesced: one pass at a time, one more if woken meanwhile). */
  wake(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#again = false;
    this.#running = this.#drain()
      .catch((err: unknown) => this.#options.log.warn({ err }, 'webhook dispatcher: pass failed, retrying at the next wake-up'))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) this.wake();
      });
  }

  /** Resolves once every event committed before the call has been dispatched (tests, benchmarks). */
  async settle(): Promise<void> {
    await this.#running;
    await this.#drain();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#listener?.close().catch(() => {});
    await this.#running;
  }

  async #drain(): Promise<void> {
    while (!this.#closed && (await dispatchOnce(this.#options))) {
      // A full page: there may be more.
    }
    if (this.#options.now() - this.#prunedAt >= PRUNE_EVERY_MS) {
      this.#prunedAt = this.#options.now();
      await pruneDeliveries(this.#options.database.db, this.#options.retentionDays);
    }
  }
}

/** One dispatch transaction; true when the feed had a full page (read again). */
export async function dispatchOnce(options: Pick<Required<DispatcherOptions>, 'database' | 'queue' | 'now' | 'batchSize'>): Promise<boolean> {
  const { db } = options.database;
  const radarDue = await dueRadar(db, options.now());
  const outcome = await db.transaction(async (tx) => {
    // Not a row lock: taking none assigns this transaction no id until it writes, so it never holds the feed horizon back while it reads.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('hiring-radar:webhook-dispatch', 0))`);
    const position = await dispatchPosition(tx);
    const page = await readFeed(tx, position, options.batchSize);
    const deliveries: NewDelivery[] = [];
    if (page.events.length) {
      deliveries.push(...(await feedDeliveries(tx, page.events)));
      await tx.update(webhookDispatch).set({ txid: page.position.txid, eventId: page.position.id, updatedAt: sql`now()` }).where(eq(webhookDispatch.id, 1));
    }
    if (radarDue) deliveries.push(...(await radarDeliveries(tx, radarDue)));
    await enqueueDeliveries(tx, options.queue, deliveries);
    return { delivered: deliveries.length, more: page.hasMore };
  });
  if (outcome.delivered) options.queue.wake();
  return outcome.more;
}

/** The stored position; the first pass starts at the head of the feed (earlier events are history). */
async function dispatchPosition(tx: Executor): Promise<FeedPosition> {
  const [row] = await tx.select().from(webhookDispatch).where(eq(webhookDispatch.id, 1));
  if (row) return { txid: row.txid, id: row.eventId };
  const head = await feedHead(tx);
  await tx.insert(webhookDispatch).values({ id: 1, txid: head.txid, eventId: head.id });
  return head;
}

async function feedDeliveries(tx: Executor, events: FeedEvent[]): Promise<NewDelivery[]> {
  const jobIds = [...new Set(events.map((e) => e.jobId))];
  const jobs = await getJobsByIds(tx, jobIds);
  const byId = new Map(jobIds.map((id, i) => [id, jobs[i]]));
  const publicJob = (id: string) => {
    const job = byId.get(id);
    if (!job) return null;
    const { external_id: _partnerOnly, ...rest } = job;
    return rest;
  };
  const timestamp = new Date().toISOString();
  const deliveries: NewDelivery[] = [];

  // job.* to the partner whose posting it is.
  const companyIds = [...new Set(jobs.flatMap((j) => (j ? [j.company.id] : [])))];
  const partnerEndpoints = companyIds.length
    ? await tx
        .select({ id: webhookEndpoints.id, companyId: webhookEndpoints.companyId, events: webhookEndpoints.events })
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.enabled, true), inArray(webhookEndpoints.companyId, companyIds)))
    : [];
  for (const event of events) {
    const job = publicJob(event.jobId);
    if (!job) continue;
    const type = jobEventName(event.type);
    for (const endpoint of partnerEndpoints) {
      if (endpoint.companyId === job.company.id && endpoint.events.includes(type)) deliveries.push({ endpointId: endpoint.id, payload: { type, timestamp, data: job } });
    }
  }

  // saved_search.matched: postings that changed into a saved search's match.
  const searches = await allSavedSearchFilters(tx);
  if (searches.length === 0) return deliveries;
  const withPrevious = await queryRows<{ id: string }>(tx, sql`select id::text as id from job_events where id = any(${sql.param(events.map((e) => e.id))}::bigint[]) and previous is not null`);
  const hadPrevious = new Set(withPrevious.map((r) => r.id));
  // One after another: a transaction's statements share its one connection.
  const now = await matchesBySearch(tx, searches, jobIds, false);
  const before = await matchesBySearch(tx, searches, [...hadPrevious], true);
  const openRows = await tx
    .select({ searchId: savedSearchMatches.savedSearchId, jobId: savedSearchMatches.jobId })
    .from(savedSearchMatches)
    .where(and(inArray(savedSearchMatches.jobId, jobIds), isNull(savedSearchMatches.endedAt)));
  const open = new Set(openRows.map((r) => `${r.searchId}|${r.jobId}`));
  const started: { savedSearchId: string; jobId: string; eventId: number; eventType: FeedEvent['type'] }[] = [];
  const ended: { searchId: string; jobId: string }[] = [];
  for (const event of events) {
    for (const search of searches) {
      const key = `${search.id}|${event.jobId}`;
      const matchesNow = now.get(search.id)!.has(event.jobId);
      if (!matchesNow) {
        if (open.delete(key)) ended.push({ searchId: search.id, jobId: event.jobId });
        continue;
      }
      // Matching already (reported, or matching all along before the event): not new.
      if (open.has(key) || before.get(search.id)!.has(String(event.id))) continue;
      open.add(key);
      started.push({ savedSearchId: search.id, jobId: event.jobId, eventId: event.id, eventType: event.type });
    }
  }
  for (const e of ended) {
    await tx
      .update(savedSearchMatches)
      .set({ endedAt: sql`now()` })
      .where(and(eq(savedSearchMatches.savedSearchId, e.searchId), eq(savedSearchMatches.jobId, e.jobId), isNull(savedSearchMatches.endedAt)));
  }
  for (let i = 0; i < started.length; i += 500) await tx.insert(savedSearchMatches).values(started.slice(i, i + 500));
  if (started.length === 0) return deliveries;

  const matchedSearchIds = [...new Set(started.map((s) => s.savedSearchId))];
  const subscribers = await tx
    .select({ id: webhookEndpoints.id, savedSearchIds: webhookEndpoints.savedSearchIds })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.enabled, true),
        sql`'saved_search.matched' = any(${webhookEndpoints.events})`,
        sql`${webhookEndpoints.savedSearchIds} && ${sql.param(matchedSearchIds)}::uuid[]`,
      ),
    );
  if (subscribers.length === 0) return deliveries;
  const names = new Map(
    (await queryRows<{ id: string; name: string }>(tx, sql`select id::text as id, name from saved_searches where id = any(${sql.param(matchedSearchIds)}::uuid[])`)).map((r) => [r.id, r.name]),
  );
  for (const match of started) {
    const job = publicJob(match.jobId);
    if (!job) continue;
    for (const endpoint of subscribers) {
      if (!endpoint.savedSearchIds.includes(match.savedSearchId)) continue;
      const payload: WebhookPayload = {
        type: 'saved_search.matched',
        timestamp,
        data: { saved_search: { id: match.savedSearchId, name: names.get(match.savedSearchId) ?? '' }, event: { id: String(match.eventId), type: match.eventType }, job },
      };
      deliveries.push({ endpointId: endpoint.id, payload });
    }
  }
  return deliveries;
}

/** The ISO week that ended most recently (its Monday), at `now`. */
export function lastEndedWeek(now: number): string {
  const today = isoDay(now);
  const dow = (new Date(dayMs(today)).getUTCDay() + 6) % 7;
  return addDays(today, -dow - 7);
}

/**
 * The radar of the week that ended, when it has not been announced yet (computed before the dispatch
 * transaction, and only when some endpoint will receive it).
 */
async function dueRadar(db: Database, now: number): Promise<{ week: string; payload: WebhookPayload | null } | null> {
  const week = lastEndedWeek(now);
  const [published] = await db.select({ week: radarPublications.week }).from(radarPublications).where(eq(radarPublications.week, week));
  if (published) return null;
  const [subscriber] = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.enabled, true), RADAR_SUBSCRIBER)).limit(1);
  if (!subscriber) return { week, payload: null };
  const data = await radar(db, week, now);
  return { week, payload: { type: 'radar.published', timestamp: new Date(now).toISOString(), data } };
}

const RADAR_SUBSCRIBER = sql`'radar.published' = any(${webhookEndpoints.events})`;

/** Claims the week's announcement (once, whichever instance gets there first) and addresses it to every subscriber. */
async function radarDeliveries(tx: Executor, due: { week: string; payload: WebhookPayload | null }): Promise<NewDelivery[]> {
  const claimed = await tx.insert(radarPublications).values({ week: due.week }).onConflictDoNothing().returning({ week: radarPublications.week });
  const payload = due.payload;
  if (!claimed.length || !payload) return [];
  const endpoints = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.enabled, true), RADAR_SUBSCRIBER));
  return endpoints.map((e) => ({ endpointId: e.id, payload }));
}
