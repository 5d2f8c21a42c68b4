import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { companies, jobs } from '../../../schema/index.js';
import type { CompanyCategory } from '../../../schema/taxonomy.js';
import type { Database } from '../../db/index.js';
import { fingerprint, type CursorCodec } from '../../lib/cursor.js';
import { HttpProblem, NotFoundProblem, ValidationProblem } from '../../lib/errors.js';
import { jobSearchVector } from '../jobs/search-vector.js';
import { COUNTRY_CODES } from '../../../schema/countries.js';
import { splitList } from '../../lib/parse.js';
import type { Company, CompanyListQuery, CompanySort, CreateCompanyBody, UpdateCompanyBody } from './companies.schemas.js';

export interface CompanyFilters {
  q?: string | undefined;
  category?: CompanyCategory[] | undefined;
  hiring?: boolean | undefined;
}

export interface CompanySearch {
  filters: CompanyFilters;
  sort: CompanySort;
  limit: number;
  cursor?: string | undefined;
  /** Also return a cursor after each item (GraphQL edges). */
  edgeCursors?: boolean | undefined;
  /** False when no one reads `open_jobs` (a GraphQL selection without it): not counted unless sort or filter need it. */
  openJobs?: boolean | undefined;
}

export function parseCompanySearch(query: CompanyListQuery): CompanySearch {
  return {
    filters: {
      q: query.q?.trim() || undefined,
      category: splitList(query.category) as CompanyCategory[] | undefined,
      hiring: query.hiring,
    },
    sort: query.sort ?? 'name',
    limit: query.limit ?? 20,
    cursor: query.cursor,
  };
}

// A scalar subquery: with sort=name it runs only for the rows of the page. Written out in full
// because drizzle leaves columns unqualified in single-table selects, which would de-correlate it.
// Counted in job_search (the open postings), by an index-only scan of its company index.
const openJobs = sql<number>`(select count(*) from job_search s where s.company_id = "companies"."id")::int`.mapWith(Number);
const lowerName = sql`lower(${companies.name})`;

const companyColumns = {
  id: companies.id,
  slug: companies.slug,
  name: companies.name,
  category: companies.category,
  website: companies.website,
  hqCountry: companies.hqCountry,
  size: companies.size,
  description: companies.description,
  createdAt: companies.createdAt,
  updatedAt: companies.updatedAt,
  openJobs,
  lowerName: sql<string>`${lowerName}`,
};

type CompanyRow = Awaited<ReturnType<typeof selectCompanies>>[number];

function selectCompanies(db: Database, withOpenJobs = true) {
  return db.select(withOpenJobs ? companyColumns : { ...companyColumns, openJobs: sql<number>`0`.mapWith(Number) }).from(companies);
}

function toCompany(r: CompanyRow): Company {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    category: r.category,
    website: r.website,
    hq_country: r.hqCountry,
    size: r.size,
    description: r.description,
    open_jobs: r.openJobs,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listCompanies(
  deps: { db: Database; cursors: CursorCodec },
  search: CompanySearch,
): Promise<{ data: Company[]; next_cursor: string | null; total: number; total_relation: 'eq'; edge_cursors?: string[] }> {
  const { db, cursors } = deps;
  const { filters, sort, limit } = search;
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(ilike(companies.name, `%${escapeLike(filters.q)}%`));
  if (filters.category) conditions.push(inArray(companies.category, filters.category));
  if (filters.hiring !== undefined) conditions.push(filters.hiring ? sql`${openJobs} > 0` : sql`${openJobs} = 0`);

  const fp = fingerprint({ ...filters });
  const pageConditions = [...conditions];
  if (search.cursor) {
    const [key, id] = cursors.decode(search.cursor, { sort, fingerprint: fp }).k;
    if (typeof id !== 'string' || (sort === 'name' ? typeof key !== 'string' : typeof key !== 'number')) {
      throw new ValidationProblem([{ name: 'cursor', reason: 'is not a cursor issued by this API' }]);
    }
    pageConditions.push(
      sort === 'name'
        ? sql`(${lowerName}, ${companies.id}) > (${key}, ${id}::uuid)`
        : sql`(${openJobs}, ${companies.id}) < (${key}::int, ${id}::uuid)`,
    );
  }
  const order = sort === 'name' ? [asc(lowerName), asc(companies.id)] : [desc(openJobs), desc(companies.id)];
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [count]] = await Promise.all([
    selectCompanies(db, search.openJobs !== false || sort === 'open_jobs')
      .where(pageConditions.length ? and(...pageConditions) : undefined)
      .orderBy(...order)
      .limit(limit + 1),
    db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(companies).where(where),
  ]);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  const encode = (r: CompanyRow) => cursors.encode({ s: sort, f: fp, k: [sort === 'name' ? r.lowerName : r.openJobs, r.id] });
  return {
    data: page.map(toCompany),
    next_cursor: hasMore && last ? encode(last) : null,
    total: count?.n ?? 0,
    // Companies are few: always counted exactly.
    total_relation: 'eq',
    ...(search.edgeCursors ? { edge_cursors: page.map(encode) } : {}),
  };
}

/** Companies by id in one statement (for nested GraphQL fields); unknown ids are left out. */
export async function getCompaniesByIds(db: Database, ids: readonly string[]): Promise<Map<string, Company>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  if (wanted.length === 0) return new Map();
  const rows = await selectCompanies(db).where(inArray(companies.id, wanted));
  return new Map(rows.map((r) => [r.id, toCompany(r)]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function getCompanyBySlug(db: Database, slug: string): Promise<Company> {
  // Anything that cannot be a slug is simply not found (and never reaches the database).
  const [row] = SLUG.test(slug) ? await selectCompanies(db).where(eq(companies.slug, slug)).limit(1) : [];
  if (!row) throw new NotFoundProblem(`No company with slug ${JSON.stringify(slug)}.`);
  return toCompany(row);
}

function checkCountry(country: string | null | undefined) {
  if (country && !COUNTRY_CODES.has(country)) {
    throw new ValidationProblem([{ name: '/hq_country', reason: `unknown ISO 3166-1 alpha-2 country code ${country}` }]);
  }
}

export async function createCompany(db: Database, input: CreateCompanyBody): Promise<Company> {
  checkCountry(input.hq_country);
  const [row] = await db
    .insert(companies)
    .values({
      slug: input.slug,
      name: input.name,
      category: input.category,
      website: input.website ?? null,
      hqCountry: input.hq_country ?? null,
      size: input.size ?? null,
      description: input.description ?? null,
    })
    .onConflictDoNothing({ target: companies.slug })
    .returning({ slug: companies.slug });
  if (!row) {
    throw new HttpProblem(409, 'Conflict', `A company with slug ${JSON.stringify(input.slug)} exists already.`, 'urn:hiring-radar:problem:conflict');
  }
  return getCompanyBySlug(db, row.slug);
}

/** Updates a company; a new name is re-indexed into its jobs' search text in the same transaction. */
export async function updateCompany(db: Database, slug: string, input: UpdateCompanyBody): Promise<Company> {
  checkCountry(input.hq_country);
  const current = await getCompanyBySlug(db, slug);
  await db.transaction(async (tx) => {
    await tx
      .update(companies)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.category !== undefined ? { category: input.category } : {}),
        ...(input.website !== undefined ? { website: input.website } : {}),
        ...(input.hq_country !== undefined ? { hqCountry: input.hq_country } : {}),
        ...(input.size !== undefined ? { size: input.size } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(companies.id, current.id));
    if (input.name !== undefined && input.name !== current.name) {
      const vector = jobSearchVector(sql`${jobs.title}`, sql`${jobs.skills}`, sql`${input.name}::text`, sql`${jobs.description}`);
      await tx.update(jobs).set({ search: vector }).where(eq(jobs.companyId, current.id));
    }
  });
  return getCompanyBySlug(db, slug);
}
