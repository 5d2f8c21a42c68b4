/**
 * Partner writes through the SDK over real HTTP, and what makes them safe to retry: one
 * Idempotency-Key per call, sent again by every retry, so the server replays instead of writing twice.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, HiringRadarError, type BatchItem, type HiringRadarClient } from '../../clients/typescript/src/index.js';
import { queryRows } from '../../src/db/index.js';
import { seedTestJobs } from '../helpers/data.js';
import { partnerPosting } from '../helpers/partner.js';
import { recordingFetch, startSdkServer, type SdkServer } from './helpers.js';

let server: SdkServer;
let partnerKey: string;
let client: HiringRadarClient;

beforeAll(async () => {
  server = await startSdkServer({ RATE_LIMIT_PARTNER: '1000000', RATE_LIMIT_FREE: '1000000' });
  await seedTestJobs(server.ctx.database.db, 20, 5);
  partnerKey = await server.key({ name: 'OpenAI ATS', tier: 'partner', company: 'openai' });
  client = createClient({ baseUrl: server.baseUrl, apiKey: partnerKey });
}, 120_000);
afterAll(() => server?.close());

/** How many postings and `created` events exist under external ids starting with `prefix`. */
async function countRows(prefix: string) {
  const [row] = await queryRows<{ jobs: number; events: number }>(
    server.ctx.database.db,
    sql`select (select count(*)::int from jobs where external_id like ${`${prefix}%`}) as jobs,
               (select count(*)::int from job_events e join jobs j on j.id = e.job_id where j.external_id like ${`${prefix}%`} and e.type = 'created') as events`,
  );
  return row!;
}

const items = (prefix: string, n: number): BatchItem[] =>
  Array.from({ length: n }, (_, i) => ({ op: 'upsert', external_id: `${prefix}${i}`, job: partnerPosting({ title: `Batch role ${i}` }) }));

const unavailable = () =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Injected by the test.' }), {
    status: 503,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '0' },
  });

describe('SDK: partner writes', () => {
  it('create (201, ETag, Idempotency-Key), then a second create is a typed 409', async () => {
    const recorder = recordingFetch();
    const c = createClient({ baseUrl: server.baseUrl, apiKey: partnerKey, fetch: recorder });
    const created = await c.partner.createJob({ external_id: 'sdk-create-1', ...partnerPosting() } as Parameters<typeof c.partner.createJob>[0]);
    expect(created.status).toBe(201);
    expect(created.result).toBe('created');
    expect(created.etag).toBe('"v1"');
    expect(created.replayed).toBe(false);
    expect(created.data).toMatchObject({ external_id: 'sdk-create-1', status: 'open', company: { slug: 'openai' } });
    expect(created.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(recorder.sent[0]!.headers.get('idempotency-key')).toBe(created.idempotencyKey);

    const again = (await c.partner.createJob({ external_id: 'sdk-create-1', ...partnerPosting() } as Parameters<typeof c.partner.createJob>[0]).catch((e: unknown) => e)) as HiringRadarError;
    expect(again).toBeInstanceOf(HiringRadarError);
    expect(again.status).toBe(409);
    // Each call has a key of its own.
    expect(recorder.sent[1]!.headers.get('idempotency-key')).not.toBe(created.idempotencyKey);
  });

  it('upsert, patch with If-Match (412 when stale), close, reopen, read back; dry runs write nothing', async () => {
    const put = await client.partner.upsertJob('sdk-put-1', partnerPosting() as Parameters<typeof client.partner.upsertJob>[1]);
    expect(put.status).toBe(201);
    const same = await client.partner.upsertJob('sdk-put-1', partnerPosting() as Parameters<typeof client.partner.upsertJob>[1]);
    expect(same.result).toBe('unchanged');
    const patched = await client.partner.patchJob('sdk-put-1', { title: 'Staff LLM Engineer' }, { ifMatch: same.etag! });
    expect(patched.data.title).toBe('Staff LLM Engineer');
    expect(patched.etag).toBe('"v2"');
    const stale = (await client.partner.patchJob('sdk-put-1', { title: 'Lost update' }, { ifMatch: same.etag! }).catch((e: unknown) => e)) as HiringRadarError;
    expect(stale.status).toBe(412);

    const dry = await client.partner.patchJob('sdk-put-1', { title: 'Principal LLM Engineer' }, { dryRun: true });
    expect(dry.data).toMatchObject({ dry_run: true, result: 'updated', changed_fields: ['title'] });
    expect((await client.partner.getJob('sdk-put-1')).title).toBe('Staff LLM Engineer');

    const closed = await client.partner.closeJob('sdk-put-1', { reason: 'filled' });
    expect(closed.data.status).toBe('closed');
    const reopened = await client.partner.reopenJob('sdk-put-1');
    expect(reopened.data.status).toBe('open');
    expect(reopened.idempotencyKey).toBeTruthy();

    const mine = await client.partner.listJobs({ status: 'all', limit: 1 }).toArray();
    expect(mine.map((j) => j.external_id)).toEqual(expect.arrayContaining(['sdk-create-1', 'sdk-put-1']));
  });

  it('a batch whose first attempt gets a 503 is retried with the same Idempotency-Key and applied once', async () => {
    const recorder = recordingFetch(async (request) => {
      const batches = recorder.sent.filter((s) => s.url.endsWith('/v1/partner/jobs/batch')).length;
      if (request.url.endsWith('/v1/partner/jobs/batch') && batches === 1) return unavailable();
      return fetch(request);
    });
    const c = createClient({ baseUrl: server.baseUrl, apiKey: partnerKey, fetch: recorder });
    const result = await c.partner.batch(items('sdk-b503-', 5));
    expect(recorder.statuses).toEqual([503, 200]);
    const keys = recorder.sent.map((s) => s.headers.get('idempotency-key'));
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    expect(result.idempotencyKey).toBe(keys[0]);
    expect(result.data.summary).toMatchObject({ created: 5, updated: 0, unchanged: 0 });
    expect(await countRows('sdk-b503-')).toEqual({ jobs: 5, events: 5 });
  });

  it('a batch whose answer is lost (connection dropped after the server wrote) is replayed, not applied twice', async () => {
    let dropped = 0;
    const recorder = recordingFetch(async (request) => {
      const response = await fetch(request);
      if (request.url.endsWith('/v1/partner/jobs/batch') && dropped++ === 0) {
        await response.text(); // the server finished: the write committed, only the answer is lost
        throw new TypeError('fetch failed: socket hang up (injected)');
      }
      return response;
    });
    const c = createClient({ baseUrl: server.baseUrl, apiKey: partnerKey, fetch: recorder });
    const result = await c.partner.batch(items('sdk-bdrop-', 4));
    expect(recorder.sent).toHaveLength(2);
    expect(recorder.sent[1]!.headers.get('idempotency-key')).toBe(recorder.sent[0]!.headers.get('idempotency-key'));
    expect(result.replayed).toBe(true);
    // The first attempt's answer, replayed: `created`, not the `unchanged` a second run would report.
    expect(result.data.summary).toMatchObject({ created: 4, unchanged: 0 });
    expect(await countRows('sdk-bdrop-')).toEqual({ jobs: 4, events: 4 });
  });

  it('a retry racing its first attempt (409 while it runs) ends in one application', async () => {
    let first = true;
    const inflight: Promise<unknown>[] = [];
    const recorder = recordingFetch(async (request) => {
      if (request.url.endsWith('/v1/partner/jobs/batch') && first) {
        first = false;
        inflight.push(fetch(request).then((r) => r.text()));
        throw new TypeError('fetch failed: connection reset (injected)');
      }
      return fetch(request);
    });
    const c = createClient({ baseUrl: server.baseUrl, apiKey: partnerKey, fetch: recorder, retries: { retries: 8, baseDelayMs: 50 } });
    const result = await c.partner.batch(items('sdk-brace-', 30));
    await Promise.all(inflight);
    const keys = new Set(recorder.sent.map((s) => s.headers.get('idempotency-key')));
    expect(keys.size).toBe(1);
    expect(result.data.results.every((r) => r.result === 'created')).toBe(true);
    expect(await countRows('sdk-brace-')).toEqual({ jobs: 30, events: 30 });
  });

  it('raw POSTs to idempotent routes get a key too; a POST without one is never retried', async () => {
    const recorder = recordingFetch(async () => unavailable());
    const c = createClient({ baseUrl: server.baseUrl, apiKey: partnerKey, fetch: recorder });
    const { response } = await c.raw.POST('/v1/partner/jobs/{external_id}/reopen', { params: { path: { external_id: 'nope' } } });
    expect(response.status).toBe(503);
    expect(recorder.sent).toHaveLength(3); // the first attempt and two retries (the default)
    expect(new Set(recorder.sent.map((s) => s.headers.get('idempotency-key'))).size).toBe(1);

    recorder.sent.length = 0;
    await c.raw.POST('/v1/admin/keys', { body: { name: 'x', tier: 'free' } as never });
    expect(recorder.sent).toHaveLength(1);
    expect(recorder.sent[0]!.headers.has('idempotency-key')).toBe(false);
  });

  it('the change feed shows the writes, page after page', async () => {
    const events = [];
    let pages = 0;
    for await (const page of client.jobs.changePages({ limit: 5 })) {
      pages++;
      events.push(...page.data);
    }
    expect(pages).toBeGreaterThan(1);
    expect(events.filter((e) => e.company === 'openai' && e.type === 'created').length).toBeGreaterThanOrEqual(5 + 4 + 30);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('every answer matched the OpenAPI document (checked by Prism with HR_PRISM=1)', () => {
    expect(server.violations()).toEqual([]);
  });
});
