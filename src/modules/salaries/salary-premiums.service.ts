/** `GET /v1/salaries/premiums`: domain-specialist and AI premiums, like for like, in one statement. */
import { sql } from 'drizzle-orm';
import { jobs, roles } from '../../db/tables.js';
import type { RoleKey, Seniority } from '../../reference/taxonomy.js';
import { queryRows, type Database } from '../../db/index.js';
import { MEASURE, SPECIALIST_DOMAINS, type SalaryPremiumsResponse, type SpecialistDomain } from './salaries.schemas.js';
import type { SalaryPremiumsRequest } from './salaries.input.js';
import { FROM_JOBS, MIDPOINT, rolePosition, round4, salariedWhere } from './salary-sql.js';

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
