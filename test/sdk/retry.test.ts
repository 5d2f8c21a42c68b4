/**
 * The SDK's retry policy: 429 with Retry-After against the app with a tiny rate limit (real HTTP),
 * and the rules on their own (which requests are retried, how long it waits, when it gives up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, HiringRadarError, IDEMPOTENCY_IN_PROGRESS, retryAfterMs, type RetryInfo } from '../../clients/typescript/src/index.js';
import { recordingFetch, startSdkServer, type SdkServer } from './helpers.js';

describe('SDK: 429 and Retry-After against the app', () => {
  let server: SdkServer;
  let apiKey: string;
  beforeAll(async () => {
    // Three requests a second for a free key.
    server = await startSdkServer({ RATE_LIMIT_FREE: '3', RATE_LIMIT_WINDOW_SECONDS: '1' });
    apiKey = await server.key({ name: 'Tiny budget', tier: 'free' });
  }, 120_000);
  afterAll(() => server?.close());

  it('waits what Retry-After says and succeeds', async () => {
    const retries: RetryInfo[] = [];
    const recorder = recordingFetch();
    const client = createClient({ baseUrl: server.baseUrl, apiKey, fetch: recorder, retries: { retries: 4, onRetry: (info) => retries.push(info) } });
    for (let i = 0; i < 6; i++) expect((await client.taxonomy()).roles?.length ?? 1).toBeGreaterThan(0);
    expect(recorder.statuses).toContain(429);
    expect(recorder.statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(retries.length).toBeGreaterThan(0);
    for (const r of retries) {
      expect(r.response!.status).toBe(429);
      const header = r.response!.headers.get('retry-after');
      expect(header).toMatch(/^\d+$/);
      expect(r.delayMs).toBe(Number(header) * 1000);
    }
  });

  it('gives up with a typed 429 when Retry-After is beyond maxDelayMs, or retries are off', async () => {
    const client = createClient({ baseUrl: server.baseUrl, apiKey, retries: { maxDelayMs: 1 } });
    let error: unknown;
    for (let i = 0; i < 10 && !error; i++) error = await client.taxonomy().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(HiringRadarError);
    expect((error as HiringRadarError).status).toBe(429);
    expect((error as HiringRadarError).retryAfter).toBeGreaterThanOrEqual(1);
    const off = createClient({ baseUrl: server.baseUrl, apiKey, retries: false });
    let offError: unknown;
    for (let i = 0; i < 10 && !offError; i++) offError = await off.taxonomy().then(() => undefined, (e: unknown) => e);
    expect((offError as HiringRadarError).status).toBe(429);
  });

  it('every answer matched the OpenAPI document (checked by Prism with HR_PRISM=1)', () => {
    expect(server.violations()).toEqual([]);
  });
});

describe('SDK: retry rules', () => {
  const problem = (status: number, type = 'about:blank', headers: Record<string, string> = {}) =>
    new Response(JSON.stringify({ type, title: 'x', status }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
  const ok = () => new Response('{"roles":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0')).toBe(0);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('an HTTP-date Retry-After on a 503 is waited for; attempts are bounded', async () => {
    sleeps.length = 0;
    const date = new Date(Date.now() + 2000).toUTCString();
    const recorder = recordingFetch(async () => problem(503, 'about:blank', { 'retry-after': date }));
    const client = createClient({ fetch: recorder, retries: { retries: 3, sleep } });
    const error = (await client.taxonomy().catch((e: unknown) => e)) as HiringRadarError;
    expect(error.status).toBe(503);
    expect(recorder.sent).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    for (const ms of sleeps) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(2000);
    }
  });

  it('a PATCH or a POST without Idempotency-Key is not retried; a 409 of a running keyed request is', async () => {
    const patch = recordingFetch(async () => problem(503, 'about:blank', { 'retry-after': '0' }));
    const c1 = createClient({ fetch: patch, retries: { sleep } });
    const res = await c1.partner.patchJob('x', { title: 'y' }).catch((e: unknown) => e);
    expect((res as HiringRadarError).status).toBe(503);
    expect(patch.sent).toHaveLength(1);

    let n = 0;
    const keyed = recordingFetch(async () => (n++ === 0 ? problem(409, IDEMPOTENCY_IN_PROGRESS) : new Response('{"dry_run":false,"summary":{},"results":[]}', { status: 200, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } })));
    const c2 = createClient({ fetch: keyed, retries: { sleep } });
    const result = await c2.partner.batch([{ op: 'close', external_id: 'a' }]);
    expect(keyed.sent).toHaveLength(2);
    expect(result.replayed).toBe(true);
    expect(keyed.sent[1]!.headers.get('idempotency-key')).toBe(keyed.sent[0]!.headers.get('idempotency-key'));

    // Any other 409 is an answer, not a reason to retry.
    const conflict = recordingFetch(async () => problem(409));
    const c3 = createClient({ fetch: conflict, retries: { sleep } });
    expect(((await c3.partner.batch([{ op: 'close', external_id: 'a' }]).catch((e: unknown) => e)) as HiringRadarError).status).toBe(409);
    expect(conflict.sent).toHaveLength(1);
  });

  it('network errors of retry-safe requests are retried with backoff; an abort is not', async () => {
    sleeps.length = 0;
    let n = 0;
    const flaky = recordingFetch(async () => {
      if (n++ < 2) throw new TypeError('fetch failed');
      return ok();
    });
    const client = createClient({ fetch: flaky, retries: { sleep, baseDelayMs: 100 } });
    await client.taxonomy();
    expect(flaky.sent).toHaveLength(3);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);

    const controller = new AbortController();
    const aborting = recordingFetch(async () => {
      controller.abort();
      throw new DOMException('aborted', 'AbortError');
    });
    const c2 = createClient({ fetch: aborting, retries: { sleep } });
    await expect(c2.taxonomy({ signal: controller.signal })).rejects.toThrow();
    expect(aborting.sent).toHaveLength(1);
  });
});
