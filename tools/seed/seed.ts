import { compactRollups } from '../../src/modules/rollups/rollups.service.js';
import { sql } from 'drizzle-orm';
import { companies, jobs } from '../../src/db/tables.js';
import { queryRows, type Database } from '../../src/db/index.js';
import { insertJobRows, type StoredJob } from '../../src/modules/jobs/jobs.store.js';
import { insertLayoffs } from './insert-layoffs.js';
import { demoLayoffs } from './layoffs.js';
import { annualUsd } from '../../src/modules/salaries/normalise.js';
import { demoCompanies } from './companies.js';
import { demoJobs } from './jobs.js';
import { DEMO_FX_RATES } from './pay.js';
import type { DemoJob, DemoOptions } from './types.js';

const BATCH = 5000;

export interface SeedReport {
  companies: number;
  jobs: number;
  layoffs: number;
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
  const rates = new Map(DEMO_FX_RATES.map((r) => [r.currency, r]));

  const companyRows = demoCompanies(options.seed);
  await db
    .insert(companies)
    .values(companyRows)
    .onConflictDoNothing({ target: companies.slug });
  // Layoff events over the same window, with the calibrated Q1 2026 set (78,557 people).
  const layoffCount = await insertLayoffs(db, demoLayoffs(companyRows, options));

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
  // Each batch appended its own rollup deltas: fold them, so the first trend reads start small.
  await compactRollups(db);
  return { companies: companyRows.length, jobs: done, layoffs: layoffCount, milliseconds: Date.now() - started };
}

export async function insertJobs(
  db: Database,
  batch: DemoJob[],
  rates: Map<string, { usdPerUnit: number; asOf: string }>,
): Promise<void> {
  const rows: StoredJob[] = batch.map((j) => {
    const rate = j.salaryCurrency ? rates.get(j.salaryCurrency) : undefined;
    const usd =
      rate && j.salaryMin !== null && j.salaryMax !== null && j.salaryPeriod
        ? annualUsd({ min: j.salaryMin, max: j.salaryMax, currency: j.salaryCurrency!, period: j.salaryPeriod }, rate.usdPerUnit)
        : null;
    return {
      ...j,
      salaryMin: usd ? j.salaryMin : null,
      salaryMax: usd ? j.salaryMax : null,
      salaryCurrency: usd ? j.salaryCurrency : null,
      salaryPeriod: usd ? j.salaryPeriod : null,
      salaryUsdMin: usd?.min ?? null,
      salaryUsdMax: usd?.max ?? null,
      salaryFxAsOf: usd ? rate!.asOf : null,
    };
  });
  await insertJobRows(db, rows, { historic: true });
}
