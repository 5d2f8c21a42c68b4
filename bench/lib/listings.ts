/**
 * W2's filter-only listings (no `q`): six filter sets, each in the four orders a listing has, at
 * page 1 and at page 1,000, whose cursor is made the way the API makes it (see deepPage).
 */
import type pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { CursorCodec, type CursorPayload } from '../../src/lib/cursor.js';
import type { HttpRequestSpec } from './load.js';
import { fetchPage, NO_CACHE } from './search-mix.js';

export const PAGE_SIZE = 20;
export const DEPTH = 1000;

export interface Listing {
  /** The filters as query parameters. */
  query: string;
  /** The same filters over `jobs j` (and `companies c` when `join`), written out, not taken from the API. */
  where: string;
  join?: boolean;
}

export const LISTINGS: Listing[] = [
  { query: 'country=US&workplace=remote', where: `j.country = 'US' and j.workplace = 'remote'` },
  { query: 'role=llm_engineer', where: `j.role = 'llm_engineer'` },
  { query: 'seniority=senior&country=US', where: `j.seniority = 'senior' and j.country = 'US'` },
  { query: 'company_category=ai_native', where: `c.category = 'ai_native'`, join: true },
  { query: 'domain=healthcare&workplace=remote', where: `j.domain = 'healthcare' and j.workplace = 'remote'` },
  { query: 'salary_min=200000', where: `j.salary_usd_max >= 200000` },
];

/**
 * Each order as the API sorts and keys it: the SQL key (the id breaks ties, in the same direction)
 * and the key as its cursor carries it (timestamps as ISO strings, salaries as the coalesced integer).
 */
export const LISTING_SORTS = {
  newest: { key: 'j.posted_at', direction: 'desc' },
  oldest: { key: 'j.posted_at', direction: 'asc' },
  salary_desc: { key: 'coalesce(j.salary_usd_max, -1)', direction: 'desc' },
  salary_asc: { key: 'coalesce(j.salary_usd_min, 2147483647)', direction: 'asc' },
} as const;
export type ListingSort = keyof typeof LISTING_SORTS;
const SORT_NAMES = Object.keys(LISTING_SORTS) as ListingSort[];

export const listingPath = (l: Listing, sort: ListingSort) => `/v1/jobs?${l.query}&sort=${sort}&limit=${PAGE_SIZE}`;

/** Every listing's first page, in every order. */
export const firstPages = (): HttpRequestSpec[] =>
  LISTINGS.flatMap((l) => SORT_NAMES.map((sort) => ({ path: listingPath(l, sort), headers: NO_CACHE })));

const from = (l: Listing) => `jobs j${l.join ? ' join companies c on c.id = j.company_id' : ''} where j.status = 'open' and ${l.where}`;

export interface DeepPage {
  path: string;
  page: number;
  /** Open postings the filters match (counted directly, not the API's bounded total). */
  matches: number;
  expectedFirstId: string;
}

/**
 * The request a client sends after following next_cursor to page DEPTH (or the last page, when the
 * listing has fewer), checked to answer the rows that follow. Walking there costs 999 requests, so
 * the cursor is made as the API makes it: page 1's cursor gives the sort and filter fingerprint, the
 * last row of the page before (by the same order, found in SQL) gives the key, the API's codec signs.
 * Null when the listing has a single page.
 */
export async function deepPage(baseUrl: string, pool: pg.Pool, l: Listing, sort: ListingSort, matches: number): Promise<DeepPage | null> {
  const page = Math.min(DEPTH, Math.ceil(matches / PAGE_SIZE));
  if (page < 2) return null;
  const first = listingPath(l, sort);
  const { next_cursor } = await fetchPage(baseUrl, first);
  if (!next_cursor) throw new Error(`${first} has no next_cursor, yet ${matches} postings match`);
  const template = JSON.parse(Buffer.from(next_cursor.split('.')[0]!, 'base64url').toString('utf8')) as CursorPayload;
  const { key, direction } = LISTING_SORTS[sort];
  const { rows } = await pool.query<{ key: Date | number; id: string }>(
    `select ${key} as key, j.id from ${from(l)} order by ${key} ${direction}, j.id ${direction} offset $1 limit 2`,
    [(page - 1) * PAGE_SIZE - 1],
  );
  const [last, next] = rows;
  if (!last || !next) throw new Error(`${first}: no page ${page}`);
  const k = [last.key instanceof Date ? last.key.toISOString() : Number(last.key), last.id];
  const cursor = new CursorCodec(loadConfig().cursorSecret).encode({ ...template, k });
  const path = `${first}&cursor=${encodeURIComponent(cursor)}`;
  // The API must take the cursor and answer the rows that follow, or the measurement means nothing.
  const body = (await fetchPage(baseUrl, path)) as { data: { id?: string }[] };
  if (body.data[0]?.id !== next.id) throw new Error(`${first} at page ${page} by cursor starts at ${body.data[0]?.id}, expected ${next.id}`);
  return { path, page, matches, expectedFirstId: next.id };
}

/** Open postings each listing matches, counted in SQL. */
export async function listingMatches(pool: pg.Pool): Promise<number[]> {
  return Promise.all(LISTINGS.map(async (l) => (await pool.query<{ n: number }>(`select count(*)::int as n from ${from(l)}`)).rows[0]!.n));
}
