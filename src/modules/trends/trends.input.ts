import { collectProblems, type FieldError, ValidationProblem } from '../../lib/errors.js';
import type { JobFilters } from '../jobs/jobs.query.js';
import { parseJobSearch } from '../jobs/jobs.input.js';
import {
  DEFAULT_PERIODS,
  DEFAULT_TOP,
  MAX_DAY,
  MAX_PERIODS,
  MAX_WINDOW_DAYS,
  MIN_DAY,
  MIN_WINDOW_DAYS,
  trendFilterProperties,
  type EmergingQuery,
  type PostingInterval,
  type PostingTrendQuery,
  type TrendFilterKey,
} from './trends.schemas.js';
import { DAY_MS, dayMs, parseDay, todayUtc } from '../../lib/days.js';
import { addPeriods, periodStart, type EmergingSpec, type PostingTrendSpec } from './trends.service.js';

/** How many periods from the one starting on `a` to the one starting on `b`. */
function periodsBetween(interval: PostingInterval, a: string, b: string): number {
  if (interval === 'day') return Math.round((dayMs(b) - dayMs(a)) / DAY_MS);
  if (interval === 'week') return Math.round((dayMs(b) - dayMs(a)) / (7 * DAY_MS));
  const months = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  return interval === 'quarter' ? months / 3 : months;
}

const FILTER_KEYS = Object.keys(trendFilterProperties) as TrendFilterKey[];

/** The job filters of a trend query, parsed exactly as `/v1/jobs` parses them (every status). */
function parseFilters(query: Partial<Record<TrendFilterKey, unknown>>, problems: FieldError[]): JobFilters | undefined {
  const picked: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) picked[key] = query[key];
  return collectProblems(problems, () => parseJobSearch({ ...(picked as Parameters<typeof parseJobSearch>[0]), status: 'all' }).filters);
}

function parseBoundedDay(name: string, value: string | undefined, problems: FieldError[]): string | undefined {
  const day = collectProblems(problems, () => parseDay(name, value));
  if (day !== undefined && (day < MIN_DAY || day > MAX_DAY)) {
    problems.push({ name, reason: `must be between ${MIN_DAY} and ${MAX_DAY}` });
    return undefined;
  }
  return day;
}

export function parsePostingTrendQuery(query: PostingTrendQuery, now = Date.now()): PostingTrendSpec {
  const problems: FieldError[] = [];
  const interval = query.interval ?? 'month';
  const filters = parseFilters(query, problems);
  const to = parseBoundedDay('to', query.to, problems) ?? (query.to === undefined ? todayUtc(now) : undefined);
  const from = parseBoundedDay('from', query.from, problems);
  if (problems.length || !filters || !to) throw new ValidationProblem(problems);
  const last = periodStart(interval, to);
  const first = from === undefined ? addPeriods(interval, last, -(DEFAULT_PERIODS[interval] - 1)) : periodStart(interval, from);
  if (from !== undefined && from > to) throw new ValidationProblem([{ name: 'from', reason: `must not be after to (${to})` }]);
  const periods = periodsBetween(interval, first, last) + 1;
  if (periods > MAX_PERIODS) {
    throw new ValidationProblem([
      {
        name: 'from',
        reason: `the range ${from ?? first}..${to} spans ${periods} ${interval}s; at most ${MAX_PERIODS} periods: narrow it or use a longer interval`,
      },
    ]);
  }
  return {
    metric: query.metric ?? 'new',
    interval,
    first,
    last,
    groupBy: query.group_by ?? null,
    top: query.top ?? DEFAULT_TOP,
    filters,
    today: todayUtc(now),
  };
}

export function parseEmergingQuery(query: EmergingQuery, now = Date.now()): EmergingSpec {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  const asOf = parseBoundedDay('as_of', query.as_of, problems) ?? (query.as_of === undefined ? todayUtc(now) : undefined);
  const windowDays = Number((query.window ?? '90d').slice(0, -1));
  if (!(windowDays >= MIN_WINDOW_DAYS && windowDays <= MAX_WINDOW_DAYS)) {
    problems.push({ name: 'window', reason: `must be ${MIN_WINDOW_DAYS}d to ${MAX_WINDOW_DAYS}d` });
  }
  if (problems.length || !filters || !asOf) throw new ValidationProblem(problems);
  return { dimension: query.dimension ?? 'role', windowDays, asOf, minSupport: query.min_support ?? 10, limit: query.limit ?? 20, filters };
}
