import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { jobMatches } from '../../../src/modules/jobs/jobs.filter.js';
import type { Job } from '../../../src/modules/jobs/jobs.schemas.js';
import { checkSavedSearchQuery, SAVED_SEARCH_QUOTA } from '../../../src/modules/saved-searches/saved-searches.service.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { partnerPosting } from '../../helpers/partner.js';
import { settleDispatch, WEBHOOK_TEST_ENV } from '../../helpers/webhooks.js';

let ctx: TestContext;
let partner: Record<string, string>;
let partnerTwin: Record<string, string>;
let reader: Record<string, string>;
let other: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ ...WEBHOOK_TEST_ENV });
  await seedTestJobs(ctx.database.db, 20, 5);
  const auth = async (body: Parameters<typeof createKey>[1]) => ({ authorization: `Bearer ${(await createKey(ctx.database.db, body)).secret}` });
  partner = await auth({ name: 'OpenAI ATS', tier: 'partner', company: 'openai' });
  partnerTwin = await auth({ name: 'OpenAI ATS 2', tier: 'partner', company: 'openai' });
  reader = await auth({ name: 'Job board', tier: 'free' });
  other = await auth({ name: 'Other board', tier: 'free' });
}, 120_000);
afterAll(() => ctx?.close());

async function req(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
  const res = await ctx.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
  return { status: res.statusCode, headers: res.headers, body: (res.body ? res.json() : null) as any };
}

describe('saved searches', () => {
  it('creates, reads, lists, renames, replaces the filters and deletes', async () => {
    const created = await req('POST', '/v1/saved-searches', reader, { name: ' Senior LLM ', query: { role: ['llm_engineer'], seniority: 'senior', salary_min: '150000' } });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/saved-searches/${created.body.id}`);
    // Canonical form: lists comma-separated, numbers as numbers, the default status.
    expect(created.body).toMatchObject({ name: 'Senior LLM', query: { role: 'llm_engineer', seniority: 'senior', salary_min: 150000, status: 'open' } });
    const id = created.body.id as string;
    expect((await req('GET', `/v1/saved-searches/${id}`, reader)).body).toEqual(created.body);
    const list = await req('GET', '/v1/saved-searches', reader);
    expect(list.body.data.map((s: { id: string }) => s.id)).toContain(id);
    const renamed = await req('PATCH', `/v1/saved-searches/${id}`, reader, { name: 'LLM' });
    expect(renamed.body).toMatchObject({ name: 'LLM', query: created.body.query });
    const replaced = await req('PATCH', `/v1/saved-searches/${id}`, reader, { query: { workplace: 'remote' } });
    expect(replaced.body.query).toEqual({ workplace: 'remote', status: 'open' });
    expect((await req('DELETE', `/v1/saved-searches/${id}`, reader)).status).toBe(204);
    expect((await req('GET', `/v1/saved-searches/${id}`, reader)).status).toBe(404);
    expect((await req('DELETE', `/v1/saved-searches/${id}`, reader)).status).toBe(404);
  });

  it('checks the query with the GET /v1/jobs schema: each bad filter is a 400 naming query.<param>', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'astronaut' }, 'query.role'],
      [{ salary_min: -1 }, 'query.salary_min'],
      [{ salary_min: 'lots' }, 'query.salary_min'],
      [{ country: 'USA' }, 'query.country'],
      [{ posted_after: 'yesterday' }, 'query.posted_after'],
      [{ status: 'gone' }, 'query.status'],
      [{ sort: 'newest' }, 'query.sort'],
      [{ limit: 10 }, 'query.limit'],
      [{ colour: 'blue' }, 'query.colour'],
      [{ salary_min: 200000, salary_max: 100000 }, 'query.salary_min'],
      [{ posted_after: '2026-05-01', posted_before: '2026-04-01' }, 'query.posted_after'],
      [{ q: 'a\u0001b' }, 'query.q'],
    ];
    for (const [query, name] of cases) {
      const res = await req('POST', '/v1/saved-searches', reader, { name: 'bad', query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { name: string }) => e.name), JSON.stringify(query)).toContain(name);
      const patched = await req('PATCH', `/v1/saved-searches/00000000-0000-4000-8000-000000000000`, reader, { query });
      expect(patched.status, `PATCH ${JSON.stringify(query)}`).toBe(400);
    }
    const noName = await req('POST', '/v1/saved-searches', reader, { query: {} });
    expect(noName.status).toBe(400);
    const notObject = await req('POST', '/v1/saved-searches', reader, { name: 'x', query: 'role=llm_engineer' });
    expect(notObject.status).toBe(400);
    expect(notObject.body.errors[0].name).toBe('query');
  });

  it('property: whatever GET /v1/jobs accepts as filters, a saved search accepts; whatever it refuses, a saved search refuses', async () => {
    const value = fc.oneof(fc.constantFrom('llm_engineer', 'remote', 'US', 'python', '100000', 'all', 'x'), fc.integer({ min: -5, max: 300000 }).map(String), fc.string({ maxLength: 6 }));
    const param = fc.constantFrom('role', 'workplace', 'country', 'skills', 'salary_min', 'salary_max', 'status', 'posted_after', 'seniority', 'q');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(param, value, { maxKeys: 3 }), async (query) => {
        const search = await req('GET', `/v1/jobs?${new URLSearchParams(query).toString()}&limit=1`, reader);
        let accepted = true;
        try {
          checkSavedSearchQuery(query);
        } catch {
          accepted = false;
        }
        expect(accepted, JSON.stringify(query)).toBe(search.status === 200);
      }),
      { numRuns: 60 },
    );
  });

  it('belongs to its owner: a partner company shares them across its keys, others get 404; no key is a 401', async () => {
    const mine = await req('POST', '/v1/saved-searches', partner, { name: 'Ours', query: { company: 'openai' } });
    expect(mine.status).toBe(201);
    expect((await req('GET', `/v1/saved-searches/${mine.body.id}`, partnerTwin)).status).toBe(200);
    expect((await req('GET', `/v1/saved-searches/${mine.body.id}`, other)).status).toBe(404);
    expect((await req('PATCH', `/v1/saved-searches/${mine.body.id}`, other, { name: 'x' })).status).toBe(404);
    expect((await req('DELETE', `/v1/saved-searches/${mine.body.id}`, other)).status).toBe(404);
    expect((await req('GET', `/v1/saved-searches/${mine.body.id}/matches`, other)).status).toBe(404);
    expect((await req('GET', '/v1/saved-searches', other)).body.data.map((s: { id: string }) => s.id)).not.toContain(mine.body.id);
    const anonymous = await req('GET', '/v1/saved-searches', {});
    expect(anonymous.status).toBe(401);
    expect((await req('POST', '/v1/saved-searches', {}, { name: 'x', query: {} })).status).toBe(401);
  });

  it('a key without jobs:read is refused with 403', async () => {
    const writeOnly = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'writer', tier: 'partner', company: 'openai', scopes: ['jobs:write'] })).secret}` };
    expect((await req('GET', '/v1/saved-searches', writeOnly)).status).toBe(403);
  });

  it(`keeps to the tier quota (free: ${SAVED_SEARCH_QUOTA.free}): one more is a 429`, async () => {
    const key = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'quota', tier: 'free' })).secret}` };
    const results = await Promise.all(Array.from({ length: SAVED_SEARCH_QUOTA.free + 3 }, (_, i) => req('POST', '/v1/saved-searches', key, { name: `s${i}`, query: {} })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(SAVED_SEARCH_QUOTA.free);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.body.detail).toContain(String(SAVED_SEARCH_QUOTA.free));
    const list = await req('GET', '/v1/saved-searches?limit=7', key);
    expect(list.body.total).toBe(SAVED_SEARCH_QUOTA.free);
    // Paging walks them all once.
    const seen = new Set<string>();
    for (let url = '/v1/saved-searches?limit=7'; ; ) {
      const page = await req('GET', url, key);
      for (const s of page.body.data) seen.add(s.id);
      if (!page.body.next_cursor) break;
      url = `/v1/saved-searches?limit=7&cursor=${encodeURIComponent(page.body.next_cursor)}`;
    }
    expect(seen.size).toBe(SAVED_SEARCH_QUOTA.free);
  });
});

describe('matches', () => {
  const QUERIES: Record<string, unknown>[] = [
    { role: 'llm_engineer' },
    { role: 'llm_engineer,applied_ml', seniority: 'senior' },
    { salary_min: 250000 },
    { salary_max: 200000, workplace: 'remote,hybrid' },
    { skills: 'python,evals' },
    { country: 'US,GB', status: 'all' },
    { status: 'closed' },
    { company: 'openai', employment_type: 'full_time' },
  ];

  type Op = { externalId: number } & ({ kind: 'put'; over: Record<string, unknown> } | { kind: 'close' } | { kind: 'reopen' });
  const change = fc.record(
    {
      role: fc.constantFrom('llm_engineer', 'applied_ml', 'data_engineer'),
      seniority: fc.constantFrom('junior', 'senior', 'staff'),
      workplace: fc.constantFrom('remote', 'hybrid', 'onsite'),
      skills: fc.subarray(['python', 'evals', 'rust', 'pytorch']),
      salary: fc.option(fc.integer({ min: 60, max: 400 }).map((k) => ({ min: k * 1000, max: k * 1000 + 50000, currency: 'USD', period: 'year' }))),
      location: fc.constantFrom({ city: 'London', region: null, country: 'GB' }, { city: 'Austin', region: 'TX', country: 'US' }, { city: 'Paris', region: null, country: 'FR' }),
      title: fc.constantFrom('LLM Engineer', 'Data Engineer', 'ML Engineer'),
    },
    { requiredKeys: [] },
  );
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ externalId: fc.integer({ min: 0, max: 5 }), kind: fc.constant('put' as const), over: change }) },
    { weight: 1, arbitrary: fc.record({ externalId: fc.integer({ min: 0, max: 5 }), kind: fc.constant('close' as const) }) },
    { weight: 1, arbitrary: fc.record({ externalId: fc.integer({ min: 0, max: 5 }), kind: fc.constant('reopen' as const) }) },
  );

  it('property: a saved search reports exactly the postings that changed into its match, in feed order (brute force over the feed)', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 4 }), fc.array(op, { minLength: 5, maxLength: 25 }), async (existing, ops) => {
        round++;
        const key = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: `round ${round}`, tier: 'free' })).secret}` };
        // Postings that exist before the searches are saved: one that matched all along is not new when it changes.
        const state = new Map<string, Job>();
        const externalIds = new Map<number, string>();
        for (const [i, over] of existing.entries()) {
          const res = await req('PUT', `/v1/partner/jobs/r${round}-p${i}`, partner, partnerPosting(over));
          externalIds.set(i, res.body.id);
          state.set(res.body.id, (await req('GET', `/v1/jobs/${res.body.id}`, reader)).body);
        }
        await settleDispatch(ctx.app);
        const searches: { id: string; query: Record<string, unknown> }[] = [];
        for (const query of QUERIES) searches.push({ id: (await req('POST', '/v1/saved-searches', key, { name: 'q', query })).body.id, query });
        const expected = new Map<string, { jobId: string; type: string }[]>(searches.map((s) => [s.id, []]));
        const filters = new Map(searches.map((s) => [s.id, checkSavedSearchQuery(s.query).filters]));
        await settleDispatch(ctx.app);
        // The feed's end: only this round's events are judged.
        let since = '';
        for (;;) {
          const page = (await req('GET', `/v1/jobs/changes?limit=100${since ? `&since=${encodeURIComponent(since)}` : ''}`, reader)).body;
          since = page.next_cursor;
          if (!page.has_more) break;
        }
        for (const o of ops) {
          const ext = `r${round}-p${o.externalId}`;
          let res;
          if (o.kind === 'put') res = await req('PUT', `/v1/partner/jobs/${ext}`, partner, partnerPosting(o.over));
          else if (!externalIds.has(o.externalId)) continue;
          else if (o.kind === 'close') res = await req('DELETE', `/v1/partner/jobs/${ext}`, partner);
          else res = await req('POST', `/v1/partner/jobs/${ext}/reopen`, partner, {});
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
          const id = res.body.id as string;
          externalIds.set(o.externalId, id);
          // The feed's events of this write, and the posting after it.
          const events = (await req('GET', `/v1/jobs/changes?since=${encodeURIComponent(since)}&limit=100`, reader)).body;
          since = events.next_cursor;
          const after = (await req('GET', `/v1/jobs/${id}`, reader)).body as Job;
          for (const event of events.data as { job_id: string; type: string }[]) {
            const before = event.type === 'created' ? undefined : state.get(event.job_id);
            for (const s of searches) {
              const f = filters.get(s.id)!;
              if (jobMatches(f, after) && !(before && jobMatches(f, before))) expected.get(s.id)!.push({ jobId: event.job_id, type: event.type });
            }
          }
          state.set(id, after);
          // One write at a time through the dispatcher: each event is judged against the posting it produced.
          await settleDispatch(ctx.app);
        }
        for (const s of searches) {
          const got: { jobId: string; type: string }[] = [];
          for (let cursor: string | undefined; ; ) {
            const page = (await req('GET', `/v1/saved-searches/${s.id}/matches?limit=7${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`, key)).body;
            got.push(...page.data.map((m: { job: { id: string }; event: { type: string } }) => ({ jobId: m.job.id, type: m.event.type })));
            cursor = page.next_cursor;
            if (!page.has_more) break;
          }
          expect(got, JSON.stringify(s.query)).toEqual(expected.get(s.id));
        }
      }),
      { numRuns: 8 },
    );
  }, 240_000);

  it('since=<next_cursor> returns only what is new; a cursor of another search or an altered one is a 400 naming since', async () => {
    const a = (await req('POST', '/v1/saved-searches', partner, { name: 'a', query: { role: 'ai_safety_alignment' } })).body;
    const b = (await req('POST', '/v1/saved-searches', partner, { name: 'b', query: {} })).body;
    await req('PUT', '/v1/partner/jobs/since-1', partner, partnerPosting({ role: 'ai_safety_alignment' }));
    await settleDispatch(ctx.app);
    const first = (await req('GET', `/v1/saved-searches/${a.id}/matches`, partner)).body;
    expect(first.data).toHaveLength(1);
    expect(first.data[0].job).toMatchObject({ role: 'ai_safety_alignment', company: { slug: 'openai' } });
    expect(first.data[0].job.external_id).toBeUndefined();
    const empty = (await req('GET', `/v1/saved-searches/${a.id}/matches?since=${encodeURIComponent(first.next_cursor)}`, partner)).body;
    expect(empty).toMatchObject({ data: [], has_more: false, next_cursor: first.next_cursor });
    await req('PUT', '/v1/partner/jobs/since-2', partner, partnerPosting({ role: 'ai_safety_alignment', title: 'Alignment Researcher' }));
    await settleDispatch(ctx.app);
    const next = (await req('GET', `/v1/saved-searches/${a.id}/matches?since=${encodeURIComponent(first.next_cursor)}`, partner)).body;
    expect(next.data.map((m: { job: { title: string } }) => m.job.title)).toEqual(['Alignment Researcher']);
    const foreign = await req('GET', `/v1/saved-searches/${b.id}/matches?since=${encodeURIComponent(first.next_cursor)}`, partner);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].name).toBe('since');
    const altered = await req('GET', `/v1/saved-searches/${a.id}/matches?since=${encodeURIComponent(`x${first.next_cursor}`)}`, partner);
    expect(altered.status).toBe(400);
  });

  it('full-text filters (q) match as GET /v1/jobs does, and a dry run matches nothing', async () => {
    const s = (await req('POST', '/v1/saved-searches', partner, { name: 'q', query: { q: 'quantum "error correction"' } })).body;
    await req('PUT', '/v1/partner/jobs/q-1?dry_run=true', partner, partnerPosting({ title: 'Quantum error correction engineer' }));
    await req('PUT', '/v1/partner/jobs/q-2', partner, partnerPosting({ title: 'Quantum ML', description: '<p>Work on error correction.</p>' }));
    await req('PUT', '/v1/partner/jobs/q-3', partner, partnerPosting({ title: 'Quantum ML', description: '<p>Correction of errors.</p>' }));
    // The dispatcher judges each event by the posting as it reads it: let it read this one before the next write.
    await settleDispatch(ctx.app);
    // Changed into the match by a new description.
    await req('PATCH', '/v1/partner/jobs/q-3', partner, { description: '<p>Quantum error correction at scale.</p>' });
    await settleDispatch(ctx.app);
    const got = (await req('GET', `/v1/saved-searches/${s.id}/matches`, partner)).body.data.map((m: { job: { id: string }; event: { type: string } }) => m.event.type);
    expect(got).toEqual(['created', 'updated']);
    const search = (await req('GET', `/v1/jobs?q=${encodeURIComponent('quantum "error correction"')}&company=openai`, partner)).body;
    expect(search.data).toHaveLength(2);
  });
});
