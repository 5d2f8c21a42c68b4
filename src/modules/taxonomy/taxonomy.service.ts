import { asc } from 'drizzle-orm';
import { roles } from '../../db/tables.js';
import {
  CLOSE_REASONS,
  COMPANY_CATEGORIES,
  COMPANY_SIZES,
  DOMAINS,
  EMPLOYMENT_TYPES,
  JOB_STATUSES,
  SALARY_PERIODS,
  SENIORITIES,
  WORKPLACES,
} from '../../reference/taxonomy.js';
import type { Database } from '../../db/index.js';
import type { Taxonomy } from './taxonomy.schemas.js';

export async function getTaxonomy(db: Database): Promise<Taxonomy> {
  const roleRows = await db
    .select({ key: roles.key, label: roles.label, family: roles.family, description: roles.description })
    .from(roles)
    .orderBy(asc(roles.position));
  return {
    roles: roleRows,
    seniorities: [...SENIORITIES],
    domains: [...DOMAINS],
    company_categories: [...COMPANY_CATEGORIES],
    company_sizes: [...COMPANY_SIZES],
    workplaces: [...WORKPLACES],
    employment_types: [...EMPLOYMENT_TYPES],
    salary_periods: [...SALARY_PERIODS],
    job_statuses: [...JOB_STATUSES],
    close_reasons: [...CLOSE_REASONS],
  };
}
