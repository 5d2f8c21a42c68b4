import { and, sql, type SQL } from 'drizzle-orm';
import { companies, jobs, postingRollup } from '../../db/tables.js';
import { COMPANY_CATEGORIES, DOMAINS, ROLES, SENIORITIES, type Term } from '../../reference/taxonomy.js';
import { queryRows, type Database } from '../../db/index.js';
import { jobFilterConditions, type JobFilters } from '../jobs/jobs.query.js';
import { cachedAnswer } from '../rollups/answer-cache.service.js';
import { chooseRollupSet, POSTING_ROLLUP_SETS, rollupColumn, rollupConditions, type RollupDimension } from '../rollups/rollups.service.js';
import {
  type Emerging,
  type EmergingDimension,
  type PostingGroup,
  type PostingInterval,
  type PostingMetric,
  type PostingTrend,
  type TrendLabel,
} from './trends.schemas.js';
import { DAY_MS, dayMs, isoDay, todayUtc } from '../../lib/days.js';


// ---------------------------------------------------------------------------------------------------
// Periods (UTC; weeks are ISO weeks starting on Monday)
// ---------------------------------------------------------------------------------------------------

/** First day of the period holding `day`. */
export function periodStart(interval: PostingInterval, day: string): string {
  const d = new Date(dayMs(day));
  if (interval === 'day') return day;
  if (interval === 'week') return isoDay(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS);
  const m = d.getUTCMonth();
  d.setUTCDate(1);
  d.setUTCMonth(interval === 'quarter' ? m - (m % 3) : m);
  return isoDay(d.getTime());
}

/** The period start `n` periods after (or before, n < 0) the period starting on `start`. */
export function addPeriods(interval: PostingInterval, start: string, n: number): string {
  if (interval === 'day') return isoDay(dayMs(start) + n * DAY_MS);
  if (interval === 'week') return isoDay(dayMs(start) + 7 * n * DAY_MS);
  const d = new Date(dayMs(start));
  d.setUTCMonth(d.getUTCMonth() + (interval === 'quarter' ? 3 * n : n));
  return isoDay(d.getTime());
}

/** The start of the period one year before: 52 weeks for weeks, the same calendar day otherwise (29 Feb -> 28 Feb). */
export function yearAgo(interval: PostingInterval, start: string): string {
  if (interval === 'week') return isoDay(dayMs(start) - 364 * DAY_MS);
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(2000, m, 0)).getUTCDate(); // days in that month of a leap year
  const day = m === 2 && d === 29 ? 28 : Math.min(d, last);
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface PostingTrendSpec {
  metric: PostingMetric;
  interval: PostingInterval;
  /** First day of the first period shown. */
  first: string;
  /** First day of the last period shown. */
  last: string;
  groupBy: PostingGroup | null;
  top: number;
  filters: JobFilters;
  /**
   * Today (UTC), YYYY-MM-DD: periods that have not ended by then are `partial`. Default: the day the
   * answer is computed. Part of the spec (and so of the answer cache's key): an answer kept from
   * yesterday does not call a period that has ended since partial.
   */
  today?: string;
}

/** Whether the period starting on `start` has not ended by `today`: it holds today or lies after it. */
export function isPartialPeriod(interval: PostingInterval, start: string, today: string): boolean {
  return addPeriods(interval, start, 1) > today;
}

// ---------------------------------------------------------------------------------------------------
// Posting trends
// ---------------------------------------------------------------------------------------------------

const STEP: Record<PostingInterval, string> = { day: '1 day', week: '1 week', month: '1 month', quarter: '3 months' };
const FORMAT: Record<PostingInterval, string> = { day: 'YYYY-MM-DD', week: 'IYYY-"W"IW', month: 'YYYY-MM', quarter: 'YYYY-"Q"Q' };
const YEAR_BACK: Record<PostingInterval, string> = { day: '1 year', week: '364 days', month: '1 year', quarter: '1 year' };
export const OTHER = { key: '_other', label: 'All other values' } as const;
export const NO_COUNTRY = { key: '_none', label: 'No country' } as const;

const VOCABULARIES: Partial<Record<PostingGroup, readonly Term[]>> = {
  role: ROLES,
  domain: DOMAINS,
  seniority: SENIORITIES,
  company_category: COMPANY_CATEGORIES,
};

/** The vocabulary values of a closed dimension that the filters on the same dimension allow. */
function vocabulary(groupBy: PostingGroup | null, f: JobFilters): string[] {
  if (groupBy === null) return ['all'];
  const terms = VOCABULARIES[groupBy];
  if (!terms) return [];
  const allowed: Partial<Record<PostingGroup, string[] | undefined>> = {
    role: f.role,
    domain: f.domain,
    seniority: f.seniority,
    company_category: f.companyCategory,
  };
  const only = allowed[groupBy];
  return terms.map((t) => t.key).filter((k) => !only || only.includes(k));
}

function keyExpression(groupBy: PostingGroup | null): SQL {
  switch (groupBy) {
    case 'role':
      return sql`${jobs.role}`;
    case 'domain':
      return sql`${jobs.domain}::text`;
    case 'seniority':
      return sql`${jobs.seniority}::text`;
    case 'company':
      return sql`${companies.slug}`;
    case 'company_category':
      return sql`${companies.category}::text`;
    case 'country':
      return sql`coalesce(${jobs.country}::text, ${NO_COUNTRY.key})`;
    case 'skill':
      return sql`unnest(${jobs.skills})`;
    default:
      return sql`'all'`;
  }
}

interface PointRow {
  key: string;
  label: string | null;
  period_start: string;
  period: string;
  value: number | string;
  previous_value: number | string;
  year_ago_value: number | string;
  pop_growth: number | string | null;
  yoy_growth: number | string | null;
}

const ts = (day: string) => sql`${day}::timestamp`;
/** A UTC day boundary as timestamptz, comparable with the indexed columns. */
const tstz = (day: string) => sql`${`${day}T00:00:00Z`}::timestamptz`;
const utc = (column: SQL) => sql`(${column} at time zone 'UTC')`;
const growthSql = (value: SQL, base: SQL) => sql`case when ${base} > 0 then round(${value}::numeric / ${base} - 1, 4)::float8 end`;

/** Where a posting trend is counted: the monthly rollup, or the postings themselves. */
export type TrendSource = 'rollup' | 'postings';

/**
 * The grouping set of the monthly rollup that answers this trend exactly, if any: whole months,
 * and only dimensions the rollup keeps (in one set).
 */
export function rollupSet(spec: PostingTrendSpec): readonly RollupDimension[] | undefined {
  if (spec.interval !== 'month' && spec.interval !== 'quarter') return undefined;
  return chooseRollupSet(POSTING_ROLLUP_SETS, spec.filters, spec.groupBy === null ? [] : [spec.groupBy]);
}

/**
 * Postings per period and group in one statement: the matching postings become +1/−1 events per
 * period bucket (date_trunc in UTC), laid over generate_series of every period from one year before
 * the first period shown to the last one, so empty periods are zeros and the previous and
 * year-earlier values exist for every point. `open` is the running sum of the events.
 */
/** postingTrend as the API answers it: kept while the data is unchanged (see cachedAnswer). */
export function readPostingTrend(db: Database, spec: PostingTrendSpec, options: { fresh?: boolean } = {}): Promise<PostingTrend> {
  return cachedAnswer(db, `posting-trend ${JSON.stringify(spec)}`, (snapshot) => postingTrend(snapshot, spec), options);
}

export async function postingTrend(db: Database, spec: PostingTrendSpec, options: { source?: TrendSource } = {}): Promise<PostingTrend> {
  const { metric, interval, first, last, groupBy, top, filters } = spec;
  const today = spec.today ?? todayUtc();
  const gridStart = yearAgo(interval, first) < addPeriods(interval, first, -1) ? yearAgo(interval, first) : addPeriods(interval, first, -1);
  const gridEnd = addPeriods(interval, last, 1);
  const unit = sql.raw(`'${interval}'`);
  const step = sql.raw(`interval '${STEP[interval]}'`);
  const back = sql.raw(`interval '${YEAR_BACK[interval]}'`);
  const format = sql.raw(`'${FORMAT[interval]}'`);
  const bucket = (column: SQL) => sql`greatest(date_trunc(${unit}, ${utc(column)}), ${ts(gridStart)})`;
  const set = rollupSet(spec);
  const source = options.source ?? (set ? 'rollup' : 'postings');

  // `agg`: the change in the metric per group key and period bucket.
  let agg: SQL;
  if (source === 'rollup') {
    if (!set) throw new Error('this trend cannot be read from the rollup');
    const r = postingRollup;
    const month = sql`${r.month}::timestamp`;
    const inGrid = sql`${r.month} >= ${gridStart}::date and ${r.month} < ${gridEnd}::date`;
    const before = sql`${r.month} < ${gridEnd}::date`;
    const where = (range: SQL) => and(...rollupConditions(postingRollup, set, filters), range);
    const rollupKey = groupBy === null ? sql`'all'` : sql`${rollupColumn(postingRollup, groupBy as RollupDimension)}::text`;
    const deltas =
      metric === 'new'
        ? sql`select ${rollupKey} as raw_key, ${bucket(month)} as bucket, ${r.posted} as delta from ${r} where ${where(inGrid)}`
        : metric === 'closed'
          ? sql`select ${rollupKey} as raw_key, ${bucket(month)} as bucket, ${r.closed} as delta from ${r} where ${where(inGrid)}`
          : // Postings closed before the grid add +1 and −1 to its first period: they cancel, as in the raw form.
            sql`select ${rollupKey} as raw_key, ${bucket(month)} as bucket, ${r.posted} - ${r.ended} as delta from ${r} where ${where(before)}`;
    agg = sql`agg as (select raw_key, bucket, sum(delta)::bigint as delta from (${deltas}) d group by raw_key, bucket having sum(delta) <> 0)`;
  } else {
    const conditions = jobFilterConditions(filters);
    let window: SQL;
    let events: SQL;
    if (metric === 'new') {
      window = sql`${jobs.postedAt} >= ${tstz(gridStart)} and ${jobs.postedAt} < ${tstz(gridEnd)}`;
      events = sql`select raw_key, ${bucket(sql`posted_at`)} as bucket, 1 as delta from filtered`;
    } else if (metric === 'closed') {
      window = sql`${jobs.closedAt} >= ${tstz(gridStart)} and ${jobs.closedAt} < ${tstz(gridEnd)}`;
      events = sql`select raw_key, ${bucket(sql`closed_at`)} as bucket, 1 as delta from filtered`;
    } else {
      // Open at period end E: posted_at < E <= closed_at. +1 in the period of posted_at, −1 in the period of
      // greatest(posted_at, closed_at); events before the grid count in its first period (the running start).
      window = sql`${jobs.postedAt} < ${tstz(gridEnd)} and (${jobs.closedAt} is null or ${jobs.closedAt} >= ${tstz(gridStart)})`;
      events = sql`select raw_key, ${bucket(sql`posted_at`)} as bucket, 1 as delta from filtered
        union all
        select raw_key, ${bucket(sql`greatest(posted_at, closed_at)`)}, -1 from filtered
        where closed_at is not null and greatest(posted_at, closed_at) < ${tstz(gridEnd)}`;
    }
    agg = sql`filtered as (
          select ${keyExpression(groupBy)} as raw_key, ${jobs.postedAt} as posted_at, ${jobs.closedAt} as closed_at
          from ${jobs} join ${companies} on ${companies.id} = ${jobs.companyId}
          where ${and(...conditions, window)}
        ),
        events as (${events}),
        agg as (select raw_key, bucket, sum(delta)::bigint as delta from events group by raw_key, bucket)`;
  }
  const value = metric === 'open' ? sql`sum(coalesce(a.delta, 0)) over (partition by k.raw_key order by g.period_start)` : sql`coalesce(a.delta, 0)`;
  const vocab = vocabulary(groupBy, filters);
  const vocabArray = vocab.length ? sql`ARRAY[${sql.join(vocab.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;

  const rows = await queryRows<PointRow>(
    db,
    sql`with ${agg},
        keys as (
          select raw_key from agg
          union
          select unnest(${vocabArray}) as raw_key
        ),
        grid as (select gs as period_start from generate_series(${ts(gridStart)}, ${ts(last)}, ${step}) gs),
        vals as (
          select k.raw_key, g.period_start, ${value} as value
          from keys k cross join grid g
          left join agg a on a.raw_key = k.raw_key and a.bucket = g.period_start
        ),
        ranked as (
          select raw_key,
                 coalesce(sum(value) filter (where period_start >= ${ts(first)}), 0) as total,
                 (bool_or(value <> 0) or raw_key = any(${vocabArray})) as candidate
          from vals group by raw_key
        ),
        ordered as (
          select raw_key, candidate, row_number() over (order by candidate desc, total desc, raw_key collate "C") as rank from ranked
        ),
        series as (
          select raw_key as key, rank as ord from ordered where candidate and rank <= ${top}
          union all
          select ${OTHER.key}::text, ${top + 1}::int where (select count(*) from ordered where candidate) > ${top}
        ),
        folded as (
          select case when o.rank <= ${top} then v.raw_key else ${OTHER.key} end as key, v.period_start, sum(v.value)::bigint as value
          from vals v join ordered o on o.raw_key = v.raw_key
          group by 1, 2
        ),
        final as (
          select f.key, f.period_start, f.value,
                 lag(f.value) over (partition by f.key order by f.period_start) as previous_value,
                 coalesce(y.value, 0) as year_ago_value
          from folded f left join folded y on y.key = f.key and y.period_start = f.period_start - ${back}
        )
        select f.key, ${groupBy === 'company' ? sql`(select c.name from ${companies} c where c.slug = f.key)` : sql`null::text`} as label,
               to_char(f.period_start, 'YYYY-MM-DD') as period_start, to_char(f.period_start, ${format}) as period,
               f.value, coalesce(f.previous_value, 0) as previous_value, f.year_ago_value,
               ${growthSql(sql`f.value`, sql`f.previous_value`)} as pop_growth,
               ${growthSql(sql`f.value`, sql`f.year_ago_value`)} as yoy_growth
        from final f join series s on s.key = f.key
        where f.period_start >= ${ts(first)}
        order by s.ord, f.period_start`,
  );

  const byKey = new Map<string, PostingTrend['series'][number]>();
  for (const r of rows) {
    let s = byKey.get(r.key);
    if (!s) byKey.set(r.key, (s = { key: r.key, label: labelOf(groupBy, r.key, r.label), total: 0, points: [] }));
    const v = Number(r.value);
    s.total += v;
    // A period that has not ended gives no growth: its count so far against whole periods would read as a collapse.
    const partial = isPartialPeriod(interval, r.period_start, today);
    s.points.push({
      period_start: r.period_start,
      period: r.period,
      partial,
      value: v,
      previous_value: Number(r.previous_value),
      pop_growth: partial || r.pop_growth === null ? null : Number(r.pop_growth),
      year_ago_value: Number(r.year_ago_value),
      yoy_growth: partial || r.yoy_growth === null ? null : Number(r.yoy_growth),
    });
  }
  return {
    metric,
    interval,
    from: first,
    to: isoDay(dayMs(gridEnd) - DAY_MS),
    group_by: groupBy,
    series: [...byKey.values()],
  };
}

function labelOf(groupBy: PostingGroup | null, key: string, fromDb: string | null): string {
  if (key === OTHER.key) return OTHER.label;
  if (groupBy === null) return 'All postings';
  if (groupBy === 'country' && key === NO_COUNTRY.key) return NO_COUNTRY.label;
  return fromDb ?? VOCABULARIES[groupBy]?.find((t) => t.key === key)?.label ?? key;
}

// ---------------------------------------------------------------------------------------------------
// Emerging
// ---------------------------------------------------------------------------------------------------

export interface EmergingSpec {
  dimension: EmergingDimension;
  windowDays: number;
  asOf: string;
  minSupport: number;
  limit: number;
  filters: JobFilters;
}

interface EmergingRow {
  key: string;
  current: number | string;
  previous: number | string;
  growth: number | string | null;
  trend: TrendLabel;
  total: number | string;
}

const EMERGING_KEYS: Record<EmergingDimension, SQL> = {
  role: sql`${jobs.role}`,
  skill: sql`unnest(${jobs.skills})`,
  title: sql`lower(btrim(regexp_replace(${jobs.title}, '\\s+', ' ', 'g')))`,
};

/**
 * New postings per value in the window ending on `as_of` against the window of the same length
 * before it. Labels compare exact counts: growth ≥ x is `current * 100 >= previous * (100 + 100x)`.
 */
export async function emergingTrends(db: Database, spec: EmergingSpec): Promise<Emerging> {
  const { dimension, windowDays, asOf, minSupport, limit, filters } = spec;
  const end = isoDay(dayMs(asOf) + DAY_MS);
  const mid = isoDay(dayMs(end) - windowDays * DAY_MS);
  const start = isoDay(dayMs(mid) - windowDays * DAY_MS);
  const rows = await queryRows<EmergingRow>(
    db,
    sql`with filtered as (
          select ${EMERGING_KEYS[dimension]} as key, ${jobs.postedAt} >= ${tstz(mid)} as current
          from ${jobs} join ${companies} on ${companies.id} = ${jobs.companyId}
          where ${and(...jobFilterConditions(filters), sql`${jobs.postedAt} >= ${tstz(start)} and ${jobs.postedAt} < ${tstz(end)}`)}
        ),
        counted as (
          select key, count(*) filter (where current)::bigint as current, count(*) filter (where not current)::bigint as previous
          from filtered where key is not null and key <> '' group by key
        ),
        labelled as (
          select key, current, previous,
                 case when previous > 0 then round(current::numeric / previous - 1, 4)::float8 end as growth,
                 case when previous = 0 then 'new_category'
                      when current * 100 >= previous * 150 then 'growing_fast'
                      when current * 100 >= previous * 115 then 'growing'
                      when current * 100 <= previous * 85 then 'declining'
                      else 'steady' end as trend,
                 count(*) over () as total
          from counted where current >= ${minSupport}
        )
        select * from labelled
        order by growth desc nulls first, current desc, key collate "C"
        limit ${limit}`,
  );
  const label = (key: string) => (dimension === 'role' ? (ROLES.find((r) => r.key === key)?.label ?? key) : key);
  return {
    dimension,
    window_days: windowDays,
    current_window: { from: mid, to: asOf },
    previous_window: { from: start, to: isoDay(dayMs(mid) - DAY_MS) },
    min_support: minSupport,
    total: rows.length ? Number(rows[0]!.total) : 0,
    data: rows.map((r) => ({
      key: r.key,
      label: label(r.key),
      current: Number(r.current),
      previous: Number(r.previous),
      growth: r.growth === null ? null : Number(r.growth),
      trend: r.trend,
    })),
  };
}
