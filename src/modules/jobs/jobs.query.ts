import { asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { companies, jobs, jobSearch } from '../../db/tables.js';
import type { JobSort } from './jobs.schemas.js';
import type { CompanyCategory, Domain, EmploymentType, RoleKey, Seniority, Workplace } from '../../reference/taxonomy.js';
import { textArray } from '../../lib/sql.js';

/** A search's filters, as the services take them (REST and GraphQL parse into this). */
export interface JobFilters {
  q?: string | undefined;
  role?: RoleKey[] | undefined;
  seniority?: Seniority[] | undefined;
  domain?: Domain[] | undefined;
  company?: string[] | undefined;
  companyCategory?: CompanyCategory[] | undefined;
  workplace?: Workplace[] | undefined;
  employmentType?: EmploymentType[] | undefined;
  country?: string[] | undefined;
  skills?: string[] | undefined;
  salaryMin?: number | undefined;
  salaryMax?: number | undefined;
  postedAfter?: Date | undefined;
  postedBefore?: Date | undefined;
  status: 'open' | 'closed' | 'all';
  /** Internal: confine to one company by id (partner views). */
  companyId?: string | undefined;
}

/**
 * Where a search reads. Open postings (most of the traffic, a fraction of the rows) come from
 * `job_search`, narrow and kept current by triggers; closed ones and `status=all` from `jobs`.
 * Both expose the same columns, so one set of conditions, sorts and relevance tiers serves both and
 * both return the same pages for the same data.
 */
export interface JobSource {
  table: typeof jobs | typeof jobSearch;
  id: AnyPgColumn;
  companyId: AnyPgColumn;
  role: AnyPgColumn;
  seniority: AnyPgColumn;
  domain: AnyPgColumn;
  skills: AnyPgColumn;
  employmentType: AnyPgColumn;
  workplace: AnyPgColumn;
  country: AnyPgColumn;
  salaryUsdMin: AnyPgColumn;
  salaryUsdMax: AnyPgColumn;
  postedAt: AnyPgColumn;
  search: AnyPgColumn;
  /** The title's lexemes (weight A of `search`). */
  titleSearch: SQL;
  /** The title's, skills' and company name's lexemes (weights A–C of `search`). */
  headSearch: SQL;
  /** Only `jobs` holds closed postings. */
  status?: AnyPgColumn;
}

const OPEN_SOURCE: JobSource = {
  ...pick(jobSearch),
  table: jobSearch,
  titleSearch: sql`${jobSearch.titleSearch}`,
  headSearch: sql`${jobSearch.headSearch}`,
};

const ALL_SOURCE: JobSource = {
  ...pick(jobs),
  table: jobs,
  // The same lexemes job_search stores, computed from the row (closed postings have no index for tiers).
  titleSearch: sql`ts_filter(${jobs.search}, '{a}')`,
  headSearch: sql`ts_filter(${jobs.search}, '{a,b,c}')`,
  status: jobs.status,
};

function pick(t: typeof jobs | typeof jobSearch) {
  const { id, companyId, role, seniority, domain, skills, employmentType, workplace, country, salaryUsdMin, salaryUsdMax, postedAt, search } = t;
  return { id, companyId, role, seniority, domain, skills, employmentType, workplace, country, salaryUsdMin, salaryUsdMax, postedAt, search };
}

/** The source that holds every posting a filter set can match, and nothing more than it must. */
export const sourceFor = (f: Pick<JobFilters, 'status'>): JobSource => (f.status === 'open' ? OPEN_SOURCE : ALL_SOURCE);

export const tsQuery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;

const companyIdsWhere = (condition: SQL) => sql`array(select ${companies.id} from ${companies} where ${condition})`;

/** The WHERE conditions of a filter set over a source (by default `jobs`, as analytics read it). */
export function jobFilterConditions(f: JobFilters, src: JobSource = ALL_SOURCE): SQL[] {
  const c: SQL[] = [];
  if (src.status && f.status !== 'all') c.push(eq(src.status, f.status));
  if (f.q) c.push(sql`${src.search} @@ ${tsQuery(f.q)}`);
  if (f.role) c.push(inArray(src.role, f.role));
  if (f.seniority) c.push(inArray(src.seniority, f.seniority));
  if (f.domain) c.push(inArray(src.domain, f.domain));
  // Companies by id, looked up once: no join to companies for every matching posting.
  if (f.company) c.push(sql`${src.companyId} = any(${companyIdsWhere(inArray(companies.slug, f.company))})`);
  if (f.companyId) c.push(eq(src.companyId, f.companyId));
  if (f.companyCategory) c.push(sql`${src.companyId} = any(${companyIdsWhere(inArray(companies.category, f.companyCategory))})`);
  if (f.workplace) c.push(inArray(src.workplace, f.workplace));
  if (f.employmentType) c.push(inArray(src.employmentType, f.employmentType));
  if (f.country) c.push(inArray(src.country, f.country));
  if (f.skills) c.push(sql`${src.skills} @> ${textArray(f.skills)}`);
  if (f.salaryMin !== undefined) c.push(gte(src.salaryUsdMax, f.salaryMin));
  if (f.salaryMax !== undefined) c.push(lte(src.salaryUsdMin, f.salaryMax));
  if (f.postedAfter) c.push(gte(src.postedAt, f.postedAfter));
  if (f.postedBefore) c.push(lt(src.postedAt, f.postedBefore));
  return c;
}

/**
 * Relevance tiers: 3 when every term of `q` is in the title, 2 when in the title, skills or company
 * name, 1 when only the description has some of them. Within a tier, newest first.
 */
export const RELEVANCE_TIERS = [3, 2, 1] as const;
export type RelevanceTier = (typeof RELEVANCE_TIERS)[number];

export function relevanceTier(src: JobSource, q: string): SQL {
  const query = tsQuery(q);
  return sql`(case when ${src.titleSearch} @@ ${query} then 3 when ${src.headSearch} @@ ${query} then 2 else 1 end)`;
}

/** The rows of one tier, as a condition an index can serve (the tier's own GIN index, or a scan by date). */
export function tierCondition(src: JobSource, q: string, tier: RelevanceTier): SQL {
  const query = tsQuery(q);
  const inTitle = sql`${src.titleSearch} @@ ${query}`;
  const inHead = sql`${src.headSearch} @@ ${query}`;
  if (tier === 3) return inTitle;
  if (tier === 2) return sql`${inHead} and not ${inTitle}`;
  return sql`not ${inHead} and not ${inTitle}`;
}

export interface SortSpec {
  direction: 'asc' | 'desc';
  /** The SQL sort keys, most significant first (the id breaks ties after them). */
  keys(src: JobSource, f: JobFilters): SQL[];
  /** The cursor's key values cast to the keys' types. */
  params(values: (string | number)[]): SQL[];
}

const ts = (v: string | number) => sql`${v}::timestamptz`;

export const SORTS: Record<JobSort, SortSpec> = {
  newest: { direction: 'desc', keys: (s) => [sql`${s.postedAt}`], params: ([v]) => [ts(v!)] },
  oldest: { direction: 'asc', keys: (s) => [sql`${s.postedAt}`], params: ([v]) => [ts(v!)] },
  salary_desc: { direction: 'desc', keys: (s) => [sql`coalesce(${s.salaryUsdMax}, -1)`], params: ([v]) => [sql`${v}::int`] },
  salary_asc: { direction: 'asc', keys: (s) => [sql`coalesce(${s.salaryUsdMin}, 2147483647)`], params: ([v]) => [sql`${v}::int`] },
  relevance: {
    direction: 'desc',
    keys: (s, f) => [relevanceTier(s, f.q ?? ''), sql`${s.postedAt}`],
    params: ([tier, posted]) => [sql`${tier}::int`, ts(posted!)],
  },
};

/** `(keys…, id)` past the cursor's `(values…, id)` in the sort's direction. */
export function afterCursor(src: JobSource, keys: SQL[], params: SQL[], id: string, direction: 'asc' | 'desc'): SQL {
  const op = direction === 'desc' ? sql`<` : sql`>`;
  return sql`(${sql.join([...keys, sql`${src.id}`], sql`, `)}) ${op} (${sql.join([...params, sql`${id}::uuid`], sql`, `)})`;
}

export function orderBy(src: JobSource, keys: SQL[], direction: 'asc' | 'desc'): SQL[] {
  const order = direction === 'desc' ? desc : asc;
  return [...keys, sql`${src.id}`].map((k) => order(k));
}
