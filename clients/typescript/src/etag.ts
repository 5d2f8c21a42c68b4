import type { FetchLike } from './retry.js';

/** A response kept for revalidation: what a 304 answers with. */
export interface CachedResponse {
  etag: string;
  status: number;
  headers: [string, string][];
  body: string;
}

/** Where validated GET answers are kept. Keys name the URL and the Accept header; one cache per client (per credentials). */
export interface EtagCache {
  get(key: string): CachedResponse | undefined | Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/** An in-memory least-recently-used EtagCache. */
export class MemoryEtagCache implements EtagCache {
  readonly #entries = new Map<string, CachedResponse>();
  constructor(readonly maxEntries = 500) {}

  get(key: string): CachedResponse | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedResponse): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Response header the SDK adds to an answer served from its ETag cache after a 304 (value `revalidated`). */
export const CACHE_STATUS_HEADER = 'x-hiring-radar-cache';
/** The largest body kept (characters). */
const MAX_BODY = 1_000_000;

export const cacheKey = (request: Request) => `${request.headers.get('accept') ?? ''} ${request.url}`;

/**
 * Wraps `fetch` with conditional GETs: a GET whose URL answered before with an ETag is sent with
 * If-None-Match, and a 304 is answered from the kept copy (status 200, the kept headers, and
 * `x-hiring-radar-cache: revalidated`). A request that sets If-None-Match itself, or
 * `Cache-Control: no-cache`/`no-store`, passes through untouched.
 */
export function etagFetch(fetch: FetchLike, cache: EtagCache): FetchLike {
  return async (request) => {
    if (request.method !== 'GET' || request.headers.has('if-none-match') || /no-(cache|store)/i.test(request.headers.get('cache-control') ?? '')) {
      return fetch(request);
    }
    const key = cacheKey(request);
    const kept = await cache.get(key);
    if (kept) request.headers.set('if-none-match', kept.etag);
    const response = await fetch(request);
    if (response.status === 304 && kept) {
      const headers = new Headers(kept.headers);
      for (const [name, value] of response.headers) if (!/^(content-|transfer-encoding)/i.test(name)) headers.set(name, value);
      headers.set(CACHE_STATUS_HEADER, 'revalidated');
      return new Response(kept.body, { status: kept.status, statusText: 'OK', headers });
    }
    const etag = response.headers.get('etag');
    if (response.status === 200 && etag && !/no-store/i.test(response.headers.get('cache-control') ?? '')) {
      const body = await response.clone().text();
      if (body.length <= MAX_BODY) {
        const headers = [...response.headers].filter(([name]) => !/^(content-length|content-encoding|transfer-encoding)$/i.test(name));
        await cache.set(key, { etag, status: 200, headers, body });
      }
    } else if (kept && (response.ok || response.status === 404 || response.status === 410)) {
      await cache.delete(key);
    }
    return response;
  };
}
