import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/index.js';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { partnerPosting } from '../../helpers/partner.js';

let ctx: TestContext;
let openai: Record<string, string>;
let anthropic: Record<string, string>;
let reader: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMIT_PARTNER: '1000000', RATE_LIMIT_FREE: '1000000', BODY_LIMIT: '2000000' });
  await seedTestJobs(ctx.database.db, 40, 9);
  const auth = async (body: Parameters<typeof createKey>[1]) => ({ authorization: `Bearer ${(await createKey(ctx.database.db, body)).secret}` });
  openai = await auth({ name: 'OpenAI ATS', tier: 'partner', company: 'openai' });
  anthropic = await auth({ name: 'Anthropic ATS', tier: 'partner', company: 'anthropic' });
  reader = await auth({ name: 'Job board', tier: 'free' });
}, 120_000);
afterAll(() => ctx?.close());

const posting = partnerPosting;

async function req(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
  const res = await ctx.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
  return { status: res.statusCode, headers: res.headers, body: (res.body ? res.json() : null) as any };
}

const eventsOf = (jobId: string) =>
  queryRows<{ type: string; changed_fields: string[] }>(ctx.database.db, sql`select type::text as type, changed_fields from job_events where job_id = ${jobId}::uuid order by id`);

describe('partner writes', () => {
  it('creates (201 + Location + ETag), reads back, and refuses a second create with 409', async () => {
    const res = await req('POST', '/v1/partner/jobs', openai, { external_id: 'create-1', ...posting() });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/v1/partner/jobs/create-1');
    expect(res.headers.etag).toBe('"v1"');
    expect(res.body).toMatchObject({ external_id: 'create-1', title: 'Senior LLM Engineer', company: { slug: 'openai' }, status: 'open' });
    expect(res.body.salary).toMatchObject({ annual_usd_min: 200000, annual_usd_max: 300000, currency: 'USD' });
    const again = await req('POST', '/v1/partner/jobs', openai, { external_id: 'create-1', ...posting() });
    expect(again.status).toBe(409);
    const pub = await req('GET', `/v1/jobs/${res.body.id}`, reader);
    expect(pub.status).toBe(200);
    expect(pub.body.external_id).toBeUndefined();
  });

  it('PUT creates then replaces; an unchanged PUT is "unchanged" and emits no event', async () => {
    const created = await req('PUT', '/v1/partner/jobs/put-1', openai, posting());
    expect(created.status).toBe(201);
    const same = await req('PUT', '/v1/partner/jobs/put-1', openai, posting());
    expect(same.status).toBe(200);
    expect(same.headers['x-result']).toBe('unchanged');
    expect(same.headers.etag).toBe('"v1"');
    const changed = await req('PUT', '/v1/partner/jobs/put-1', openai, posting({ title: 'Staff LLM Engineer', salary: null }));
    expect(changed.headers['x-result']).toBe('updated');
    expect(changed.headers.etag).toBe('"v2"');
    expect(changed.body.salary).toBeNull();
    expect(await eventsOf(created.body.id)).toEqual([
      { type: 'created', changed_fields: [] },
      { type: 'updated', changed_fields: ['title', 'salary'] },
    ]);
  });

  it('PATCH changes only the fields it names: no schema default resets domain or employment_type', async () => {
    await req('PUT', '/v1/partner/jobs/patch-only', openai, posting());
    const first = await req('PATCH', '/v1/partner/jobs/patch-only', openai, { domain: 'healthcare', employment_type: 'contract' });
    expect(first.body).toMatchObject({ domain: 'healthcare', employment_type: 'contract' });
    const second = await req('PATCH', '/v1/partner/jobs/patch-only', openai, { skills: ['rag'] });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ domain: 'healthcare', employment_type: 'contract', skills: ['rag'] });
    const events = await eventsOf(second.body.id);
    expect(events.at(-1)).toEqual({ type: 'updated', changed_fields: ['skills'] });
  });

  it('concurrent PATCHes of different fields all survive', async () => {
    await req('PUT', '/v1/partner/jobs/patch-many', openai, posting());
    const patches = [
      { title: 'Principal LLM Engineer' },
      { domain: 'finance' },
      { employment_type: 'part_time' },
      { skills: ['pytorch'] },
      { workplace: 'remote' },
      { seniority: 'staff' },
      { apply_url: 'https://openai.example/careers/2' },
      { description: '<p>Ship evals.</p>' },
    ];
    const answers = await Promise.all(patches.map((p) => req('PATCH', '/v1/partner/jobs/patch-many', openai, p)));
    expect(answers.map((a) => a.status)).toEqual(patches.map(() => 200));
    const { body, headers } = await req('GET', '/v1/partner/jobs/patch-many', openai);
    expect(body).toMatchObject(Object.assign({}, ...patches));
    expect(headers.etag).toBe(`"v${1 + patches.length}"`);
  });

  it('PATCH merges (null clears), close is idempotent, reopen reopens', async () => {
    const { body } = await req('PUT', '/v1/partner/jobs/patch-1', openai, posting());
    const patched = await req('PATCH', '/v1/partner/jobs/patch-1', openai, { location: { city: 'Seattle', region: 'WA' }, apply_url: null });
    expect(patched.status).toBe(200);
    expect(patched.body.location).toEqual({ city: 'Seattle', region: 'WA', country: 'US' });
    expect(patched.body.apply_url).toBeNull();
    const closed = await req('DELETE', '/v1/partner/jobs/patch-1?reason=cancelled', openai);
    expect(closed.body).toMatchObject({ status: 'closed', close_reason: 'cancelled' });
    const closedAgain = await req('DELETE', '/v1/partner/jobs/patch-1?reason=filled', openai);
    expect(closedAgain.status).toBe(200);
    expect(closedAgain.body).toMatchObject({ status: 'closed', close_reason: 'cancelled' });
    const reopened = await req('POST', '/v1/partner/jobs/patch-1/reopen', openai);
    expect(reopened.body).toMatchObject({ status: 'open', close_reason: null, closed_at: null });
    expect((await eventsOf(body.id)).map((e) => e.type)).toEqual(['created', 'updated', 'closed', 'reopened']);
    expect((await req('PATCH', '/v1/partner/jobs/nope', openai, { title: 'xxx' })).status).toBe(404);
  });

  it('another partner cannot read, update, close or reopen a posting: 404, existence not leaked', async () => {
    await req('PUT', '/v1/partner/jobs/private-1', openai, posting());
    for (const [method, url, body] of [
      ['GET', '/v1/partner/jobs/private-1', undefined],
      ['PATCH', '/v1/partner/jobs/private-1', { title: 'Hijacked' }],
      ['DELETE', '/v1/partner/jobs/private-1', undefined],
      ['POST', '/v1/partner/jobs/private-1/reopen', undefined],
    ] as const) {
      const res = await req(method, url, anthropic, body);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    // PUT by the other partner creates its own posting under its own company, never touching OpenAI's.
    const theirs = await req('PUT', '/v1/partner/jobs/private-1', anthropic, posting({ title: 'Anthropic role' }));
    expect(theirs.body.company.slug).toBe('anthropic');
    const mine = await req('GET', '/v1/partner/jobs/private-1', openai);
    expect(mine.body).toMatchObject({ title: 'Senior LLM Engineer', company: { slug: 'openai' } });
    const listed = await req('GET', '/v1/partner/jobs?limit=100', anthropic);
    expect(listed.body.data.every((j: { company: { slug: string } }) => j.company.slug === 'anthropic')).toBe(true);
  });

  it('only partner keys write: anonymous 401, a read key 403', async () => {
    expect((await req('PUT', '/v1/partner/jobs/x-1', {}, posting())).status).toBe(401);
    expect((await req('PUT', '/v1/partner/jobs/x-1', reader, posting())).status).toBe(403);
  });

  it.each([
    [{ status: 'closed' }, '/status'],
    [{ company: 'anthropic' }, '/company'],
    [{ id: '00000000-0000-4000-8000-000000000000' }, '/id'],
    [{ created_at: '2020-01-01T00:00:00Z' }, '/created_at'],
    [{ annual_usd_min: 1 }, '/annual_usd_min'],
    [{ search: 'x' }, '/search'],
    [{ colour: 'red' }, '/colour'],
  ])('mass assignment %j answers 400 naming %s', async (extra, name) => {
    for (const [method, url, body] of [
      ['PUT', '/v1/partner/jobs/mass-1', posting(extra)],
      ['PATCH', '/v1/partner/jobs/put-1', extra],
      ['POST', '/v1/partner/jobs', { external_id: 'mass-2', ...posting(extra) }],
    ] as const) {
      const res = await req(method, url, openai, body);
      expect(res.status, `${method} ${url}`).toBe(400);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toContain(name);
    }
  });

  it.each([
    [{ title: 'x' }, '/title'],
    [{ description: 'y'.repeat(20_001) }, '/description'],
    [{ salary: { min: 300000, max: 200000, currency: 'USD', period: 'year' } }, '/salary/max'],
    [{ salary: { min: -5, max: 200000, currency: 'USD', period: 'year' } }, '/salary/min'],
    [{ salary: { min: 5, max: 20, currency: 'usd', period: 'year' } }, '/salary/currency'],
    [{ salary: { min: 5, max: 20, currency: 'XYZ', period: 'year' } }, '/salary/currency'],
    [{ salary: { min: 5, max: 20, currency: 'USD', period: 'fortnight' } }, '/salary/period'],
    [{ location: { country: 'USA' } }, '/location/country'],
    [{ location: { country: 'XX' } }, '/location/country'],
    [{ apply_url: 'http://insecure.example/apply' }, '/apply_url'],
    [{ apply_url: 'javascript:alert(1)' }, '/apply_url'],
    [{ posted_at: '2026-03-01T00:00:00Z', valid_through: '2026-02-01T00:00:00Z' }, '/valid_through'],
    [{ role: 'wizard' }, '/role'],
    [{ description: '<script>alert(1)</script>' }, '/description'],
  ])('invalid %j answers 400 naming %s, and writes nothing', async (over, name) => {
    const res = await req('PUT', '/v1/partner/jobs/invalid-1', openai, posting(over));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { name: string }) => e.name)).toContain(name);
    expect((await req('GET', '/v1/partner/jobs/invalid-1', openai)).status).toBe(404);
  });

  it('normalises salaries to annual USD with the FX table and its as-of date', async () => {
    const res = await req('PUT', '/v1/partner/jobs/fx-1', openai, posting({ salary: { min: 50, max: 60, currency: 'EUR', period: 'hour' } }));
    expect(res.body.salary).toEqual({ min: 50, max: 60, currency: 'EUR', period: 'hour', annual_usd_min: Math.round(50 * 2080 * 1.165), annual_usd_max: Math.round(60 * 2080 * 1.165), fx_as_of: '2026-01-01' });
  });

  it('sanitises HTML: <script>, onerror and javascript: come back clean', async () => {
    const dirty = '<p onclick="steal()">Hello<script>alert(1)</script><img src=x onerror="alert(2)"> <a href="javascript:alert(3)">click</a> <a href="https://ok.example">ok</a></p><iframe src="https://evil.example"></iframe>';
    const res = await req('PUT', '/v1/partner/jobs/html-1', openai, posting({ description: dirty }));
    const html = res.body.description as string;
    for (const bad of ['<script', 'alert(1)', 'onerror', 'onclick', 'javascript:', '<iframe', '<img']) expect(html).not.toContain(bad);
    expect(html).toContain('href="https://ok.example"');
    expect(html).toContain('Hello');
    const again = await req('PUT', '/v1/partner/jobs/html-1', openai, posting({ description: dirty }));
    expect(again.headers['x-result']).toBe('unchanged');
  });

  it('dry_run reports what would happen and writes nothing', async () => {
    const res = await req('PUT', '/v1/partner/jobs/dry-1?dry_run=true', openai, posting());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ dry_run: true, external_id: 'dry-1', result: 'created', changed_fields: [] });
    expect((await req('GET', '/v1/partner/jobs/dry-1', openai)).status).toBe(404);
    const batch = await req('POST', '/v1/partner/jobs/batch?dry_run=true', openai, { items: [{ op: 'upsert', external_id: 'dry-2', job: posting() }] });
    expect(batch.body.summary.created).toBe(1);
    expect((await req('GET', '/v1/partner/jobs/dry-2', openai)).status).toBe(404);
    await req('PUT', '/v1/partner/jobs/dry-3', openai, posting());
    const closeDry = await req('DELETE', '/v1/partner/jobs/dry-3?dry_run=true', openai);
    expect(closeDry.body.result).toBe('closed');
    expect((await req('GET', '/v1/partner/jobs/dry-3', openai)).body.status).toBe('open');
  });

  it('refuses bodies over the size limit with 413 problem+json', async () => {
    const res = await req('PUT', '/v1/partner/jobs/big-1', openai, posting({ description: 'z'.repeat(2_100_000) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('concurrency', () => {
  it('If-Match answers 412 on a stale ETag; If-None-Match answers 304', async () => {
    const v1 = await req('PUT', '/v1/partner/jobs/etag-1', openai, posting());
    const v2 = await req('PATCH', '/v1/partner/jobs/etag-1', openai, { title: 'Principal LLM Engineer' }, );
    expect(v2.headers.etag).toBe('"v2"');
    const stale = await req('PATCH', '/v1/partner/jobs/etag-1', { ...openai, 'if-match': v1.headers.etag as string }, { title: 'Lost update' });
    expect(stale.status).toBe(412);
    const stalePut = await req('PUT', '/v1/partner/jobs/etag-1', { ...openai, 'if-match': '"v1"' }, posting());
    expect(stalePut.status).toBe(412);
    const fresh = await req('PATCH', '/v1/partner/jobs/etag-1', { ...openai, 'if-match': '"v2"' }, { title: 'Won update' });
    expect(fresh.status).toBe(200);
    expect((await req('GET', '/v1/partner/jobs/etag-1', openai)).body.title).toBe('Won update');
    const notModified = await req('GET', '/v1/partner/jobs/etag-1', { ...openai, 'if-none-match': '"v3"' });
    expect(notModified.status).toBe(304);
    // A 304 has no body, so no body headers (validating proxies read them as a 4-byte JSON body).
    expect(notModified.headers['content-type']).toBeUndefined();
    expect(notModified.headers['content-length']).toBeUndefined();
    const pub = await req('GET', `/v1/jobs/${v1.body.id}`, { 'if-none-match': '"v3"' });
    expect(pub.status).toBe(304);
    expect(pub.headers['content-type']).toBeUndefined();
    expect(pub.headers['content-length']).toBeUndefined();
    expect(pub.headers.etag).toBe('"v3"');
    expect((await req('GET', `/v1/jobs/${v1.body.id}`, { 'if-none-match': '"v1"' })).status).toBe(200);
  });

  it('20 concurrent PUTs of one external id leave one row', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => req('PUT', '/v1/partner/jobs/race-1', openai, posting({ title: `Racing title ${i % 4}` }))),
    );
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from jobs where external_id = 'race-1'`);
    expect(Number(row!.n)).toBe(1);
  });
});

describe('idempotency keys', () => {
  it('same key and body replays the stored response; another body is a 422; scoped per API key', async () => {
    const body = { external_id: 'idem-1', ...posting() };
    const first = await req('POST', '/v1/partner/jobs', { ...openai, 'idempotency-key': 'key-1' }, body);
    expect(first.status).toBe(201);
    const replay = await req('POST', '/v1/partner/jobs', { ...openai, 'idempotency-key': 'key-1' }, body);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.body).toEqual(first.body);
    const other = await req('POST', '/v1/partner/jobs', { ...openai, 'idempotency-key': 'key-1' }, { ...body, title: 'Something else' });
    expect(other.status).toBe(422);
    // The same key from another API key is another key.
    const theirs = await req('POST', '/v1/partner/jobs', { ...anthropic, 'idempotency-key': 'key-1' }, body);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    // Without a key, a retry is a plain second create: 409.
    expect((await req('POST', '/v1/partner/jobs', openai, body)).status).toBe(409);
  });

  it('a request still running with that key answers 409; a malformed key 400', async () => {
    const body = { external_id: 'idem-busy', ...posting() };
    const headers = { ...openai, 'idempotency-key': 'busy-key' };
    expect((await req('POST', '/v1/partner/jobs?dry_run=true', headers, body)).status).toBe(201);
    // Put the record back the way it is while its first request runs.
    await ctx.database.db.execute(sql`update idempotency_keys set state = 'in_progress', locked_until = now() + interval '1 minute' where key = 'busy-key'`);
    const res = await req('POST', '/v1/partner/jobs?dry_run=true', headers, body);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('urn:hiring-radar:problem:idempotency-in-progress');
    expect((await req('POST', '/v1/partner/jobs', { ...openai, 'idempotency-key': 'x'.repeat(300) }, { external_id: 'idem-2', ...posting() })).status).toBe(400);
  });

  it('a key whose first request died mid-way (its lock ran out) can be retried', async () => {
    const body = { external_id: 'idem-abandoned', ...posting() };
    const headers = { ...openai, 'idempotency-key': 'dead-key' };
    expect((await req('POST', '/v1/partner/jobs?dry_run=true', headers, body)).status).toBe(201);
    await ctx.database.db.execute(sql`update idempotency_keys set state = 'in_progress', locked_until = now() - interval '1 second' where key = 'dead-key'`);
    const res = await req('POST', '/v1/partner/jobs?dry_run=true', headers, body);
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a stored response older than 24 hours is not replayed', async () => {
    const body = { external_id: 'idem-old', ...posting() };
    const headers = { ...openai, 'idempotency-key': 'old-key' };
    expect((await req('POST', '/v1/partner/jobs?dry_run=true', headers, body)).status).toBe(201);
    await ctx.database.db.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'old-key'`);
    const res = await req('POST', '/v1/partner/jobs?dry_run=true', headers, { ...body, title: 'A new request' });
    expect(res.status).toBe(201);
  });
});

describe('batch', () => {
  it('reports each item: valid ones commit together, invalid ones are named and not written', async () => {
    await req('PUT', '/v1/partner/jobs/batch-existing', openai, posting());
    const items = [
      { op: 'upsert', external_id: 'batch-new', job: posting() },
      { op: 'upsert', external_id: 'batch-existing', job: posting({ title: 'Updated by batch' }) },
      { op: 'upsert', external_id: 'batch-bad', job: posting({ salary: { min: 9, max: 1, currency: 'USD', period: 'year' }, status: 'open' }) },
      { op: 'upsert', external_id: 'batch-nojob' },
      { op: 'close', external_id: 'batch-existing-2' },
      { op: 'upsert', external_id: 'batch-new', job: posting() },
    ];
    const res = await req('POST', '/v1/partner/jobs/batch', openai, { items });
    expect(res.status).toBe(200);
    const results = res.body.results as { external_id: string; result: string; errors?: { name: string }[] }[];
    expect(results.map((r) => r.result)).toEqual(['created', 'updated', 'error', 'error', 'error', 'error']);
    expect(results[2]!.errors!.map((e) => e.name)).toContain('/items/2/job/status');
    expect(results[3]!.errors!.map((e) => e.name)).toEqual(['/items/3/job']);
    expect(results[4]!.errors!.map((e) => e.name)).toEqual(['/items/4/external_id']);
    expect(results[5]!.errors![0]!.name).toBe('/items/5/external_id');
    expect(res.body.summary).toEqual({ created: 1, updated: 1, unchanged: 0, closed: 0, error: 4 });
    expect((await req('GET', '/v1/partner/jobs/batch-new', openai)).status).toBe(200);
    expect((await req('GET', '/v1/partner/jobs/batch-bad', openai)).status).toBe(404);
  });

  it('is bounded: more than 1,000 items is a 400', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ op: 'close', external_id: `n-${i}` }));
    const res = await req('POST', '/v1/partner/jobs/batch', openai, { items });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].name).toBe('/items');
  });

  it('a batch retried after a failure mid-way commits exactly once', async () => {
    // A fault that fires once, inside the batch's transaction (a sequence is not rolled back).
    await ctx.database.db.execute(sql.raw('create sequence if not exists test_fault_seq'));
    await ctx.database.db.execute(
      sql.raw(`create or replace function test_fault() returns trigger language plpgsql as $$
        begin
          if new.external_id = 'retry-500' and nextval('test_fault_seq') = 1 then raise exception 'injected fault'; end if;
          return new;
        end $$`),
    );
    await ctx.database.db.execute(sql.raw('create trigger test_fault before insert on jobs for each row execute function test_fault()'));
    try {
      const items = Array.from({ length: 1000 }, (_, i) => ({ op: 'upsert', external_id: `retry-${i}`, job: posting({ title: `Retry ${i}` }) }));
      const headers = { ...openai, 'idempotency-key': 'batch-retry-1' };
      const failed = await req('POST', '/v1/partner/jobs/batch', headers, { items });
      expect(failed.status).toBe(500);
      const [none] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from jobs where external_id like 'retry-%'`);
      expect(Number(none!.n)).toBe(0);
      const retried = await req('POST', '/v1/partner/jobs/batch', headers, { items });
      expect(retried.status).toBe(200);
      expect(retried.body.summary.created).toBe(1000);
      const replayed = await req('POST', '/v1/partner/jobs/batch', headers, { items });
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      const [rows] = await queryRows<{ n: number; events: number }>(
        ctx.database.db,
        sql`select count(*)::int as n, (select count(*)::int from job_events e join jobs j on j.id = e.job_id where j.external_id like 'retry-%') as events from jobs where external_id like 'retry-%'`,
      );
      expect(Number(rows!.n)).toBe(1000);
      expect(Number(rows!.events)).toBe(1000);
    } finally {
      for (const statement of ['drop trigger test_fault on jobs', 'drop function test_fault()', 'drop sequence test_fault_seq']) {
        await ctx.database.db.execute(sql.raw(statement));
      }
    }
  });
});

describe('change feed', () => {
  it('a reader polling during concurrent writes sees every event exactly once', async () => {
    // Catch up with the history first; from here on the reader must see exactly the new events.
    let page = await req('GET', '/v1/jobs/changes?limit=1000', reader);
    let cursor = page.body.next_cursor as string;
    for (let i = 0; i < 100 && page.body.has_more; i++) {
      page = await req('GET', `/v1/jobs/changes?limit=1000&since=${encodeURIComponent(cursor)}`, reader);
      cursor = page.body.next_cursor;
    }
    const [{ max }] = (await queryRows<{ max: number }>(ctx.database.db, sql`select coalesce(max(id), 0)::bigint as max from job_events`)) as [{ max: number }];
    const seen: string[] = [];
    let writing = true;
    const poll = async () => {
      for (let i = 0; i < 10_000; i++) {
        const page = await req('GET', `/v1/jobs/changes?limit=25&since=${encodeURIComponent(cursor)}`, reader);
        seen.push(...page.body.data.map((e: { id: string }) => e.id));
        cursor = page.body.next_cursor;
        if (!writing && !page.body.has_more) return;
        if (!page.body.has_more) await new Promise((r) => setTimeout(r, 2));
      }
    };
    const writer = async (w: number) => {
      for (let i = 0; i < 12; i++) {
        const id = `feed-${w}-${i % 4}`;
        const op = i % 3;
        if (op === 0) await req('PUT', `/v1/partner/jobs/${id}`, w % 2 ? openai : anthropic, posting({ title: `Feed ${w} ${i}` }));
        else if (op === 1) await req('DELETE', `/v1/partner/jobs/${id}`, w % 2 ? openai : anthropic);
        else await req('POST', '/v1/partner/jobs/batch', w % 2 ? openai : anthropic, { items: [{ op: 'upsert', external_id: `${id}-b`, job: posting({ title: `Batch ${w} ${i}` }) }] });
      }
    };
    const reading = poll();
    await Promise.all([0, 1, 2, 3].map(writer));
    writing = false;
    await reading;
    const all = await queryRows<{ id: string }>(ctx.database.db, sql`select id::text as id from job_events where id > ${max} order by id`);
    // Events show once every older transaction on the server has ended (another database's long
    // transaction can hold them back for a moment): keep polling, bounded, until the reader has caught up.
    for (const deadline = Date.now() + 20_000; seen.length < all.length && Date.now() < deadline; ) {
      const page = await req('GET', `/v1/jobs/changes?limit=100&since=${encodeURIComponent(cursor)}`, reader);
      seen.push(...page.body.data.map((e: { id: string }) => e.id));
      cursor = page.body.next_cursor;
      if (!page.body.has_more) await new Promise((r) => setTimeout(r, 50));
    }
    expect(all.length).toBeGreaterThan(20);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all.map((e) => e.id).sort());
  });

  it('refuses a cursor it did not issue', async () => {
    expect((await req('GET', '/v1/jobs/changes?since=abc', reader)).status).toBe(400);
    expect((await req('GET', '/v1/jobs/changes?limit=0', reader)).status).toBe(400);
  });
});

describe('schema.org JobPosting (JSON-LD) in and out', () => {
  const googleSample = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: 'Senior ML Infrastructure Engineer',
    description: '<p>Keep our <strong>GPU fleet</strong> serving models.</p><script>alert(1)</script>',
    identifier: { '@type': 'PropertyValue', name: 'OpenAI', value: 'LD-1' },
    datePosted: '2026-10-01',
    validThrough: '2026-12-31T00:00',
    employmentType: 'FULL_TIME',
    hiringOrganization: { '@type': 'Organization', name: 'OpenAI', sameAs: 'https://openai.com' },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'San Francisco', addressRegion: 'CA', addressCountry: 'US' } },
    baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 180000, maxValue: 260000, unitText: 'YEAR' } },
    skills: 'Kubernetes, CUDA, Python',
    'hiringRadar:role': 'ml_infrastructure',
  };
  const ld = (h: Record<string, string>) => ({ ...h, 'content-type': 'application/ld+json' });

  it('a partner can post a Google-for-Jobs JobPosting; it reads back as JSON and as JSON-LD, and round-trips', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs', headers: ld(openai), payload: JSON.stringify(googleSample) });
    expect(created.statusCode, created.body).toBe(201);
    const job = created.json();
    expect(job).toMatchObject({
      external_id: 'LD-1',
      title: 'Senior ML Infrastructure Engineer',
      role: 'ml_infrastructure',
      seniority: 'senior',
      employment_type: 'full_time',
      workplace: 'onsite',
      location: { city: 'San Francisco', region: 'CA', country: 'US' },
      salary: { min: 180000, max: 260000, currency: 'USD', period: 'year' },
      skills: ['kubernetes', 'cuda', 'python'],
      posted_at: '2026-10-01T00:00:00.000Z',
    });
    expect(job.description).not.toContain('<script');

    const out = await ctx.app.inject({ url: `/v1/jobs/${job.id}`, headers: { accept: 'application/ld+json' } });
    expect(out.statusCode).toBe(200);
    expect(out.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(out.headers.vary).toMatch(/Accept/i);
    const posting = out.json();
    expect(posting['@type']).toBe('JobPosting');
    for (const prop of ['title', 'description', 'datePosted', 'validThrough', 'hiringOrganization', 'jobLocation', 'employmentType', 'baseSalary', 'identifier', 'directApply']) {
      expect(posting[prop], prop).toBeDefined();
    }
    // Feeding our JSON-LD back changes nothing.
    const back = await ctx.app.inject({ method: 'PUT', url: '/v1/partner/jobs/LD-1', headers: ld(openai), payload: JSON.stringify(posting) });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.headers['x-result']).toBe('unchanged');
    // JSON and JSON-LD have their own ETags.
    expect(out.headers.etag).not.toBe((await ctx.app.inject({ url: `/v1/jobs/${job.id}` })).headers.etag);
  });

  it('names errors by their place in the JSON-LD document', async () => {
    const bad = { ...googleSample, identifier: undefined, baseSalary: { ...googleSample.baseSalary, value: { minValue: 9, maxValue: 1, unitText: 'YEAR' } }, 'hiringRadar:role': undefined };
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs', headers: ld(openai), payload: JSON.stringify(bad) });
    expect(res.statusCode).toBe(400);
    const names = res.json().errors.map((e: { name: string }) => e.name);
    expect(names).toContain('/hiringRadar:role');
    const notJson = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs', headers: ld(openai), payload: '{nope' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
