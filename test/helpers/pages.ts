import type { FastifyInstance } from 'fastify';
import type { Job } from '../../src/modules/jobs/jobs.schemas.js';

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
  total: number;
  facets?: Record<string, { value: string; count: number }[]>;
}

/** Follows next_cursor from the first page to the last, checking the envelope on the way. */
export async function walk<T = Job>(app: FastifyInstance, path: string, params: Record<string, string | number> = {}) {
  const items: T[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
    if (cursor) query.set('cursor', cursor);
    const res = await app.inject({ url: `${path}?${query}` });
    if (res.statusCode !== 200) throw new Error(`${path}?${query} answered ${res.statusCode}: ${res.body}`);
    const page = res.json() as Page<T>;
    items.push(...page.data);
    totals.add(page.total);
    const link = res.headers.link as string | undefined;
    if (page.next_cursor) {
      if (!link?.includes(`cursor=${encodeURIComponent(page.next_cursor)}`)) throw new Error(`Link header does not carry the next cursor: ${link}`);
    } else if (link) {
      throw new Error(`last page has a Link header: ${link}`);
    }
    cursor = page.next_cursor;
    if (++pages > 10_000) throw new Error('too many pages');
  } while (cursor);
  return { items, totals: [...totals], pages };
}
