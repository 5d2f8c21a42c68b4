import { AsyncLocalStorage } from 'node:async_hooks';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../../src/db/index.js';
import { refreshCompanySearch, SearchRefresher, searchRefreshState, updateCompany } from '../../../src/modules/companies/companies.service.js';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';

/**
 * Renaming a company re-indexes its postings' search text in bounded chunks (each its own
 * statement), for a moment in the request and in the background after, and stops working for a
 * client that is gone; searches end up finding every posting by the new name and none by the old.
 */

const CHUNK = 40;
const ENV = { SEARCH_REFRESH_CHUNK: String(CHUNK), SEARCH_REFRESH_INLINE_MS: '0' };

let ctx: TestContext;
let admin: Record<string, string>;
let company: { id: string; slug: string };
let postings: number;

beforeAll(async () => {
  ctx = await createTestApp(ENV);
  await seedTestJobs(ctx.database.db, 400, 21);
  const db = ctx.database.db;
  const [big] = await queryRows<{ id: string; slug: string; n: number }>(
    db,
    sql`select c.id::text as id, c.slug, count(*)::int as n from jobs j join companies c on c.id = j.company_id group by c.id order by n desc, c.slug limit 1`,
  );
  company = big!;
  // Give it a few hundred postings (moved from others, then indexed under its name).
  await db.execute(sql`update jobs set company_id = ${company.id}::uuid, external_id = null
    where id in (select id from jobs where company_id <> ${company.id}::uuid order by id limit ${Math.max(0, 290 - big!.n)})`);
  await refreshCompanySearch(db, company.id, { chunkSize: 1000 });
  postings = (await searchRefreshCount(db, sql`true`)).total;
  admin = { authorization: `Bearer ${(await createKey(db, { name: 'Admin', tier: 'internal', scopes: ['admin'] })).secret}` };
}, 180_000);
afterAll(() => ctx?.close());

/** The company's postings, and how many of them carry a stale name. */
async function searchRefreshCount(db: Database, where: ReturnType<typeof sql>) {
  const [row] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from jobs where company_id = ${company.id}::uuid and ${where}`);
  return { total: Number(row!.total) };
}

const found = async (app: FastifyInstance, word: string) => (await app.inject({ url: `/v1/jobs?q=${word}&status=all&company=${company.slug}&limit=1` })).json().total as number;
const state = async (app: FastifyInstance) => (await app.inject({ url: `/v1/admin/companies/${company.slug}/search-refresh`, headers: admin })).json();

async function until(done: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const requestContext = new AsyncLocalStorage<string>();

interface Statement {
  text: string;
  params: unknown[];
  rows: number | undefined;
  /** Sent by the code a test ran inside `requestContext` (a request it injected). */
  inRequest: boolean;
  at: number;
}

/** Records every statement sent while `fn` runs, with its parameters and the rows it returned. */
async function recording<T>(db: Database, fn: (statements: Statement[]) => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const client = (db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const original = client.query;
  const statements: Statement[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] };
    const s: Statement = {
      text: typeof first === 'string' ? first : String(first?.text ?? ''),
      params: ((typeof first === 'object' && first?.values) || args[1] || []) as unknown[],
      rows: undefined,
      inRequest: requestContext.getStore() === 'request',
      at: Date.now(),
    };
    statements.push(s);
    const out = original.apply(this, args);
    if (out instanceof Promise) {
      return out.then((r: { rows?: unknown[] }) => {
        s.rows = r?.rows?.length;
        return r;
      });
    }
    return out;
  };
  try {
    return { result: await fn(statements), statements };
  } finally {
    client.query = original;
  }
}

const isRefresh = (s: Statement) => /^update jobs set search/.test(s.text.trim());
const patch = (app: FastifyInstance, body: object) =>
  requestContext.run('request', () => app.inject({ method: 'PATCH', url: `/v1/admin/companies/${company.slug}`, headers: admin, payload: body }));

describe('renaming a company', () => {
  it('seeded postings all carry their company name (the staleness test finds none)', async () => {
    expect(await state(ctx.app)).toEqual({ status: 'done', pending: 0 });
    expect(postings).toBeGreaterThanOrEqual(250);
  });

  it('commits at once; the postings are re-indexed in the background, at most SEARCH_REFRESH_CHUNK per statement; then the new name finds every posting and the old none', async () => {
    const db = ctx.database.db;
    const { result: res, statements } = await recording(db, async () => {
      const r = await patch(ctx.app, { name: 'Alpha Kumquat' });
      await until(async () => (await state(ctx.app)).status === 'done', 'the background to finish');
      return r;
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ slug: company.slug, name: 'Alpha Kumquat', search_refresh: { status: 'pending', pending: postings } });
    // SEARCH_REFRESH_INLINE_MS=0: the request itself re-indexed nothing.
    expect(statements.filter((s) => s.inRequest && isRefresh(s))).toEqual([]);
    const chunks = statements.filter(isRefresh);
    expect(chunks.length).toBe(Math.ceil((postings + 1) / CHUNK));
    for (const c of chunks) expect(c.rows).toBeLessThanOrEqual(CHUNK);
    expect(chunks.reduce((n, c) => n + (c.rows ?? 0), 0)).toBe(postings);
    expect(await found(ctx.app, 'kumquat')).toBe(postings);
    // The company's name on its postings was new at once (it is read from the company).
    const job = (await ctx.app.inject({ url: `/v1/jobs?company=${company.slug}&status=all&limit=1` })).json().data[0];
    expect(job.company.name).toBe('Alpha Kumquat');
  });

  it('meanwhile, re-indexed postings are found by the new name and the others by the old; PATCHing the same name resumes and reports what is pending', async () => {
    const db = ctx.database.db;
    await db.execute(sql`update companies set name = 'Beta Persimmon' where id = ${company.id}::uuid`);
    let chunks = 0;
    const pass = await refreshCompanySearch(db, company.id, { chunkSize: CHUNK, stop: () => chunks++ >= 2 });
    expect(pass).toEqual({ done: false, refreshed: 2 * CHUNK });
    expect(await found(ctx.app, 'persimmon')).toBe(2 * CHUNK);
    expect(await found(ctx.app, 'kumquat')).toBe(postings - 2 * CHUNK);
    expect(await state(ctx.app)).toEqual({ status: 'pending', pending: postings - 2 * CHUNK });

    const res = await patch(ctx.app, { name: 'Beta Persimmon' });
    expect(res.json().search_refresh).toEqual({ status: 'pending', pending: postings - 2 * CHUNK });
    await until(async () => (await state(ctx.app)).status === 'done', 'the background to finish');
    expect([await found(ctx.app, 'persimmon'), await found(ctx.app, 'kumquat')]).toEqual([postings, 0]);
  });

  it('other fields touch no posting', async () => {
    const { result: res, statements } = await recording(ctx.database.db, () => patch(ctx.app, { website: 'https://example.com/about', size: '51-200' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().search_refresh).toEqual({ status: 'done', pending: 0 });
    expect(statements.filter(isRefresh)).toEqual([]);
  });

  it('concurrent renames end with every posting found by the name that won', async () => {
    const names = ['Gamma Rambutan', 'Delta Tamarind', 'Epsilon Loquat'];
    const answers = await Promise.all(names.map((name) => patch(ctx.app, { name })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    await until(async () => (await state(ctx.app)).status === 'done', 'the background to finish');
    const final = (await ctx.app.inject({ url: `/v1/companies/${company.slug}` })).json().name as string;
    expect(names).toContain(final);
    for (const name of names) expect(await found(ctx.app, name.split(' ')[1]!.toLowerCase())).toBe(name === final ? postings : 0);
  });

  it('GET …/search-refresh needs the admin scope and a known company', async () => {
    expect((await ctx.app.inject({ url: `/v1/admin/companies/${company.slug}/search-refresh` })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/v1/admin/companies/no-such-co/search-refresh', headers: admin })).statusCode).toBe(404);
  });
});

describe('a rename whose client goes away', () => {
  it('stops re-indexing in the request at the next chunk; the background finishes', async () => {
    const db = ctx.database.db;
    const refresher = new SearchRefresher(db, { warn: () => undefined, debug: () => undefined }, CHUNK);
    const gone = new AbortController();
    try {
      const { result, statements } = await recording(db, async (seen) => {
        // The client leaves while the first chunk runs.
        const watch = setInterval(() => {
          if (seen.some(isRefresh)) gone.abort();
        }, 1);
        const r = await requestContext
          .run('request', () => updateCompany(db, company.slug, { name: 'Zeta Mangosteen' }, { refresher, inlineMs: 60_000, signal: gone.signal }))
          .finally(() => clearInterval(watch));
        await until(() => refresher.idle, 'the background to finish');
        return r;
      });
      const inRequest = statements.filter((s) => s.inRequest && isRefresh(s));
      expect(inRequest.length).toBeGreaterThanOrEqual(1);
      expect(inRequest.length).toBeLessThanOrEqual(2);
      expect(result.search_refresh.status).toBe('pending');
      expect(await searchRefreshState(db, company.id)).toEqual({ status: 'done', pending: 0 });
      expect(await found(ctx.app, 'mangosteen')).toBe(postings);
    } finally {
      await refresher.close();
    }
  });

  it('over HTTP: the request stops when the socket closes (a long re-index budget notwithstanding), and the background finishes', async () => {
    const db = ctx.database.db;
    // A second instance over the same database, listening, that would re-index for a minute in the request.
    const second = await createTestApp({ database: ctx.database, env: { SEARCH_REFRESH_CHUNK: '10', SEARCH_REFRESH_INLINE_MS: '60000' } });
    const { app } = second;
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      const { statements } = await recording(db, async (seen) => {
        await new Promise<void>((resolve) => {
          const body = JSON.stringify({ name: 'Eta Jabuticaba' });
          const req = httpRequest({ host: '127.0.0.1', port, method: 'PATCH', path: `/v1/admin/companies/${company.slug}`, headers: { ...admin, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
          req.on('error', () => resolve());
          req.end(body);
          const check = () => {
            if (seen.some(isRefresh)) {
              req.destroy();
              resolve();
            } else setTimeout(check, 1);
          };
          check();
        });
        await until(async () => (await state(app)).status === 'done', 'the background to finish');
      });
      const chunks = statements.filter(isRefresh);
      const FIRST = '00000000-0000-0000-0000-000000000000';
      const passStarts = chunks.map((c, i) => (c.params.includes(FIRST) ? i : -1)).filter((i) => i >= 0);
      // The request's pass, then the background's from the start: the request ran a few chunks (the
      // time the server takes to see the socket close), not the ~30 its budget allowed.
      expect(passStarts.length).toBe(2);
      expect(passStarts[1]).toBeLessThanOrEqual(8);
      expect(await found(app, 'jabuticaba')).toBe(postings);
    } finally {
      await second.close();
    }
  });
});
