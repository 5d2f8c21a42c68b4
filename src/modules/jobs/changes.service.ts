import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../../db/index.js';
import type { CursorCodec } from '../../lib/cursor.js';
import { ValidationProblem } from '../../lib/errors.js';

export interface JobChange {
  id: string;
  type: 'created' | 'updated' | 'closed' | 'reopened';
  job_id: string;
  company: string;
  changed_fields: string[];
  occurred_at: string;
}

const FEED = { sort: 'feed', fingerprint: '' };

/**
 * The transaction id below which the feed is final: no event can still commit with a smaller one.
 * That is the oldest transaction of the snapshot still running, except those seen running in
 * another database (they can never write our job_events), so a long load elsewhere on the same
 * server does not hold the feed back. A transaction that cannot be placed counts as ours.
 */
const FEED_HORIZON = sql`(select least(pg_snapshot_xmax(s), (
    select min(x) from pg_snapshot_xip(s) x
    where not exists (select from pg_stat_activity a
      where a.backend_xid = x::xid and a.datname is not null and a.datname <> current_database())))
  from pg_current_snapshot() s)`;

/**
 * The change feed, in an order no reader can fall behind of: events are ordered by the id of
 * the transaction that wrote them, and only events of transactions older than every transaction
 * still running are shown. A late-committing writer therefore cannot add an event "before" a
 * cursor a reader already holds (as a plain sequence order would allow).
 */
export async function listChanges(
  deps: { db: Database; cursors: CursorCodec },
  since: string | undefined,
  limit: number,
): Promise<{ data: JobChange[]; next_cursor: string; has_more: boolean }> {
  let after = sql`true`;
  let position: [string, number] = ['0', 0];
  if (since) {
    const [txid, id] = deps.cursors.decode(since, FEED).k;
    if (typeof txid !== 'string' || !/^\d{1,20}$/.test(txid) || typeof id !== 'number' || !Number.isSafeInteger(id)) {
      throw new ValidationProblem([{ name: 'since', reason: 'is not a cursor issued by this feed' }]);
    }
    position = [txid, id];
    after = sql`(e.txid, e.id) > (${txid}::xid8, ${id}::bigint)`;
  }
  const rows = await queryRows<{ id: number; txid: string; type: JobChange['type']; job_id: string; company: string; changed_fields: string[]; occurred_at: string }>(
    deps.db,
    sql`select e.id::bigint as id, e.txid::text as txid, e.type::text as type, e.job_id::text as job_id, c.slug as company,
          e.changed_fields, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at
        from job_events e join companies c on c.id = e.company_id
        where ${after} and e.txid < ${FEED_HORIZON}
        order by e.txid, e.id
        limit ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  if (last) position = [last.txid, Number(last.id)];
  return {
    data: page.map((r) => ({
      id: String(r.id),
      type: r.type,
      job_id: r.job_id,
      company: r.company,
      changed_fields: r.changed_fields,
      occurred_at: r.occurred_at,
    })),
    next_cursor: deps.cursors.encode({ s: FEED.sort, f: FEED.fingerprint, k: position }),
    has_more: rows.length > limit,
  };
}

/** A place in the feed: the (transaction id, event id) of the last event read. */
export interface FeedPosition {
  txid: string;
  id: number;
}

export interface FeedEvent {
  id: number;
  type: JobChange['type'];
  jobId: string;
}

/** The position after the last final event: reading from it yields only events still to come. */
export async function feedHead(db: Executor): Promise<FeedPosition> {
  const [row] = await queryRows<{ txid: string; id: number }>(
    db,
    sql`select txid::text as txid, id::bigint as id from job_events where txid < ${FEED_HORIZON} order by txid desc, id desc limit 1`,
  );
  return row ? { txid: row.txid, id: Number(row.id) } : { txid: '0', id: 0 };
}

/** Up to `limit` final events after `after`, in feed order, and the position after the last one. */
export async function readFeed(db: Executor, after: FeedPosition, limit: number): Promise<{ events: FeedEvent[]; position: FeedPosition; hasMore: boolean }> {
  const rows = await queryRows<{ id: number; txid: string; type: JobChange['type']; job_id: string }>(
    db,
    sql`select id::bigint as id, txid::text as txid, type::text as type, job_id::text as job_id
        from job_events
        where (txid, id) > (${after.txid}::xid8, ${after.id}::bigint) and txid < ${FEED_HORIZON}
        order by txid, id
        limit ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map((r) => ({ id: Number(r.id), type: r.type, jobId: r.job_id })),
    position: last ? { txid: last.txid, id: Number(last.id) } : after,
    hasMore: rows.length > limit,
  };
}
