import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { apiConnectOptions, connect, type DatabaseHandle } from '../../src/db/index.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, TEST_ENV, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { createTestDatabase } from '../helpers/database.js';
import { partnerPosting } from '../helpers/partner.js';

// A checked-out connection that dies, a statement past the timeout and a client that hangs up are
// PostgreSQL matters (PGlite runs in-process); the fault suite (npm run test:faults) restarts a whole server.
const onServer = Boolean(process.env.DATABASE_URL);

let base: Awaited<ReturnType<typeof createTestDatabase>>;
let database: DatabaseHandle;
let ctx: TestContext;
let app: FastifyInstance;
let partner: Record<string, string>;
let locker: pg.Client;
const lost: Error[] = [];

beforeAll(async () => {
  if (!onServer) return;
  base = await createTestDatabase();
  await seedTestJobs(base.db, 20, 5);
  partner = { authorization: `Bearer ${(await createKey(base.db, { name: 'ATS', tier: 'partner', company: 'openai' })).secret}` };
  const env = { DATABASE_URL: base.url!, DATABASE_STATEMENT_TIMEOUT_MS: '1500', RATE_LIMIT_PARTNER: '1000000' };
  // The app's own kind of connection (statement timeout, lost connections reported), over `base`.
  database = await connect(apiConnectOptions(loadConfig({ ...TEST_ENV, ...env }), (err) => lost.push(err)));
  ctx = await createTestApp({ database, env, listen: true });
  app = ctx.app;
  locker = new pg.Client({ connectionString: base.url });
  await locker.connect();
}, 120_000);

afterAll(async () => {
  if (!onServer) return;
  await locker?.end();
  await ctx?.close();
  await database?.close();
  await base?.close();
});

const url = (path: string) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${path}`;

async function put(externalId: string, title: string) {
  const res = await fetch(url(`/v1/partner/jobs/${externalId}`), {
    method: 'PUT',
    headers: { ...partner, 'content-type': 'application/json' },
    body: JSON.stringify(partnerPosting({ title })),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** Holds the posting's row lock from another session, so the API's write waits inside its transaction. */
async function lockPosting(externalId: string) {
  await locker.query('begin');
  await locker.query(`select 1 from jobs where external_id = $1 for update`, [externalId]);
  return () => locker.query('rollback');
}

/** The API's backends that wait for a lock (its write, stuck behind `lockPosting`). */
async function waitingBackends(): Promise<number[]> {
  const { rows } = await locker.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and application_name = 'hiring-radar' and wait_event_type = 'Lock'`,
  );
  return rows.map((r) => r.pid);
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!onServer)('database faults on PostgreSQL', () => {
  it('a connection killed mid-transaction fails that write with 503 + Retry-After; the process lives and the next write succeeds', async () => {
    expect((await put('fault-kill', 'First')).status).toBe(201);
    const release = await lockPosting('fault-kill');
    const pending = put('fault-kill', 'Second');
    const [pid] = await until(async () => ((await waitingBackends()).length ? waitingBackends() : undefined));
    await locker.query('select pg_terminate_backend($1)', [pid]);
    const failed = await pending;
    await release();
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(failed.body.type).toBe('urn:hiring-radar:problem:service-unavailable');
    // The dropped checked-out client was reported, not thrown into the process.
    expect(lost.length).toBeGreaterThan(0);
    const again = await put('fault-kill', 'Second');
    expect(again.status).toBe(200);
    expect(again.body.title).toBe('Second');
  });

  it('a statement past DATABASE_STATEMENT_TIMEOUT_MS is cancelled: 503, nothing written', async () => {
    expect((await put('fault-timeout', 'Before')).status).toBe(201);
    const release = await lockPosting('fault-timeout');
    const started = Date.now();
    const res = await put('fault-timeout', 'During');
    await release();
    expect(res.status).toBe(503);
    expect(String(res.body.detail)).toMatch(/statement timeout/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const read = await fetch(url('/v1/partner/jobs/fault-timeout'), { headers: partner });
    expect(((await read.json()) as { title: string }).title).toBe('Before');
  });

  it("a client that hangs up has its statement cancelled on the server and its write rolled back", async () => {
    expect((await put('fault-gone', 'Kept')).status).toBe(201);
    const release = await lockPosting('fault-gone');
    const { port } = app.server.address() as AddressInfo;
    const body = JSON.stringify(partnerPosting({ title: 'Abandoned' }));
    const req = httpRequest({ host: '127.0.0.1', port, method: 'PUT', path: '/v1/partner/jobs/fault-gone', headers: { ...partner, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    req.on('error', () => {});
    req.end(body);
    await until(async () => ((await waitingBackends()).length ? true : undefined));
    req.destroy();
    // Cancelled on the server while the lock is still held: it no longer waits.
    await until(async () => ((await waitingBackends()).length === 0 ? true : undefined), 5000);
    await release();
    await new Promise((r) => setTimeout(r, 200));
    const read = await fetch(url('/v1/partner/jobs/fault-gone'), { headers: partner });
    expect(((await read.json()) as { title: string }).title).toBe('Kept');
  });

  it('an answered request is not taken for an abandoned one: its statements, or the next requests\', are never cancelled', async () => {
    // Regression: the end of a response (writableEnded) used to be read as a hang-up when the
    // socket closed before it was flushed, cancelling what the pooled client ran next.
    for (let i = 0; i < 8; i++) {
      expect((await app.inject('/v1/trends/market')).statusCode).toBe(200);
      expect((await fetch(url('/v1/trends/market'))).status).toBe(200);
    }
  });

  it('reads during an outage of the pool answer 503 quickly, and /readyz says why', async () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATABASE_CONNECT_TIMEOUT_MS: '500' };
    const down = await connect(apiConnectOptions(loadConfig({ ...TEST_ENV, ...env })));
    // Not readied here: the first request readies it, inside the timed part.
    const { app: outage, close } = await createTestApp({ database: down, env, ready: false });
    try {
      const started = Date.now();
      const res = await outage.inject('/v1/jobs?limit=1');
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      const gql = await outage.inject({ method: 'POST', url: '/graphql', payload: { query: '{ jobs(first: 1) { totalCount } }' } });
      expect(gql.statusCode).toBe(503);
      expect(gql.json().errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      const ready = await outage.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().detail).toMatch(/connection refused/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await close();
      await down.close();
    }
  });
});
