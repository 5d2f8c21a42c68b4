import { sql } from 'drizzle-orm';
import { companies, fxRates, jobs } from '../../../schema/index.js';
import { queryRows, type Database } from '../../db/index.js';
import { jobSearchVector } from '../jobs/search-vector.js';
import { annualUsd } from '../salaries/normalise.js';
import { DEMO_FX_RATES, demoCompanies, demoJobs } from './generator.js';
import type { DemoJob, DemoOptions } from './types.js';

const BATCH = 5000;

export interface SeedReport {
  companies: number;
  jobs: number;
  milliseconds: number;
}

/** True when the database holds no jobs yet (first start of an embedded instance). */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ any: boolean }>(db, sql`select exists(select 1 from ${jobs}) as any`);
  return !row?.any;
}

/**
 * Loads deterministic demo data: FX rates, companies, then jobs in set-based batches (one
 * INSERT … SELECT per few thousand rows, with their `created`/`closed` events in the same statement).
 */
export async function seedDemo(
  db: Database,
  options: DemoOptions,
  onProgress?: (jobsDone: number) => void,
): Promise<SeedReport> {
  const started = Date.now();
  await db
    .insert(fxRates)
    .values(DEMO_FX_RATES.map((r) => ({ currency: r.currency, asOf: r.asOf, usdPerUnit: r.usdPerUnit })))
    .onConflictDoNothing();
  const rates = new Map(DEMO_FX_RATES.map((r) => [r.currency, r]));

  const companyRows = demoCompanies(options.seed);
  await db
    .insert(companies)
    .values(companyRows)
    .onConflictDoNothing({ target: companies.slug });

  let batch: DemoJob[] = [];
  let done = 0;
  for (const job of demoJobs(companyRows, options)) {
    batch.push(job);
    if (batch.length === BATCH) {
      await insertJobs(db, batch, rates);
      done += batch.length;
      onProgress?.(done);
      batch = [];
    }
  }
  if (batch.length) {
    await insertJobs(db, batch, rates);
    done += batch.length;
    onProgress?.(done);
  }
  return { companies: companyRows.length, jobs: done, milliseconds: Date.now() - started };
}

export async function insertJobs(
  db: Database,
  batch: DemoJob[],
  rates: Map<string, { usdPerUnit: number; asOf: string }>,
): Promise<void> {
  const rows = batch.map((j) => {
    const rate = j.salaryCurrency ? rates.get(j.salaryCurrency) : undefined;
    const usd =
      rate && j.salaryMin !== null && j.salaryMax !== null && j.salaryPeriod
        ? annualUsd({ min: j.salaryMin, max: j.salaryMax, currency: j.salaryCurrency!, period: j.salaryPeriod }, rate.usdPerUnit)
        : null;
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
      salary_min: usd ? j.salaryMin : null,
      salary_max: usd ? j.salaryMax : null,
      salary_currency: usd ? j.salaryCurrency : null,
      salary_period: usd ? j.salaryPeriod : null,
      salary_usd_min: usd?.min ?? null,
      salary_usd_max: usd?.max ?? null,
      salary_fx_as_of: usd ? rate!.asOf : null,
      posted_at: j.postedAt.toISOString(),
      valid_through: j.validThrough?.toISOString() ?? null,
      status: j.status,
      close_reason: j.closeReason,
      closed_at: j.closedAt?.toISOString() ?? null,
      apply_url: j.applyUrl,
    };
  });
  const vector = jobSearchVector(sql`x.title`, sql`x.skills`, sql`c.name`, sql`x.description`);
  await db.execute(sql`
    with x as (
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as x(
        id uuid, company_id uuid, external_id text, title text, role text, seniority seniority, domain domain,
        skills text[], description text, employment_type employment_type, workplace workplace, city text,
        region text, country char(2), salary_min numeric, salary_max numeric, salary_currency char(3),
        salary_period salary_period, salary_usd_min int, salary_usd_max int, salary_fx_as_of date,
        posted_at timestamptz, valid_through timestamptz, status job_status, close_reason close_reason,
        closed_at timestamptz, apply_url text)
    ),
    inserted as (
      insert into jobs (id, company_id, external_id, title, role, seniority, domain, skills, description,
        employment_type, workplace, city, region, country, salary_min, salary_max, salary_currency,
        salary_period, salary_usd_min, salary_usd_max, salary_fx_as_of, posted_at, valid_through, status,
        close_reason, closed_at, apply_url, search, created_at, updated_at)
      select x.id, x.company_id, x.external_id, x.title, x.role, x.seniority, x.domain, x.skills, x.description,
        x.employment_type, x.workplace, x.city, x.region, x.country, x.salary_min, x.salary_max,
        x.salary_currency, x.salary_period, x.salary_usd_min, x.salary_usd_max, x.salary_fx_as_of, x.posted_at,
        x.valid_through, x.status, x.close_reason, x.closed_at, x.apply_url, ${vector}, x.posted_at,
        coalesce(x.closed_at, x.posted_at)
      from x join companies c on c.id = x.company_id
      on conflict do nothing
      returning id, company_id, posted_at, status, closed_at
    )
    insert into job_events (job_id, company_id, type, occurred_at)
    select id, company_id, 'created'::job_event_type, posted_at from inserted
    union all
    select id, company_id, 'closed'::job_event_type, closed_at from inserted where status = 'closed'`);
}
