import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { CursorCodec, type CursorPayload } from '../../src/lib/cursor.js';
import { expectOk, type Workload } from '../lib/context.js';
import { compare, httpLoad } from '../lib/load.js';

const FILTER = '/v1/jobs?country=US&workplace=remote&limit=20';
const PAGE_SIZE = 20;
const DEPTH = 1000;

/**
 * The cursor a client holds after following next_cursor to page `page`. Walking 999 pages costs 999
 * counts of the whole match (seconds each at a million postings), so the cursor is made the way the
 * API makes it: the first page's cursor gives the sort and filter fingerprint, the last row of page
 * `page - 1` (by the same order) gives the key, and the API's codec signs it.
 */
async function cursorForPage(baseUrl: string, databaseUrl: string, page: number): Promise<{ cursor: string; expectedFirstId: string }> {
  const first = (await (await fetch(`${baseUrl}${FILTER}`)).json()) as { next_cursor: string | null };
  if (!first.next_cursor) throw new Error(`${FILTER} has a single page`);
  const template = JSON.parse(Buffer.from(first.next_cursor.split('.')[0]!, 'base64url').toString('utf8')) as CursorPayload;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ posted_at: Date; id: string }>(
      `select posted_at, id from jobs where status = 'open' and workplace = 'remote' and country = 'US'
       order by posted_at desc, id desc offset $1 limit 2`,
      [(page - 1) * PAGE_SIZE - 1],
    );
    const [last, next] = rows;
    if (!last || !next) throw new Error(`no page ${page}`);
    const cursor = new CursorCodec(loadConfig().cursorSecret).encode({ ...template, k: [last.posted_at.toISOString(), last.id] });
    return { cursor, expectedFirstId: next.id };
  } finally {
    await client.end();
  }
}

/** W2: filter-only listing, first page vs page 1,000 by cursor (p99: keyset pages must not slow with depth). */
export const w2: Workload = {
  id: 'W2',
  title: 'keyset paging depth',
  async run(ctx) {
    const api = await ctx.api();
    await expectOk(api.url, [FILTER]);
    const { total } = (await (await fetch(`${api.url}${FILTER}`)).json()) as { total: number };
    const page = Math.min(DEPTH, Math.ceil(total / PAGE_SIZE));
    const { cursor, expectedFirstId } = await cursorForPage(api.url, ctx.db.url, page);
    const path = `${FILTER}&cursor=${encodeURIComponent(cursor)}`;
    // The API must take the cursor and answer the rows that follow, or the measurement means nothing.
    const res = await fetch(`${api.url}${path}`);
    const body = (await res.json()) as { data?: { id: string }[] };
    if (res.status !== 200 || body.data?.[0]?.id !== expectedFirstId) {
      throw new Error(`page ${page} by cursor answered ${res.status} starting at ${body.data?.[0]?.id}, expected ${expectedFirstId}`);
    }
    ctx.details.W2 = { filter: FILTER, deepPage: page, matches: total };
    const { first, deep } = await compare({ first: (s) => httpLoad(api.url, [{ path: FILTER }], s), deep: (s) => httpLoad(api.url, [{ path }], s) }, ctx.load);
    const ratio = deep.p99 / first.p99;
    return [
      {
        id: 'W2',
        workload: `listing country + workplace, page ${page.toLocaleString('en-US')} by cursor`,
        rps: deep.rps,
        p50: deep.p50,
        p99: deep.p99,
        limit: 'first page, same filters',
        limitRps: first.rps,
        limitP50: first.p50,
        limitP99: first.p99,
        ratio,
        ratioOf: 'p99 ÷ limit p99',
        target: '≤ 1.5 (p99)',
        met: ratio <= 1.5,
        failures: first.failures + deep.failures,
        ...(page < DEPTH ? { note: `only ${page} pages match ${FILTER} in this data set` } : {}),
      },
    ];
  },
};
