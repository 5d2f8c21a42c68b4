/**
 * `GET /v1/salaries` read from salary_rollup (midpoint counts) instead of the postings, when a
 * grouping set of the rollup answers the filters and groups exactly: same rows, same answer.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import { salaryRollup } from '../../db/tables.js';
import { queryRows, type Database } from '../../db/index.js';
import type { JobFilters } from '../jobs/jobs.query.js';
import { chooseRollupSet, rollupColumn, rollupConditions, SALARY_ROLLUP_SETS, type RollupDimension } from '../rollups/rollups.service.js';
import { MAX_GROUPS } from './salaries.schemas.js';
import { DIMENSIONS, type StatRowWithKeys } from './salary-distribution-rows.js';
import type { SalaryStatsRequest } from './salaries.input.js';

/** The salary_rollup grouping set that answers these filters and groups exactly, if any. */
export function salaryRollupSet(filters: JobFilters, groupBy: readonly string[]): readonly RollupDimension[] | undefined {
  return chooseRollupSet(SALARY_ROLLUP_SETS, filters, groupBy);
}

/**
 * STAT_COLUMNS over midpoints that come with a count each, from rows holding `mid_x2` (twice the
 * midpoint, an integer: midpoints are whole or half dollars), `n`, `cum` (running count in
 * midpoint order) and `total`. Percentiles are computed as `percentile_cont` does over the
 * postings (float8 rank p·(N−1), linear interpolation between the values at the ranks around it);
 * min, max and mean round the same exact numerics. So both forms give identical answers.
 */
const weightedPercentile = (p: number) => {
  const rank = sql.raw(`(${p}::float8 * (total - 1))`);
  const at = (k: SQL) => sql`(min(mid_x2) filter (where cum > ${k}))::float8 / 2`;
  return sql`round((${at(sql`floor(${rank})`)} + (${at(sql`ceil(${rank})`)} - ${at(sql`floor(${rank})`)}) * (${rank} - floor(${rank})))::numeric)::int`;
};
const WEIGHTED_STAT_COLUMNS = sql`total::int as count,
  round(min(mid_x2)::numeric / 2)::int as min,
  ${weightedPercentile(0.1)} as p10,
  ${weightedPercentile(0.25)} as p25,
  ${weightedPercentile(0.5)} as median,
  ${weightedPercentile(0.75)} as p75,
  ${weightedPercentile(0.9)} as p90,
  round(max(mid_x2)::numeric / 2)::int as max,
  round(sum(mid_x2 * n)::numeric / (2 * total))::int as mean`;

/**
 * salaryStats' rows from salary_rollup: the same answer, from midpoint counts instead of postings.
 * The overall row reads the smallest set the filters allow; groups read `set`.
 */
export async function salaryStatRowsFromRollup(db: Database, request: SalaryStatsRequest, set: readonly RollupDimension[]): Promise<StatRowWithKeys[]> {
  const { filters, groupBy } = request;
  const dims = groupBy as RollupDimension[];
  const overallSet = salaryRollupSet(filters, []) ?? set;
  const cols = dims.map((_, i) => sql.identifier(`d${i}`));
  const list = (items: (SQL | ReturnType<typeof sql.identifier>)[]) => sql.join(items.map((item) => sql`${item}, `), sql``);
  const counts = (from: readonly RollupDimension[], keep: RollupDimension[]) =>
    sql`select ${list(keep.map((d, i) => sql`${rollupColumn(salaryRollup, d)} as ${cols[i]!}`))} ${salaryRollup.midX2} as mid_x2, sum(${salaryRollup.postings})::bigint as n
        from ${salaryRollup}
        where ${and(...rollupConditions(salaryRollup, from, filters))}
        group by ${list(keep.map((_, i) => cols[i]!))} ${salaryRollup.midX2}
        having sum(${salaryRollup.postings}) > 0`;
  const withRanks = (source: SQL, partition: SQL) =>
    sql`select *, (sum(n) over (${partition} order by mid_x2))::bigint as cum, (sum(n) over (${partition}))::bigint as total from (${source}) c`;
  const partition = dims.length ? sql`partition by ${sql.join(cols, sql`, `)}` : sql``;
  const groups = dims.length
    ? sql`union all
          select 0, ${list(dims.map((d, i) => sql`${DIMENSIONS[d].key(sql`${cols[i]!}`)}`))} ${list(cols)} ${WEIGHTED_STAT_COLUMNS}
          from (${withRanks(counts(set, dims), partition)}) g
          group by ${list(cols)} total`
    : sql``;
  const nulls = (prefix: string) => list(dims.map((_, i) => sql`null as ${sql.identifier(`${prefix}${i}`)}`));
  return queryRows<StatRowWithKeys>(
    db,
    sql`select * from (
          select 1 as overall, ${nulls('k')} ${nulls('d')} ${WEIGHTED_STAT_COLUMNS}
          from (${withRanks(counts(overallSet, []), sql``)}) o
          group by total
          ${groups}
        ) x
        order by overall desc${sql.join(dims.map((d, i) => sql`, ${DIMENSIONS[d].order(sql`${cols[i]!}`)}`), sql``)}
        limit ${MAX_GROUPS + 2}`,
  );
}
