import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/index.js';
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
        where ${after} and e.txid < pg_snapshot_xmin(pg_current_snapshot())
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
