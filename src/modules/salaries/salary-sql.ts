/**
 * Pieces every salary statement shares, so that all of them measure, filter and round alike: the
 * measured value (the midpoint), the FROM and WHERE of the postings, the role order, percentiles and
 * the rounding of ratios.
 */
import { and, isNotNull, sql, type SQL } from 'drizzle-orm';
import { companies, jobs } from '../../db/tables.js';
import { ROLE_KEYS } from '../../reference/taxonomy.js';
import { jobFilterConditions, type JobFilters } from '../jobs/jobs.query.js';
import { textArray } from '../../lib/sql.js';

/** The measured value: midpoint of the normalised annual USD range, exact (numeric). */
export const MIDPOINT = sql`((${jobs.salaryUsdMin}::numeric + ${jobs.salaryUsdMax}) / 2)`;

/** `jobs` joined to `companies`, as the job filters expect. */
export const FROM_JOBS = sql`${jobs} inner join ${companies} on ${companies.id} = ${jobs.companyId}`;

/** The filters' conditions plus "has a salary". */
export function salariedWhere(filters: JobFilters): SQL {
  return and(...jobFilterConditions(filters), isNotNull(jobs.salaryUsdMin), isNotNull(jobs.salaryUsdMax))!;
}

/** Orders roles as the taxonomy lists them. */
export const rolePosition = (column: SQL) => sql`array_position(${textArray(ROLE_KEYS)}, ${column})`;

export const percentile = (p: number, value: SQL) =>
  sql`round((percentile_cont(${sql.raw(String(p))}) within group (order by ${value}::float8))::numeric)::int`;

/** A ratio rounded to 4 decimals, as every ratio and premium of the API is given. */
export const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
