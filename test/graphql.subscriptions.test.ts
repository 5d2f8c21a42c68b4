import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { jobMatches } from '../src/modules/jobs/jobs.filter.js';
import { eventIterator, streamFilters } from '../src/modules/jobs/jobs.resolvers.js';
import type { Job } from '../src/modules/jobs/jobs.schemas.js';
import { createKey } from '../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from './helpers/app.js';
import { seedTestJobs } from './helpers/data.js';
import { walk } from './helpers/pages.js';

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
