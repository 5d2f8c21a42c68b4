/**
 * `GET /v1/salaries` for many companies in one statement (the GraphQL companies' `salaries` field
 * and the market summary), instead of one statement per company.
 */
import type { Database } from '../../db/index.js';
import { ValidationProblem } from '../../lib/errors.js';
import { groupedBy } from '../../lib/group.js';
import { MEASURE, type SalaryStatsResponse } from './salaries.schemas.js';
import { salaryStatRowsFromPostings } from './salary-distribution-postings.js';
import { statsResponse } from './salary-distribution-rows.js';
import type { SalaryStatsRequest } from './salaries.input.js';

/** A company whose salary statistics are asked for in a batch: its id and slug. */
export interface SalaryCompany {
  id: string;
  slug: string;
}

/**
 * `salaryStats` for many companies at once: each company's answer is what
 * `GET /v1/salaries?company={slug}` gives with the same other filters (the request's own `company`
 * filter is replaced by the company), in one statement over the postings whatever the number of
 * companies. Where a company's groups exceed MAX_GROUPS, its answer is the ValidationProblem the
 * single-company form throws.
 */
export async function salaryStatsByCompany(
  db: Database,
  companiesToAsk: readonly SalaryCompany[],
  request: SalaryStatsRequest,
): Promise<Map<string, SalaryStatsResponse | ValidationProblem>> {
  const result = new Map<string, SalaryStatsResponse | ValidationProblem>();
  if (companiesToAsk.length === 0) return result;
  const { groupBy, minCount } = request;
  const shared = { ...request, filters: { ...request.filters, company: undefined, companyId: undefined } };
  const rows = await salaryStatRowsFromPostings(db, shared, [...new Set(companiesToAsk.map((c) => c.id))]);
  const byCompany = groupedBy(rows, (row) => row.company_id!);
  const base = { measure: MEASURE, status: request.filters.status, group_by: groupBy, min_count: minCount };
  for (const c of companiesToAsk) {
    try {
      result.set(c.id, statsResponse(base, groupBy, minCount, byCompany.get(c.id) ?? []));
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      result.set(c.id, err);
    }
  }
  return result;
}
