/** `GET /v1/salaries/histogram`: bucket counts of salary midpoints. */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/index.js';
import { ValidationProblem } from '../../lib/errors.js';
import { MAX_BUCKETS, MEASURE, type SalaryHistogramResponse } from './salaries.schemas.js';
import type { SalaryHistogramRequest } from './salaries.input.js';
import { FROM_JOBS, MIDPOINT, salariedWhere } from './salary-sql.js';

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
