import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { companies } from '../../db/tables.js';
import type { CompanyCategory } from '../../reference/taxonomy.js';
import { queryRows, type Database } from '../../db/index.js';
import { fingerprint, type CursorCodec } from '../../lib/cursor.js';
import { ApiError, NotFoundProblem, ValidationProblem } from '../../lib/errors.js';
import { jobSearchVector } from '../jobs/search-vector.js';
import { COUNTRY_CODES } from '../../reference/countries.js';
import type { Company, CompanySort, CreateCompanyBody, UpdateCompanyBody } from './companies.schemas.js';
import { isUuid } from '../../lib/ids.js';

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
  const wanted = [...new Set(ids)].filter((id) => isUuid(id));
  if (wanted.length === 0) return new Map();
  const rows = await selectCompanies(db).where(inArray(companies.id, wanted));
  return new Map(rows.map((r) => [r.id, toCompany(r)]));
}


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
    throw new ApiError('conflict', `A company with slug ${JSON.stringify(input.slug)} exists already.`);
  }
  return getCompanyBySlug(db, row.slug);
}

/**
 * Where re-indexing a renamed company's postings stands: `pending` postings still carry an earlier
 * name in their search text (found by it, not yet by the new one).
 */
export interface SearchRefreshState {
  status: 'done' | 'pending';
  pending: number;
}

export interface UpdateCompanyOptions {
  /** Re-indexes postings after a rename (in chunks, for up to `inlineMs` here, then in the background). */
  refresher: SearchRefresher;
  /** How long the update itself re-indexes before answering. */
  inlineMs: number;
  /** Aborted when the caller is gone: no further chunk starts for it. */
  signal?: AbortSignal | undefined;
}

/**
 * Updates a company in one short statement. A new name then reaches its postings' search text in
 * chunks (`refreshCompanySearch`): for up to `inlineMs` here, so a small company is searchable by
 * its new name when this returns, and the rest in the background, so a rename never holds
 * thousands of rows (and the search table's rows) locked in one statement, nor keeps working for a
 * client that is gone. Until a posting is re-indexed, searches find it by the old name and not the
 * new one; everything else (the company's name on postings, filters by slug) is new at once.
 * Without `options` (scripts), the whole re-index runs here.
 */
export async function updateCompany(db: Database, slug: string, input: UpdateCompanyBody, options?: UpdateCompanyOptions): Promise<Company & { search_refresh: SearchRefreshState }> {
  checkCountry(input.hq_country);
  const current = await getCompanyBySlug(db, slug);
  await db
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
  let search_refresh: SearchRefreshState = { status: 'done', pending: 0 };
  // Any PATCH naming the company (its current name too) also finishes a re-index cut short.
  if (input.name !== undefined) {
    if (options) {
      const deadline = Date.now() + options.inlineMs;
      const stop = () => options.signal?.aborted === true || Date.now() >= deadline;
      search_refresh = (await options.refresher.refreshNow(current.id, stop, () => searchRefreshState(db, current.id))) ?? search_refresh;
    } else {
      await refreshCompanySearch(db, current.id, { chunkSize: 500 });
    }
  }
  return { ...(await getCompanyBySlug(db, slug)), search_refresh };
}

/**
 * A posting whose search text does not carry its company's current name: the name's lexemes
 * (weight C of the vector, see search-vector.ts) differ from those of the name now. Compared on
 * the stored vector, so checking costs no re-parsing of descriptions.
 */
const staleSearch = (job: SQL, company: SQL) =>
  sql`tsvector_to_array(ts_filter(${job}, '{c}')) <> tsvector_to_array(to_tsvector('english', coalesce(${company}, '')))`;

const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Re-indexes the postings of a company whose search text carries an earlier name: in id order,
 * `chunkSize` per statement, each statement its own transaction (its rows, and the job_search rows
 * its trigger replaces, are locked only while it runs). The name is read by each statement, so a
 * rename during the pass is taken up by the chunks after it; postings already current are skipped,
 * so a pass can be cut short (`stop`, checked before each chunk) and started again at no loss.
 */
export async function refreshCompanySearch(
  db: Database,
  companyId: string,
  options: { chunkSize: number; stop?: () => boolean },
): Promise<{ done: boolean; refreshed: number }> {
  const vector = jobSearchVector(sql`jobs.title`, sql`jobs.skills`, sql`companies.name`, sql`jobs.description`);
  let after = FIRST_UUID;
  let refreshed = 0;
  for (;;) {
    if (options.stop?.()) return { done: false, refreshed };
    // `offset 0` keeps the candidates a scan of this company's postings (its index), not a walk of
    // the whole primary key in id order looking for them.
    const rows = await withRetry(() => queryRows<{ id: string }>(
      db,
      sql`update jobs set search = ${vector}
        from companies
        where companies.id = jobs.company_id and jobs.id in (
          select s.id from (select j.id, j.search from jobs j where j.company_id = ${companyId}::uuid and j.id > ${after}::uuid offset 0) s
          join companies c on c.id = ${companyId}::uuid
          where ${staleSearch(sql`s.search`, sql`c.name`)}
          order by s.id limit ${options.chunkSize})
        returning jobs.id::text as id`,
    ));
    refreshed += rows.length;
    // Fewer than asked for: none is left after this chunk.
    if (rows.length < options.chunkSize) return { done: true, refreshed };
    for (const r of rows) if (r.id > after) after = r.id;
    // Let other work in between chunks (PGlite runs one statement at a time).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs `statement` again when the server chose it as a deadlock's victim (40P01) or could not
 * serialize it (40001): two passes over the same company on two instances, or a partner batch
 * writing the same postings, may lock rows in different orders. Nothing is lost: it is one chunk.
 */
async function withRetry<T>(statement: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (err) {
      if (attempt >= attempts || !RETRYABLE.has(sqlState(err) ?? '')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

const RETRYABLE = new Set(['40P01', '40001']);

function sqlState(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** How many of a company's postings still carry an earlier name in their search text. */
export async function searchRefreshState(db: Database, companyId: string): Promise<SearchRefreshState> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from jobs j join companies c on c.id = j.company_id
      where j.company_id = ${companyId}::uuid and ${staleSearch(sql`j.search`, sql`c.name`)}`,
  );
  const pending = Number(row?.n ?? 0);
  return { status: pending > 0 ? 'pending' : 'done', pending };
}

/** Same, by slug (404 for an unknown one). */
export async function companySearchRefresh(db: Database, slug: string): Promise<SearchRefreshState> {
  const company = await getCompanyBySlug(db, slug);
  return searchRefreshState(db, company.id);
}

interface Logger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/**
 * Re-indexes renamed companies' postings, one pass per company at a time in this instance: a pass
 * in the request that renamed it (`refreshNow`, stopped when its time is up or its client gone),
 * then in the background for what that left, one chunk at a time. The background loop starts with
 * the app, outside any request, so no request's end cancels its statements. A company renamed
 * again while a pass runs gets another pass (the earlier chunks carry the earlier name). Work cut
 * off by shutdown is finished by the next PATCH of the company's name.
 */
export class SearchRefresher {
  private readonly queue = new Set<string>();
  /** Companies with a pass running in a request, and those renamed again meanwhile. */
  private readonly inline = new Set<string>();
  private readonly renamedDuringInline = new Set<string>();
  private current: string | undefined;
  private again = false;
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly chunkSize: number,
    private readonly retryMs = 5000,
  ) {
    this.loop = this.run();
  }

  /** Whether nothing is running or waiting (tests). */
  get idle(): boolean {
    return this.current === undefined && this.queue.size === 0 && this.inline.size === 0;
  }

  /**
   * A pass over `companyId` in the caller's context until `stop()` (checked before each chunk).
   * Null when it finished; else what `left()` says of what it leaves, which then goes to the
   * background (as does a company renamed again meanwhile). If a pass is running already, this one
   * leaves everything to it.
   */
  async refreshNow<T>(companyId: string, stop: () => boolean, left: () => Promise<T>): Promise<T | null> {
    if (this.has(companyId)) {
      this.schedule(companyId);
      return left();
    }
    this.inline.add(companyId);
    let done = false;
    try {
      done = (await refreshCompanySearch(this.db, companyId, { chunkSize: this.chunkSize, stop })).done;
      // Counted before the background starts on it: what this request left, not a moving figure.
      return done ? null : await left();
    } catch (err) {
      // The rename is committed: the background finishes (and retries if the database is the
      // problem). A statement cancelled because the client left is no news.
      if (stop()) this.log.debug({ err, companyId }, "re-indexing a renamed company's postings stopped with its request");
      else this.log.warn({ err, companyId }, "re-indexing a renamed company's postings in its request failed; the background takes over");
      return left();
    } finally {
      this.inline.delete(companyId);
      if (this.renamedDuringInline.delete(companyId) || !done) this.schedule(companyId);
    }
  }

  schedule(companyId: string): void {
    if (this.closed) return;
    if (this.inline.has(companyId)) this.renamedDuringInline.add(companyId);
    else if (this.current === companyId) this.again = true;
    else this.queue.add(companyId);
    this.wake?.();
  }

  /** Stops after the chunk running now. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.loop;
  }

  private has(companyId: string): boolean {
    return this.inline.has(companyId) || this.current === companyId || this.queue.has(companyId);
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      const next = this.queue.values().next();
      if (next.done) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      const companyId = next.value;
      this.queue.delete(companyId);
      this.current = companyId;
      try {
        let total = 0;
        do {
          this.again = false;
          const pass = await refreshCompanySearch(this.db, companyId, { chunkSize: this.chunkSize, stop: () => this.closed || this.again });
          total += pass.refreshed;
        } while (this.again && !this.closed);
        this.log.debug({ companyId, refreshed: total }, "renamed company's postings re-indexed");
      } catch (err) {
        this.log.warn({ err, companyId }, `re-indexing a renamed company's postings failed; retrying in ${this.retryMs} ms`);
        if (!this.closed) setTimeout(() => this.schedule(companyId), this.retryMs).unref();
      } finally {
        this.current = undefined;
      }
    }
  }
}
