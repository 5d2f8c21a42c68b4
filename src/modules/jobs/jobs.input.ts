import type {
  CompanyCategory,
  Domain,
  EmploymentType,
  RoleKey,
  Seniority,
  Workplace,
} from '../../reference/taxonomy.js';
import { ValidationProblem } from '../../lib/errors.js';
import { parseCountries, parseInstant, splitList } from '../../lib/parse.js';
import type { FacetField, JobListQuery } from './jobs.schemas.js';
import type { JobFilters } from './jobs.query.js';
import type { JobSearch } from './jobs.service.js';

/** Turns validated query parameters into a search, checking what the schema cannot. */
export function parseJobSearch(query: Omit<JobListQuery, 'company'> & { company?: string | undefined }): JobSearch {
  const q = query.q?.trim() ? query.q.trim() : undefined;
  const filters: JobFilters = {
    q,
    role: splitList(query.role) as RoleKey[] | undefined,
    seniority: splitList(query.seniority) as Seniority[] | undefined,
    domain: splitList(query.domain) as Domain[] | undefined,
    company: splitList(query.company),
    companyCategory: splitList(query.company_category) as CompanyCategory[] | undefined,
    workplace: splitList(query.workplace) as Workplace[] | undefined,
    employmentType: splitList(query.employment_type) as EmploymentType[] | undefined,
    country: parseCountries('country', query.country),
    skills: splitList(query.skills)?.map((s) => s.toLowerCase()),
    salaryMin: query.salary_min,
    salaryMax: query.salary_max,
    postedAfter: parseInstant('posted_after', query.posted_after),
    postedBefore: parseInstant('posted_before', query.posted_before),
    status: (query.status ?? 'open') as JobFilters['status'],
  };
  const problems = [];
  if (filters.salaryMin !== undefined && filters.salaryMax !== undefined && filters.salaryMin > filters.salaryMax) {
    problems.push({ name: 'salary_min', reason: 'must not be greater than salary_max' });
  }
  if (filters.postedAfter && filters.postedBefore && filters.postedAfter >= filters.postedBefore) {
    problems.push({ name: 'posted_after', reason: 'must be earlier than posted_before' });
  }
  const sort = query.sort ?? (q ? 'relevance' : 'newest');
  if (sort === 'relevance' && !q) problems.push({ name: 'sort', reason: 'relevance needs a search query in q' });
  if (problems.length) throw new ValidationProblem(problems);
  return {
    filters,
    sort,
    limit: query.limit ?? 20,
    cursor: query.cursor,
    facets: splitList(query.facets) as FacetField[] | undefined,
  };
}
