import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { queryRows } from '../../../src/db/index.js';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { isoWeekName } from '../../../src/modules/market/market.service.js';
import { lastEndedWeek, pruneDeliveries } from '../../../src/modules/webhooks/dispatcher.js';
import { retryDelayMs } from '../../../src/modules/webhooks/delivery-worker.js';
import { WEBHOOK_QUOTA } from '../../../src/modules/webhooks/webhooks.service.js';
import { createTestApp, TEST_ENV, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { partnerPosting } from '../../helpers/partner.js';
import { Receiver, settleDispatch, until, WEBHOOK_TEST_ENV, type Received } from '../../helpers/webhooks.js';

const DAY = 86_400_000;
let ctx: TestContext;
let clock = Date.now();
let partner: Record<string, string>;
let reader: Record<string, string>;
const receivers: Receiver[] = [];

beforeAll(async () => {
  ctx = await createTestApp({
    env: { ...WEBHOOK_TEST_ENV, WEBHOOK_MAX_ATTEMPTS: '6' },
    // Deliveries to hooks.example resolve to this machine: the SSRF check must refuse them.
    webhooks: { now: () => clock, lookup: async (host) => (host === 'hooks.example' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '93.184.215.14', family: 4 }]) },
  });
  await seedTestJobs(ctx.database.db, 20, 4);
  const auth = async (body: Parameters<typeof createKey>[1]) => ({ authorization: `Bearer ${(await createKey(ctx.database.db, body)).secret}` });
  partner = await auth({ name: 'Anthropic ATS', tier: 'partner', company: 'anthropic' });
  reader = await auth({ name: 'Job board', tier: 'free' });
}, 120_000);
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});
afterAll(() => ctx?.close());

async function req(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
  const res = await ctx.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
  return { status: res.statusCode, headers: res.headers, body: (res.body ? res.json() : null) as any };
}

async function receiver(): Promise<Receiver> {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

async function endpoint(headers: Record<string, string>, body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const res = await req('POST', '/v1/webhooks', headers, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  return res.body;
}

/** Verifies a delivery with the reference implementation and returns its body. */
function verified(secret: string, r: Received) {
  return new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };
}

const deliveries = async (id: string, headers = partner) => (await req('GET', `/v1/webhooks/${id}/deliveries?limit=100`, headers)).body.data;

describe('webhook endpoints', () => {
  it('each event type is delivered, signed as Standard Webhooks says, with the posting as GET /v1/jobs/{id} shows it', async () => {
    const r = await receiver();
    const search = (await req('POST', '/v1/saved-searches', partner, { name: 'Safety', query: { role: 'ai_safety_alignment' } })).body;
    const hook = await endpoint(partner, { url: r.url, events: ['job.created', 'job.updated', 'job.closed', 'job.reopened', 'saved_search.matched', 'radar.published'], saved_search_ids: [search.id] });
    // The dispatcher judges each change by the posting as it reads it: let it read each write before the next.
    const created = await req('PUT', '/v1/partner/jobs/ev-1', partner, partnerPosting({ role: 'ai_safety_alignment' }));
    await settleDispatch(ctx.app);
    await req('PATCH', '/v1/partner/jobs/ev-1', partner, { title: 'Staff Alignment Engineer' });
    await settleDispatch(ctx.app);
    await req('DELETE', '/v1/partner/jobs/ev-1', partner);
    await settleDispatch(ctx.app);
    await req('POST', '/v1/partner/jobs/ev-1/reopen', partner, {});
    // A dry run writes nothing, so it enqueues nothing.
    await req('PUT', '/v1/partner/jobs/ev-dry?dry_run=true', partner, partnerPosting());
    // The weekly radar is announced when the next ISO week has ended.
    clock += 7 * DAY;
    await settleDispatch(ctx.app);
    await until(() => r.accepted.size >= 7, 20_000, 'seven deliveries');
    const bodies = r.received.map((x) => verified(hook.secret, x));
    // Closing took the posting out of the search (open postings), reopening brought it back in: matched twice.
    expect(bodies.map((b) => b.type).sort()).toEqual(['job.closed', 'job.created', 'job.reopened', 'job.updated', 'radar.published', 'saved_search.matched', 'saved_search.matched']);
    // Each body is what the OpenAPI document's `webhooks` section says it is.
    const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'openapi', components: doc.components });
    for (const body of bodies) {
      const schema = doc.webhooks[body.type].post.requestBody.content['application/json'].schema as { $ref: string };
      const validate = ajv.compile({ $ref: `openapi${schema.$ref}` });
      expect(validate(body), `${body.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...body, data: [body.data] }), `${body.type} with data not an object`).toBe(false);
      expect(validate({ ...body, type: "job.deleted" }), `${body.type} with another type`).toBe(false);
    }
    const jobNow = (await req('GET', `/v1/jobs/${created.body.id}`, reader)).body;
    const byType = new Map(bodies.map((b) => [b.type, b]));
    // Each carries the posting as it stood when the dispatcher read the event: here, as it is now.
    for (const type of ['job.created', 'job.updated', 'job.closed', 'job.reopened']) expect(Object.keys(byType.get(type)!.data).sort()).toEqual(Object.keys(jobNow).sort());
    expect(byType.get('job.reopened')!.data).toEqual(jobNow);
    const matched = bodies.filter((b) => b.type === 'saved_search.matched').map((b) => b.data);
    expect(matched).toMatchObject([
      { saved_search: { id: search.id, name: 'Safety' }, event: { type: 'created' }, job: { id: created.body.id } },
      { saved_search: { id: search.id, name: 'Safety' }, event: { type: 'reopened' }, job: { id: created.body.id } },
    ]);
    const radar = (await req('GET', `/v1/radar?week=${byType.get('radar.published')!.data.week}`, reader)).body;
    expect(byType.get('radar.published')!.data.week).toBe(radar.week);
    for (const x of r.received) {
      expect(x.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(Math.abs(Number(x.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(x.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(x.headers['content-type']).toBe('application/json');
    }
    // A wrong secret does not verify.
    expect(() => new Webhook(`whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`).verify(r.received[0]!.body, r.received[0]!.headers as Record<string, string>)).toThrow();
    // The receiver has them; their state follows once each attempt's outcome commits.
    const listed = await until(async () => {
      const list = await deliveries(hook.id);
      return list.length === 7 && list.every((d: { state: string }) => d.state === 'delivered') ? list : null;
    }, 10_000, 'seven delivered');
    // Paged, newest first, each once; a cursor of another list is refused.
    const paged: string[] = [];
    let cursor = '';
    for (;;) {
      const page = await req('GET', `/v1/webhooks/${hook.id}/deliveries?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, partner);
      paged.push(...page.body.data.map((d: { id: string }) => d.id));
      if (!page.body.next_cursor) break;
      expect(page.headers.link).toContain('rel="next"');
      cursor = page.body.next_cursor;
      expect((await req('GET', `/v1/webhooks?cursor=${encodeURIComponent(cursor)}`, partner)).status).toBe(400);
      expect((await req('GET', `/v1/webhooks/${hook.id}/deliveries?state=failed&cursor=${encodeURIComponent(cursor)}`, partner)).status).toBe(400);
    }
    expect(paged).toEqual(listed.map((d: { id: string }) => d.id));
    expect((await req('GET', `/v1/webhooks/${hook.id}/deliveries?state=delivered`, partner)).body.total).toBe(7);
    expect((await req('GET', `/v1/webhooks/${hook.id}/deliveries?state=pending`, partner)).body.total).toBe(0);
    expect(listed.every((d: { state: string; attempts: unknown[] }) => d.state === 'delivered' && d.attempts.length === 1)).toBe(true);
    expect(radar.week).toBe(isoWeekName(lastEndedWeek(clock)));
  });

  it('/metrics counts the queue jobs by outcome and what is still to deliver', async () => {
    const admin = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'ops', tier: 'internal', scopes: ['admin'] })).secret}` };
    await settleDispatch(ctx.app);
    const text = (await ctx.app.inject({ method: 'GET', url: '/metrics', headers: admin })).body;
    const value = (line: RegExp) => Number(line.exec(text)?.[1]);
    expect(value(/^hiring_radar_webhook_jobs_total\{outcome="delivered"\} (\d+)$/m)).toBeGreaterThanOrEqual(7);
    expect(value(/^hiring_radar_webhook_undispatched_events (\d+)$/m)).toBe(0);
    expect(value(/^hiring_radar_webhook_pending_deliveries (-?\d+)$/m)).toBeGreaterThanOrEqual(0);
  });

  it('a ping is delivered to any endpoint; the delivery lists its attempt', async () => {
    const r = await receiver();
    const hook = await endpoint(reader, { url: r.url, events: ['radar.published'] });
    const ping = await req('POST', `/v1/webhooks/${hook.id}/ping`, reader);
    expect(ping.status).toBe(202);
    expect(ping.body).toMatchObject({ event_type: 'webhook.ping', state: 'pending' });
    await until(() => r.accepted.get(ping.body.id), 10_000, 'the ping');
    expect(verified(hook.secret, r.accepted.get(ping.body.id)!)).toMatchObject({ type: 'webhook.ping', data: { webhook_id: hook.id } });
    const [delivery] = await until(async () => {
      const list = await deliveries(hook.id, reader);
      return list[0]?.state === 'delivered' ? list : null;
    });
    expect(delivery.attempts[0]).toMatchObject({ status_code: 200, error: null });
    expect(delivery.attempts[0].latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('a receiver that is down, then answers 500 three times, then 200 gets the event once, under one webhook-id', async () => {
    const r = new Receiver();
    await r.start();
    const port = r.port;
    await r.stop();
    r.respond = (_req, i) => ({ status: i < 3 ? 500 : 200 });
    const hook = await endpoint(partner, { url: `http://127.0.0.1:${port}/hook`, events: ['job.created'] });
    await req('PUT', '/v1/partner/jobs/retry-1', partner, partnerPosting());
    await settleDispatch(ctx.app);
    // The first attempt finds nobody listening.
    await until(async () => (await deliveries(hook.id))[0]?.attempts.length >= 1, 10_000, 'a refused attempt');
    await r.start(port);
    receivers.push(r);
    await until(() => r.accepted.size === 1, 20_000, 'delivery after the 500s');
    expect(r.received).toHaveLength(4);
    expect(new Set(r.received.map((x) => x.headers['webhook-id'])).size).toBe(1);
    for (const x of r.received) verified(hook.secret, x);
    const [delivery] = await until(async () => {
      const list = await deliveries(hook.id);
      return list[0]?.state === 'delivered' ? list : null;
    });
    // Refused while nobody listened (once or more), then three 500s and the 200.
    const statuses = delivery.attempts.map((a: { status_code: number | null }) => a.status_code);
    const down = statuses.findIndex((s: number | null) => s !== null);
    expect(down).toBeGreaterThanOrEqual(1);
    expect(statuses.slice(0, down).every((s: number | null) => s === null)).toBe(true);
    expect(statuses.slice(down)).toEqual([500, 500, 500, 200]);
    expect(delivery.attempts[0].error).toMatch(/refused|ECONNREFUSED|connect/i);
    expect(delivery.id).toBe(r.received[0]!.headers['webhook-id']);
    // Nothing more comes.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(r.received).toHaveLength(4);
  });

  it('gives up after the last attempt (failed), and a manual retry delivers under the same webhook-id', async () => {
    const r = await receiver();
    let up = false;
    r.respond = () => ({ status: up ? 204 : 503 });
    const hook = await endpoint(partner, { url: r.url, events: ['job.created'] });
    await req('PUT', '/v1/partner/jobs/giveup-1', partner, partnerPosting());
    await settleDispatch(ctx.app);
    const [failed] = await until(async () => {
      const list = await deliveries(hook.id);
      return list[0]?.state === 'failed' ? list : null;
    }, 20_000, 'failed');
    expect(failed.attempt_count).toBe(6);
    expect(r.received).toHaveLength(6);
    up = true;
    const retried = await req('POST', `/v1/webhooks/${hook.id}/deliveries/${failed.id}/retry`, partner);
    expect(retried.status).toBe(202);
    expect(retried.body.state).toBe('pending');
    await until(() => r.accepted.has(failed.id), 10_000, 'the retried delivery');
    expect(new Set(r.received.map((x) => x.headers['webhook-id']))).toEqual(new Set([failed.id]));
    expect((await req('POST', `/v1/webhooks/${hook.id}/deliveries/msg_nope/retry`, partner)).status).toBe(404);
  });

  it('410 Gone disables the endpoint, its owner sees why, and PATCH enabled: true resumes it', async () => {
    const r = await receiver();
    r.respond = (_req, i) => ({ status: i === 0 ? 410 : 200 });
    const hook = await endpoint(partner, { url: r.url, events: ['job.created'] });
    await req('PUT', '/v1/partner/jobs/gone-1', partner, partnerPosting());
    await settleDispatch(ctx.app);
    const disabled = await until(async () => {
      const e = (await req('GET', `/v1/webhooks/${hook.id}`, partner)).body;
      return e.enabled === false ? e : null;
    });
    expect(disabled.disabled_reason).toContain('410');
    expect(disabled.disabled_at).not.toBeNull();
    // No more deliveries while disabled.
    await req('PUT', '/v1/partner/jobs/gone-2', partner, partnerPosting());
    await settleDispatch(ctx.app);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.received).toHaveLength(1);
    const retry = await req('POST', `/v1/webhooks/${hook.id}/deliveries/${r.received[0]!.headers['webhook-id']}/retry`, partner);
    expect(retry.status).toBe(409);
    const resumed = await req('PATCH', `/v1/webhooks/${hook.id}`, partner, { enabled: true });
    expect(resumed.body).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
    await req('PUT', '/v1/partner/jobs/gone-3', partner, partnerPosting());
    await settleDispatch(ctx.app);
    await until(() => r.accepted.size === 1, 10_000, 'delivery after resuming');
  });

  it('rotating the secret signs with both for 24 hours, then with the new one only', async () => {
    const r = await receiver();
    const hook = await endpoint(partner, { url: r.url, events: ['job.created'] });
    const rotated = await req('POST', `/v1/webhooks/${hook.id}/rotate-secret`, partner);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.previous_secret_expires_at) - Date.now()).toBeGreaterThan(DAY - 60_000);
    expect((await req('GET', `/v1/webhooks/${hook.id}`, partner)).body.previous_secret_expires_at).toBe(rotated.body.previous_secret_expires_at);
    await req('PUT', '/v1/partner/jobs/rot-1', partner, partnerPosting());
    await settleDispatch(ctx.app);
    const during = await until(() => r.received[0], 10_000, 'a delivery during the rotation');
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    verified(hook.secret, during);
    verified(rotated.body.secret, during);
    // 24 hours later (the overlap's end, moved for the test).
    await ctx.database.db.execute(sql`update webhook_endpoints set previous_secret_expires_at = now() - interval '1 second' where id = ${hook.id}::uuid`);
    await req('PUT', '/v1/partner/jobs/rot-2', partner, partnerPosting());
    await settleDispatch(ctx.app);
    const after = await until(() => r.received[1], 10_000, 'a delivery after the rotation');
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    verified(rotated.body.secret, after);
    expect(() => verified(hook.secret, after)).toThrow();
    expect((await req('GET', `/v1/webhooks/${hook.id}`, partner)).body.previous_secret_expires_at).toBeNull();
  });

  it('an endpoint failing for the configured time (5 days in production) is disabled with the reason', async () => {
    const own = await createTestApp({ env: { ...WEBHOOK_TEST_ENV, WEBHOOK_DISABLE_AFTER_SECONDS: '1', WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_RETRY_CAP_MS: '300' } });
    try {
      await seedTestJobs(own.database.db, 5, 2);
      const key = { authorization: `Bearer ${(await createKey(own.database.db, { name: 'p', tier: 'partner', company: 'anthropic' })).secret}` };
      const r = await receiver();
      r.respond = () => ({ status: 500 });
      const created = await own.app.inject({ method: 'POST', url: '/v1/webhooks', headers: key, payload: { url: r.url, events: ['job.created'] } });
      const id = created.json().id as string;
      await own.app.inject({ method: 'PUT', url: '/v1/partner/jobs/fail-1', headers: key, payload: partnerPosting() });
      const endpointNow = await until(async () => {
        const e = (await own.app.inject({ method: 'GET', url: `/v1/webhooks/${id}`, headers: key })).json();
        return e.enabled === false ? e : null;
      }, 20_000, 'disabled after failing');
      expect(endpointNow.disabled_reason).toMatch(/failed for .* days \(since .*\); last: HTTP 500/);
      expect(endpointNow.failing_since).not.toBeNull();
    } finally {
      await own.close();
    }
  });

  it('redirects are not followed (a 302 to the metadata address is a failed attempt)', async () => {
    const r = await receiver();
    r.respond = () => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
    const hook = await endpoint(partner, { url: r.url, events: ['job.created'] });
    await req('PUT', '/v1/partner/jobs/redirect-1', partner, partnerPosting());
    await settleDispatch(ctx.app);
    const [delivery] = await until(async () => {
      const list = await deliveries(hook.id);
      return list[0]?.attempts.length >= 2 ? list : null;
    }, 15_000, 'two attempts');
    expect(delivery.state).toBe('pending');
    expect(delivery.attempts[0]).toMatchObject({ status_code: 302 });
    expect(delivery.attempts[0].error).toMatch(/redirect not followed/);
    await req('PATCH', `/v1/webhooks/${hook.id}`, partner, { enabled: false });
  });

  it('a hostname that resolves to 127.0.0.1 is accepted at create and refused at delivery (no connection made)', async () => {
    const hook = await endpoint(partner, { url: 'https://hooks.example/in', events: ['job.created'] });
    await req('PUT', '/v1/partner/jobs/rebind-1', partner, partnerPosting());
    await settleDispatch(ctx.app);
    const [delivery] = await until(async () => {
      const list = await deliveries(hook.id);
      return list[0]?.attempts.length >= 1 ? list : null;
    }, 10_000, 'an attempt');
    expect(delivery.attempts[0].status_code).toBeNull();
    expect(delivery.attempts[0].error).toMatch(/127\.0\.0\.1/);
    await req('DELETE', `/v1/webhooks/${hook.id}`, partner);
    expect((await req('GET', `/v1/webhooks/${hook.id}`, partner)).status).toBe(404);
  });
});

describe('creating endpoints', () => {
  it('refuses, with a 400 naming url, every private or special address and every numeric spelling of one', async () => {
    const urls = [
      'https://10.0.0.1/',
      'https://172.16.5.4/',
      'https://192.168.1.1/',
      'https://127.0.0.2/',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/',
      'https://[fe80::1]/',
      'https://[fc00::1]/',
      'https://[ff02::1]/',
      'https://224.0.0.1/',
      'https://0.0.0.0/',
      'https://100.64.0.1/',
      'https://[::ffff:169.254.169.254]/',
      'https://0177.0.0.1/',
      'https://0x7f.0.0.1/',
      'https://0x7f000001/',
      'https://2130706433/',
      'https://127.1/',
      'https://user:pass@example.com/',
      'ftp://example.com/',
      'not a url',
    ];
    for (const url of urls) {
      const res = await req('POST', '/v1/webhooks', reader, { url, events: ['radar.published'] });
      expect(res.status, url).toBe(400);
      expect(res.body.errors.map((e: { name: string }) => e.name), url).toContain('url');
    }
    // 127.0.0.1 is on this app's allow-list (tests), other loopback addresses are not.
    expect((await req('POST', '/v1/webhooks', reader, { url: 'http://127.0.0.1:9/x', events: ['radar.published'] })).status).toBe(201);
  });

  it('without the allow-list (the production default), 127.0.0.1 and plain http are refused; production refuses the allow-list itself', async () => {
    const closed = await createTestApp({});
    try {
      const key = { authorization: `Bearer ${(await createKey(closed.database.db, { name: 'k', tier: 'free' })).secret}` };
      for (const url of ['http://127.0.0.1:9/x', 'https://127.0.0.1/x', 'https://localhost/x', 'http://example.com/x']) {
        const res = await closed.app.inject({ method: 'POST', url: '/v1/webhooks', headers: key, payload: { url, events: ['radar.published'] } });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().errors[0].name).toBe('url');
      }
      expect((await closed.app.inject({ method: 'POST', url: '/v1/webhooks', headers: key, payload: { url: 'https://example.com/x', events: ['radar.published'] } })).statusCode).toBe(201);
    } finally {
      await closed.close();
    }
    expect(loadConfig({ ...TEST_ENV }).webhooks).toMatchObject({ allowPrivateCidrs: [], allowHttp: false });
    expect(() => loadConfig({ ...TEST_ENV, NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_CIDRS/);
    expect(() => loadConfig({ ...TEST_ENV, NODE_ENV: 'production', WEBHOOK_ALLOW_HTTP: 'true' })).toThrow(/WEBHOOK_ALLOW_HTTP/);
  });

  it('job.* events need a partner key; saved searches must be the owner’s; quotas per tier answer 429', async () => {
    const jobEvents = await req('POST', '/v1/webhooks', reader, { url: 'https://example.com/x', events: ['job.created'] });
    expect(jobEvents.status).toBe(400);
    expect(jobEvents.body.errors[0].name).toBe('events');
    const theirs = (await req('POST', '/v1/saved-searches', partner, { name: 'theirs', query: {} })).body;
    const foreign = await req('POST', '/v1/webhooks', reader, { url: 'https://example.com/x', events: ['saved_search.matched'], saved_search_ids: [theirs.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].name).toBe('saved_search_ids/0');
    const none = await req('POST', '/v1/webhooks', reader, { url: 'https://example.com/x', events: ['saved_search.matched'] });
    expect(none.body.errors[0].name).toBe('saved_search_ids');
    const unknown = await req('POST', '/v1/webhooks', reader, { url: 'https://example.com/x', events: ['job.deleted'] });
    expect(unknown.status).toBe(400);
    const key = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'quota', tier: 'free' })).secret}` };
    const made = await Promise.all(Array.from({ length: WEBHOOK_QUOTA.free + 2 }, () => req('POST', '/v1/webhooks', key, { url: 'https://example.com/x', events: ['radar.published'] })));
    expect(made.filter((m) => m.status === 201)).toHaveLength(WEBHOOK_QUOTA.free);
    expect(made.filter((m) => m.status === 429)).toHaveLength(2);
    // Only the creator sees them.
    const mine = made.find((m) => m.status === 201)!.body.id;
    expect((await req('GET', `/v1/webhooks/${mine}`, reader)).status).toBe(404);
    expect((await req('GET', '/v1/webhooks', key)).body.total).toBe(WEBHOOK_QUOTA.free);
    expect((await req('GET', '/v1/webhooks', {})).status).toBe(401);
    // A description is set and cleared (null stays null).
    expect((await req('PATCH', `/v1/webhooks/${mine}`, key, { description: 'ops' })).body.description).toBe('ops');
    expect((await req('PATCH', `/v1/webhooks/${mine}`, key, { description: null })).body.description).toBeNull();
    // The secret is shown once: never in reads.
    expect((await req('GET', `/v1/webhooks/${mine}`, key)).body.secret).toBeUndefined();
  });

  it('a dry run enqueues nothing', async () => {
    const hook = await endpoint(partner, { url: 'https://example.com/dry', events: ['job.created', 'job.updated'] });
    await req('PUT', '/v1/partner/jobs/dry-1?dry_run=true', partner, partnerPosting());
    await req('POST', '/v1/partner/jobs/batch?dry_run=true', partner, { items: [{ op: 'upsert', external_id: 'dry-2', job: partnerPosting() }] });
    await settleDispatch(ctx.app);
    expect(await deliveries(hook.id)).toHaveLength(0);
    const [queued] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from webhook_deliveries where endpoint_id = ${hook.id}::uuid`);
    expect(queued!.n).toBe(0);
  });
});

describe('retention', () => {
  it('deletes finished deliveries (and their attempts) older than the retention, never pending ones', async () => {
    const r = await receiver();
    const hook = await endpoint(reader, { url: r.url, events: ['radar.published'] });
    const done = (await req('POST', `/v1/webhooks/${hook.id}/ping`, reader)).body.id as string;
    await until(async () => (await deliveries(hook.id, reader)).find((d: { id: string; state: string }) => d.id === done && d.state === 'delivered'));
    await req('PATCH', `/v1/webhooks/${hook.id}`, reader, { enabled: false });
    const pending = (await req('POST', `/v1/webhooks/${hook.id}/ping`, reader)).body.id as string;
    // Not attempted (the endpoint is disabled): wait for the worker to say so, then make it look still to deliver.
    await until(async () => (await deliveries(hook.id, reader)).find((d: { id: string; state: string }) => d.id === pending && d.state === 'failed'));
    await ctx.database.db.execute(sql`update webhook_deliveries set created_at = now() - interval '31 days' where endpoint_id = ${hook.id}::uuid`);
    await ctx.database.db.execute(sql`update webhook_deliveries set state = 'pending' where id = ${pending}`);
    expect(await pruneDeliveries(ctx.database.db, 30)).toBeGreaterThanOrEqual(1);
    const left = (await deliveries(hook.id, reader)).map((d: { id: string }) => d.id);
    expect(left).toEqual([pending]);
    const [attempts] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from webhook_attempts where delivery_id = ${done}`);
    expect(attempts!.n).toBe(0);
  });
});

describe('the retry schedule', () => {
  it('starts within 60 s, doubles with jitter, is capped, and spans about 3 days over 17 attempts', () => {
    const schedule = { baseMs: 20_000, capMs: 12 * 3600_000 };
    expect(retryDelayMs(1, schedule, () => 1)).toBeLessThanOrEqual(60_000);
    expect(retryDelayMs(1, schedule, () => 0)).toBe(15_000);
    expect(retryDelayMs(2, schedule, () => 0.5)).toBe(40_000);
    expect(retryDelayMs(30, schedule, () => 0.5)).toBe(12 * 3600_000);
    const total = Array.from({ length: 16 }, (_, i) => retryDelayMs(i + 1, schedule, () => 0.5)).reduce((a, b) => a + b, 0);
    expect(total / DAY).toBeGreaterThan(2.5);
    expect(total / DAY).toBeLessThan(3.5);
  });
});
