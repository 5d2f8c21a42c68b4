/**
 * The TypeScript SDK (clients/typescript) against the app over real HTTP: search with filters,
 * walking every page, companies, analytics, and conditional GETs with the ETag cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_STATUS_HEADER, createClient, HiringRadarError, type HiringRadarClient, type Job } from '../../clients/typescript/src/index.js';
import { seedTestJobs } from '../helpers/data.js';
import { recordingFetch, startSdkServer, type SdkServer } from './helpers.js';

let server: SdkServer;
let client: HiringRadarClient;
let apiKey: string;

beforeAll(async () => {
  server = await startSdkServer({ RATE_LIMIT_FREE: '1000000' });
  await seedTestJobs(server.ctx.database.db, 150, 11);
  apiKey = await server.key({ name: 'SDK reader', tier: 'free' });
  client = createClient({ baseUrl: server.baseUrl, apiKey });
}, 120_000);
afterAll(() => server?.close());

describe('SDK: jobs', () => {
  it('sends the key as a Bearer token and searches with filters (arrays become comma-separated lists)', async () => {
    const recorder = recordingFetch();
    const c = createClient({ baseUrl: server.baseUrl, apiKey, fetch: recorder });
    const roles = ['llm_engineer', 'applied_ml', 'ml_infrastructure'];
    const page = await c.jobs.list({ role: roles, status: 'open', sort: 'salary_desc', salary_min: 100_000, limit: 10 }).first();
    expect(recorder.sent[0]!.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
    expect(new URL(recorder.sent[0]!.url).searchParams.get('role')).toBe(roles.join(','));
    expect(page.data.length).toBeGreaterThan(0);
    for (const job of page.data) {
      expect(roles).toContain(job.role);
      expect(job.status).toBe('open');
      expect(job.salary?.annual_usd_max ?? 0).toBeGreaterThanOrEqual(100_000);
    }
    const tops = page.data.map((j) => j.salary!.annual_usd_max!);
    expect(tops).toEqual([...tops].sort((a, b) => b - a));
    expect(page.total).toBeGreaterThanOrEqual(page.data.length);
  });

  it('the async iterator walks every page once: as many jobs as `total`, no duplicates, in order', async () => {
    const list = client.jobs.list({ status: 'all', sort: 'newest', limit: 17 });
    const first = await list.first();
    expect(first.total_relation).toBe('eq');
    expect(first.total).toBeGreaterThan(17 * 3);
    const seen: Job[] = [];
    for await (const job of list) seen.push(job);
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen.map((j) => j.id)).size).toBe(first.total);
    const times = seen.map((j) => Date.parse(j.posted_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // Page at a time: the same jobs, as pages of at most 17, the last one without a next_cursor.
    const pages = [];
    for await (const page of list.pages()) pages.push(page);
    expect(pages.length).toBe(Math.ceil(first.total / 17));
    expect(pages.at(-1)!.next_cursor).toBeNull();
    expect(pages.flatMap((p) => p.data.map((j) => j.id))).toEqual(seen.map((j) => j.id));
    // And from a cursor: the second page on its own.
    const second = await list.page(first.next_cursor!);
    expect(second.data.map((j) => j.id)).toEqual(pages[1]!.data.map((j) => j.id));
    expect(await list.toArray({ max: 20 })).toEqual(seen.slice(0, 20));
  });

  it('full-text search with facets, and one job by id', async () => {
    const page = await client.jobs.list({ q: 'engineer', facets: ['role', 'seniority'], limit: 5 }).first();
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.facets?.role?.length).toBeGreaterThan(0);
    const job = await client.jobs.get(page.data[0]!.id);
    expect(job).toEqual(page.data[0]);
  });

  it('errors are HiringRadarError with the problem+json body: a 400 names the bad parameter, a 404 its type', async () => {
    const bad = await client.jobs
      .list({ limit: 1000 })
      .first()
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(HiringRadarError);
    const err = bad as HiringRadarError;
    expect(err.status).toBe(400);
    expect(err.title).toBeTruthy();
    expect(err.errors.map((e) => e.name)).toContain('limit');
    expect(err.requestId).toBeTruthy();

    const missing = (await client.jobs.get('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e)) as HiringRadarError;
    expect(missing).toBeInstanceOf(HiringRadarError);
    expect(missing.status).toBe(404);
    expect(missing.problem.type).toMatch(/\S/);
  });
});

describe('SDK: companies and analytics', () => {
  it('lists companies and a company with its postings', async () => {
    const companies = await client.companies.list({ limit: 100 }).toArray();
    expect(companies.map((c) => c.slug)).toContain('openai');
    const openai = await client.companies.get('openai');
    expect(openai.slug).toBe('openai');
    const jobs = client.companies.jobs('openai', { status: 'all', limit: 3 });
    const first = await jobs.first();
    let n = 0;
    for await (const job of jobs) {
      expect(job.company.slug).toBe('openai');
      n++;
    }
    expect(n).toBe(first.total);
  });

  it('salary statistics by role and posting trends per month', async () => {
    const stats = await client.salaries.stats({ group_by: ['role'], status: 'all', min_count: 1 });
    expect(stats.group_by).toEqual(['role']);
    expect(stats.groups.length).toBeGreaterThan(0);
    expect(stats.groups.some((g) => g.key.role === 'llm_engineer')).toBe(true);

    const trends = await client.trends.postings({ metric: 'new', interval: 'month', group_by: 'role', from: '2025-07-01', to: '2026-07-01' });
    expect(trends.interval).toBe('month');
    expect(trends.series.length).toBeGreaterThan(0);
    const total = trends.series.reduce((sum, s) => sum + s.points.reduce((t, p) => t + p.value, 0), 0);
    expect(total).toBeGreaterThan(0);

    const premiums = await client.salaries.premiums({ status: 'all', min_count: 1 });
    expect(premiums.statistic).toBeDefined();
  });
});

describe('SDK: ETag cache', () => {
  it('a second GET of a job sends If-None-Match, gets 304 and answers the kept copy', async () => {
    const recorder = recordingFetch();
    const c = createClient({ baseUrl: server.baseUrl, apiKey, fetch: recorder });
    const [{ id }] = (await c.jobs.list({ limit: 1 }).first()).data as [Job];
    const first = await c.conditionalGet('/v1/jobs/{id}', { params: { path: { id } } });
    expect(first.fromCache).toBe(false);
    expect(first.etag).toMatch(/^"v\d+"$/);
    const again = await c.conditionalGet('/v1/jobs/{id}', { params: { path: { id } } });
    expect(recorder.sent.at(-1)!.headers.get('if-none-match')).toBe(first.etag);
    expect(recorder.statuses.at(-1)).toBe(304);
    expect(again.fromCache).toBe(true);
    expect(again.response.headers.get(CACHE_STATUS_HEADER)).toBe('revalidated');
    expect(again.data).toEqual(first.data);
    expect(again.etag).toBe(first.etag);
    // The plain helper revalidates the same way.
    expect(await c.jobs.get(id)).toEqual(first.data);
    expect(recorder.statuses.at(-1)).toBe(304);
  });

  it('an explicit If-None-Match or etagCache: false leaves the cache out', async () => {
    const recorder = recordingFetch();
    const c = createClient({ baseUrl: server.baseUrl, apiKey, fetch: recorder, etagCache: false });
    const [{ id }] = (await c.jobs.list({ limit: 1 }).first()).data as [Job];
    await c.jobs.get(id);
    await c.jobs.get(id);
    expect(recorder.sent.every((s) => !s.headers.has('if-none-match'))).toBe(true);
    expect(recorder.statuses).toEqual([200, 200, 200]);
    const { response } = await c.raw.GET('/v1/jobs/{id}', { params: { path: { id } }, headers: { 'if-none-match': '"v1"' } });
    expect(response.status).toBe(304);
  });

  it('every answer matched the OpenAPI document (checked by Prism with HR_PRISM=1)', () => {
    expect(server.violations()).toEqual([]);
  });
});
