import { sql } from 'drizzle-orm';
import type { Database } from '../../db/index.js';
import { jobSearchVector } from './search-vector.js';

/** A job row as stored (normalised), for set-based inserts and updates. */
export interface StoredJob {
  id: string;
  companyId: string;
  externalId: string | null;
  title: string;
  role: string;
  seniority: string;
  domain: string;
  skills: string[];
  description: string;
  employmentType: string;
  workplace: string;
  city: string | null;
  region: string | null;
  country: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: string | null;
  salaryUsdMin: number | null;
  salaryUsdMax: number | null;
  salaryFxAsOf: string | null;
  postedAt: Date;
  validThrough: Date | null;
  status: 'open' | 'closed';
  closeReason: string | null;
  closedAt: Date | null;
  applyUrl: string | null;
}

const RECORD_COLUMNS = `
  id uuid, company_id uuid, external_id text, title text, role text, seniority seniority, domain domain,
  skills text[], description text, employment_type employment_type, workplace workplace, city text,
  region text, country char(2), salary_min numeric, salary_max numeric, salary_currency char(3),
  salary_period salary_period, salary_usd_min int, salary_usd_max int, salary_fx_as_of date,
  posted_at timestamptz, valid_through timestamptz, status job_status, close_reason close_reason,
  closed_at timestamptz, apply_url text, event text, changed_fields text[]`;

function toRecord(j: StoredJob, event?: { type: string; changedFields: string[] }) {
  return {
    id: j.id,
    company_id: j.companyId,
    external_id: j.externalId,
    title: j.title,
    role: j.role,
    seniority: j.seniority,
    domain: j.domain,
    skills: j.skills,
    description: j.description,
    employment_type: j.employmentType,
    workplace: j.workplace,
    city: j.city,
    region: j.region,
    country: j.country,
    salary_min: j.salaryMin,
    salary_max: j.salaryMax,
    salary_currency: j.salaryCurrency,
    salary_period: j.salaryPeriod,
    salary_usd_min: j.salaryUsdMin,
    salary_usd_max: j.salaryUsdMax,
    salary_fx_as_of: j.salaryFxAsOf,
    posted_at: j.postedAt.toISOString(),
    valid_through: j.validThrough?.toISOString() ?? null,
    status: j.status,
    close_reason: j.closeReason,
    closed_at: j.closedAt?.toISOString() ?? null,
    apply_url: j.applyUrl,
    event: event?.type ?? null,
    changed_fields: event?.changedFields ?? [],
  };
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
export async function insertJobRows(db: Database, rows: StoredJob[], options: { historic?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const vector = jobSearchVector(sql`x.title`, sql`x.skills`, sql`c.name`, sql`x.description`);
  const createdAt = options.historic ? sql`x.posted_at` : sql`now()`;
  const updatedAt = options.historic ? sql`coalesce(x.closed_at, x.posted_at)` : sql`now()`;
  const closedEventAt = options.historic ? sql`closed_at` : sql`now()`;
  await db.execute(sql`
    with x as (select * from ${recordset(rows.map((r) => toRecord(r)))}),
    inserted as (
      insert into jobs (id, company_id, external_id, title, role, seniority, domain, skills, description,
        employment_type, workplace, city, region, country, salary_min, salary_max, salary_currency,
        salary_period, salary_usd_min, salary_usd_max, salary_fx_as_of, posted_at, valid_through, status,
        close_reason, closed_at, apply_url, search, created_at, updated_at)
      select x.id, x.company_id, x.external_id, x.title, x.role, x.seniority, x.domain, x.skills, x.description,
        x.employment_type, x.workplace, x.city, x.region, x.country, x.salary_min, x.salary_max,
        x.salary_currency, x.salary_period, x.salary_usd_min, x.salary_usd_max, x.salary_fx_as_of, x.posted_at,
        x.valid_through, x.status, x.close_reason, x.closed_at, x.apply_url, ${vector}, ${createdAt}, ${updatedAt}
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

/**
 * Replaces the stored fields of existing jobs in one statement: version + 1, search text
 * recomputed, and one event per row (`updated` with its changed fields, `closed` or `reopened`).
 */
export async function updateJobRows(db: Database, rows: { job: StoredJob; event: string; changedFields: string[] }[]): Promise<void> {
  if (rows.length === 0) return;
  const vector = jobSearchVector(sql`x.title`, sql`x.skills`, sql`c.name`, sql`x.description`);
  await db.execute(sql`
    with x as (select * from ${recordset(rows.map((r) => toRecord(r.job, { type: r.event, changedFields: r.changedFields })))}),
    updated as (
      update jobs set title = x.title, role = x.role, seniority = x.seniority, domain = x.domain, skills = x.skills,
        description = x.description, employment_type = x.employment_type, workplace = x.workplace, city = x.city,
        region = x.region, country = x.country, salary_min = x.salary_min, salary_max = x.salary_max,
        salary_currency = x.salary_currency, salary_period = x.salary_period, salary_usd_min = x.salary_usd_min,
        salary_usd_max = x.salary_usd_max, salary_fx_as_of = x.salary_fx_as_of, posted_at = x.posted_at,
        valid_through = x.valid_through, status = x.status, close_reason = x.close_reason, closed_at = x.closed_at,
        apply_url = x.apply_url, search = ${vector}, version = jobs.version + 1, updated_at = now()
      from x join companies c on c.id = x.company_id
      where jobs.id = x.id
      returning jobs.id
    ),
    events as (
      insert into job_events (job_id, company_id, type, changed_fields)
      select x.id, x.company_id, x.event::job_event_type, x.changed_fields from x join updated u on u.id = x.id
      returning 1
    )
    select pg_notify(${JOB_EVENTS_CHANNEL}, '') where exists (select from events)`);
}
