import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { jobs } from '../../db/tables.js';
import type { Executor } from '../../db/types.js';
import { jobSearchVector } from './search-vector.js';

/** A job row as stored (normalised), for set-based inserts and updates: the table's columns minus what the database derives. */
export type StoredJob = Omit<typeof jobs.$inferSelect, 'search' | 'version' | 'createdAt' | 'updatedAt'>;

const DERIVED = new Set(['search', 'version', 'createdAt', 'updatedAt']);
/** [property, column] of every stored column, from the drizzle table, so a new column cannot be forgotten here. */
const STORED_COLUMNS = Object.entries(getTableColumns(jobs)).filter(([key]) => !DERIVED.has(key)) as [keyof StoredJob, PgColumn][];
const COLUMN_NAMES = STORED_COLUMNS.map(([, column]) => column.name);
/** The stored fields an update replaces: all but the row's identity. */
const UPDATED_NAMES = COLUMN_NAMES.filter((name) => !['id', 'company_id', 'external_id'].includes(name));

const RECORD_COLUMNS = [...STORED_COLUMNS.map(([, column]) => `${column.name} ${column.getSQLType()}`), 'event text', 'changed_fields text[]'].join(', ');

function toRecord(j: StoredJob, event?: { type: string; changedFields: string[] }) {
  const record: Record<string, unknown> = {};
  for (const [key, column] of STORED_COLUMNS) {
    const value = j[key];
    record[column.name] = value instanceof Date ? value.toISOString() : value;
  }
  record.event = event?.type ?? null;
  record.changed_fields = event?.changedFields ?? [];
  return record;
}

/**
 * Every statement that writes job_events ends with this: a wake-up to the instances streaming the
 * feed. A notification is delivered at commit and dropped on rollback (dry runs), and repeats within
 * one transaction are folded into one. It carries no payload: readers take the events from the feed.
 */
export const JOB_EVENTS_CHANNEL = 'job_events';

const recordset = (rows: unknown[]) => sql.raw(`json_to_recordset(`).append(sql`${JSON.stringify(rows)}::json) as x(`).append(sql.raw(`${RECORD_COLUMNS})`));

/**
 * Inserts jobs in one statement, with their `created` event (and `closed`, for jobs stored
 * closed). `historic` dates the rows and events at posted_at/closed_at (demo data); otherwise now.
 */
export async function insertJobRows(db: Executor, rows: StoredJob[], options: { historic?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const vector = jobSearchVector(sql`x.title`, sql`x.skills`, sql`c.name`, sql`x.description`);
  const createdAt = options.historic ? sql`x.posted_at` : sql`now()`;
  const updatedAt = options.historic ? sql`coalesce(x.closed_at, x.posted_at)` : sql`now()`;
  const closedEventAt = options.historic ? sql`closed_at` : sql`now()`;
  await db.execute(sql`
    with x as (select * from ${recordset(rows.map((r) => toRecord(r)))}),
    inserted as (
      insert into jobs (${sql.raw(COLUMN_NAMES.join(', '))}, search, created_at, updated_at)
      select ${sql.raw(COLUMN_NAMES.map((name) => `x.${name}`).join(', '))}, ${vector}, ${createdAt}, ${updatedAt}
      from x join companies c on c.id = x.company_id
      on conflict do nothing
      returning id, company_id, created_at, status, closed_at
    ),
    events as (
      insert into job_events (job_id, company_id, type, occurred_at)
      select id, company_id, 'created'::job_event_type, created_at from inserted
      union all
      select id, company_id, 'closed'::job_event_type, ${closedEventAt} from inserted where status = 'closed'
      returning 1
    )
    select pg_notify(${JOB_EVENTS_CHANNEL}, '') where exists (select from events)`);
}

/** The filterable fields of a stored row `j`, as job_events.previous keeps them (PreviousJobState). */
const PREVIOUS_STATE = sql.raw(`jsonb_build_object('role', j.role, 'seniority', j.seniority, 'domain', j.domain, 'workplace', j.workplace,
  'employment_type', j.employment_type, 'country', j.country, 'skills', j.skills, 'salary_usd_min', j.salary_usd_min,
  'salary_usd_max', j.salary_usd_max, 'posted_at', j.posted_at, 'status', j.status)`);

/**
 * Replaces the stored fields of existing jobs in one statement: version + 1, search text
 * recomputed, and one event per row (`updated` with its changed fields, `closed` or `reopened`).
 */
export async function updateJobRows(db: Executor, rows: { job: StoredJob; event: string; changedFields: string[] }[]): Promise<void> {
  if (rows.length === 0) return;
  const vector = jobSearchVector(sql`x.title`, sql`x.skills`, sql`c.name`, sql`x.description`);
  await db.execute(sql`
    with x as (select * from ${recordset(rows.map((r) => toRecord(r.job, { type: r.event, changedFields: r.changedFields })))}),
    -- Every CTE reads the rows as they were before this statement: the fields saved searches filter on.
    before as (
      select j.id, ${PREVIOUS_STATE} as previous,
        case when x.changed_fields && array['title', 'skills', 'description'] then j.search end as previous_search
      from jobs j join x on x.id = j.id
    ),
    updated as (
      update jobs set ${sql.raw(UPDATED_NAMES.map((name) => `${name} = x.${name}`).join(', '))},
        search = ${vector}, version = jobs.version + 1, updated_at = now()
      from x join companies c on c.id = x.company_id
      where jobs.id = x.id
      returning jobs.id
    ),
    events as (
      insert into job_events (job_id, company_id, type, changed_fields, previous, previous_search)
      select x.id, x.company_id, x.event::job_event_type, x.changed_fields, b.previous, b.previous_search
      from x join updated u on u.id = x.id join before b on b.id = x.id
      returning 1
    )
    select pg_notify(${JOB_EVENTS_CHANNEL}, '') where exists (select from events)`);
}
