import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { companies, jobs } from '../../db/tables.js';
import { queryRows, type Database, type Executor } from '../../db/index.js';
import { fingerprint, type CursorCodec } from '../../lib/cursor.js';
import { groupedBy } from '../../lib/group.js';
import { NotFoundProblem, ValidationProblem } from '../../lib/errors.js';
import type { FacetField, Job, JobSort } from './jobs.schemas.js';
import { afterCursor, jobFilterConditions, orderBy, RELEVANCE_TIERS, SORTS, sourceFor, tierCondition, type JobFilters, type JobSource, type RelevanceTier } from './jobs.query.js';
import { isUuid } from '../../lib/ids.js';


export interface JobSearch {
  filters: JobFilters;
  sort: JobSort;
  limit: number;
  cursor?: string | undefined;
  facets?: FacetField[] | undefined;
  /** Also return a cursor after each item (GraphQL edges); REST only needs the page's last. */
  edgeCursors?: boolean | undefined;
}

export type TotalRelation = 'eq' | 'gte';

export interface JobPage {
  data: Job[];
  next_cursor: string | null;
  total: number;
  /** `eq`: `total` is exact; `gte`: more than the counting bound match, and `total` is that bound. */
  total_relation: TotalRelation;
  facets?: Partial<Record<FacetField, { value: string; count: number }[]>>;
  facets_relation?: TotalRelation;
  /** With `edgeCursors`: the cursor that continues after each item of `data`. */
  edge_cursors?: string[];
}

export interface JobsDeps {
  db: Database;
  cursors: CursorCodec;
  /** Matches counted exactly at most (SEARCH_COUNT_BOUND); beyond, totals and facets are lower bounds. */
  countBound: number;
}

const FACET_LIMIT = 50;

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

type PageRow = JobRow & { tier?: number };

/** The sort key values of a returned row, as its cursor carries them (before the id). */
function sortKeyOf(sort: JobSort, r: PageRow): (string | number)[] {
  switch (sort) {
    case 'newest':
    case 'oldest':
      return [r.postedAt.toISOString()];
    case 'salary_desc':
      return [r.salaryUsdMax ?? -1];
    case 'salary_asc':
      return [r.salaryUsdMin ?? 2147483647];
    case 'relevance':
      return [r.tier!, r.postedAt.toISOString()];
  }
}

interface CursorPosition {
  values: (string | number)[];
  id: string;
}

function decodeCursor(cursors: CursorCodec, cursor: string, sort: JobSort, fp: string): CursorPosition {
  const k = cursors.decode(cursor, { sort, fingerprint: fp }).k;
  const width = sort === 'relevance' ? 2 : 1;
  const valid =
    Array.isArray(k) &&
    k.length === width + 1 &&
    k.every((v) => typeof v === 'string' || typeof v === 'number') &&
    typeof k[width] === 'string' &&
    (sort !== 'relevance' || RELEVANCE_TIERS.includes(k[0] as RelevanceTier));
  if (!valid) throw new ValidationProblem([{ name: 'cursor', reason: 'is not a cursor issued by this API' }]);
  return { values: k.slice(0, width), id: k[width] as string };
}

const encodeCursor = (cursors: CursorCodec, sort: JobSort, fp: string, r: PageRow) =>
  cursors.encode({ s: sort, f: fp, k: [...sortKeyOf(sort, r), r.id] });

/**
 * The ids of one page in a subquery (bounded by `limit`, served by the source's indexes), then
 * their postings: only the rows returned are read from the wide `jobs` table.
 */
function pageIds(db: Database, src: JobSource, where: SQL | undefined, keys: SQL[], direction: 'asc' | 'desc', limit: number, tier?: SQL) {
  const order = orderBy(src, keys, direction);
  return db
    .select({
      id: sql<string>`${src.id}`.as('page_id'),
      ord: sql<number>`row_number() over (order by ${sql.join(order, sql`, `)})`.as('ord'),
      ...(tier ? { tier: sql<number>`${tier}`.as('tier') } : {}),
    })
    .from(src.table as typeof jobs)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .as('page');
}

async function pageStatement(db: Database, src: JobSource, where: SQL | undefined, keys: SQL[], direction: 'asc' | 'desc', limit: number): Promise<PageRow[]> {
  const page = pageIds(db, src, where, keys, direction, limit);
  return (await db
    .select(jobColumns)
    .from(page)
    .innerJoin(jobs, eq(jobs.id, page.id))
    .innerJoin(companies, eq(companies.id, jobs.companyId))
    .orderBy(asc(page.ord))) as PageRow[];
}

/**
 * A relevance page, tier by tier (see `relevanceTier`): each tier is one bounded statement, newest
 * first, and a later tier is read only when the earlier ones do not fill the page.
 */
async function relevancePage(db: Database, src: JobSource, filters: JobFilters, conditions: SQL[], want: number, after?: CursorPosition): Promise<PageRow[]> {
  const rows: PageRow[] = [];
  const first = (after?.values[0] ?? 3) as RelevanceTier;
  const byDate = SORTS.newest;
  for (const tier of RELEVANCE_TIERS) {
    if (tier > first) continue;
    if (rows.length >= want) break;
    const c = [...conditions, tierCondition(src, filters.q!, tier)];
    if (after && tier === first) c.push(afterCursor(src, byDate.keys(src, filters), byDate.params([after.values[1]!]), after.id, 'desc'));
    const found = await pageStatement(db, src, and(...c), byDate.keys(src, filters), 'desc', want - rows.length);
    rows.push(...found.map((r) => ({ ...r, tier })));
  }
  return rows;
}

/** One page of a job search, its total and (when asked) its facet counts. */
export async function searchJobs(deps: JobsDeps, search: JobSearch): Promise<JobPage> {
  const { db, cursors } = deps;
  const { filters, sort, limit } = search;
  const src = sourceFor(filters);
  const spec = SORTS[sort];
  const fp = fingerprint({ ...filters });
  const conditions = jobFilterConditions(filters, src);
  const after = search.cursor ? decodeCursor(cursors, search.cursor, sort, fp) : undefined;
  const page = async () => {
    if (sort === 'relevance') return relevancePage(db, src, filters, conditions, limit + 1, after);
    const keys = spec.keys(src, filters);
    const c = after ? [...conditions, afterCursor(src, keys, spec.params(after.values), after.id, spec.direction)] : conditions;
    return pageStatement(db, src, and(...c), keys, spec.direction, limit + 1);
  };
  const [rows, counts] = await Promise.all([page(), countAndFacets(db, src, and(...conditions), search.facets, deps.countBound)]);
  const hasMore = rows.length > limit;
  const shown = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: shown.map(toJob),
    next_cursor: hasMore && shown.length ? encodeCursor(cursors, sort, fp, shown.at(-1)!) : null,
    total: counts.total,
    total_relation: counts.relation,
    ...(counts.facets ? { facets: counts.facets, facets_relation: counts.relation } : {}),
    ...(search.edgeCursors ? { edge_cursors: shown.map((r) => encodeCursor(cursors, sort, fp, r)) } : {}),
  };
}

/** One company of a batched search: its id, its slug (the REST filter) and its own cursor, if any. */
export interface CompanyJobsRequest {
  id: string;
  slug: string;
  cursor?: string | undefined;
}

/** A company's page without its count: `countJobsByCompany` counts, for callers that want it. */
export type CompanyJobPage = Omit<JobPage, 'total' | 'total_relation' | 'facets' | 'facets_relation'>;

/**
 * `searchJobs` for many companies at once, as `GET /v1/companies/{slug}/jobs` pages each of them
 * (the same filters with `company` set to the slug, sort, limit and cursors), in one statement
 * whatever the number of companies: each company's first `limit + 1` matches by a lateral top-n
 * over the company's index, so the cost follows what is returned, not how much matches.
 */
export async function searchJobsByCompany(
  deps: JobsDeps,
  companiesToSearch: CompanyJobsRequest[],
  search: Omit<JobSearch, 'cursor' | 'facets'>,
): Promise<Map<string, CompanyJobPage>> {
  const { db, cursors } = deps;
  const { sort, limit, filters } = search;
  const result = new Map<string, CompanyJobPage>();
  if (companiesToSearch.length === 0) return result;
  const src = sourceFor(filters);
  const spec = SORTS[sort];
  const fpOf = (slug: string) => fingerprint({ ...filters, company: [slug] });
  const keys = spec.keys(src, filters);
  const conditions = [...jobFilterConditions({ ...filters, company: undefined }, src), eq(src.companyId, companies.id)];
  for (const c of companiesToSearch) {
    if (!c.cursor) continue;
    const after = decodeCursor(cursors, c.cursor, sort, fpOf(c.slug));
    conditions.push(sql`(${companies.id} <> ${c.id}::uuid or ${afterCursor(src, keys, spec.params(after.values), after.id, spec.direction)})`);
  }
  const page = pageIds(db, src, and(...conditions), keys, spec.direction, limit + 1, sort === 'relevance' ? keys[0] : undefined);
  const rows = (await db
    .select({ ...jobColumns, ...(sort === 'relevance' ? { tier: sql<number>`${sql.identifier('page')}.${sql.identifier('tier')}`.mapWith(Number) } : {}) })
    .from(companies)
    .crossJoinLateral(page)
    .innerJoin(jobs, eq(jobs.id, page.id))
    .where(inArray(companies.id, companiesToSearch.map((c) => c.id)))
    .orderBy(asc(companies.id), asc(page.ord))) as PageRow[];
  const byCompany = groupedBy(rows, (row) => row.companyId);
  for (const c of companiesToSearch) {
    const fp = fpOf(c.slug);
    const all = byCompany.get(c.id) ?? [];
    const hasMore = all.length > limit;
    const shown = hasMore ? all.slice(0, limit) : all;
    result.set(c.id, {
      data: shown.map(toJob),
      next_cursor: hasMore && shown.length ? encodeCursor(cursors, sort, fp, shown.at(-1)!) : null,
      ...(search.edgeCursors ? { edge_cursors: shown.map((r) => encodeCursor(cursors, sort, fp, r)) } : {}),
    });
  }
  return result;
}

/** Each company's bounded match count for a filter set (as `total` and `total_relation` of its page), in one statement. */
export async function countJobsByCompany(deps: JobsDeps, companyIds: string[], filters: JobFilters): Promise<Map<string, BoundedCount>> {
  if (companyIds.length === 0) return new Map();
  const src = sourceFor(filters);
  const bound = deps.countBound;
  const where = and(...jobFilterConditions({ ...filters, company: undefined }, src), eq(src.companyId, companies.id));
  const rows = await queryRows<{ id: string; n: number }>(
    deps.db,
    sql`select ${companies.id} as id,
          (select count(*)::int from (select 1 from ${src.table} where ${where} limit ${bound + 1}) m) as n
        from ${companies} where ${inArray(companies.id, companyIds)}`,
  );
  return new Map(rows.map((r) => [r.id, bounded(Number(r.n), bound)]));
}

export interface BoundedCount {
  total: number;
  relation: TotalRelation;
}

/** `n` matches counted with a stop at `bound + 1`: exact up to the bound, "at least the bound" beyond. */
const bounded = (n: number, bound: number): BoundedCount => (n > bound ? { total: bound, relation: 'gte' } : { total: n, relation: 'eq' });


/** A facet's column kept in the match set `m`, and its value there (companies by id in `m`, named through companies). */
const FACET_VALUES: Record<FacetField, { column?: (src: JobSource) => SQL; value: SQL; join?: boolean }> = {
  role: { column: (s) => sql`${s.role} as role`, value: sql`m.role` },
  seniority: { column: (s) => sql`${s.seniority}::text as seniority`, value: sql`m.seniority` },
  domain: { column: (s) => sql`${s.domain}::text as domain`, value: sql`m.domain` },
  workplace: { column: (s) => sql`${s.workplace}::text as workplace`, value: sql`m.workplace` },
  country: { column: (s) => sql`${s.country}::text as country`, value: sql`m.country` },
  employment_type: { column: (s) => sql`${s.employmentType}::text as employment_type`, value: sql`m.employment_type` },
  company: { value: sql`c.slug`, join: true },
  company_category: { value: sql`c.category::text`, join: true },
};

/**
 * The total and each facet's counts in a single statement over at most `bound + 1` matches: exact
 * when the match is within the bound (relation `eq`), otherwise counts over the first `bound + 1`
 * matches found, which never exceed the true counts (relation `gte`).
 */
async function countAndFacets(
  db: Database,
  src: JobSource,
  where: SQL | undefined,
  facets: FacetField[] | undefined,
  bound: number,
): Promise<BoundedCount & { facets?: JobPage['facets'] }> {
  const whereSql = where ?? sql`true`;
  if (!facets?.length) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from ${src.table} where ${whereSql} limit ${bound + 1}) m`);
    return bounded(Number(row?.n ?? 0), bound);
  }
  const columns = sql.join(
    [sql`${src.companyId} as company_id`, ...facets.flatMap((f) => FACET_VALUES[f].column?.(src) ?? [])],
    sql`, `,
  );
  const groups = sql.join(
    facets.map((f) => {
      const { value, join } = FACET_VALUES[f];
      return sql`select ${f}::text as facet, ${value}::text as value, count(*)::int as n
                 from m ${join ? sql`join ${companies} c on c.id = m.company_id` : sql``} where ${value} is not null group by 2`;
    }),
    sql` union all `,
  );
  const rows = await queryRows<{ facet: string; value: string | null; n: number }>(
    db,
    sql`with m as materialized (select ${columns} from ${src.table} where ${whereSql} limit ${bound + 1})
        select facet, value, n from (
          select facet, value, n, row_number() over (partition by facet order by n desc, value) as rank
          from (${groups}) g
        ) ranked where rank <= ${FACET_LIMIT}
        union all select '', null, count(*)::int from m`,
  );
  const result: NonNullable<JobPage['facets']> = Object.fromEntries(facets.map((f) => [f, []]));
  let n = 0;
  for (const row of rows) {
    if (row.facet === '') n = Number(row.n);
    else result[row.facet as FacetField]!.push({ value: row.value!, count: Number(row.n) });
  }
  for (const f of facets) result[f]!.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return { ...bounded(n, bound), facets: result };
}


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
  const rows = isUuid(id) ? await jobByIdStatement(db).execute({ id }) : [];
  const row = rows[0];
  if (!row) throw new NotFoundProblem(`No job with id ${JSON.stringify(id)}.`);
  return { job: toJob(row as JobRow), etag: jobEtag(row.version) };
}

/** Jobs by id in one statement, in the order asked; null where there is no such job. */
export async function getJobsByIds(db: Executor, ids: readonly string[]): Promise<((Job & { external_id: string | null }) | null)[]> {
  const valid = [...new Set(ids.filter((id) => isUuid(id)))];
  const rows = valid.length
    ? await db.select(jobColumns).from(jobs).innerJoin(companies, eq(companies.id, jobs.companyId)).where(inArray(jobs.id, valid))
    : [];
  const byId = new Map(rows.map((r) => [r.id.toLowerCase(), toJob(r as JobRow)]));
  return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
}
