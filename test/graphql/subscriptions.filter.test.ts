import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { jobMatches } from '../../src/modules/jobs/jobs.filter.js';
import { eventIterator, streamFilters } from '../../src/modules/jobs/jobs.resolvers.js';
import type { Job } from '../../src/modules/jobs/jobs.schemas.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { walk } from '../helpers/pages.js';

let ctx: TestContext;
let all: Job[];
let partner: string;
beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMIT_PARTNER: '1000000', JOB_STREAM_POLL_MS: '200' });
  await seedTestJobs(ctx.database.db, 300, 13);
  all = (await walk(ctx.app, '/v1/jobs', { status: 'all', limit: 100 })).items;
  partner = (await createKey(ctx.database.db, { name: 'OpenAI ATS', tier: 'partner', company: 'openai' })).secret;
}, 120_000);
afterAll(() => ctx?.close());

const filterArb = fc.record(
  {
    role: fc.subarray(['llm_engineer', 'applied_ml', 'software_engineer', 'data_analyst', 'customer_support'], { minLength: 1 }),
    seniority: fc.subarray(['junior', 'mid', 'senior', 'staff', 'principal'], { minLength: 1 }),
    domain: fc.subarray(['general', 'healthcare', 'finance'], { minLength: 1 }),
    companyCategory: fc.subarray(['ai_native', 'big_tech', 'legacy_enterprise', 'saas', 'startup'], { minLength: 1 }),
    workplace: fc.subarray(['onsite', 'hybrid', 'remote'], { minLength: 1 }),
    employmentType: fc.subarray(['full_time', 'contract'], { minLength: 1 }),
    country: fc.subarray(['US', 'GB', 'DE', 'CA', 'us'], { minLength: 1 }),
    skills: fc.subarray(['python', 'pytorch', 'kubernetes', 'sql'], { minLength: 1, maxLength: 2 }),
    salaryMin: fc.integer({ min: 0, max: 400_000 }),
    salaryMax: fc.integer({ min: 0, max: 400_000 }),
  },
  { requiredKeys: [] },
);
const REST: Record<string, string> = { companyCategory: 'company_category', employmentType: 'employment_type', salaryMin: 'salary_min', salaryMax: 'salary_max' };

describe('the stream filter predicate', () => {
  it('matches exactly the jobs GET /v1/jobs finds with the same filter', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(filterArb, async (filter) => {
        if (filter.salaryMin !== undefined && filter.salaryMax !== undefined && filter.salaryMin > filter.salaryMax) return;
        const params = Object.fromEntries(Object.entries(filter).map(([k, v]) => [REST[k] ?? k, Array.isArray(v) ? v.join(',') : String(v)]));
        const expected = (await walk(ctx.app, '/v1/jobs', { ...params, status: 'all', limit: 100 })).items.map((j) => j.id).sort();
        const filters = streamFilters(filter as Parameters<typeof streamFilters>[0]);
        expect(all.filter((j) => jobMatches(filters, j)).map((j) => j.id).sort()).toEqual(expected);
        if (expected.length) nonEmpty++;
      }),
      { seed: 99, numRuns: 60 },
    );
    expect(nonEmpty).toBeGreaterThan(10);
  }, 120_000);

  it('refuses what REST refuses, naming the filter field', () => {
    expect(() => streamFilters({ country: ['ZZ'] })).toThrow(/filter\.country/);
  });

  it('the iterator delivers accepted events in order and unsubscribes when the client leaves', async () => {
    let listener: ((e: number) => void) | undefined;
    let unsubscribed = false;
    const it = eventIterator<number>(
      (l) => {
        listener = l;
        return () => void (unsubscribed = true);
      },
      (n) => n % 2 === 0,
    );
    listener!(1);
    listener!(2);
    const next = it.next();
    listener!(4);
    expect(await next).toEqual({ value: 2, done: false });
    expect(await it.next()).toEqual({ value: 4, done: false });
    const pending = it.next();
    await it.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(unsubscribed).toBe(true);
  });
});

describe('subscriptions over WebSocket (one instance)', () => {
  let client: Client | undefined;
  let url: string;
  beforeAll(async () => {
    if (!ctx.app.hasDecorator('jobStream')) return;
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await client?.dispose();
  });

  const posting = (role: string) => ({
    title: `Live ${role} role`,
    description: '<p>Live.</p>',
    role,
    seniority: 'senior',
    workplace: 'remote',
    location: { country: 'US' },
  });

  it('jobPosted and jobClosed deliver matching postings only', async (test) => {
    if (!ctx.app.hasDecorator('jobStream')) return test.skip();
    client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${partner}` }, retryAttempts: 0 });
    const received: { kind: string; title: string; status: string }[] = [];
    const done = (query: string, kind: string, want: number) =>
      new Promise<void>((resolve, reject) => {
        let n = 0;
        const stop = client!.subscribe<{ [k: string]: { title: string; status: string } }>(
          { query },
          {
            next: (value) => {
              if (value.errors) return reject(new Error(JSON.stringify(value.errors)));
              const job = Object.values(value.data!)[0]!;
              received.push({ kind, title: job.title, status: job.status });
              if (++n === want) {
                stop();
                resolve();
              }
            },
            error: reject,
            complete: () => undefined,
          },
        );
      });
    const posted = done('subscription { jobPosted(filter: { role: [llm_engineer] }) { title status } }', 'posted', 1);
    const closed = done('subscription { jobClosed(filter: { workplace: [remote] }) { title status } }', 'closed', 1);
    // Let both subscriptions reach the stream before writing.
    await new Promise((r) => setTimeout(r, 500));
    const headers = { authorization: `Bearer ${partner}` };
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs', headers, payload: { external_id: 'LIVE-2', ...posting('data_analyst') } })).statusCode).toBe(201);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs', headers, payload: { external_id: 'LIVE-1', ...posting('llm_engineer') } })).statusCode).toBe(201);
    expect((await ctx.app.inject({ method: 'DELETE', url: '/v1/partner/jobs/LIVE-2', headers })).statusCode).toBe(200);
    await Promise.all([posted, closed]);
    expect(received).toEqual(
      expect.arrayContaining([
        { kind: 'posted', title: 'Live llm_engineer role', status: 'open' },
        { kind: 'closed', title: 'Live data_analyst role', status: 'closed' },
      ]),
    );
    expect(received).toHaveLength(2);
  }, 60_000);

  it('a wrong key in connection_init is refused', async (test) => {
    if (!ctx.app.hasDecorator('jobStream')) return test.skip();
    const bad = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer hr_live_AAAAAAAAAAAAAAAAAAAAAAAA000000' }, retryAttempts: 0, lazy: false });
    const outcome = await new Promise<string>((resolve) => {
      bad.on('connected', () => resolve('connected'));
      bad.on('closed', () => resolve('closed'));
      bad.on('error', () => resolve('error'));
    });
    await bad.dispose();
    expect(outcome).not.toBe('connected');
  });

  it('a subscription with a bad filter answers BAD_USER_INPUT', async (test) => {
    if (!ctx.app.hasDecorator('jobStream')) return test.skip();
    const anon = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        anon.subscribe({ query: 'subscription { jobPosted(filter: { country: ["ZZ"] }) { id } }' }, { next: (v) => resolve(v.errors), error: resolve, complete: () => resolve('complete') });
      });
      expect(JSON.stringify(errors)).toContain('BAD_USER_INPUT');
    } finally {
      await anon.dispose();
    }
  });
});

describe('WebSocket connections are charged to the caller connection_init authenticates as', () => {
  let own: TestContext;
  let base: string;
  let url: string;
  let reader: string;
  let writer: string;
  beforeAll(async () => {
    own = await createTestApp({ RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_FREE: '1000', RATE_LIMIT_PARTNER: '1000000', JOB_STREAM_POLL_MS: '200' });
    if (!own.app.hasDecorator('jobStream')) return;
    await seedTestJobs(own.database.db, 5, 3);
    reader = (await createKey(own.database.db, { name: 'Newsletter', tier: 'free' })).secret;
    writer = (await createKey(own.database.db, { name: 'OpenAI ATS', tier: 'partner', company: 'openai' })).secret;
    await own.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(own.app.server.address() as AddressInfo).port}`;
    url = `${base.replace('http', 'ws')}/graphql`;
  }, 120_000);
  afterAll(() => own?.close());

  const usage = async (key?: string) => {
    const res = await fetch(`${base}/v1/usage`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as { caller: { type: string }; rate_limit: { remaining: number } }) : null };
  };

  /** How a client's connection ends up: connected, or closed with a code and reason. */
  const outcome = (client: Client) =>
    new Promise<{ connected: boolean; code?: number; reason?: string }>((resolve) => {
      client.on('connected', () => resolve({ connected: true }));
      client.on('closed', (event) => {
        const e = event as { code?: number; reason?: string };
        resolve({ connected: false, code: e.code, reason: e.reason });
      });
    });

  it('a key in connectionParams subscribes once the IP has spent the anonymous budget, and its operations spend the key\'s budget', async (test) => {
    if (!own.app.hasDecorator('jobStream')) return test.skip();
    // Spend the anonymous budget of 127.0.0.1 (3 requests), over real HTTP.
    for (let i = 0; i < 3; i++) expect((await usage()).status).toBe(200);
    expect((await usage()).status).toBe(429);
    // A plain request carrying an Upgrade header is no WebSocket: still charged to the IP.
    expect((await own.app.inject({ method: 'GET', url: '/graphql?query=%7Bok%7D', headers: { upgrade: 'websocket' } })).statusCode).toBe(429);

    // An anonymous socket is charged to its IP at connection_init: refused with 4429.
    const anonymous = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const refused = await outcome(anonymous);
    await anonymous.dispose();
    expect(refused).toMatchObject({ connected: false, code: 4429 });
    expect(refused.reason).toMatch(/Rate limit exceeded/);

    const before = (await usage(reader)).body!.rate_limit.remaining;
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${reader}` } });
    try {
      expect(await outcome(client)).toEqual({ connected: true });
      let subscribed!: () => void;
      const started = new Promise<void>((resolve) => (subscribed = resolve));
      const received = new Promise<{ title: string }>((resolve, reject) => {
        client.subscribe<{ jobPosted: { title: string } }>(
          { query: 'subscription { jobPosted(filter: { role: [llm_engineer] }) { title } }' },
          {
            next: (value) => (value.errors ? reject(new Error(JSON.stringify(value.errors))) : resolve(value.data!.jobPosted)),
            error: reject,
            complete: () => undefined,
          },
        );
        subscribed();
      });
      await started;
      // Let the subscription reach the stream, then publish a posting with another key.
      await new Promise((r) => setTimeout(r, 500));
      const created = await own.app.inject({
        method: 'POST',
        url: '/v1/partner/jobs',
        headers: { authorization: `Bearer ${writer}` },
        payload: { external_id: 'WS-KEY-1', title: 'Live over a key', description: '<p>Live.</p>', role: 'llm_engineer', seniority: 'senior', workplace: 'remote', location: { country: 'US' } },
      });
      expect(created.statusCode).toBe(201);
      expect(await received).toEqual({ title: 'Live over a key' });
    } finally {
      await client.dispose();
    }
    // connection_init (1) + the subscription's cost (1) + this usage request (1), all from the key.
    const after = await usage(reader);
    expect(after.body!.caller.type).toBe('api_key');
    expect(before - after.body!.rate_limit.remaining).toBe(3);
    // The IP gained nothing meanwhile: still over its budget.
    expect((await usage()).status).toBe(429);
  }, 60_000);
});

describe('a key over its budget over WebSocket', () => {
  it('a subscription over the key\'s budget is refused with RATE_LIMITED, a connection_init over it closes with 4429', async (test) => {
    const own = await createTestApp({ RATE_LIMIT_FREE: '4', JOB_STREAM_POLL_MS: '200' });
    try {
      if (!own.app.hasDecorator('jobStream')) return test.skip();
      const key = (await createKey(own.database.db, { name: 'Tiny', tier: 'free' })).secret;
      await own.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (own.app.server.address() as AddressInfo).port;
      const url = `ws://127.0.0.1:${port}/graphql`;
      // 3 of the key's 4 requests spent over HTTP.
      for (let i = 0; i < 3; i++) {
        expect((await fetch(`http://127.0.0.1:${port}/v1/usage`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      }
      const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${key}` } });
      try {
        // connection_init takes the 4th; the subscription's cost is over the budget.
        const errors = await new Promise<unknown>((resolve) => {
          client.subscribe({ query: 'subscription { jobPosted { id } }' }, { next: (v) => resolve(v.errors), error: resolve, complete: () => resolve('complete') });
        });
        expect(JSON.stringify(errors)).toContain('RATE_LIMITED');
      } finally {
        await client.dispose();
      }
      const again = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${key}` } });
      const closed = await new Promise<{ code?: number }>((resolve) => {
        again.on('connected', () => resolve({}));
        again.on('closed', (e) => resolve(e as { code?: number }));
      });
      await again.dispose();
      expect(closed.code).toBe(4429);
    } finally {
      await own.close();
    }
  }, 60_000);
});
