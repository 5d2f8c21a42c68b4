/**
 * Layoff trends: the announcements of `GET /v1/layoffs` summed per calendar period (month, quarter
 * or year, UTC), optionally per group (company, company category, AI attribution).
 */
import { and, gte, sql, type SQL } from 'drizzle-orm';
import { companies, layoffs } from '../../db/tables.js';
import { COMPANY_CATEGORIES } from '../../reference/taxonomy.js';
import { queryRows, type Database } from '../../db/index.js';
import { dayMs, isoDay, todayUtc } from '../../lib/days.js';
import {
  MAX_COMPANY_SERIES,
  type LayoffTrend,
  type TrendGroup,
  type TrendInterval,
} from './layoffs.schemas.js';
import { layoffFilterConditions, type LayoffFilters } from './layoffs.filter.js';

export interface TrendSpec {
  interval: TrendInterval;
  /** Inclusive days. */
  from: string;
  to: string;
  groupBy: TrendGroup | null;
  filters: Omit<LayoffFilters, 'announcedAfter' | 'announcedBefore'>;
  /** Today (UTC), YYYY-MM-DD: a period that has not ended by then is `partial`. Default: the day the answer is computed. */
  today?: string;
}

/** First day of the period after the one starting on `start`. */
function nextPeriod(interval: TrendInterval, start: string): string {
  const d = new Date(dayMs(start));
  d.setUTCMonth(d.getUTCMonth() + (interval === 'year' ? 12 : interval === 'quarter' ? 3 : 1));
  return isoDay(d.getTime());
}

/**
 * Whether the period starting on `start` has not ended by `today`: it holds today or lies after it
 * (the meaning `partial` has in every period series). A first or last period that `from`/`to` cut
 * is not partial in this sense: the range says which of its days are counted.
 */
export function isPartialLayoffPeriod(interval: TrendInterval, start: string, today: string): boolean {
  return nextPeriod(interval, start) > today;
}

/** Index of the period holding a day: months, quarters or years since year 0. */
export function periodIndex(interval: TrendInterval, day: string): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1;
  return interval === 'year' ? y : interval === 'quarter' ? y * 4 + Math.floor(m / 3) : y * 12 + m;
}

const STEP: Record<TrendInterval, string> = { month: '1 month', quarter: '3 months', year: '1 year' };
const FORMAT: Record<TrendInterval, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };
export const OTHER_COMPANIES = { key: '_other', label: 'All other companies' } as const;

interface TrendRow {
  kind: number;
  key: string | null;
  label: string | null;
  period_start: string | null;
  period: string | null;
  headcount: number | string;
  ai_headcount: number | string;
  events: number | string;
  share: number | string | null;
}

/**
 * Layoff totals per calendar period (and per group), computed in one statement: the matching
 * announcements are bucketed with date_trunc, summed with GROUP BY GROUPING SETS, and laid over
 * generate_series of every period in range, so empty periods answer zeros.
 */
export async function layoffTrend(db: Database, spec: TrendSpec): Promise<LayoffTrend> {
  const { interval, from, to, groupBy, filters } = spec;
  const unit = sql.raw(`'${interval}'`);
  const step = sql.raw(`interval '${STEP[interval]}'`);
  const format = sql.raw(`'${FORMAT[interval]}'`);
  const where = and(...layoffFilterConditions(filters), gte(layoffs.announcedOn, from), sql`${layoffs.announcedOn} <= ${to}::date`)!;

  const keyExpr =
    groupBy === 'company'
      ? sql`${companies.slug}`
      : groupBy === 'company_category'
        ? sql`${companies.category}::text`
        : groupBy === 'ai_attributed'
          ? sql`case when ${layoffs.aiAttributed} then 'true' else 'false' end`
          : sql`'all'`;

  let grouped: SQL;
  let series: SQL;
  if (groupBy === 'company') {
    // The largest companies get a series each; everyone else is summed in `_other`.
    grouped = sql`ranked as (
        select raw_key, row_number() over (order by sum(headcount) desc, raw_key collate "C")::int as rank
        from filtered group by raw_key
      ),
      grouped as (
        select case when r.rank <= ${MAX_COMPANY_SERIES} then f.raw_key else ${OTHER_COMPANIES.key} end as key,
               f.period_start, f.headcount, f.ai_attributed
        from filtered f join ranked r on r.raw_key = f.raw_key
      )`;
    series = sql`series as (
        select r.raw_key as key, c.name as label, r.rank as ord
        from ranked r join ${companies} c on c.slug = r.raw_key
        where r.rank <= ${MAX_COMPANY_SERIES}
        union all
        select ${OTHER_COMPANIES.key}::text, ${OTHER_COMPANIES.label}::text, ${MAX_COMPANY_SERIES + 1}::int
        where exists (select 1 from ranked where rank > ${MAX_COMPANY_SERIES})
      )`;
  } else {
    grouped = sql`grouped as (select raw_key as key, period_start, headcount, ai_attributed from filtered)`;
    series = sql`series as (
        select key, label, ord from json_to_recordset(${JSON.stringify(fixedSeries(groupBy, filters))}::json) as s(key text, label text, ord int)
      )`;
  }

  const rows = await queryRows<TrendRow>(
    db,
    sql`with filtered as (
          select ${keyExpr} as raw_key,
                 date_trunc(${unit}, ${layoffs.announcedOn}::timestamp)::date as period_start,
                 ${layoffs.headcount} as headcount, ${layoffs.aiAttributed} as ai_attributed
          from ${layoffs} join ${companies} on ${companies.id} = ${layoffs.companyId}
          where ${where}
        ),
        ${grouped},
        ${series},
        agg as (
          select key, period_start, grouping(key, period_start) as g,
                 sum(headcount)::bigint as headcount,
                 coalesce(sum(headcount) filter (where ai_attributed), 0)::bigint as ai_headcount,
                 count(*)::bigint as events
          from grouped
          group by grouping sets ((key, period_start), (key))
        ),
        periods as (
          select gs::date as period_start
          from generate_series(date_trunc(${unit}, ${from}::date::timestamp), date_trunc(${unit}, ${to}::date::timestamp), ${step}) gs
        ),
        answer as (
          select 0 as kind, s.ord, s.key, s.label, p.period_start,
                 coalesce(a.headcount, 0) as headcount, coalesce(a.ai_headcount, 0) as ai_headcount, coalesce(a.events, 0) as events
          from series s cross join periods p
          left join agg a on a.g = 0 and a.key = s.key and a.period_start = p.period_start
          union all
          select 1, s.ord, s.key, s.label, null::date,
                 coalesce(a.headcount, 0), coalesce(a.ai_headcount, 0), coalesce(a.events, 0)
          from series s left join agg a on a.g = 1 and a.key = s.key
          union all
          select 2, 0, null::text, null::text, null::date,
                 coalesce(sum(headcount), 0)::bigint, coalesce(sum(headcount) filter (where ai_attributed), 0)::bigint, count(*)::bigint
          from grouped
        )
        select kind, key, label,
               to_char(period_start::timestamp, 'YYYY-MM-DD') as period_start, to_char(period_start::timestamp, ${format}) as period,
               headcount, ai_headcount, events,
               case when headcount > 0 then round(ai_headcount::numeric / headcount, 4)::float8 end as share
        from answer
        order by kind, ord, period_start`,
  );

  const measures = (r: TrendRow) => ({
    headcount: Number(r.headcount),
    ai_attributed_headcount: Number(r.ai_headcount),
    ai_attributed_share: r.share === null ? null : Number(r.share),
    events: Number(r.events),
  });
  const byKey = new Map<string, LayoffTrend['series'][number]>();
  const zero = { headcount: 0, ai_attributed_headcount: 0, ai_attributed_share: null, events: 0 };
  let totals: LayoffTrend['totals'] = zero;
  for (const r of rows) {
    if (r.kind === 2) {
      totals = measures(r);
      continue;
    }
    const key = r.key!;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { key, label: r.label!, totals: zero, points: [] }));
    if (r.kind === 0) {
      const partial = isPartialLayoffPeriod(interval, r.period_start!, spec.today ?? todayUtc());
      s.points.push({ period_start: r.period_start!, period: r.period!, partial, ...measures(r) });
    }
    else s.totals = measures(r);
  }
  return { interval, from, to, group_by: groupBy, totals, series: [...byKey.values()] };
}

/** The series of a closed vocabulary, in display order, narrowed by the filters on the same dimension. */
function fixedSeries(groupBy: Exclude<TrendGroup, 'company'> | null, filters: TrendSpec['filters']) {
  if (groupBy === 'company_category') {
    return COMPANY_CATEGORIES.filter((c) => !filters.companyCategory || filters.companyCategory.includes(c.key)).map((c, ord) => ({
      key: c.key,
      label: c.label,
      ord,
    }));
  }
  if (groupBy === 'ai_attributed') {
    return [
      { key: 'true', label: 'Attributed to AI', ord: 0 },
      { key: 'false', label: 'Not attributed to AI', ord: 1 },
    ].filter((s) => filters.aiAttributed === undefined || s.key === String(filters.aiAttributed));
  }
  return [{ key: 'all', label: 'All layoffs', ord: 0 }];
}
