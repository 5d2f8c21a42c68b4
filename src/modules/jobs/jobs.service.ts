import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { companies, jobs } from '../../../schema/index.js';
import type {
  CompanyCategory,
  Domain,
  EmploymentType,
  RoleKey,
  Seniority,
  Workplace,
} from '../../../schema/taxonomy.js';
import { queryRows, type Database } from '../../db/index.js';
import { fingerprint, type CursorCodec } from '../../lib/cursor.js';
import { groupedBy } from '../../lib/group.js';
import { NotFoundProblem, ValidationProblem } from '../../lib/errors.js';
import { parseCountries, parseInstant, splitList } from '../../lib/parse.js';
import type { FacetField, Job, JobListQuery, JobSort } from './jobs.schemas.js';

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

export interface JobSearch {
  filters: JobFilters;
  sort: JobSort;
  limit: number;
  cursor?: string | undefined;
  facets?: FacetField[] | undefined;
  /** Also return a cursor after each item (GraphQL edges); REST only needs the page's last. */
  edgeCursors?: boolean | undefined;
}

export interface JobPage {
  data: Job[];
  next_cursor: string | null;
  total: number;
  facets?: Partial<Record<FacetField, { value: string; count: number }[]>>;
  /** With `edgeCursors`: the cursor that continues after each item of `data`. */
  edge_cursors?: string[];
}

export interface JobsDeps {
  db: Database;
  cursors: CursorCodec;
}

const FACET_LIMIT = 50;

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

const tsQuery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;
const textArray = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/** The WHERE conditions of a filter set, over `jobs` joined to `companies`. */
export function jobFilterConditions(f: JobFilters): SQL[] {
  const c: SQL[] = [];
  if (f.status !== 'all') c.push(eq(jobs.status, f.status));
  if (f.q) c.push(sql`${jobs.search} @@ ${tsQuery(f.q)}`);
  if (f.role) c.push(inArray(jobs.role, f.role));
  if (f.seniority) c.push(inArray(jobs.seniority, f.seniority));
  if (f.domain) c.push(inArray(jobs.domain, f.domain));
  if (f.company) c.push(inArray(companies.slug, f.company));
  if (f.companyId) c.push(eq(jobs.companyId, f.companyId));
  if (f.companyCategory) c.push(inArray(companies.category, f.companyCategory));
  if (f.workplace) c.push(inArray(jobs.workplace, f.workplace));
  if (f.employmentType) c.push(inArray(jobs.employmentType, f.employmentType));
  if (f.country) c.push(inArray(jobs.country, f.country));
  if (f.skills) c.push(sql`${jobs.skills} @> ${textArray(f.skills)}`);
  if (f.salaryMin !== undefined) c.push(gte(jobs.salaryUsdMax, f.salaryMin));
  if (f.salaryMax !== undefined) c.push(lte(jobs.salaryUsdMin, f.salaryMax));
  if (f.postedAfter) c.push(gte(jobs.postedAt, f.postedAfter));
  if (f.postedBefore) c.push(lt(jobs.postedAt, f.postedBefore));
  return c;
}

interface SortSpec {
  direction: 'asc' | 'desc';
  /** The SQL sort key (the id breaks ties). */
  key(f: JobFilters): SQL;
  /** The cursor's parameter cast to the key's type. */
  param(value: string | number): SQL;
}

const salaryMaxKey = sql`coalesce(${jobs.salaryUsdMax}, -1)`;
const salaryMinKey = sql`coalesce(${jobs.salaryUsdMin}, 2147483647)`;

const SORTS: Record<JobSort, SortSpec> = {
  newest: { direction: 'desc', key: () => sql`${jobs.postedAt}`, param: (v) => sql`${v}::timestamptz` },
  oldest: { direction: 'asc', key: () => sql`${jobs.postedAt}`, param: (v) => sql`${v}::timestamptz` },
  salary_desc: { direction: 'desc', key: () => salaryMaxKey, param: (v) => sql`${v}::int` },
  salary_asc: { direction: 'asc', key: () => salaryMinKey, param: (v) => sql`${v}::int` },
  // float8 so the rank survives the round trip through JSON exactly (float4 would not compare equal).
  relevance: {
    direction: 'desc',
    key: (f) => sql`ts_rank_cd(${jobs.search}, ${tsQuery(f.q ?? '')})::float8`,
    param: (v) => sql`${v}::float8`,
  },
};

export const jobColumns = {
  id: jobs.id,
  externalId: jobs.externalId,
  version: jobs.version,
  title: jobs.title,
  role: jobs.role,
  seniority: jobs.seniority,
  domain: jobs.domain,
  skills: jobs.skills,
  description: jobs.description,
  employmentType: jobs.employmentType,
  workplace: jobs.workplace,
  city: jobs.city,
  region: jobs.region,
  country: jobs.country,
  salaryMin: jobs.salaryMin,
  salaryMax: jobs.salaryMax,
  salaryCurrency: jobs.salaryCurrency,
  salaryPeriod: jobs.salaryPeriod,
  salaryUsdMin: jobs.salaryUsdMin,
  salaryUsdMax: jobs.salaryUsdMax,
  salaryFxAsOf: jobs.salaryFxAsOf,
  postedAt: jobs.postedAt,
  validThrough: jobs.validThrough,
  status: jobs.status,
  closeReason: jobs.closeReason,
  closedAt: jobs.closedAt,
  applyUrl: jobs.applyUrl,
  createdAt: jobs.createdAt,
  updatedAt: jobs.updatedAt,
  companyId: companies.id,
  companySlug: companies.slug,
  companyName: companies.name,
  companyCategory: companies.category,
};

export type JobRow = {
  [K in keyof typeof jobColumns]: (typeof jobColumns)[K]['_']['data'] | ((typeof jobColumns)[K]['_']['notNull'] extends true ? never : null);
};

/** The public representation; `external_id` is dropped by the public schema and kept in partner views. */
export function toJob(r: JobRow): Job & { external_id: string | null } {
  const hasSalary =
    r.salaryMin !== null && r.salaryMax !== null && r.salaryCurrency !== null && r.salaryPeriod !== null &&
    r.salaryUsdMin !== null && r.salaryUsdMax !== null;
  return {
    id: r.id,
    external_id: r.externalId,
    title: r.title,
    company: { id: r.companyId, slug: r.companySlug, name: r.companyName, category: r.companyCategory },
    role: r.role as Job['role'],
    seniority: r.seniority,
    domain: r.domain,
    skills: r.skills,
    description: r.description,
    employment_type: r.employmentType,
    workplace: r.workplace,
    location: { city: r.city, region: r.region, country: r.country },
    salary: hasSalary
      ? {
          min: r.salaryMin!,
          max: r.salaryMax!,
          currency: r.salaryCurrency!,
          period: r.salaryPeriod!,
          annual_usd_min: r.salaryUsdMin!,
          annual_usd_max: r.salaryUsdMax!,
          fx_as_of: r.salaryFxAsOf,
        }
      : null,
    posted_at: r.postedAt.toISOString(),
    valid_through: r.validThrough?.toISOString() ?? null,
    status: r.status,
    close_reason: r.closeReason,
    closed_at: r.closedAt?.toISOString() ?? null,
    apply_url: r.applyUrl,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** The sort key of a returned row, as the cursor carries it. */
function sortKeyOf(sort: JobSort, r: JobRow & { rank?: number }): string | number {
  switch (sort) {
    case 'newest':
    case 'oldest':
      return r.postedAt.toISOString();
    case 'salary_desc':
      return r.salaryUsdMax ?? -1;
    case 'salary_asc':
      return r.salaryUsdMin ?? 2147483647;
    case 'relevance':
      return r.rank!;
  }
}

/** One page of a job search, its total and (when asked) its facet counts. */
export async function searchJobs(deps: JobsDeps, search: JobSearch): Promise<JobPage> {
  const { db, cursors } = deps;
  const { filters, sort, limit } = search;
  const spec = SORTS[sort];
  const fp = fingerprint({ ...filters });
  const conditions = jobFilterConditions(filters);
  const where = conditions.length ? and(...conditions) : undefined;

  const pageConditions = [...conditions];
  if (search.cursor) {
    const payload = cursors.decode(search.cursor, { sort, fingerprint: fp });
    const [key, id] = payload.k;
    if ((typeof key !== 'string' && typeof key !== 'number') || typeof id !== 'string') {
      throw new ValidationProblem([{ name: 'cursor', reason: 'is not a cursor issued by this API' }]);
    }
    const op = spec.direction === 'desc' ? sql`<` : sql`>`;
    pageConditions.push(sql`(${spec.key(filters)}, ${jobs.id}) ${op} (${spec.param(key)}, ${id}::uuid)`);
  }
  const order = spec.direction === 'desc' ? desc : asc;
  const keyExpr = spec.key(filters);

  const pageQuery = db
    .select({ ...jobColumns, ...(sort === 'relevance' ? { rank: keyExpr.mapWith(Number) } : {}) })
    .from(jobs)
    .innerJoin(companies, eq(companies.id, jobs.companyId))
    .where(pageConditions.length ? and(...pageConditions) : undefined)
    .orderBy(order(keyExpr), order(jobs.id))
    .limit(limit + 1);

  const [rows, counts] = await Promise.all([pageQuery, countAndFacets(db, where, search.facets)]);
  const hasMore = rows.length > limit;
  const page = (hasMore ? rows.slice(0, limit) : rows) as (JobRow & { rank?: number })[];
  const last = page.at(-1);
  const nextCursor =
    hasMore && last ? cursors.encode({ s: sort, f: fp, k: [sortKeyOf(sort, last), last.id] }) : null;
  return {
    data: page.map(toJob),
    next_cursor: nextCursor,
    total: counts.total,
    ...(counts.facets ? { facets: counts.facets } : {}),
    ...(search.edgeCursors ? { edge_cursors: page.map((r) => cursors.encode({ s: sort, f: fp, k: [sortKeyOf(sort, r), r.id] })) } : {}),
  };
}

/** One company of a batched search: its id, its slug (the REST filter) and its own cursor, if any. */
export interface CompanyJobsRequest {
  id: string;
  slug: string;
  cursor?: string | undefined;
}

/**
 * `searchJobs` for many companies at once, as `GET /v1/companies/{slug}/jobs` answers each of them
 * (the same filters with `company` set to the slug, sort, limit and cursors), in two statements
 * whatever the number of companies: one page per company by a window over the matches, and one
 * count per company. Facets are not offered here.
 */
export async function searchJobsByCompany(
  deps: JobsDeps,
  companiesToSearch: CompanyJobsRequest[],
  search: Omit<JobSearch, 'cursor' | 'facets'>,
): Promise<Map<string, JobPage>> {
  const { db, cursors } = deps;
  const { sort, limit } = search;
  const result = new Map<string, JobPage>();
  if (companiesToSearch.length === 0) return result;
  const spec = SORTS[sort];
  const filtersOf = (slug: string): JobFilters => ({ ...search.filters, company: [slug] });
  const base = jobFilterConditions({ ...search.filters, company: undefined });
  base.push(inArray(jobs.companyId, companiesToSearch.map((c) => c.id)));
  const keyExpr = spec.key(search.filters);
  const pageConditions = [...base];
  for (const c of companiesToSearch) {
    if (!c.cursor) continue;
    const payload = cursors.decode(c.cursor, { sort, fingerprint: fingerprint({ ...filtersOf(c.slug) }) });
    const [key, id] = payload.k;
    if ((typeof key !== 'string' && typeof key !== 'number') || typeof id !== 'string') {
      throw new ValidationProblem([{ name: 'cursor', reason: 'is not a cursor issued by this API' }]);
    }
    const op = spec.direction === 'desc' ? sql`<` : sql`>`;
    pageConditions.push(sql`(${jobs.companyId} <> ${c.id}::uuid or (${keyExpr}, ${jobs.id}) ${op} (${spec.param(key)}, ${id}::uuid))`);
  }
  const dir = sql.raw(spec.direction);
  const ranked = db
    .select({
      id: jobs.id,
      rn: sql<number>`row_number() over (partition by ${jobs.companyId} order by ${keyExpr} ${dir}, ${jobs.id} ${dir})`.as('rn'),
    })
    .from(jobs)
    .innerJoin(companies, eq(companies.id, jobs.companyId))
    .where(and(...pageConditions))
    .as('ranked');
  const pageQuery = db
    .select({ ...jobColumns, ...(sort === 'relevance' ? { rank: keyExpr.mapWith(Number) } : {}) })
    .from(jobs)
    .innerJoin(companies, eq(companies.id, jobs.companyId))
    .innerJoin(ranked, eq(ranked.id, jobs.id))
    .where(lte(ranked.rn, limit + 1))
    .orderBy(asc(jobs.companyId), asc(ranked.rn));
  const countQuery = db
    .select({ companyId: jobs.companyId, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(jobs)
    .innerJoin(companies, eq(companies.id, jobs.companyId))
    .where(and(...base))
    .groupBy(jobs.companyId);
  const [rows, counts] = await Promise.all([pageQuery, countQuery]);
  const totals = new Map(counts.map((c) => [c.companyId, c.n]));
  const byCompany = groupedBy(rows as (JobRow & { rank?: number })[], (row) => row.companyId);
  for (const c of companiesToSearch) {
    const fp = fingerprint({ ...filtersOf(c.slug) });
    const all = byCompany.get(c.id) ?? [];
    const hasMore = all.length > limit;
    const page = hasMore ? all.slice(0, limit) : all;
    const encode = (r: JobRow & { rank?: number }) => cursors.encode({ s: sort, f: fp, k: [sortKeyOf(sort, r), r.id] });
    result.set(c.id, {
      data: page.map(toJob),
      next_cursor: hasMore && page.length ? encode(page.at(-1)!) : null,
      total: totals.get(c.id) ?? 0,
      ...(search.edgeCursors ? { edge_cursors: page.map(encode) } : {}),
    });
  }
  return result;
}

const FACET_COLUMNS: Record<FacetField, SQL> = {
  role: sql`${jobs.role}`,
  seniority: sql`${jobs.seniority}::text`,
  domain: sql`${jobs.domain}::text`,
  company: sql`${companies.slug}`,
  company_category: sql`${companies.category}::text`,
  workplace: sql`${jobs.workplace}::text`,
  country: sql`${jobs.country}::text`,
  employment_type: sql`${jobs.employmentType}::text`,
};

/** The total and each facet's counts in a single statement over one pass of the match. */
async function countAndFacets(
  db: Database,
  where: SQL | undefined,
  facets: FacetField[] | undefined,
): Promise<{ total: number; facets?: JobPage['facets'] }> {
  const whereSql = where ?? sql`true`;
  const from = sql`${jobs} inner join ${companies} on ${companies.id} = ${jobs.companyId}`;
  if (!facets?.length) {
    const [row] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from ${from} where ${whereSql}`);
    return { total: Number(row?.total ?? 0) };
  }
  const columns = sql.join(
    facets.map((f) => sql`${FACET_COLUMNS[f]} as ${sql.identifier(f)}`),
    sql`, `,
  );
  const groups = sql.join(
    facets.map(
      (f) => sql`select ${f}::text as facet, ${sql.identifier(f)} as value, count(*)::int as n from m where ${sql.identifier(f)} is not null group by 2`,
    ),
    sql` union all `,
  );
  const rows = await queryRows<{ facet: string; value: string | null; n: number }>(
    db,
    sql`with m as materialized (select ${columns} from ${from} where ${whereSql})
        select facet, value, n from (
          select facet, value, n, row_number() over (partition by facet order by n desc, value) as rank
          from (${groups}) g
        ) ranked where rank <= ${FACET_LIMIT}
        union all select '', null, count(*)::int from m`,
  );
  const result: NonNullable<JobPage['facets']> = Object.fromEntries(facets.map((f) => [f, []]));
  let total = 0;
  for (const row of rows) {
    if (row.facet === '') total = Number(row.n);
    else result[row.facet as FacetField]!.push({ value: row.value!, count: Number(row.n) });
  }
  for (const f of facets) result[f]!.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return { total, facets: result };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A strong ETag of a job's representation: its version (every stored change bumps it). */
export const jobEtag = (version: number) => `"v${version}"`;

function prepareJobById(db: Database) {
  return db
    .select(jobColumns)
    .from(jobs)
    .innerJoin(companies, eq(companies.id, jobs.companyId))
    .where(eq(jobs.id, sql.placeholder('id')))
    .limit(1)
    .prepare('job_by_id');
}

// The by-id read is the hottest statement: built once per database, and named, so each connection
// parses and plans it once.
const jobByIdStatements = new WeakMap<Database, ReturnType<typeof prepareJobById>>();
function jobByIdStatement(db: Database) {
  let statement = jobByIdStatements.get(db);
  if (!statement) jobByIdStatements.set(db, (statement = prepareJobById(db)));
  return statement;
}

export async function getJob(db: Database, id: string): Promise<{ job: Job & { external_id: string | null }; etag: string }> {
  // Ids are opaque to clients: anything that is not one of ours is simply not found.
  const rows = UUID.test(id) ? await jobByIdStatement(db).execute({ id }) : [];
  const row = rows[0];
  if (!row) throw new NotFoundProblem(`No job with id ${JSON.stringify(id)}.`);
  return { job: toJob(row as JobRow), etag: jobEtag(row.version) };
}

/** Jobs by id in one statement, in the order asked; null where there is no such job. */
export async function getJobsByIds(db: Database, ids: readonly string[]): Promise<((Job & { external_id: string | null }) | null)[]> {
  const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
  const rows = valid.length
    ? await db.select(jobColumns).from(jobs).innerJoin(companies, eq(companies.id, jobs.companyId)).where(inArray(jobs.id, valid))
    : [];
  const byId = new Map(rows.map((r) => [r.id.toLowerCase(), toJob(r as JobRow)]));
  return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
}
