/**
 * What both sources of `GET /v1/salaries` (salary_rollup and the postings) produce and how it
 * becomes the answer: the statistic columns, the group dimensions, the row shape, and the rows →
 * response step with its MAX_GROUPS check and min_count withholding.
 */
import { sql, type SQL } from 'drizzle-orm';
import { companies, jobs } from '../../db/tables.js';
import { ValidationProblem } from '../../lib/errors.js';
import { MAX_GROUPS, type GroupDimension, type SalaryStats, type SalaryStatsResponse } from './salaries.schemas.js';
import { percentile, rolePosition } from './salary-sql.js';

/** Every statistic of `mid` over the rows of a group, rounded to whole dollars. */
export const STAT_COLUMNS = sql`count(*)::int as count,
  round(min(mid))::int as min,
  ${percentile(0.1, sql`mid`)} as p10,
  ${percentile(0.25, sql`mid`)} as p25,
  ${percentile(0.5, sql`mid`)} as median,
  ${percentile(0.75, sql`mid`)} as p75,
  ${percentile(0.9, sql`mid`)} as p90,
  round(max(mid))::int as max,
  round(avg(mid))::int as mean`;

interface StatRow {
  count: number;
  min: number | null;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  max: number | null;
  mean: number | null;
}

const EMPTY_STATS: StatRow = { count: 0, min: null, p10: null, p25: null, median: null, p75: null, p90: null, max: null, mean: null };

/** A group's statistics, withheld (null) below `minCount`. */
function toStats(row: StatRow, minCount: number): SalaryStats {
  const count = Number(row.count);
  if (count < minCount) {
    return { count, withheld: true, reason: 'below_min_count', min: null, p10: null, p25: null, median: null, p75: null, p90: null, max: null, mean: null };
  }
  return { count, withheld: false, min: row.min, p10: row.p10, p25: row.p25, median: row.median, p75: row.p75, p90: row.p90, max: row.max, mean: row.mean };
}

interface DimensionSpec {
  /** The value, over `jobs` joined to `companies`. */
  value: SQL;
  /** Its key in the answer, from the CTE column. */
  key(column: SQL): SQL;
  /** Its sort key, from the CTE column. */
  order(column: SQL): SQL;
}

// Enum columns sort in declaration order, which is the taxonomy's.
const enumDimension = (value: SQL): DimensionSpec => ({ value, key: (c) => sql`${c}::text`, order: (c) => c });

export const DIMENSIONS: Record<GroupDimension, DimensionSpec> = {
  role: { value: sql`${jobs.role}`, key: (c) => c, order: rolePosition },
  seniority: enumDimension(sql`${jobs.seniority}`),
  domain: enumDimension(sql`${jobs.domain}`),
  country: { value: sql`${jobs.country}::text`, key: (c) => c, order: (c) => sql`${c} asc nulls last` },
  workplace: enumDimension(sql`${jobs.workplace}`),
  company_category: enumDimension(sql`${companies.category}`),
  month: {
    value: sql`date_trunc('month', ${jobs.postedAt} at time zone 'UTC')`,
    key: (c) => sql`to_char(${c}, 'YYYY-MM')`,
    order: (c) => c,
  },
};

/** A row of either source: the statistics, whether it is the overall row, its group keys, and (per company) its company. */
export type StatRowWithKeys = StatRow & { overall: number; k0?: string | null; k1?: string | null; company_id?: string };

/** The answer from the overall row (first, if any) and the group rows. */
export function statsResponse(
  base: Omit<SalaryStatsResponse, 'overall' | 'groups'>,
  groupBy: GroupDimension[],
  minCount: number,
  rows: StatRowWithKeys[],
): SalaryStatsResponse {
  const overallRow = rows[0] && Number(rows[0].overall) !== 0 ? rows[0] : undefined;
  const groupRows = overallRow ? rows.slice(1) : rows;
  if (groupRows.length > MAX_GROUPS) {
    throw new ValidationProblem([
      {
        name: 'group_by',
        reason: `gives more than ${MAX_GROUPS} groups with these filters; group by fewer dimensions or narrow the filters (e.g. posted_after)`,
      },
    ]);
  }
  return {
    ...base,
    overall: toStats(overallRow ?? EMPTY_STATS, minCount),
    groups: groupRows.map((row) => {
      const key: Partial<Record<GroupDimension, string | null>> = {};
      groupBy.forEach((d, i) => {
        key[d] = (i === 0 ? row.k0 : row.k1) ?? null;
      });
      return { key, ...toStats(row, minCount) };
    }),
  };
}
