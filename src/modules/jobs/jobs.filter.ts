import type { JobFilters } from './jobs.query.js';
import type { Job } from './jobs.schemas.js';

/**
 * Whether a job matches a filter set, in JavaScript, exactly as `jobFilterConditions` decides in SQL
 * (for live streams, where each posting is checked as it comes). Full-text search (`q`) needs the
 * database's text search and is not supported here: a filter with `q` matches nothing.
 */
export function jobMatches(f: JobFilters, job: Job): boolean {
  if (f.q) return false;
  if (f.status !== 'all' && job.status !== f.status) return false;
  if (f.role && !f.role.includes(job.role)) return false;
  if (f.seniority && !f.seniority.includes(job.seniority)) return false;
  if (f.domain && !f.domain.includes(job.domain)) return false;
  if (f.company && !f.company.includes(job.company.slug)) return false;
  if (f.companyId && job.company.id !== f.companyId) return false;
  if (f.companyCategory && !f.companyCategory.includes(job.company.category)) return false;
  if (f.workplace && !f.workplace.includes(job.workplace)) return false;
  if (f.employmentType && !f.employmentType.includes(job.employment_type)) return false;
  if (f.country && (job.location.country === null || !f.country.includes(job.location.country))) return false;
  if (f.skills && !f.skills.every((s) => job.skills.includes(s))) return false;
  // Range overlap on the annual USD range; a job without a salary never matches a salary bound (NULL in SQL).
  if (f.salaryMin !== undefined && !(job.salary && job.salary.annual_usd_max >= f.salaryMin)) return false;
  if (f.salaryMax !== undefined && !(job.salary && job.salary.annual_usd_min <= f.salaryMax)) return false;
  const posted = Date.parse(job.posted_at);
  if (f.postedAfter && posted < f.postedAfter.getTime()) return false;
  if (f.postedBefore && posted >= f.postedBefore.getTime()) return false;
  return true;
}
