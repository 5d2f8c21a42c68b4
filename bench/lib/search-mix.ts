/**
 * W1's search mix: two dozen searches over `GET /v1/jobs` (broad words, selective word pairs, a
 * phrase, an exclusion; with and without filters; every sort), each at nine page sizes and some at
 * page 2, so a run sends hundreds of distinct requests and no answer kept anywhere could serve it.
 */
import type { HttpRequestSpec } from './load.js';

export interface Search {
  q: string;
  sort: 'relevance' | 'newest' | 'oldest' | 'salary_desc' | 'salary_asc';
  filters?: Record<string, string>;
}

export const SEARCH_MIX: Search[] = [
  // Broad single words: a large share of the postings matches.
  { q: 'engineer', sort: 'relevance' },
  { q: 'python', sort: 'newest' },
  { q: 'engineer', sort: 'salary_desc', filters: { country: 'US' } },
  { q: 'python', sort: 'oldest', filters: { workplace: 'remote' } },
  { q: 'engineer', sort: 'relevance', filters: { company_category: 'ai_native' } },
  { q: 'python', sort: 'salary_desc', filters: { salary_min: '150000' } },
  // Selective word pairs.
  { q: 'pytorch kubernetes', sort: 'relevance' },
  { q: 'rag retrieval', sort: 'relevance' },
  { q: 'safety evals', sort: 'relevance' },
  { q: 'pytorch kubernetes', sort: 'newest', filters: { country: 'US' } },
  { q: 'rag retrieval', sort: 'salary_desc', filters: { workplace: 'remote' } },
  { q: 'safety evals', sort: 'relevance', filters: { role: 'ai_safety_alignment' } },
  { q: 'llm engineer', sort: 'relevance', filters: { country: 'US', workplace: 'remote' } },
  // A phrase and an exclusion.
  { q: '"machine learning"', sort: 'relevance' },
  { q: '"machine learning"', sort: 'newest', filters: { seniority: 'senior' } },
  { q: 'engineer -senior', sort: 'relevance' },
  { q: 'engineer -senior', sort: 'salary_asc', filters: { country: 'GB' } },
  // Skills and domains, narrowed by one or two filters.
  { q: 'kubernetes', sort: 'oldest', filters: { role: 'ml_infrastructure' } },
  { q: 'vllm', sort: 'salary_asc', filters: { seniority: 'staff' } },
  { q: 'fine-tuning', sort: 'newest', filters: { company_category: 'big_tech' } },
  { q: 'healthcare', sort: 'relevance', filters: { country: 'CA' } },
  { q: 'rust', sort: 'salary_asc', filters: { salary_min: '200000' } },
  { q: 'python', sort: 'oldest', filters: { country: 'DE', role: 'data_engineer' } },
  { q: 'embeddings', sort: 'relevance', filters: { workplace: 'hybrid' } },
];

/** Page sizes every search is sent with. */
const LIMITS = [10, 15, 20, 25, 30, 35, 40, 45, 50];
/** Page sizes whose second page is sent too (its cursor is fetched from the first page at setup). */
const PAGE_TWO_LIMITS = [10, 20, 50];

/**
 * Searches are never cached by the API and the header only concerns analytics; it is sent anyway,
 * so the mix measures computing answers whatever caching the API comes to have.
 */
export const NO_CACHE = { 'cache-control': 'no-cache' } as const;

export const searchPath = (s: Search, limit: number) =>
  `/v1/jobs?${[['q', s.q], ...Object.entries(s.filters ?? {}), ['sort', s.sort], ['limit', String(limit)]]
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&')}`;

/** A fixed shuffle (mulberry32): the same order on every run, neighbours unrelated to each other. */
export function shuffled<T>(items: readonly T[], seed = 2026): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Runs `fn` over `items`, at most `concurrency` at a time (setup fetches, not measured). */
export async function eachLimited<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

interface SearchAnswer {
  data?: unknown[];
  next_cursor?: string | null;
  total?: number;
  total_relation?: string;
}

/** A search page fetched at setup, checked to be a page of the API's current shape. */
export async function fetchPage(baseUrl: string, path: string): Promise<SearchAnswer> {
  const res = await fetch(`${baseUrl}${path}`, { headers: NO_CACHE });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as SearchAnswer;
  if (!Array.isArray(body.data) || (body.total_relation !== 'eq' && body.total_relation !== 'gte')) {
    throw new Error(`${path} answered a page without data or total_relation: ${text.slice(0, 300)}`);
  }
  return body;
}

export interface SearchMixRequests {
  requests: HttpRequestSpec[];
  /** How many of them are second pages (the rest are first pages). */
  pageTwo: number;
  /** Searches that match nothing on this database (still sent: an empty answer is an answer). */
  empty: string[];
}

// Built once per API (its cursors belong to that API's database): W1, W4 and W11 share it.
const built = new Map<string, Promise<SearchMixRequests>>();

/**
 * The mix's requests against the API at `baseUrl`, in a fixed shuffled order: every search at every
 * page size, and the second page of each at PAGE_TWO_LIMITS when there is one. Fetching those first
 * pages checks every search answers.
 */
export function searchMix(baseUrl: string, concurrency: number): Promise<SearchMixRequests> {
  let mix = built.get(baseUrl);
  if (!mix) {
    mix = buildSearchMix(baseUrl, concurrency);
    built.set(baseUrl, mix);
    mix.catch(() => built.delete(baseUrl));
  }
  return mix;
}

async function buildSearchMix(baseUrl: string, concurrency: number): Promise<SearchMixRequests> {
  const firstPages = SEARCH_MIX.flatMap((s) => LIMITS.map((limit) => searchPath(s, limit)));
  // Kept by position, not completion order: the mix's order must not vary between runs.
  const probes = SEARCH_MIX.flatMap((s, i) => PAGE_TWO_LIMITS.map((limit, j) => ({ s, at: i * PAGE_TWO_LIMITS.length + j, path: searchPath(s, limit) })));
  const second: (string | undefined)[] = [];
  const empty = new Set<string>();
  await eachLimited(probes, concurrency, async ({ s, at, path }) => {
    const page = await fetchPage(baseUrl, path);
    if (page.total === 0) empty.add(searchPath(s, 20));
    if (page.next_cursor) second[at] = `${path}&cursor=${encodeURIComponent(page.next_cursor)}`;
  });
  const pageTwo = second.filter((p): p is string => p !== undefined);
  return {
    requests: shuffled([...firstPages, ...pageTwo]).map((path) => ({ path, headers: NO_CACHE })),
    pageTwo: pageTwo.length,
    empty: [...empty].sort(),
  };
}

/** The same requests with something appended to every path (W4's facets); cursors stay valid (facets are no filter). */
export const withQuery = (requests: HttpRequestSpec[], extra: string): HttpRequestSpec[] =>
  requests.map((r) => ({ ...r, path: `${r.path}${extra}` }));
