import { expectOk, throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad, opLoad } from '../lib/load.js';

// The plain aggregates over postings that rollups are meant to beat: what the same answer costs
// when computed from `jobs` at request time.
const SALARY_PATH = '/v1/salaries?group_by=role';
const RAW_SALARIES = `
  select role, count(*)::int as count,
         percentile_cont(array[0.1, 0.25, 0.5, 0.75, 0.9]) within group (order by mid) as percentiles,
         min(mid), max(mid), avg(mid)
  from (select role, (salary_usd_min::numeric + salary_usd_max) / 2 as mid
        from jobs where salary_usd_min is not null and salary_usd_max is not null) m
  group by role`;

const FROM = '2025-12-01';
const TO = '2026-11-25';
const TREND_PATH = `/v1/trends/postings?interval=month&group_by=role&from=${FROM}&to=${TO}`;
const RAW_TRENDS = `
  select role, date_trunc('month', posted_at at time zone 'UTC') as period, count(*)::int as n
  from jobs
  where posted_at >= $1::timestamptz and posted_at < $2::timestamptz
  group by 1, 2`;

/** W5: salary percentiles and posting trends as the API answers them vs the raw aggregate over `jobs`. */
export const w5: Workload = {
  id: 'W5',
  title: 'analytics vs raw aggregate',
  async run(ctx) {
    const api = await ctx.api();
    await expectOk(api.url, [SALARY_PATH, TREND_PATH]);
    const pool = ctx.pool();
    ctx.details.W5 = { salaries: { path: SALARY_PATH, raw: RAW_SALARIES.trim() }, trends: { path: TREND_PATH, raw: RAW_TRENDS.trim() } };
    // Repeated requests are answered from the kept answer while nothing is written; `fresh` sends
    // Cache-Control: no-cache, so every request computes from the rollup (what a write-heavy day gets).
    const fresh = { 'cache-control': 'no-cache' };
    const sal = await compare(
      {
        api: (s) => httpLoad(api.url, [{ path: SALARY_PATH }], s),
        fresh: (s) => httpLoad(api.url, [{ path: SALARY_PATH, headers: fresh }], s),
        raw: (s) => opLoad([() => pool.query(RAW_SALARIES)], s),
      },
      ctx.load,
    );
    const tr = await compare(
      {
        api: (s) => httpLoad(api.url, [{ path: TREND_PATH }], s),
        fresh: (s) => httpLoad(api.url, [{ path: TREND_PATH, headers: fresh }], s),
        raw: (s) => opLoad([() => pool.query(RAW_TRENDS, [`${FROM}T00:00:00Z`, '2026-12-01T00:00:00Z'])], s),
      },
      ctx.load,
    );
    const reported = { target: 'reported', met: undefined };
    return [
      throughputRow('W5', 'GET /v1/salaries?group_by=role', sal.api, 'raw percentile_cont by role over jobs', sal.raw, 20, { target: '≥ 20' }),
      throughputRow('W5', '… with Cache-Control: no-cache (from the rollup)', sal.fresh, 'raw percentile_cont by role over jobs', sal.raw, 20, reported),
      throughputRow('W5', 'GET /v1/trends/postings (month × role, 12 months)', tr.api, 'raw count by month × role over jobs', tr.raw, 20, {
        target: '≥ 20',
      }),
      throughputRow('W5', '… with Cache-Control: no-cache (from the rollup)', tr.fresh, 'raw count by month × role over jobs', tr.raw, 20, reported),
    ];
  },
};
