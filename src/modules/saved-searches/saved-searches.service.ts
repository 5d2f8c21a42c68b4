import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { savedSearches, savedSearchMatches } from '../../db/tables.js';
import type { Database, Executor } from '../../db/index.js';
import { createAjv } from '../../lib/ajv.js';
import type { CursorCodec } from '../../lib/cursor.js';
import { ApiError, HttpProblem, NotFoundProblem, ValidationProblem, type FieldError } from '../../lib/errors.js';
import { fieldErrors, type AjvError } from '../../lib/field-errors.js';
import { isUuid } from '../../lib/ids.js';
import { newestFirst } from '../../lib/keyset.js';
import type { KeyTier } from '../../reference/taxonomy.js';
import { parseJobSearch } from '../jobs/jobs.input.js';
import type { JobFilters } from '../jobs/jobs.query.js';
import { getJobsByIds } from '../jobs/jobs.service.js';
import type { SavedSearch, SavedSearchMatches, SavedSearchQuery } from './saved-searches.schemas.js';
import { SavedSearchQuery as SavedSearchQuerySchema } from './saved-searches.schemas.js';

/**
 * Who owns saved searches and webhook endpoints: a partner company (every key of it shares them),
 * else the API key itself, else a JWT subject. `tier` sets the quotas.
 */
export interface Owner {
  id: string;
  tier: KeyTier;
  /** The partner company whose own postings `job.*` webhook events report. */
  companyId: string | null;
}

/** Saved searches one owner may keep, per tier (README: quotas). */
export const SAVED_SEARCH_QUOTA: Record<KeyTier, number> = { free: 20, partner: 100, internal: 1000 };

const ajv = createAjv();
const validateQuery = ajv.compile(SavedSearchQuerySchema);

/**
 * Checks a saved search's `query` exactly as `GET /v1/jobs` checks its query string, and returns it
 * in canonical form (lists as comma-separated strings, defaults applied) with the filters it means.
 * Every error names `query.<param>`.
 */
export function checkSavedSearchQuery(raw: unknown): { query: SavedSearchQuery; filters: JobFilters } {
  const rename = (errors: FieldError[]) => errors.map((e) => ({ ...e, name: `query.${e.name.replace(/^\//, '').replace(/\//g, '.')}` }));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ValidationProblem([{ name: 'query', reason: 'must be an object of GET /v1/jobs filters' }]);
  // Lists may come as JSON arrays; the query-string form is comma-separated.
  const value: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) value[k] = Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(',') : v;
  if (!validateQuery(value)) throw new ValidationProblem(rename(fieldErrors(validateQuery.errors as AjvError[], 'querystring')));
  const query = value as SavedSearchQuery;
  try {
    return { query, filters: parseJobSearch(query).filters };
  } catch (err) {
    if (err instanceof HttpProblem && err.errors) throw new ValidationProblem(rename(err.errors));
    throw err;
  }
}

interface Row {
  id: string;
  name: string;
  query: Record<string, string | number>;
  createdAt: Date;
  updatedAt: Date;
}

const toSavedSearch = (r: Row): SavedSearch => ({
  id: r.id,
  name: r.name,
  query: r.query as SavedSearchQuery,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

const columns = { id: savedSearches.id, name: savedSearches.name, query: savedSearches.query, createdAt: savedSearches.createdAt, updatedAt: savedSearches.updatedAt };

const notFound = (id: string) => new NotFoundProblem(`No saved search ${id} of yours.`);

export async function createSavedSearch(db: Database, owner: Owner, input: { name: string; query: unknown }): Promise<SavedSearch> {
  const { query } = checkSavedSearchQuery(input.query);
  const quota = SAVED_SEARCH_QUOTA[owner.tier];
  return db.transaction(async (tx) => {
    // Serialises one owner's creates, so concurrent ones cannot both pass the quota check.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`saved-searches:${owner.id}`}, 0))`);
    const [count] = await tx.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(savedSearches).where(eq(savedSearches.owner, owner.id));
    if ((count?.n ?? 0) >= quota) {
      throw new ApiError('rateLimited', `A ${owner.tier} key keeps at most ${quota} saved searches; delete one first.`);
    }
    const [row] = await tx.insert(savedSearches).values({ owner: owner.id, name: input.name.trim(), query }).returning(columns);
    return toSavedSearch(row!);
  });
}

export async function listSavedSearches(
  deps: { db: Database; cursors: CursorCodec },
  owner: Owner,
  page: { limit?: number | undefined; cursor?: string | undefined },
): Promise<{ data: SavedSearch[]; next_cursor: string | null; total: number; total_relation: 'eq' }> {
  const limit = page.limit ?? 20;
  const mine = eq(savedSearches.owner, owner.id);
  const conditions: SQL[] = [mine];
  if (page.cursor) conditions.push(newestFirst.after(deps.cursors, page.cursor, 'saved-searches', sql`${savedSearches.createdAt}`, sql`${savedSearches.id}`));
  const [rows, [count]] = await Promise.all([
    deps.db.select(columns).from(savedSearches).where(and(...conditions)).orderBy(desc(savedSearches.createdAt), desc(savedSearches.id)).limit(limit + 1),
    deps.db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(savedSearches).where(mine),
  ]);
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data: data.map(toSavedSearch),
    next_cursor: newestFirst.next(deps.cursors, 'saved-searches', last, more),
    total: count?.n ?? 0,
    total_relation: 'eq',
  };
}

async function findOwned(db: Executor, owner: Owner, id: string): Promise<Row | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select(columns).from(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.owner, owner.id)));
  return row;
}

export async function getSavedSearch(db: Database, owner: Owner, id: string): Promise<SavedSearch> {
  const row = await findOwned(db, owner, id);
  if (!row) throw notFound(id);
  return toSavedSearch(row);
}

/**
 * Renames a saved search or replaces its filters. New filters apply to postings the dispatcher
 * reads from then on; what matched before stays in the matches.
 */
export async function updateSavedSearch(db: Database, owner: Owner, id: string, patch: { name?: string | undefined; query?: unknown }): Promise<SavedSearch> {
  if (patch.name === undefined && patch.query === undefined) throw new ValidationProblem([{ name: 'name', reason: 'give a new name or query (or both)' }]);
  const query = patch.query === undefined ? undefined : checkSavedSearchQuery(patch.query).query;
  if (!isUuid(id)) throw notFound(id);
  const [row] = await db
    .update(savedSearches)
    .set({ ...(patch.name !== undefined ? { name: patch.name.trim() } : {}), ...(query ? { query } : {}), updatedAt: sql`now()` })
    .where(and(eq(savedSearches.id, id), eq(savedSearches.owner, owner.id)))
    .returning(columns);
  if (!row) throw notFound(id);
  return toSavedSearch(row);
}

/** Deletes a saved search and its matches; webhook endpoints stop hearing of it. */
export async function deleteSavedSearch(db: Database, owner: Owner, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound(id);
  const deleted = await db.transaction(async (tx) => {
    const rows = await tx.delete(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.owner, owner.id))).returning({ id: savedSearches.id });
    if (rows.length) await tx.execute(sql`update webhook_endpoints set saved_search_ids = array_remove(saved_search_ids, ${id}::uuid), updated_at = now() where ${id}::uuid = any(saved_search_ids)`);
    return rows.length > 0;
  });
  if (!deleted) throw notFound(id);
}

/** Whether every id is a saved search of this owner; returns the ones that are not. */
export async function notOwnedSavedSearches(db: Executor, owner: Owner, ids: readonly string[]): Promise<string[]> {
  const valid = ids.filter(isUuid);
  const rows = valid.length
    ? await db.select({ id: savedSearches.id }).from(savedSearches).where(and(eq(savedSearches.owner, owner.id), sql`${savedSearches.id} = any(${sql.param(valid)}::uuid[])`))
    : [];
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

const MATCHES = { sort: 'matches', fingerprint: '' };

/**
 * Postings that started matching since `since` (created, or changed into the match), in the order
 * the dispatcher read them from the change feed, with the cursor to ask again with. A posting that
 * stops matching and later matches again appears again.
 */
export async function listSavedSearchMatches(
  deps: { db: Database; cursors: CursorCodec },
  owner: Owner,
  id: string,
  page: { since?: string | undefined; limit?: number | undefined },
): Promise<SavedSearchMatches> {
  const search = await findOwned(deps.db, owner, id);
  if (!search) throw notFound(id);
  const limit = page.limit ?? 100;
  let after = 0;
  if (page.since) {
    let k: unknown[];
    try {
      k = deps.cursors.decode(page.since, { ...MATCHES, fingerprint: id }).k;
    } catch {
      throw new ValidationProblem([{ name: 'since', reason: 'is not a cursor issued for this saved search' }]);
    }
    if (typeof k[0] !== 'number' || !Number.isSafeInteger(k[0]) || k[0] < 0) throw new ValidationProblem([{ name: 'since', reason: 'is not a cursor issued for this saved search' }]);
    after = k[0];
  }
  const rows = await deps.db
    .select({ id: savedSearchMatches.id, jobId: savedSearchMatches.jobId, eventId: savedSearchMatches.eventId, eventType: savedSearchMatches.eventType, matchedAt: savedSearchMatches.matchedAt })
    .from(savedSearchMatches)
    .where(and(eq(savedSearchMatches.savedSearchId, id), gt(savedSearchMatches.id, after)))
    .orderBy(asc(savedSearchMatches.id))
    .limit(limit + 1);
  const pageRows = rows.slice(0, limit);
  const jobs = await getJobsByIds(deps.db, pageRows.map((r) => r.jobId));
  const last = pageRows.at(-1);
  return {
    data: pageRows.flatMap((r, i) => {
      const job = jobs[i];
      if (!job) return [];
      const { external_id: _partnerOnly, ...publicJob } = job;
      return [{ matched_at: r.matchedAt.toISOString(), event: { id: String(r.eventId), type: r.eventType }, job: publicJob }];
    }),
    next_cursor: deps.cursors.encode({ s: MATCHES.sort, f: id, k: [last ? last.id : after] }),
    has_more: rows.length > limit,
  };
}

/** Every saved search, for the dispatcher (bounded by the per-owner quotas). */
export async function allSavedSearchFilters(db: Executor): Promise<{ id: string; filters: JobFilters }[]> {
  const rows = await db.select({ id: savedSearches.id, query: savedSearches.query }).from(savedSearches);
  return rows.flatMap((r) => {
    try {
      return [{ id: r.id, filters: checkSavedSearchQuery(r.query).filters }];
    } catch {
      // A stored query the current schema no longer accepts matches nothing rather than stopping dispatch.
      return [];
    }
  });
}

