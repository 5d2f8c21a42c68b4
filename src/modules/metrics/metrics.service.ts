/**
 * The statements a metrics scrape runs. Each one is bounded (it stops counting at `bound` rows and
 * reads a partial or range index), so a scrape costs the same whatever the backlog.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/index.js';
import type { FeedPosition } from '../jobs/changes.service.js';

/** Delta rows of each rollup that compaction has not folded yet, counted up to `bound` (partial indexes on `not compacted`). */
export async function pendingRollupDeltas(db: Database, bound: number): Promise<{ posting: number; salary: number }> {
  const [row] = await queryRows<{ posting: number; salary: number }>(
    db,
    sql`select (select count(*) from (select 1 from posting_rollup where not compacted limit ${bound}) p)::int as posting,
               (select count(*) from (select 1 from salary_rollup where not compacted limit ${bound}) s)::int as salary`,
  );
  return { posting: Number(row?.posting ?? 0), salary: Number(row?.salary ?? 0) };
}

/**
 * Change-feed events written after `position` (the job stream's), counted up to `bound` over the
 * feed index. Events of transactions still open elsewhere are included: the lag is what was
 * written and not delivered yet.
 */
export async function feedEventsAfter(db: Database, position: FeedPosition, bound: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select 1 from job_events where (txid, id) > (${position.txid}::xid8, ${position.id}::bigint) limit ${bound}
        ) e`,
  );
  return Number(row?.n ?? 0);
}

/** Webhook deliveries still pending (first attempt or retries to come), counted up to `bound` over their partial index. */
export async function pendingWebhookDeliveries(db: Database, bound: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from webhook_deliveries where state = 'pending' limit ${bound}) d`,
  );
  return Number(row?.n ?? 0);
}

/** Change-feed events the webhook dispatcher has not turned into deliveries yet, counted up to `bound` (0 before its first pass). */
export async function undispatchedFeedEvents(db: Database, bound: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select 1 from job_events e, webhook_dispatch d where d.id = 1 and (e.txid, e.id) > (d.txid, d.event_id) limit ${bound}
        ) e`,
  );
  return Number(row?.n ?? 0);
}
