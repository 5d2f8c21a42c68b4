/**
 * Salary analytics over postings: distribution statistics by group, domain and AI premiums, histograms,
 * and published bands beside what postings show. Every aggregate is computed by the database in one
 * statement (percentiles with `percentile_cont`); the filters are those of `/v1/jobs`, reused as is.
 */
import { and, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { companies, jobs, reportedSalaryBands, roles, salaryRollup } from '../../db/tables.js';
import { ROLE_KEYS, type RoleKey, type Seniority } from '../../reference/taxonomy.js';
import { queryRows, type Database } from '../../db/index.js';
import { collectProblems, type FieldError, ValidationProblem } from '../../lib/errors.js';
import { groupedBy } from '../../lib/group.js';
import { jobFilterConditions, parseJobSearch, type JobFilters } from '../jobs/jobs.service.js';
import { cachedAnswer } from '../rollups/answer-cache.service.js';
import { chooseRollupSet, rollupColumn, rollupConditions, SALARY_ROLLUP_SETS, type RollupDimension } from '../rollups/rollups.service.js';
import {
  GROUP_DIMENSIONS,
  MAX_BUCKETS,
  MAX_GROUPS,
  MEASURE,
  salaryFilterProperties,
  SPECIALIST_DOMAINS,
  type GroupDimension,
  type PremiumStatistic,
  type ReportedBandsQuery,
  type ReportedBandsResponse,
  type SalaryHistogramQuery,
  type SalaryHistogramResponse,
  type SalaryPremiumsQuery,
  type SalaryPremiumsResponse,
  type SalaryStats,
  type SalaryStatsQuery,
  type SalaryStatsResponse,
  type SpecialistDomain,
} from './salaries.schemas.js';
import { textArray } from '../../lib/sql.js';

export const DEFAULT_MIN_COUNT = 5;
/** The statistic premiums compare by default (`/v1/salaries/premiums`, and the market summary's `ai_premium`). */
export const DEFAULT_PREMIUM_STATISTIC: PremiumStatistic = 'mean';
const DEFAULT_BUCKETS = 20;

// --- parsing -----------------------------------------------------------------------------------

/** The `/v1/jobs` filter parameters as the salary routes take them (`status` defaults to `all`). */
type FilterQuery = Omit<SalaryStatsQuery, 'group_by' | 'min_count'>;

/** Every /v1/jobs filter the salary routes take (all of them: a filter added there applies here too). */
const FILTER_KEYS = Object.keys(salaryFilterProperties) as (keyof typeof salaryFilterProperties)[];


/** The job filters of a salary query, parsed exactly as `/v1/jobs` parses them. */
function parseFilters(query: FilterQuery, problems: FieldError[]): JobFilters | undefined {
  const picked: Partial<Record<keyof typeof salaryFilterProperties, unknown>> = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) picked[key] = query[key];
  const filterQuery = picked as FilterQuery;
  return collectProblems(problems, () => parseJobSearch({ ...filterQuery, status: filterQuery.status ?? 'all' }).filters);
}

function done<T>(problems: FieldError[], value: T | undefined): T {
  if (problems.length || value === undefined) throw new ValidationProblem(problems);
  return value;
}

export interface SalaryStatsRequest {
  filters: JobFilters;
  groupBy: GroupDimension[];
  minCount: number;
}

export function parseSalaryStats(query: SalaryStatsQuery): SalaryStatsRequest {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  const groupBy = (query.group_by ? query.group_by.split(',') : []) as GroupDimension[];
  if (groupBy.some((d) => !GROUP_DIMENSIONS.includes(d))) {
    problems.push({ name: 'group_by', reason: `must be one or two of ${GROUP_DIMENSIONS.join(', ')} (comma-separated)` });
  } else if (groupBy.length > 2) {
    problems.push({ name: 'group_by', reason: 'takes at most two dimensions' });
  } else if (new Set(groupBy).size !== groupBy.length) {
    problems.push({ name: 'group_by', reason: 'must not name a dimension twice' });
  }
  return done(problems, filters && { filters, groupBy, minCount: query.min_count ?? DEFAULT_MIN_COUNT });
}

export interface SalaryPremiumsRequest {
  filters: JobFilters;
  statistic: PremiumStatistic;
  minCount: number;
}

export function parseSalaryPremiums(query: SalaryPremiumsQuery): SalaryPremiumsRequest {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  return done(problems, filters && { filters, statistic: query.statistic ?? DEFAULT_PREMIUM_STATISTIC, minCount: query.min_count ?? DEFAULT_MIN_COUNT });
}

export type SalaryHistogramRequest =
  | { filters: JobFilters; bucketWidth: number; buckets?: undefined }
  | { filters: JobFilters; buckets: number; bucketWidth?: undefined };

export function parseSalaryHistogram(query: SalaryHistogramQuery): SalaryHistogramRequest {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  if (query.bucket_width !== undefined && query.buckets !== undefined) {
    problems.push(
      { name: 'bucket_width', reason: 'cannot be combined with buckets: give one of them' },
      { name: 'buckets', reason: 'cannot be combined with bucket_width: give one of them' },
    );
  }
  return done(
    problems,
    filters &&
      (query.bucket_width !== undefined
        ? { filters, bucketWidth: query.bucket_width }
        : { filters, buckets: query.buckets ?? DEFAULT_BUCKETS }),
  );
}

export interface ReportedBandsRequest {
  filters: JobFilters;
  minCount: number;
}

export function parseReportedBands(query: ReportedBandsQuery): ReportedBandsRequest {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  return done(problems, filters && { filters, minCount: query.min_count ?? DEFAULT_MIN_COUNT });
}

// --- SQL building blocks -----------------------------------------------------------------------

/** The measured value: midpoint of the normalised annual USD range, exact (numeric). */
const MIDPOINT = sql`((${jobs.salaryUsdMin}::numeric + ${jobs.salaryUsdMax}) / 2)`;

/** `jobs` joined to `companies`, as the job filters expect. */
const FROM_JOBS = sql`${jobs} inner join ${companies} on ${companies.id} = ${jobs.companyId}`;

/** The filters' conditions plus "has a salary". */
function salariedWhere(filters: JobFilters): SQL {
  return and(...jobFilterConditions(filters), isNotNull(jobs.salaryUsdMin), isNotNull(jobs.salaryUsdMax))!;
}

/** Orders roles as the taxonomy lists them. */
const rolePosition = (column: SQL) => sql`array_position(${textArray(ROLE_KEYS)}, ${column})`;

const percentile = (p: number, value: SQL) =>
  sql`round((percentile_cont(${sql.raw(String(p))}) within group (order by ${value}::float8))::numeric)::int`;

/** Every statistic of `mid` over the rows of a group, rounded to whole dollars. */
const STAT_COLUMNS = sql`count(*)::int as count,
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

const DIMENSIONS: Record<GroupDimension, DimensionSpec> = {
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

// --- GET /v1/salaries ----------------------------------------------------------------------------

/** Where salary statistics are computed: the midpoint counts of salary_rollup, or the postings. */
export type SalarySource = 'rollup' | 'postings';

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

type StatRowWithKeys = StatRow & { overall: number; k0?: string | null; k1?: string | null; company_id?: string };

/**
 * salaryStats' rows from salary_rollup: the same answer, from midpoint counts instead of postings.
 * The overall row reads the smallest set the filters allow; groups read `set`.
 */
async function salaryStatRowsFromRollup(db: Database, request: SalaryStatsRequest, set: readonly RollupDimension[]): Promise<StatRowWithKeys[]> {
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

/**
 * salaryStats as the API answers it: kept while the data is unchanged (see cachedAnswer), so a
 * dashboard asking again pays one cheap statement.
 */
export function readSalaryStats(db: Database, request: SalaryStatsRequest, options: { fresh?: boolean } = {}): Promise<SalaryStatsResponse> {
  return cachedAnswer(db, `salaries ${JSON.stringify(request)}`, (snapshot) => salaryStats(snapshot, request), options);
}

/** Distribution statistics of midpoints, overall and per group, in one statement. */
export async function salaryStats(db: Database, request: SalaryStatsRequest, options: { source?: SalarySource } = {}): Promise<SalaryStatsResponse> {
  const { filters, groupBy, minCount } = request;
  const base = {
    measure: MEASURE,
    status: filters.status,
    group_by: groupBy,
    min_count: minCount,
  };
  const set = salaryRollupSet(filters, groupBy);
  if ((options.source ?? (set ? 'rollup' : 'postings')) === 'rollup') {
    if (!set) throw new Error('these statistics cannot be read from the rollup');
    return statsResponse(base, groupBy, minCount, await salaryStatRowsFromRollup(db, request, set));
  }
  return statsResponse(base, groupBy, minCount, await salaryStatRowsFromPostings(db, request));
}

/** A company whose salary statistics are asked for in a batch: its id and slug. */
export interface SalaryCompany {
  id: string;
  slug: string;
}

/**
 * `salaryStats` for many companies at once: each company's answer is what
 * `GET /v1/salaries?company={slug}` gives with the same other filters (the request's own `company`
 * filter is replaced by the company), in one statement over the postings whatever the number of
 * companies. Where a company's groups exceed MAX_GROUPS, its answer is the ValidationProblem the
 * single-company form throws.
 */
export async function salaryStatsByCompany(
  db: Database,
  companiesToAsk: readonly SalaryCompany[],
  request: SalaryStatsRequest,
): Promise<Map<string, SalaryStatsResponse | ValidationProblem>> {
  const result = new Map<string, SalaryStatsResponse | ValidationProblem>();
  if (companiesToAsk.length === 0) return result;
  const { groupBy, minCount } = request;
  const shared = { ...request, filters: { ...request.filters, company: undefined, companyId: undefined } };
  const rows = await salaryStatRowsFromPostings(db, shared, [...new Set(companiesToAsk.map((c) => c.id))]);
  const byCompany = groupedBy(rows, (row) => row.company_id!);
  const base = { measure: MEASURE, status: request.filters.status, group_by: groupBy, min_count: minCount };
  for (const c of companiesToAsk) {
    try {
      result.set(c.id, statsResponse(base, groupBy, minCount, byCompany.get(c.id) ?? []));
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      result.set(c.id, err);
    }
  }
  return result;
}

/**
 * salaryStats' rows from the postings: the overall row first, then the groups in order, at most
 * MAX_GROUPS + 2 rows (one more group than allowed tells that there are too many). With
 * `companyIds`, the same per company in the same statement: the rows carry `company_id`, the
 * overall row is each company's, and the cap applies to each company (row_number per company).
 */
async function salaryStatRowsFromPostings(db: Database, request: SalaryStatsRequest, companyIds?: readonly string[]): Promise<StatRowWithKeys[]> {
  const { filters, groupBy } = request;
  const where = companyIds ? and(salariedWhere(filters), inArray(jobs.companyId, [...companyIds]))! : salariedWhere(filters);
  if (!groupBy.length) {
    if (!companyIds) {
      const [row] = await queryRows<StatRowWithKeys>(
        db,
        sql`with m as (select ${MIDPOINT} as mid from ${FROM_JOBS} where ${where}) select 1 as overall, ${STAT_COLUMNS} from m`,
      );
      return row ? [row] : [];
    }
    return queryRows<StatRowWithKeys>(
      db,
      sql`with m as (select ${jobs.companyId} as c, ${MIDPOINT} as mid from ${FROM_JOBS} where ${where})
          select c::text as company_id, 1 as overall, ${STAT_COLUMNS} from m group by c`,
    );
  }

  const cols = groupBy.map((_, i) => sql.identifier(`d${i}`));
  const keys = groupBy.map((_, i) => sql.identifier(`k${i}`));
  const dimensionValues = sql.join(
    groupBy.map((d, i) => sql`${DIMENSIONS[d].value} as ${cols[i]!}`),
    sql`, `,
  );
  const keyColumns = sql.join(
    groupBy.map((d, i) => sql`${DIMENSIONS[d].key(sql`${cols[i]!}`)} as ${keys[i]!}`),
    sql`, `,
  );
  const grouped = sql.join(cols, sql`, `);
  const order = sql.join(
    groupBy.map((d, i) => DIMENSIONS[d].order(sql`${cols[i]!}`)),
    sql`, `,
  );
  if (!companyIds) {
    // The empty grouping set is the overall row (grouping() ≠ 0), listed first.
    return queryRows<StatRowWithKeys>(
      db,
      sql`with m as (select ${MIDPOINT} as mid, ${dimensionValues} from ${FROM_JOBS} where ${where})
          select grouping(${grouped})::int as overall, ${keyColumns}, ${STAT_COLUMNS}
          from m
          group by grouping sets ((${grouped}), ())
          order by grouping(${grouped}) desc, ${order}
          limit ${MAX_GROUPS + 2}`,
    );
  }
  // Per company: the set (c) is its overall row; the rows are numbered in the order above, per company.
  return queryRows<StatRowWithKeys>(
    db,
    sql`with m as (select ${jobs.companyId} as c, ${MIDPOINT} as mid, ${dimensionValues} from ${FROM_JOBS} where ${where})
        select * from (
          select c::text as company_id, grouping(${grouped})::int as overall, ${keyColumns}, ${STAT_COLUMNS},
                 row_number() over (partition by c order by grouping(${grouped}) desc, ${order}) as rn
          from m
          group by grouping sets ((c, ${grouped}), (c))
        ) x
        where rn <= ${MAX_GROUPS + 2}
        order by company_id, rn`,
  );
}

/** The answer from the overall row (first, if any) and the group rows. */
function statsResponse(
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

// --- GET /v1/salaries/premiums -------------------------------------------------------------------

interface PremiumRow {
  kind: 'domain' | 'ai';
  subject: string;
  role: string | null;
  sen: Seniority;
  n: number;
  bn: number;
  compared: boolean;
  v: number | null;
  bv: number | null;
  ratio: number | null;
  premium: number | null;
  cells_compared: number;
  count_w: number;
  baseline_w: number;
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
/** A relative difference as every figure of the API gives it: a fraction (0.25 is +25 %), 4 decimals. */
const premiumOf = (ratio: number | null) => (ratio === null ? null : round4(ratio - 1));
const dollars = (x: number | null) => (x === null ? null : Math.round(x));

/**
 * Domain premiums (each specialist domain vs `general`, per role and seniority) and the AI premium
 * (AI-family vs software-family roles, per seniority): per cell the ratio of the chosen statistic,
 * then the mean of the compared cells' ratios weighted by the compared side's postings. All in SQL.
 */
export async function salaryPremiums(db: Database, request: SalaryPremiumsRequest): Promise<SalaryPremiumsResponse> {
  const { filters, statistic, minCount } = request;
  // Only the statistic asked for is computed (a median sorts every cell).
  const value = statistic === 'mean' ? sql`avg(mid)::float8` : sql`percentile_cont(0.5) within group (order by mid::float8)`;
  const rows = await queryRows<PremiumRow>(
    db,
    sql`with m as (
          select ${jobs.role} as role, ${jobs.seniority} as seniority, ${jobs.domain}::text as domain,
                 ${roles.family}::text as family, ${MIDPOINT} as mid
          from ${FROM_JOBS} inner join ${roles} on ${roles.key} = ${jobs.role}
          where ${salariedWhere(filters)}
        ),
        cells as (
          select 'domain' as kind, domain as subject, role, seniority, count(*)::int as n, ${value} as v
          from m group by domain, role, seniority
          union all
          select 'ai', family, null, seniority, count(*)::int, ${value}
          from m where family in ('ai', 'software') group by family, seniority
        ),
        pairs as (
          select t.kind, t.subject, t.role, t.seniority, t.n, b.n as bn, t.v, b.v as bv,
                 (t.n >= ${minCount}::int and b.n >= ${minCount}::int and b.v > 0) as compared
          from cells t
          join cells b on b.kind = t.kind and b.seniority = t.seniority and b.role is not distinct from t.role
          where (t.kind = 'domain' and t.subject <> 'general' and b.subject = 'general')
             or (t.kind = 'ai' and t.subject = 'ai' and b.subject = 'software')
        )
        select kind, subject, role, seniority::text as sen, n, bn, compared,
               case when compared then v end as v,
               case when compared then bv end as bv,
               case when compared then v / bv end as ratio,
               sum(case when compared then v / bv * n end) over w / nullif(sum(case when compared then n end) over w, 0) as premium,
               (count(*) filter (where compared) over w)::int as cells_compared,
               coalesce(sum(n) filter (where compared) over w, 0)::int as count_w,
               coalesce(sum(bn) filter (where compared) over w, 0)::int as baseline_w
        from pairs
        window w as (partition by kind, subject)
        order by kind, subject, ${rolePosition(sql`role`)}, seniority`,
  );

  const summary = (kind: PremiumRow['kind'], subject: string) => {
    const cells = rows.filter((r) => r.kind === kind && r.subject === subject);
    const first = cells[0];
    const ratio = first?.premium ?? null;
    return {
      ratio: round4(ratio),
      premium: premiumOf(ratio),
      cells_compared: Number(first?.cells_compared ?? 0),
      count: Number(first?.count_w ?? 0),
      baseline_count: Number(first?.baseline_w ?? 0),
      cells: cells.map((r) => ({
        ...(kind === 'domain' ? { role: r.role as RoleKey } : {}),
        seniority: r.sen,
        count: Number(r.n),
        baseline_count: Number(r.bn),
        compared: r.compared,
        value: dollars(r.v),
        baseline_value: dollars(r.bv),
        ratio: round4(r.ratio),
      })),
    };
  };

  return {
    measure: MEASURE,
    status: filters.status,
    statistic,
    min_count: minCount,
    domain_premiums: SPECIALIST_DOMAINS.map((domain: SpecialistDomain) => ({
      domain,
      baseline: 'general' as const,
      ...summary('domain', domain),
    })),
    ai_premium: { family: 'ai' as const, baseline: 'software' as const, ...summary('ai', 'ai') },
  };
}

// --- GET /v1/salaries/histogram ------------------------------------------------------------------

interface BucketRow {
  i: number;
  lower: number;
  c: number;
  nb: number;
  n: number;
  w: number;
  lo_v: number;
  hi_v: number;
}

/**
 * Bucket counts of midpoints, empty buckets included, in one statement: the range (and, for
 * `buckets`, the width) comes from the filtered midpoints themselves.
 */
export async function salaryHistogram(db: Database, request: SalaryHistogramRequest): Promise<SalaryHistogramResponse> {
  const { filters } = request;
  // lo: lower edge of the first bucket; w: width; nb: number of buckets; idx: a midpoint's bucket.
  let lo: SQL;
  let w: SQL;
  let nb: SQL;
  let idx: SQL;
  if (request.bucketWidth !== undefined) {
    const width = sql`${request.bucketWidth}::numeric`;
    lo = sql`floor(lo_v / ${width}) * ${width}`;
    w = width;
    nb = sql`(floor(hi_v / ${width}) - floor(lo_v / ${width}))::int + 1`;
    idx = sql`floor((m.mid - p.lo) / p.w)::int`;
  } else {
    const n = sql`${request.buckets}::int`;
    lo = sql`floor(lo_v)`;
    w = sql`greatest(1, ceil((hi_v - floor(lo_v)) / ${n}))`;
    nb = n;
    idx = sql`least(floor((m.mid - p.lo) / p.w), p.nb - 1)::int`;
  }
  const rows = await queryRows<BucketRow>(
    db,
    sql`with m as (select ${MIDPOINT} as mid from ${FROM_JOBS} where ${salariedWhere(filters)}),
        r as (select min(mid) as lo_v, max(mid) as hi_v, count(*)::int as n from m),
        p as (select lo_v, hi_v, n, ${lo} as lo, ${w} as w, ${nb} as nb from r where n > 0),
        s as (select ${idx} as i, count(*)::int as c from m cross join p where p.nb <= ${MAX_BUCKETS}::int group by 1)
        select g.i, (p.lo + g.i * p.w)::float8 as lower, coalesce(s.c, 0)::int as c, p.nb, p.n,
               p.w::float8 as w, round(p.lo_v)::float8 as lo_v, round(p.hi_v)::float8 as hi_v
        from p
        cross join lateral generate_series(0, least(p.nb, ${MAX_BUCKETS}::int) - 1) as g(i)
        left join s on s.i = g.i
        order by g.i`,
  );
  const first = rows[0];
  const base = { measure: MEASURE, status: filters.status };
  if (!first) {
    return { ...base, count: 0, min: null, max: null, bucket_width: request.bucketWidth ?? null, buckets: [] };
  }
  const buckets = Number(first.nb);
  if (buckets > MAX_BUCKETS) {
    throw new ValidationProblem([
      {
        name: 'bucket_width',
        reason:
          `would make ${buckets} buckets over the filtered midpoints (${Number(first.lo_v)} to ${Number(first.hi_v)} USD); ` +
          `at most ${MAX_BUCKETS}: use a wider bucket_width, narrower filters, or buckets`,
      },
    ]);
  }
  const width = Number(first.w);
  return {
    ...base,
    count: Number(first.n),
    min: Number(first.lo_v),
    max: Number(first.hi_v),
    bucket_width: width,
    buckets: rows.map((r) => ({ lower: Number(r.lower), upper: Number(r.lower) + width, count: Number(r.c) })),
  };
}

// --- GET /v1/salaries/reported -------------------------------------------------------------------

interface ReportedRow {
  id: string;
  role: RoleKey;
  seniority: Seniority | null;
  label: string;
  min_usd: number;
  max_usd: number;
  demand_trend: string | null;
  source: string;
  published_on: string;
  n: number;
  p10: number | null;
  median: number | null;
  p90: number | null;
}

/** Published bands beside the p10 / median / p90 of midpoints of postings of the same role (every seniority). */
export async function reportedBands(db: Database, request: ReportedBandsRequest): Promise<ReportedBandsResponse> {
  const { filters, minCount } = request;
  const b = reportedSalaryBands;
  const bandWhere = filters.role ? inArray(b.role, filters.role) : sql`true`;
  const rows = await queryRows<ReportedRow>(
    db,
    sql`with m as (
          select ${jobs.role} as role, ${MIDPOINT} as mid from ${FROM_JOBS}
          where ${salariedWhere(filters)} and ${jobs.role} in (select ${b.role} from ${b} where ${bandWhere})
        ),
        s as (
          select role, count(*)::int as n, ${percentile(0.1, sql`mid`)} as p10,
                 ${percentile(0.5, sql`mid`)} as median, ${percentile(0.9, sql`mid`)} as p90
          from m group by role
        )
        select ${b.id} as id, ${b.role} as role, ${b.seniority}::text as seniority, ${b.label} as label,
               ${b.minUsd} as min_usd, ${b.maxUsd} as max_usd, ${b.demandTrend} as demand_trend, ${b.source} as source,
               ${b.publishedOn}::text as published_on, coalesce(s.n, 0)::int as n, s.p10, s.median, s.p90
        from ${b} left join s on s.role = ${b.role}
        where ${bandWhere}
        order by ${rolePosition(sql`${b.role}`)}, ${b.seniority} nulls first, ${b.id}`,
  );
  const vs = (observed: number | null, published: number) => (observed === null || published <= 0 ? null : round4(observed / published - 1));
  return {
    measure: MEASURE,
    status: filters.status,
    min_count: minCount,
    data: rows.map((r) => {
      const count = Number(r.n);
      const withheld = count < minCount;
      const p10 = withheld ? null : r.p10;
      const p90 = withheld ? null : r.p90;
      return {
        id: r.id,
        role: r.role,
        seniority: r.seniority,
        label: r.label,
        min_usd: Number(r.min_usd),
        max_usd: Number(r.max_usd),
        demand_trend: r.demand_trend,
        source: r.source,
        published_on: r.published_on,
        observed: {
          count,
          withheld,
          ...(withheld ? { reason: 'below_min_count' as const } : {}),
          p10,
          median: withheld ? null : r.median,
          p90,
          p10_vs_min: vs(p10, Number(r.min_usd)),
          p90_vs_max: vs(p90, Number(r.max_usd)),
        },
      };
    }),
  };
}
