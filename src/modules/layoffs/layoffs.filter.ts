import { eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { companies, layoffs } from '../../db/tables.js';
import type { CompanyCategory } from '../../reference/taxonomy.js';

/** The filters of a layoff list or trend, parsed. */
export interface LayoffFilters {
  company?: string[] | undefined;
  companyCategory?: CompanyCategory[] | undefined;
  aiAttributed?: boolean | undefined;
  minHeadcount?: number | undefined;
  /** Inclusive. */
  announcedAfter?: string | undefined;
  /** Exclusive. */
  announcedBefore?: string | undefined;
}

/** The SQL conditions of the filters (over `layoffs` joined with `companies`). */
export function layoffFilterConditions(f: LayoffFilters): SQL[] {
  const c: SQL[] = [];
  if (f.company) c.push(inArray(companies.slug, f.company));
  if (f.companyCategory) c.push(inArray(companies.category, f.companyCategory));
  if (f.aiAttributed !== undefined) c.push(eq(layoffs.aiAttributed, f.aiAttributed));
  if (f.minHeadcount !== undefined) c.push(gte(layoffs.headcount, f.minHeadcount));
  if (f.announcedAfter) c.push(gte(layoffs.announcedOn, f.announcedAfter));
  if (f.announcedBefore) c.push(lt(layoffs.announcedOn, f.announcedBefore));
  return c;
}
