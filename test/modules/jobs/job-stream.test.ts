import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, queryRows, type DatabaseHandle } from '../../../src/db/index.js';
import { projectRoot } from '../../../src/lib/paths.js';
import type { JobStream, JobStreamEvent } from '../../../src/modules/jobs/job-stream.js';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { createTestDatabase } from '../../helpers/database.js';
import { seedTestJobs } from '../../helpers/data.js';
import { partnerPosting } from '../../helpers/partner.js';

const ENV = { RATE_LIMIT_PARTNER: '1000000', RATE_LIMIT_FREE: '1000000', JOB_STREAM_POLL_MS: '1000' };
const onPostgres = Boolean(process.env.DATABASE_URL);

const posting = partnerPosting;

const streamOf = (app: FastifyInstance) => app.jobStream as JobStream;

async function call(app: FastifyInstance, method: string, url: string, headers: Record<string, string>, payload?: unknown) {
  const res = await app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
  return { status: res.statusCode, body: (res.body ? res.json() : null) as any };
}

/** Waits (bounded) until `done()` holds; the message says what never happened. */
async function until(done: () => boolean, what: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Subscribes and records; resolves once the stream holds its start position. */
async function record(app: FastifyInstance) {
  const events: JobStreamEvent[] = [];
  const unsubscribe = app.jobStream.subscribe((e) => events.push(e));
  await streamOf(app).ready();
  return {
    events,
    unsubscribe,
    /** Waits until an event of this job and type arrived. */
    waitFor: async (jobId: string, type: JobStreamEvent['type']) => {
      await until(
        () => events.some((e) => e.job.id === jobId && e.type === type),
        () => `${type} ${jobId}; got ${JSON.stringify(events.map((e) => [e.type, e.job.id]))}`,
      );
    },
  };
}

const partnerHeaders = async (db: DatabaseHandle['db'], company: string) => ({
  authorization: `Bearer ${(await createKey(db, { name: `${company} ATS`, tier: 'partner', company })).secret}`,
});

/** The streamed events of the feed after `afterId`, in feed order, as (type, job id, event id). */
async function feedSince(db: DatabaseHandle['db'], afterId: number) {
  const rows = await queryRows<{ id: number; type: string; job_id: string }>(
    db,
    sql`select id::bigint as id, type::text as type, job_id::text as job_id from job_events
        where id > ${afterId} and type in ('created', 'reopened', 'closed') order by txid, id`,
  );
  return rows.map((r) => [r.type === 'closed' ? 'closed' : 'posted', r.job_id, String(r.id)]);
}
const lastEventId = async (db: DatabaseHandle['db']) =>
  Number((await queryRows<{ id: number | null }>(db, sql`select max(id)::bigint as id from job_events`))[0]?.id ?? 0);
const summary = (events: JobStreamEvent[]) => events.map((e) => [e.type, e.job.id, e.eventId]);

describe('job stream on one instance', () => {
  let ctx: TestContext;
  let openai: Record<string, string>;

  beforeAll(async () => {
    ctx = await createTestApp(ENV);
    await seedTestJobs(ctx.database.db, 5);
    openai = await partnerHeaders(ctx.database.db, 'openai');
  }, 120_000);
  afterAll(() => ctx?.close());

  it('a partner posting arrives as "posted" with the full public job, a close as "closed"', async () => {
    const sub = await record(ctx.app);
    try {
      const created = await call(ctx.app, 'POST', '/v1/partner/jobs', openai, { external_id: 'stream-1', ...posting() });
      expect(created.status).toBe(201);
      await sub.waitFor(created.body.id, 'posted');
      const publicJob = await call(ctx.app, 'GET', `/v1/jobs/${created.body.id}`, {});
      expect(sub.events).toEqual([{ type: 'posted', job: publicJob.body, eventId: expect.stringMatching(/^\d+$/) }]);
      expect(sub.events[0]!.job).not.toHaveProperty('external_id');

      const closed = await call(ctx.app, 'DELETE', '/v1/partner/jobs/stream-1?reason=filled', openai);
      expect(closed.status).toBe(200);
      await sub.waitFor(created.body.id, 'closed');
      expect(sub.events[1]).toMatchObject({ type: 'closed', job: { id: created.body.id, status: 'closed', close_reason: 'filled' } });
      expect(sub.events).toHaveLength(2);
    } finally {
      sub.unsubscribe();
    }
  });

  it('dry runs and plain updates stream nothing; reopening streams "posted"', async () => {
    await call(ctx.app, 'PUT', '/v1/partner/jobs/stream-2', openai, posting());
    const sub = await record(ctx.app);
    try {
      expect((await call(ctx.app, 'POST', '/v1/partner/jobs?dry_run=true', openai, { external_id: 'stream-dry', ...posting() })).status).toBe(201);
      expect((await call(ctx.app, 'DELETE', '/v1/partner/jobs/stream-2?dry_run=true', openai)).status).toBe(200);
      expect((await call(ctx.app, 'PATCH', '/v1/partner/jobs/stream-2', openai, { title: 'Staff LLM Engineer' })).status).toBe(200);
      const closed = await call(ctx.app, 'DELETE', '/v1/partner/jobs/stream-2', openai);
      const reopened = await call(ctx.app, 'POST', '/v1/partner/jobs/stream-2/reopen', openai);
      expect(reopened.status).toBe(200);
      await sub.waitFor(reopened.body.id, 'posted');
      // The feed is delivered in order, so anything the dry runs or the update had streamed would be here.
      expect(sub.events.map((e) => [e.type, e.job.id])).toEqual([
        ['closed', closed.body.id],
        ['posted', closed.body.id],
      ]);
      expect(sub.events[1]!.job).toMatchObject({ title: 'Staff LLM Engineer', status: 'open' });
    } finally {
      sub.unsubscribe();
    }
  });

  it('a batch of 300 arrives as 300 events, each once, in feed order', async () => {
    const start = await lastEventId(ctx.database.db);
    const sub = await record(ctx.app);
    try {
      const items = Array.from({ length: 300 }, (_, i) => ({ op: 'upsert', external_id: `stream-batch-${i}`, job: posting({ title: `Batch ${i}` }) }));
      const res = await call(ctx.app, 'POST', '/v1/partner/jobs/batch', openai, { items });
      expect(res.body.summary.created).toBe(300);
      // A write after the batch: once it has arrived, everything before it has too.
      const sentinel = await call(ctx.app, 'POST', '/v1/partner/jobs', openai, { external_id: 'stream-after-batch', ...posting() });
      await sub.waitFor(sentinel.body.id, 'posted');
      expect(sub.events).toHaveLength(301);
      expect(new Set(sub.events.map((e) => e.eventId)).size).toBe(301);
      expect(summary(sub.events)).toEqual(await feedSince(ctx.database.db, start));
      expect(new Set(sub.events.slice(0, 300).map((e) => e.job.title))).toEqual(new Set(items.map((i) => i.job.title)));
    } finally {
      sub.unsubscribe();
    }
  });

  it('a listener that throws does not stop the others; unsubscribing twice is harmless', async () => {
    const failing = ctx.app.jobStream.subscribe(() => {
      throw new Error('listener bug');
    });
    const sub = await record(ctx.app);
    const rejecting = ctx.app.jobStream.subscribe(() => Promise.reject(new Error('async listener bug')) as unknown as void);
    try {
      const a = await call(ctx.app, 'POST', '/v1/partner/jobs', openai, { external_id: 'stream-throw-1', ...posting() });
      await sub.waitFor(a.body.id, 'posted');
      failing();
      failing();
      const b = await call(ctx.app, 'POST', '/v1/partner/jobs', openai, { external_id: 'stream-throw-2', ...posting() });
      await sub.waitFor(b.body.id, 'posted');
      expect(sub.events.map((e) => e.job.id)).toEqual([a.body.id, b.body.id]);
      expect(streamOf(ctx.app).listenerCount).toBe(2);
    } finally {
      rejecting();
      sub.unsubscribe();
      sub.unsubscribe();
    }
    expect(streamOf(ctx.app).listenerCount).toBe(0);
  });

  it('subscribers get only events to come', async () => {
    const before = await call(ctx.app, 'POST', '/v1/partner/jobs', openai, { external_id: 'stream-before', ...posting() });
    expect(before.status).toBe(201);
    const sub = await record(ctx.app);
    try {
      const after = await call(ctx.app, 'POST', '/v1/partner/jobs', openai, { external_id: 'stream-after', ...posting() });
      await sub.waitFor(after.body.id, 'posted');
      expect(sub.events.map((e) => e.job.id)).toEqual([after.body.id]);
    } finally {
      sub.unsubscribe();
    }
  });
});

describe('the LISTEN connection', () => {
  it('opens with the first listener, is released with the last, and closes with the app', async () => {
    const database = await createTestDatabase();
    const opened: { closed: boolean }[] = [];
    const counted: DatabaseHandle = {
      ...database,
      listen: async (channel, onNotify, onLost) => {
        const connection = await database.listen(channel, onNotify, onLost);
        const entry = { closed: false };
        opened.push(entry);
        return {
          close: async () => {
            entry.closed = true;
            await connection.close();
          },
        };
      },
    };
    // Only the job stream's connections are counted here: the webhook dispatcher (which LISTENs too) stays off.
    const own = await createTestApp({ database: counted, env: { ...ENV, WEBHOOK_WORKER: 'false' }, ready: false });
    const { app } = own;
    let closed = false;
    try {
      await app.ready();
      expect(opened).toHaveLength(0);
      const first = app.jobStream.subscribe(() => {});
      const second = app.jobStream.subscribe(() => {});
      await streamOf(app).ready();
      await until(() => opened.length === 1, () => 'a LISTEN connection');
      first();
      expect(opened[0]!.closed).toBe(false);
      second();
      await until(() => opened[0]!.closed, () => 'the LISTEN connection released');
      app.jobStream.subscribe(() => {});
      await streamOf(app).ready();
      await until(() => opened.length === 2, () => 'a new LISTEN connection');
      if (database.url) {
        const name = new URL(database.url).pathname.slice(1);
        const listening = async () =>
          (await withClient(database.url!, (c) => c.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'hiring-radar-listen'`, [name]))).rows[0].n as number;
        expect(await listening()).toBe(1);
        await own.close();
        closed = true;
        // The server notices the terminated session a moment after the client ends it.
        for (let i = 0; i < 500 && (await listening()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
        expect(await listening()).toBe(0);
      }
    } finally {
      if (!closed) await own.close();
      await database.close();
    }
    expect(opened.every((c) => c.closed)).toBe(true);
  });

  it('lets the process exit after app.close(), with no handle left open', async () => {
    const database = onPostgres ? await createTestDatabase() : undefined;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/job-stream-exit.ts'], {
        cwd: projectRoot,
        env: { ...process.env, STREAM_DATABASE_URL: database?.url ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect({ code, out }, err).toEqual({ code: 0, out: 'listening\nclosed\n' });
    } finally {
      await database?.close();
    }
  }, 120_000);
});

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Two instances need one shared database: a PostgreSQL server. Embedded PGlite lives inside one
// process's memory, so a second app cannot open the same database.
describe.skipIf(!onPostgres)('job stream across instances (PostgreSQL only: two apps cannot share one in-memory PGlite)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let second: DatabaseHandle;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let openai: Record<string, string>;
  let anthropic: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedTestJobs(database.db, 5);
    second = await connect({ databaseUrl: database.url!, poolSize: 5 });
    // Each app leaves the database it was given open (closed below, after both apps).
    [a, b] = (await Promise.all([createTestApp({ database, env: ENV }), createTestApp({ database: second, env: ENV })])).map((c) => c.app) as [FastifyInstance, FastifyInstance];
    openai = await partnerHeaders(database.db, 'openai');
    anthropic = await partnerHeaders(database.db, 'anthropic');
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await second?.close();
    await database?.close();
  });

  it('a write through instance A reaches a subscriber on instance B', async () => {
    const sub = await record(b);
    try {
      const created = await call(a, 'POST', '/v1/partner/jobs', openai, { external_id: 'cross-1', ...posting() });
      expect(created.status).toBe(201);
      await sub.waitFor(created.body.id, 'posted');
      const closed = await call(a, 'DELETE', '/v1/partner/jobs/cross-1', openai);
      expect(closed.status).toBe(200);
      await sub.waitFor(created.body.id, 'closed');
      expect(sub.events.map((e) => [e.type, e.job.id])).toEqual([
        ['posted', created.body.id],
        ['closed', created.body.id],
      ]);
    } finally {
      sub.unsubscribe();
    }
  });

  it('concurrent writers on both instances: every event reaches both instances once, in feed order', async () => {
    const start = await lastEventId(database.db);
    const onB = await record(b);
    const onA = await record(a);
    try {
      const writers = Array.from({ length: 8 }, async (_, w) => {
        const app = w % 2 ? a : b;
        const headers = w % 4 < 2 ? openai : anthropic;
        for (let i = 0; i < 6; i++) {
          const id = `conc-${w}-${i}`;
          await call(app, 'PUT', `/v1/partner/jobs/${id}`, headers, posting({ title: `Concurrent ${w}.${i}` }));
          if (i % 2) await call(app, 'DELETE', `/v1/partner/jobs/${id}`, headers);
          if (i % 3 === 2) await call(app, 'PATCH', `/v1/partner/jobs/${id}`, headers, { title: `Edited ${w}.${i}` });
        }
        const items = Array.from({ length: 25 }, (_, i) => ({ op: 'upsert', external_id: `conc-batch-${w}-${i}`, job: posting() }));
        await call(app, 'POST', '/v1/partner/jobs/batch', headers, { items });
      });
      await Promise.all(writers);
      const sentinel = await call(a, 'POST', '/v1/partner/jobs', openai, { external_id: 'conc-sentinel', ...posting() });
      await onB.waitFor(sentinel.body.id, 'posted');
      await onA.waitFor(sentinel.body.id, 'posted');
      const feed = await feedSince(database.db, start);
      expect(feed).toHaveLength(8 * (6 + 3 + 25) + 1);
      expect(summary(onB.events)).toEqual(feed);
      expect(summary(onA.events)).toEqual(feed);
    } finally {
      onA.unsubscribe();
      onB.unsubscribe();
    }
  });

  it('reconnects when the LISTEN connection drops, losing nothing', async () => {
    const name = new URL(database.url!).pathname.slice(1);
    const listeners = async () =>
      (await withClient(database.url!, (c) =>
        c.query(`select pid from pg_stat_activity where datname = $1 and application_name = 'hiring-radar-listen'`, [name]),
      )).rows as { pid: number }[];
    const sub = await record(b);
    try {
      let before: { pid: number }[] = [];
      for (let i = 0; i < 500 && (before = await listeners()).length !== 1; i++) await new Promise((r) => setTimeout(r, 20));
      expect(before).toHaveLength(1);
      await withClient(database.url!, (c) => c.query('select pg_terminate_backend($1)', [before[0]!.pid]));
      const created = await call(a, 'POST', '/v1/partner/jobs', openai, { external_id: 'after-drop', ...posting() });
      await sub.waitFor(created.body.id, 'posted');
      let after: { pid: number }[] = [];
      for (let i = 0; i < 1500 && ((after = await listeners()).length !== 1 || after[0]!.pid === before[0]!.pid); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(after.map((r) => r.pid)).not.toEqual(before.map((r) => r.pid));
      expect(after).toHaveLength(1);
      const again = await call(a, 'POST', '/v1/partner/jobs', openai, { external_id: 'after-reconnect', ...posting() });
      await sub.waitFor(again.body.id, 'posted');
      expect(sub.events.map((e) => e.job.id)).toEqual([created.body.id, again.body.id]);
    } finally {
      sub.unsubscribe();
    }
  });

  it('an event of a transaction that commits late is not skipped, and comes in feed order', async () => {
    const start = await lastEventId(database.db);
    const sub = await record(b);
    const target = await call(a, 'PUT', '/v1/partner/jobs/late-target', openai, posting());
    await sub.waitFor(target.body.id, 'posted');
    const late = new pg.Client({ connectionString: database.url! });
    await late.connect();
    try {
      // An older transaction still open holds back everything committed after it...
      await late.query('begin');
      await late.query('select pg_current_xact_id()');
      const early = await call(a, 'POST', '/v1/partner/jobs', openai, { external_id: 'late-after', ...posting() });
      // ...then writes an event of its own and commits last (no NOTIFY: the poll must find it).
      await late.query(
        `insert into job_events (job_id, company_id, type) select id, company_id, 'closed' from jobs where id = $1`,
        [target.body.id],
      );
      await late.query('commit');
      await sub.waitFor(early.body.id, 'posted');
      await sub.waitFor(target.body.id, 'closed');
      expect(summary(sub.events)).toEqual(await feedSince(database.db, start));
      // The late transaction's event sorts first: its transaction began first.
      expect(sub.events.map((e) => [e.type, e.job.id])).toEqual([
        ['posted', target.body.id],
        ['closed', target.body.id],
        ['posted', early.body.id],
      ]);
    } finally {
      await late.end();
      sub.unsubscribe();
    }
  });
});
