/** `GET /v1/salaries` rows computed over the postings themselves, for one answer or per company. */
import { and, inArray, sql } from 'drizzle-orm';
import { jobs } from '../../db/tables.js';
import { queryRows, type Database } from '../../db/index.js';
import { MAX_GROUPS } from './salaries.schemas.js';
import { DIMENSIONS, STAT_COLUMNS, type StatRowWithKeys } from './salary-distribution-rows.js';
import type { SalaryStatsRequest } from './salaries.input.js';
import { FROM_JOBS, MIDPOINT, salariedWhere } from './salary-sql.js';

/**
 * salaryStats' rows from the postings: the overall row first, then the groups in order, at most
 * MAX_GROUPS + 2 rows (one more group than allowed tells that there are too many). With
 * `companyIds`, the same per company in the same statement: the rows carry `company_id`, the
 * overall row is each company's, and the cap applies to each company (row_number per company).
 */
export async function salaryStatRowsFromPostings(db: Database, request: SalaryStatsRequest, companyIds?: readonly string[]): Promise<StatRowWithKeys[]> {
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
