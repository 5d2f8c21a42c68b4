/**
 * `GET /v1/salaries`: distribution statistics of midpoints, overall and per group, in one statement,
 * from salary_rollup when it answers exactly, else from the postings.
 */
import type { Database } from '../../db/index.js';
import { cachedAnswer } from '../rollups/answer-cache.service.js';
import { MEASURE, type SalaryStatsResponse } from './salaries.schemas.js';
import { salaryStatRowsFromPostings } from './salary-distribution-postings.js';
import { salaryRollupSet, salaryStatRowsFromRollup } from './salary-distribution-rollup.js';
import { statsResponse } from './salary-distribution-rows.js';
import type { SalaryStatsRequest } from './salaries.input.js';

/** Where salary statistics are computed: the midpoint counts of salary_rollup, or the postings. */
export type SalarySource = 'rollup' | 'postings';

/**
 * salaryStats as the API answers it: kept while the data is unchanged (see cachedAnswer), so a
 * dashboard asking again pays one cheap statement.
 */
export function readSalaryStats(db: Database, request: SalaryStatsRequest, options: { fresh?: boolean } = {}): Promise<SalaryStatsResponse> {
  return cachedAnswer(db, `salaries ${JSON.stringify(request)}`, (snapshot) => salaryStats(snapshot, request), options);
}

/** Distribution statistics of midpoints, overall and per group, in one statement. */
export async function salaryStats(db: Database, request: SalaryStatsRequest, options: { source?: SalarySource } = {}): Promise<SalaryStatsResponse> {
  const { filters, groupBy, minCount } = request;
  const base = {
    measure: MEASURE,
    status: filters.status,
    group_by: groupBy,
    min_count: minCount,
  };
  const set = salaryRollupSet(filters, groupBy);
  if ((options.source ?? (set ? 'rollup' : 'postings')) === 'rollup') {
    if (!set) throw new Error('these statistics cannot be read from the rollup');
    return statsResponse(base, groupBy, minCount, await salaryStatRowsFromRollup(db, request, set));
  }
  return statsResponse(base, groupBy, minCount, await salaryStatRowsFromPostings(db, request));
}
