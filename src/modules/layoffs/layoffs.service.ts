import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { companies, layoffs } from '../../db/tables.js';
import type { Database } from '../../db/index.js';
import { fingerprint, type CursorCodec } from '../../lib/cursor.js';
import { groupedBy } from '../../lib/group.js';
import { ApiError, HttpProblem, NotFoundProblem, ValidationProblem, type FieldError } from '../../lib/errors.js';
import type { CreateLayoffBody, Layoff, LayoffSort, UpdateLayoffBody } from './layoffs.schemas.js';
import { isDayShaped, latestDayOnEarth, parseDay } from '../../lib/days.js';
import { isUuid } from '../../lib/ids.js';
import { layoffFilterConditions, type LayoffFilters } from './layoffs.filter.js';

// ---------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------

const layoffColumns = {
  id: layoffs.id,
  announcedOn: layoffs.announcedOn,
  headcount: layoffs.headcount,
  aiAttributed: layoffs.aiAttributed,
  reason: layoffs.reason,
  sourceUrl: layoffs.sourceUrl,
  createdAt: layoffs.createdAt,
  updatedAt: layoffs.updatedAt,
  companyId: companies.id,
  companySlug: companies.slug,
  companyName: companies.name,
  companyCategory: companies.category,
};

function selectLayoffs(db: Database) {
  return db.select(layoffColumns).from(layoffs).innerJoin(companies, eq(companies.id, layoffs.companyId));
}

type LayoffRow = Awaited<ReturnType<typeof selectLayoffs>>[number];

function toLayoff(r: LayoffRow): Layoff {
  return {
    id: r.id,
    company: { id: r.companyId, slug: r.companySlug, name: r.companyName, category: r.companyCategory },
    announced_on: r.announcedOn,
    headcount: r.headcount,
    ai_attributed: r.aiAttributed,
    reason: r.reason,
    source_url: r.sourceUrl,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** Strong ETag of a layoff's current version: every write moves `updated_at` forward by at least 1 ms. */
export function layoffEtag(layoff: Pick<Layoff, 'updated_at'>): string {
  return `"l${Date.parse(layoff.updated_at).toString(36)}"`;
}

// ---------------------------------------------------------------------------------------------------
// List and read
// ---------------------------------------------------------------------------------------------------

export interface LayoffSearch {
  filters: LayoffFilters;
  sort: LayoffSort;
  limit: number;
  cursor?: string | undefined;
}

export interface LayoffPage {
  data: Layoff[];
  next_cursor: string | null;
  total: number;
  /** Layoff events are few: always counted exactly. */
  total_relation: 'eq';
}

/** The keyset order of each sort; the id breaks ties. */
const LAYOFF_ORDER: Record<LayoffSort, SQL[]> = {
  newest: [desc(layoffs.announcedOn), desc(layoffs.id)],
  oldest: [asc(layoffs.announcedOn), asc(layoffs.id)],
  headcount: [desc(layoffs.headcount), desc(layoffs.id)],
};

/** The condition "after the row this cursor names", or a 400 naming `cursor`. */
function afterCursor(cursors: CursorCodec, cursor: string, sort: LayoffSort, fp: string): SQL {
  const [key, id] = cursors.decode(cursor, { sort, fingerprint: fp }).k;
  const keyOk = sort === 'headcount' ? Number.isInteger(key) : typeof key === 'string' && isDayShaped(key);
  if (typeof id !== 'string' || !isUuid(id) || !keyOk) {
    throw new ValidationProblem([{ name: 'cursor', reason: 'is not a cursor issued by this API' }]);
  }
  return sort === 'newest'
    ? sql`(${layoffs.announcedOn}, ${layoffs.id}) < (${key}::date, ${id}::uuid)`
    : sort === 'oldest'
      ? sql`(${layoffs.announcedOn}, ${layoffs.id}) > (${key}::date, ${id}::uuid)`
      : sql`(${layoffs.headcount}, ${layoffs.id}) < (${key}::int, ${id}::uuid)`;
}

/** A page from up to `limit + 1` rows in order (one more than the page tells that there is a next one). */
function layoffPage(cursors: CursorCodec, search: Pick<LayoffSearch, 'sort' | 'limit'>, fp: string, rows: LayoffRow[], total: number): LayoffPage {
  const { sort, limit } = search;
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return {
    data: page.map(toLayoff),
    next_cursor:
      hasMore && last ? cursors.encode({ s: sort, f: fp, k: [sort === 'headcount' ? last.headcount : last.announcedOn, last.id] }) : null,
    total,
    total_relation: 'eq',
  };
}

/** Keyset page over (sort key, id): `newest` and `oldest` by announced_on, `headcount` largest first. */
export async function listLayoffs(deps: { db: Database; cursors: CursorCodec }, search: LayoffSearch): Promise<LayoffPage> {
  const { db, cursors } = deps;
  const { filters, sort, limit } = search;
  const conditions = layoffFilterConditions(filters);
  const fp = fingerprint({ ...filters });
  const pageConditions = [...conditions];
  if (search.cursor) pageConditions.push(afterCursor(cursors, search.cursor, sort, fp));
  const [rows, [count]] = await Promise.all([
    selectLayoffs(db)
      .where(pageConditions.length ? and(...pageConditions) : undefined)
      .orderBy(...LAYOFF_ORDER[sort])
      .limit(limit + 1),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(layoffs)
      .innerJoin(companies, eq(companies.id, layoffs.companyId))
      .where(conditions.length ? and(...conditions) : undefined),
  ]);
  return layoffPage(cursors, search, fp, rows, count?.n ?? 0);
}

/** One company of a batched layoff list: its id, its slug (the REST filter) and its own cursor, if any. */
export interface CompanyLayoffsRequest {
  id: string;
  slug: string;
  cursor?: string | undefined;
}

/**
 * `listLayoffs` for many companies at once, as `GET /v1/layoffs?company={slug}` answers each of them
 * (the same filters with `company` set to the slug, sort, limit and cursors), in two statements
 * whatever the number of companies: one page per company by a window over the matches, and one
 * count per company.
 */
export async function listLayoffsByCompany(
  deps: { db: Database; cursors: CursorCodec },
  companiesToList: readonly CompanyLayoffsRequest[],
  search: Omit<LayoffSearch, 'cursor'>,
): Promise<Map<string, LayoffPage>> {
  const { db, cursors } = deps;
  const { sort, limit } = search;
  const result = new Map<string, LayoffPage>();
  if (companiesToList.length === 0) return result;
  const filtersOf = (slug: string): LayoffFilters => ({ ...search.filters, company: [slug] });
  const base = layoffFilterConditions({ ...search.filters, company: undefined });
  base.push(inArray(layoffs.companyId, [...new Set(companiesToList.map((c) => c.id))]));
  const pageConditions = [...base];
  for (const c of companiesToList) {
    if (!c.cursor) continue;
    const after = afterCursor(cursors, c.cursor, sort, fingerprint({ ...filtersOf(c.slug) }));
    pageConditions.push(sql`(${layoffs.companyId} <> ${c.id}::uuid or ${after})`);
  }
  const order = LAYOFF_ORDER[sort];
  const ranked = db
    .select({
      id: layoffs.id,
      rn: sql<number>`row_number() over (partition by ${layoffs.companyId} order by ${sql.join(order, sql`, `)})`.as('rn'),
    })
    .from(layoffs)
    .innerJoin(companies, eq(companies.id, layoffs.companyId))
    .where(and(...pageConditions))
    .as('ranked');
  const [rows, counts] = await Promise.all([
    selectLayoffs(db)
      .innerJoin(ranked, eq(ranked.id, layoffs.id))
      .where(lte(ranked.rn, limit + 1))
      .orderBy(asc(layoffs.companyId), asc(ranked.rn)),
    db
      .select({ companyId: layoffs.companyId, n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(layoffs)
      .innerJoin(companies, eq(companies.id, layoffs.companyId))
      .where(and(...base))
      .groupBy(layoffs.companyId),
  ]);
  const totals = new Map(counts.map((c) => [c.companyId, c.n]));
  const byCompany = groupedBy(rows, (row) => row.companyId);
  for (const c of companiesToList) {
    result.set(c.id, layoffPage(cursors, search, fingerprint({ ...filtersOf(c.slug) }), byCompany.get(c.id) ?? [], totals.get(c.id) ?? 0));
  }
  return result;
}

export async function getLayoff(db: Database, id: string): Promise<Layoff> {
  // Anything that cannot be an id is simply not found (and never reaches the database).
  const [row] = isUuid(id) ? await selectLayoffs(db).where(eq(layoffs.id, id.toLowerCase())).limit(1) : [];
  if (!row) throw new NotFoundProblem(`No layoff with id ${JSON.stringify(id)}.`);
  return toLayoff(row);
}

// ---------------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------------

/** The body's announced_on as a day that is neither impossible nor in the future, or a 400 naming it. */
function checkAnnouncedOn(value: string): string {
  parseDay('/announced_on', value);
  if (value > latestDayOnEarth()) throw new ValidationProblem([{ name: '/announced_on', reason: 'must not be in the future' }]);
  if (value < '1900-01-01') throw new ValidationProblem([{ name: '/announced_on', reason: 'must be 1900-01-01 or later' }]);
  return value;
}

async function companyIdOf(db: Database, slug: string): Promise<string> {
  const [row] = await db.select({ id: companies.id }).from(companies).where(eq(companies.slug, slug)).limit(1);
  if (!row) throw new ValidationProblem([{ name: '/company', reason: `no company with slug ${JSON.stringify(slug)}` }]);
  return row.id;
}

export async function createLayoff(db: Database, input: CreateLayoffBody): Promise<Layoff> {
  const announcedOn = checkAnnouncedOn(input.announced_on);
  const companyId = await companyIdOf(db, input.company);
  const [row] = await db
    .insert(layoffs)
    .values({
      companyId,
      announcedOn,
      headcount: input.headcount,
      aiAttributed: input.ai_attributed,
      reason: input.reason ?? null,
      sourceUrl: input.source_url ?? null,
    })
    .returning({ id: layoffs.id });
  return getLayoff(db, row!.id);
}

/**
 * The versions of a layoff a write may change: `'any'` (unconditional), or only one of these ETags
 * (`If-Match` states it over HTTP: see the routes).
 */
export type ExpectedVersion = 'any' | readonly string[];

const isExpected = (expected: ExpectedVersion, etag: string) => expected === 'any' || expected.includes(etag);

function preconditionFailed(current: string): HttpProblem {
  return new ApiError('precondition', `If-Match does not match: the layoff is at ${current}.`, [
    { name: 'If-Match', reason: `the layoff is at ${current}` },
  ]);
}

/** Partial update (absent fields keep their value; `null` clears reason or source_url); `expected` guards it. */
export async function updateLayoff(db: Database, id: string, input: UpdateLayoffBody, expected: ExpectedVersion = 'any'): Promise<Layoff> {
  const problems: FieldError[] = [];
  if (input.announced_on !== undefined) {
    try {
      checkAnnouncedOn(input.announced_on);
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      problems.push(...(err.errors ?? []));
    }
  }
  let companyId: string | undefined;
  if (input.company !== undefined) {
    try {
      companyId = await companyIdOf(db, input.company);
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      problems.push(...(err.errors ?? []));
    }
  }
  const current = await getLayoff(db, id);
  if (problems.length) throw new ValidationProblem(problems);
  await db.transaction(async (tx) => {
    // Locked, so the version check and the write see the same version.
    const [locked] = await tx
      .select({ updatedAt: layoffs.updatedAt })
      .from(layoffs)
      .where(eq(layoffs.id, current.id))
      .for('update');
    if (!locked) throw new NotFoundProblem(`No layoff with id ${JSON.stringify(id)}.`);
    const etag = layoffEtag({ updated_at: locked.updatedAt.toISOString() });
    if (!isExpected(expected, etag)) throw preconditionFailed(etag);
    await tx
      .update(layoffs)
      .set({
        ...(companyId !== undefined ? { companyId } : {}),
        ...(input.announced_on !== undefined ? { announcedOn: input.announced_on } : {}),
        ...(input.headcount !== undefined ? { headcount: input.headcount } : {}),
        ...(input.ai_attributed !== undefined ? { aiAttributed: input.ai_attributed } : {}),
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        ...(input.source_url !== undefined ? { sourceUrl: input.source_url } : {}),
        updatedAt: sql`greatest(now(), ${layoffs.updatedAt} + interval '1 millisecond')`,
      })
      .where(eq(layoffs.id, current.id));
  });
  return getLayoff(db, current.id);
}

export async function deleteLayoff(db: Database, id: string, expected: ExpectedVersion = 'any'): Promise<void> {
  const current = await getLayoff(db, id);
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ updatedAt: layoffs.updatedAt }).from(layoffs).where(eq(layoffs.id, current.id)).for('update');
    if (!locked) throw new NotFoundProblem(`No layoff with id ${JSON.stringify(id)}.`);
    const etag = layoffEtag({ updated_at: locked.updatedAt.toISOString() });
    if (!isExpected(expected, etag)) throw preconditionFailed(etag);
    await tx.delete(layoffs).where(eq(layoffs.id, current.id));
  });
}
