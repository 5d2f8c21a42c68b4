import { and, inArray, notInArray, sql } from 'drizzle-orm';
import { reportedSalaryBands } from './tables.js';
import { REPORTED_SALARY_BANDS } from '../reference/reported-bands.js';
import type { Database } from './types.js';

/**
 * Brings `reported_salary_bands` in step with REPORTED_SALARY_BANDS (reference data, like roles):
 * upserts every band and removes bands of the same sources that the list no longer has. Idempotent;
 * bands of other sources are left alone. Needs the roles to be in place (foreign key).
 */
export async function syncReportedBands(db: Database): Promise<void> {
  const b = reportedSalaryBands;
  if (!REPORTED_SALARY_BANDS.length) return;
  await db
    .insert(b)
    .values(REPORTED_SALARY_BANDS.map((band) => ({ ...band })))
    .onConflictDoUpdate({
      target: b.id,
      set: {
        role: sql`excluded.role`,
        seniority: sql`excluded.seniority`,
        label: sql`excluded.label`,
        minUsd: sql`excluded.min_usd`,
        maxUsd: sql`excluded.max_usd`,
        demandTrend: sql`excluded.demand_trend`,
        source: sql`excluded.source`,
        publishedOn: sql`excluded.published_on`,
      },
    });
  const sources = [...new Set(REPORTED_SALARY_BANDS.map((band) => band.source))];
  await db.delete(b).where(
    and(
      inArray(b.source, sources),
      notInArray(
        b.id,
        REPORTED_SALARY_BANDS.map((band) => band.id),
      ),
    ),
  );
}
