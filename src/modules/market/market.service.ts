/**
 * Market analytics that combine the other modules: the "AI hiring paradox" summary of a period, a
 * company's hiring beside its layoffs, and the weekly radar. The numbers come from the sibling
 * services (posting trends, emerging, salary statistics, layoff trends and lists); the little SQL
 * here is what they do not cover (open jobs now, new postings per company and week, layoff totals,
 * grouped by company so that many companies cost as many statements as one).
 */
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { jobs, layoffs } from '../../db/tables.js';
import { ROLES, type RoleKey } from '../../reference/taxonomy.js';
import type { Database } from '../../db/index.js';
import type { CursorCodec } from '../../lib/cursor.js';
import { addDays, DAY_MS, dayMs, isoDay, todayUtc } from '../../lib/days.js';
import { ValidationProblem } from '../../lib/errors.js';
import { getCompanyBySlug } from '../companies/companies.service.js';
import type { JobFilters } from '../jobs/jobs.query.js';
import { listLayoffsByCompany } from '../layoffs/layoffs.service.js';
import { layoffTrend } from '../layoffs/layoff-trends.service.js';
import { salaryStatsByCompany } from '../salaries/salary-distribution-by-company.service.js';
import { salaryStats } from '../salaries/salary-distribution.service.js';
import { salaryPremiums } from '../salaries/salary-premiums.service.js';
import { DEFAULT_MIN_COUNT, DEFAULT_PREMIUM_STATISTIC } from '../salaries/salaries.input.js';
import type { SalaryStats } from '../salaries/salaries.schemas.js';
import { addPeriods, emergingTrends, isPartialPeriod, periodStart, postingTrend } from '../trends/trends.service.js';
import {
  DEFAULT_WEEKS,
  LAST_LAYOFFS,
  MIN_COMPANY_SALARY_COUNT,
  MIN_SALARY_COUNT,
  RADAR_EMERGING_LIMIT,
  RADAR_MIN_SUPPORT,
  RADAR_WINDOW_DAYS,
  TOP_COMPANIES,
  TOP_ROLES,
  type CompanyStats,
  type MarketSummary,
  type Radar,
} from './market.schemas.js';

const instant = (day: string) => new Date(dayMs(day));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round4(a / b - 1));

/** Years accepted for `period` and `week` (the trend services' date range). */
const MIN_YEAR = 1971;
const MAX_YEAR = 2998;

export const AI_ROLES = ROLES.filter((r) => r.family === 'ai').map((r) => r.key) as RoleKey[];
export const SOFTWARE_ROLES = ROLES.filter((r) => r.family === 'software').map((r) => r.key) as RoleKey[];

// ---------------------------------------------------------------------------------------------------
// Periods and weeks
// ---------------------------------------------------------------------------------------------------

export interface Period {
  name: string;
  interval: 'quarter' | 'month';
  /** First day. */
  start: string;
  /** First day after it. */
  end: string;
}

function periodName(interval: 'quarter' | 'month', start: string): string {
  const m = Number(start.slice(5, 7));
  return interval === 'quarter' ? `${start.slice(0, 4)}-Q${Math.floor((m - 1) / 3) + 1}` : start.slice(0, 7);
}

function periodAt(interval: 'quarter' | 'month', start: string): Period {
  return { name: periodName(interval, start), interval, start, end: addPeriods(interval, start, 1) };
}

/** `2026-Q1` or `2026-03` (shape checked by the schema); default: the last complete quarter. */
export function parsePeriod(value: string | undefined, now = Date.now()): Period {
  if (value === undefined) return periodAt('quarter', addPeriods('quarter', periodStart('quarter', isoDay(now)), -1));
  const m = /^(\d{4})-(?:Q([1-4])|(\d{2}))$/.exec(value);
  if (!m) throw new ValidationProblem([{ name: 'period', reason: 'must be a quarter like 2026-Q1 or a month like 2026-03' }]);
  const month = m[2] ? (Number(m[2]) - 1) * 3 + 1 : Number(m[3]);
  if (month < 1 || month > 12) {
    throw new ValidationProblem([{ name: 'period', reason: 'must be a quarter like 2026-Q1 or a month like 2026-03' }]);
  }
  if (Number(m[1]) < MIN_YEAR || Number(m[1]) > MAX_YEAR) {
    throw new ValidationProblem([{ name: 'period', reason: `the year must be ${MIN_YEAR} to ${MAX_YEAR}` }]);
  }
  return periodAt(m[2] ? 'quarter' : 'month', `${m[1]}-${String(month).padStart(2, '0')}-01`);
}

/** Monday of ISO week 1 of `year`: the week holding 4 January. */
function isoWeekOne(year: number): string {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return isoDay(jan4 - dow * DAY_MS);
}

/** `2026-W14` for the ISO week starting on `monday`. */
export function isoWeekName(monday: string): string {
  const thursday = dayMs(monday) + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.round((dayMs(monday) - dayMs(isoWeekOne(year))) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week `YYYY-Www` (shape checked by the schema; W00, W54 and W53 of 52-week years are refused). */
export function parseWeek(value: string | undefined, now = Date.now()): string {
  if (value === undefined) return addDays(periodStart('week', isoDay(now)), -7);
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  const year = Number(m?.[1]);
  const week = Number(m?.[2]);
  const weeks = m ? Math.round((dayMs(isoWeekOne(year + 1)) - dayMs(isoWeekOne(year))) / (7 * DAY_MS)) : 0;
  if (m && (year < MIN_YEAR || year > MAX_YEAR)) {
    throw new ValidationProblem([{ name: 'week', reason: `the year must be ${MIN_YEAR} to ${MAX_YEAR}` }]);
  }
  if (!m || week < 1 || week > weeks) {
    throw new ValidationProblem([{ name: 'week', reason: m ? `${value} does not exist: ${year} has ${weeks} ISO weeks` : 'must be an ISO week like 2026-W14' }]);
  }
  return addDays(isoWeekOne(year), (week - 1) * 7);
}

// ---------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------

/** Salary statistics of the postings matching `filters` posted in [from, to), any status. */
async function medianOf(db: Database, filters: Omit<JobFilters, 'status'>, from: string, to: string, minCount = 1): Promise<SalaryStats> {
  const answer = await salaryStats(db, {
    filters: { ...filters, status: 'all', postedAfter: instant(from), postedBefore: instant(to) },
    groupBy: [],
    minCount,
  });
  return answer.overall;
}

const side = (s: SalaryStats) => ({ count: s.count, median: s.withheld ? null : s.median });

// ---------------------------------------------------------------------------------------------------
// GET /v1/trends/market
// ---------------------------------------------------------------------------------------------------

export async function marketSummary(db: Database, period: Period, now = Date.now()): Promise<MarketSummary> {
  const { interval, start, end } = period;
  const today = todayUtc(now);
  // A period that has not ended: its counts so far against whole periods would read as a collapse.
  const partial = isPartialPeriod(interval, start, today);
  const periodFilters = { status: 'all' as const, postedAfter: instant(start), postedBefore: instant(end) };
  const previousStart = addPeriods(interval, start, -1);
  const lastDay = addDays(end, -1);
  const yearAgo = addPeriods(interval, start, interval === 'quarter' ? -4 : -12);
  const windowDays = Math.round((dayMs(end) - dayMs(start)) / DAY_MS);

  const [layoffTotals, aiPostings, aiSalary, softwareSalary, aiYearAgo, emerging, premiums] = await Promise.all([
    layoffTrend(db, { interval, from: start, to: lastDay, groupBy: null, filters: {}, today }),
    postingTrend(db, {
      metric: 'new',
      interval,
      first: start,
      last: start,
      groupBy: 'company_category',
      top: 50,
      filters: { status: 'all', role: AI_ROLES },
      today,
    }),
    medianOf(db, { role: AI_ROLES }, start, end),
    medianOf(db, { role: SOFTWARE_ROLES }, start, end),
    medianOf(db, { role: AI_ROLES }, yearAgo, addPeriods(interval, yearAgo, 1)),
    emergingTrends(db, { dimension: 'role', windowDays, asOf: lastDay, minSupport: 1, limit: 100, filters: { status: 'all' } }),
    // The AI premium exactly as GET /v1/salaries/premiums computes it for postings of the period (its defaults).
    salaryPremiums(db, { filters: periodFilters, statistic: DEFAULT_PREMIUM_STATISTIC, minCount: DEFAULT_MIN_COUNT }),
  ]);

  const counts = { ai_native: { current: 0, previous: 0 }, others: { current: 0, previous: 0 } };
  for (const s of aiPostings.series) {
    const point = s.points[0];
    if (!point) continue;
    const into = s.key === 'ai_native' ? counts.ai_native : counts.others;
    into.current += point.value;
    into.previous += point.previous_value;
  }
  const withGrowth = (c: { current: number; previous: number }) => ({ ...c, growth: partial ? null : ratio(c.current, c.previous) });

  const ai = side(aiSalary);
  const traditional = side(softwareSalary);
  const aiYear = side(aiYearAgo);
  const topRoles = [...emerging.data]
    .sort((a, b) => b.current - a.current || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, TOP_ROLES)
    .map((r) => {
      const role = ROLES.find((x) => x.key === r.key);
      return {
        key: r.key,
        label: r.label,
        family: role?.family ?? 'business',
        current: r.current,
        previous: r.previous,
        growth: partial ? null : r.growth,
        trend: partial ? null : r.trend,
      };
    });

  return {
    period: period.name,
    interval,
    partial,
    range: { from: start, to: lastDay },
    previous_range: { from: previousStart, to: addDays(start, -1) },
    layoffs: {
      headcount: layoffTotals.totals.headcount,
      ai_attributed_headcount: layoffTotals.totals.ai_attributed_headcount,
      ai_attributed_share: layoffTotals.totals.ai_attributed_share,
      events: layoffTotals.totals.events,
    },
    ai_postings: { ai_native: withGrowth(counts.ai_native), others: withGrowth(counts.others) },
    salaries: {
      ai,
      traditional,
      ai_premium: premiums.ai_premium.premium,
      median_gap: ratio(ai.median, traditional.median),
      ai_year_ago: aiYear,
      ai_yoy_growth: ratio(ai.median, aiYear.median),
    },
    top_roles: topRoles,
  };
}

// ---------------------------------------------------------------------------------------------------
// GET /v1/companies/{slug}/stats
// ---------------------------------------------------------------------------------------------------

export async function companyStats(
  deps: { db: Database; cursors: CursorCodec },
  slug: string,
  weeks = DEFAULT_WEEKS,
  now = Date.now(),
): Promise<CompanyStats> {
  const company = await getCompanyBySlug(deps.db, slug);
  return (await companyStatsMany(deps, [company], weeks, now)).get(company.id)!;
}

/** A company whose statistics are asked for: what the answer names it by. */
export interface StatsCompany {
  id: string;
  slug: string;
  name: string;
  category: string;
}

/**
 * `GET /v1/companies/{slug}/stats` for many companies at once, in six statements whatever their
 * number: open jobs and weekly new postings grouped by company, the salary side from the salary
 * service's per-company form, layoff totals grouped by company, and the latest layoffs from the
 * layoff service's per-company page. Each answer is keyed by company id.
 */
export async function companyStatsMany(
  deps: { db: Database; cursors: CursorCodec },
  companiesToAsk: readonly StatsCompany[],
  weeks = DEFAULT_WEEKS,
  now = Date.now(),
): Promise<Map<string, CompanyStats>> {
  const { db } = deps;
  const result = new Map<string, CompanyStats>();
  if (companiesToAsk.length === 0) return result;
  const ids = [...new Set(companiesToAsk.map((c) => c.id))];
  const today = isoDay(now);
  const thisWeek = periodStart('week', today);
  const firstWeek = addDays(thisWeek, -7 * (weeks - 1));
  // ISO weeks in UTC, as postingTrend buckets them (interval 'week', metric 'new', every status).
  const week = sql<string>`to_char(date_trunc('week', ${jobs.postedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;

  const [open, weekly, salaries, totals, latest] = await Promise.all([
    db
      .select({ companyId: jobs.companyId, n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(jobs)
      .where(and(inArray(jobs.companyId, ids), eq(jobs.status, 'open')))
      .groupBy(jobs.companyId),
    db
      .select({ companyId: jobs.companyId, week: week.as('week'), n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(jobs)
      .where(and(inArray(jobs.companyId, ids), gte(jobs.postedAt, instant(firstWeek)), lt(jobs.postedAt, instant(addDays(thisWeek, 7)))))
      .groupBy(jobs.companyId, sql`2`),
    salaryStatsByCompany(db, companiesToAsk, {
      filters: { status: 'all', postedAfter: instant(addDays(today, -364)), postedBefore: instant(addDays(today, 1)) },
      groupBy: [],
      minCount: MIN_COMPANY_SALARY_COUNT,
    }),
    db
      .select({
        companyId: layoffs.companyId,
        headcount: sql<number>`coalesce(sum(${layoffs.headcount}), 0)::bigint`.mapWith(Number),
        ai: sql<number>`coalesce(sum(${layoffs.headcount}) filter (where ${layoffs.aiAttributed}), 0)::bigint`.mapWith(Number),
        events: sql<number>`count(*)::int`.mapWith(Number),
      })
      .from(layoffs)
      .where(inArray(layoffs.companyId, ids))
      .groupBy(layoffs.companyId),
    listLayoffsByCompany(deps, companiesToAsk, { filters: {}, sort: 'newest', limit: LAST_LAYOFFS }),
  ]);

  const openBy = new Map(open.map((r) => [r.companyId, r.n]));
  const weeklyBy = new Map(weekly.map((r) => [`${r.companyId} ${r.week}`, r.n]));
  const totalsBy = new Map(totals.map((r) => [r.companyId, r]));
  const mondays = Array.from({ length: weeks }, (_, i) => addDays(firstWeek, 7 * i));
  for (const company of companiesToAsk) {
    const salary = salaries.get(company.id)!;
    if (salary instanceof Error) throw salary;
    const t = totalsBy.get(company.id);
    result.set(company.id, {
      company: { slug: company.slug, name: company.name, category: company.category },
      as_of: today,
      hiring: {
        open_jobs: openBy.get(company.id) ?? 0,
        weekly_new_postings: mondays.map((monday) => ({
          week: isoWeekName(monday),
          week_start: monday,
          new_postings: weeklyBy.get(`${company.id} ${monday}`) ?? 0,
        })),
        salary: side(salary.overall),
      },
      layoffs: {
        headcount: t?.headcount ?? 0,
        ai_attributed_headcount: t?.ai ?? 0,
        events: t?.events ?? 0,
        latest: latest.get(company.id)!.data.map((l) => ({
          id: l.id,
          announced_on: l.announced_on,
          headcount: l.headcount,
          ai_attributed: l.ai_attributed,
          reason: l.reason,
          source_url: l.source_url,
        })),
      },
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// GET /v1/radar
// ---------------------------------------------------------------------------------------------------

export async function radar(db: Database, monday: string, now = Date.now()): Promise<Radar> {
  const today = todayUtc(now);
  const next = addDays(monday, 7);
  // A week that has not ended gives no growth (its counts so far against whole weeks would read as a collapse).
  const partial = next > today;
  const sunday = addDays(monday, 6);
  const baselineStart = addDays(monday, -28);
  const byRole = async (from: string, to: string) =>
    salaryStats(db, {
      filters: { status: 'all', postedAfter: instant(from), postedBefore: instant(to) },
      groupBy: ['role'],
      minCount: MIN_SALARY_COUNT,
    });

  const [total, byCompany, week, baseline, emerging] = await Promise.all([
    postingTrend(db, { metric: 'new', interval: 'week', first: monday, last: monday, groupBy: null, top: 1, filters: { status: 'all' }, today }),
    postingTrend(db, { metric: 'new', interval: 'week', first: monday, last: monday, groupBy: 'company', top: TOP_COMPANIES, filters: { status: 'all' }, today }),
    byRole(monday, next),
    byRole(baselineStart, monday),
    emergingTrends(db, {
      dimension: 'role',
      windowDays: RADAR_WINDOW_DAYS,
      asOf: sunday,
      minSupport: RADAR_MIN_SUPPORT,
      limit: RADAR_EMERGING_LIMIT,
      filters: { status: 'all' },
    }),
  ]);

  const point = total.series[0]?.points[0];
  const topCompanies = byCompany.series
    .filter((s) => s.key !== '_other')
    .map((s) => ({ slug: s.key, name: s.label, new_postings: s.points[0]?.value ?? 0 }))
    .filter((c) => c.new_postings > 0)
    .sort((a, b) => b.new_postings - a.new_postings || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .slice(0, TOP_COMPANIES);

  const empty: SalaryStats = { count: 0, withheld: true, min: null, p10: null, p25: null, median: null, p75: null, p90: null, max: null, mean: null };
  const statsOf = (answer: typeof week, role: string) => answer.groups.find((g) => g.key.role === role) ?? empty;
  const movement = ROLES.map((r) => {
    const w = statsOf(week, r.key);
    const b = statsOf(baseline, r.key);
    const reason: Radar['salary_movement'][number]['reason'] =
      w.count < MIN_SALARY_COUNT ? 'too_few_postings_this_week' : b.count < MIN_SALARY_COUNT ? 'too_few_postings_in_baseline' : null;
    const ws = { count: w.count, median: w.count < MIN_SALARY_COUNT ? null : w.median };
    const bs = { count: b.count, median: b.count < MIN_SALARY_COUNT ? null : b.median };
    return { role: r.key, label: r.label, week: ws, baseline: bs, change: ratio(ws.median, bs.median), withheld: reason !== null, reason };
  });

  return {
    week: isoWeekName(monday),
    range: { from: monday, to: sunday },
    partial,
    new_postings: { current: point?.value ?? 0, previous: point?.previous_value ?? 0, growth: point?.pop_growth ?? null },
    top_companies: topCompanies,
    salary_movement: movement,
    emerging_roles: {
      current_window: emerging.current_window,
      previous_window: emerging.previous_window,
      data: partial ? emerging.data.map((d) => ({ ...d, growth: null, trend: null })) : emerging.data,
    },
  };
}
