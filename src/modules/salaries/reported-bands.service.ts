/** `GET /v1/salaries/reported`: published salary bands beside what postings of the same role show. */
import { inArray, sql } from 'drizzle-orm';
import { jobs, reportedSalaryBands } from '../../db/tables.js';
import type { RoleKey, Seniority } from '../../reference/taxonomy.js';
import { queryRows, type Database } from '../../db/index.js';
import { MEASURE, type ReportedBandsResponse } from './salaries.schemas.js';
import type { ReportedBandsRequest } from './salaries.input.js';
import { FROM_JOBS, MIDPOINT, percentile, rolePosition, round4, salariedWhere } from './salary-sql.js';

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
