/**
 * The salary routes' query strings as typed requests: the `/v1/jobs` filters parsed exactly as
 * `/v1/jobs` parses them, plus each route's own parameters and defaults. Every problem found is
 * reported at once, as one ValidationProblem.
 */
import { collectProblems, type FieldError, ValidationProblem } from '../../lib/errors.js';
import { parseJobSearch } from '../jobs/jobs.input.js';
import type { JobFilters } from '../jobs/jobs.query.js';
import {
  GROUP_DIMENSIONS,
  salaryFilterProperties,
  type GroupDimension,
  type PremiumStatistic,
  type ReportedBandsQuery,
  type SalaryHistogramQuery,
  type SalaryPremiumsQuery,
  type SalaryStatsQuery,
} from './salaries.schemas.js';

export const DEFAULT_MIN_COUNT = 5;
/** The statistic premiums compare by default (`/v1/salaries/premiums`, and the market summary's `ai_premium`). */
export const DEFAULT_PREMIUM_STATISTIC: PremiumStatistic = 'mean';
const DEFAULT_BUCKETS = 20;

/** The `/v1/jobs` filter parameters as the salary routes take them (`status` defaults to `all`). */
type FilterQuery = Omit<SalaryStatsQuery, 'group_by' | 'min_count'>;

/** Every /v1/jobs filter the salary routes take (all of them: a filter added there applies here too). */
const FILTER_KEYS = Object.keys(salaryFilterProperties) as (keyof typeof salaryFilterProperties)[];

/** The job filters of a salary query, parsed exactly as `/v1/jobs` parses them. */
function parseFilters(query: FilterQuery, problems: FieldError[]): JobFilters | undefined {
  const picked: Partial<Record<keyof typeof salaryFilterProperties, unknown>> = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) picked[key] = query[key];
  const filterQuery = picked as FilterQuery;
  return collectProblems(problems, () => parseJobSearch({ ...filterQuery, status: filterQuery.status ?? 'all' }).filters);
}

/** The parsed request, or every problem found as one ValidationProblem. */
function done<T>(problems: FieldError[], value: T | undefined): T {
  if (problems.length || value === undefined) throw new ValidationProblem(problems);
  return value;
}

export interface SalaryStatsRequest {
  filters: JobFilters;
  groupBy: GroupDimension[];
  minCount: number;
}

export function parseSalaryStats(query: SalaryStatsQuery): SalaryStatsRequest {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  const groupBy = (query.group_by ? query.group_by.split(',') : []) as GroupDimension[];
  if (groupBy.some((d) => !GROUP_DIMENSIONS.includes(d))) {
    problems.push({ name: 'group_by', reason: `must be one or two of ${GROUP_DIMENSIONS.join(', ')} (comma-separated)` });
  } else if (groupBy.length > 2) {
    problems.push({ name: 'group_by', reason: 'takes at most two dimensions' });
  } else if (new Set(groupBy).size !== groupBy.length) {
    problems.push({ name: 'group_by', reason: 'must not name a dimension twice' });
  }
  return done(problems, filters && { filters, groupBy, minCount: query.min_count ?? DEFAULT_MIN_COUNT });
}

export interface SalaryPremiumsRequest {
  filters: JobFilters;
  statistic: PremiumStatistic;
  minCount: number;
}

export function parseSalaryPremiums(query: SalaryPremiumsQuery): SalaryPremiumsRequest {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  return done(problems, filters && { filters, statistic: query.statistic ?? DEFAULT_PREMIUM_STATISTIC, minCount: query.min_count ?? DEFAULT_MIN_COUNT });
}

export type SalaryHistogramRequest =
  | { filters: JobFilters; bucketWidth: number; buckets?: undefined }
  | { filters: JobFilters; buckets: number; bucketWidth?: undefined };

export function parseSalaryHistogram(query: SalaryHistogramQuery): SalaryHistogramRequest {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  if (query.bucket_width !== undefined && query.buckets !== undefined) {
    problems.push(
      { name: 'bucket_width', reason: 'cannot be combined with buckets: give one of them' },
      { name: 'buckets', reason: 'cannot be combined with bucket_width: give one of them' },
    );
  }
  return done(
    problems,
    filters &&
      (query.bucket_width !== undefined
        ? { filters, bucketWidth: query.bucket_width }
        : { filters, buckets: query.buckets ?? DEFAULT_BUCKETS }),
  );
}

export interface ReportedBandsRequest {
  filters: JobFilters;
  minCount: number;
}

export function parseReportedBands(query: ReportedBandsQuery): ReportedBandsRequest {
  const problems: FieldError[] = [];
  const filters = parseFilters(query, problems);
  return done(problems, filters && { filters, minCount: query.min_count ?? DEFAULT_MIN_COUNT });
}
