import type { CompanyCategory } from '../../reference/taxonomy.js';
import { ValidationProblem } from '../../lib/errors.js';
import { splitList } from '../../lib/parse.js';
import { DAY_MS, dayMs, isoDay, parseDay, todayUtc } from '../../lib/days.js';
import { MAX_PERIODS, type LayoffTrendQuery } from './layoffs.schemas.js';
import { periodIndex, type TrendSpec } from './layoff-trends.service.js';

export function parseTrendQuery(query: LayoffTrendQuery, now = Date.now()): TrendSpec {
  const interval = query.interval ?? 'quarter';
  const to = parseDay('to', query.to) ?? todayUtc(now);
  let from = parseDay('from', query.from);
  if (from === undefined) {
    // 18 whole months ending with `to`: the same window as the demo postings.
    const end = new Date(dayMs(to) + DAY_MS);
    from = isoDay(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 18, end.getUTCDate()));
  }
  if (from > to) throw new ValidationProblem([{ name: 'from', reason: `must not be after to (${to})` }]);
  const periods = periodIndex(interval, to) - periodIndex(interval, from) + 1;
  if (periods > MAX_PERIODS) {
    throw new ValidationProblem([
      { name: 'from', reason: `the range ${from}..${to} spans ${periods} ${interval}s; at most ${MAX_PERIODS} periods: narrow it or use a longer interval` },
    ]);
  }
  return {
    interval,
    from,
    to,
    groupBy: query.group_by ?? null,
    today: todayUtc(now),
    filters: {
      company: splitList(query.company),
      companyCategory: splitList(query.company_category) as CompanyCategory[] | undefined,
      aiAttributed: query.ai_attributed,
      minHeadcount: query.min_headcount,
    },
  };
}
