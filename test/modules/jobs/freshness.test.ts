import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import type { Job } from '../../../src/modules/jobs/jobs.schemas.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { partnerPosting } from '../../helpers/partner.js';
import { walk } from '../../helpers/pages.js';

let ctx: TestContext;
let openai: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMIT_PARTNER: '1000000' });
  await seedTestJobs(ctx.database.db, 120, 5);
  openai = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'OpenAI ATS', tier: 'partner', company: 'openai' })).secret}` };
}, 120_000);
afterAll(() => ctx?.close());

async function write(method: string, url: string, payload?: unknown) {
  const res = await ctx.app.inject({ method: method as 'POST', url, headers: openai, ...(payload !== undefined ? { payload: payload as object } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Job & { external_id: string };
}

async function search(params: Record<string, string>) {
  const res = await ctx.app.inject(`/v1/jobs?${new URLSearchParams(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { data: Job[]; total: number; facets?: Record<string, { value: string; count: number }[]> };
}

const idsOf = (page: { data: Job[] }) => page.data.map((j) => j.id);

describe('relevance', () => {
  it('puts the terms in the title before skills or company, and those before the description; newest first within a tier', async () => {
    const at = (day: number) => `2026-06-${String(day).padStart(2, '0')}T12:00:00.000Z`;
    const make = (id: string, day: number, over: Record<string, unknown>) =>
      write('PUT', `/v1/partner/jobs/${id}`, partnerPosting({ posted_at: at(day), ...over }));
    // Newest of all, but the word is only in its description.
    const inDescription = await make('rel-desc', 20, { description: '<p>You will work on zorblax pipelines.</p>' });
    const inSkills = await make('rel-skill', 10, { skills: ['python', 'zorblax'] });
    const inTitleOld = await make('rel-title-old', 2, { title: 'Zorblax Engineer' });
    const inTitleNew = await make('rel-title-new', 5, { title: 'Senior Zorblax Engineer' });
    const expected = [inTitleNew.id, inTitleOld.id, inSkills.id, inDescription.id];
    expect(idsOf(await search({ q: 'zorblax' }))).toEqual(expected);
    expect(idsOf(await search({ q: 'zorblax', status: 'all' }))).toEqual(expected);
    // Paged one at a time, the order and the tiers hold across cursors.
    expect((await walk(ctx.app, '/v1/jobs', { q: 'zorblax', limit: 1 })).items.map((j) => j.id)).toEqual(expected);
    expect((await walk(ctx.app, '/v1/jobs', { q: 'zorblax', limit: 1, status: 'all' })).items.map((j) => j.id)).toEqual(expected);
    // Several words: all in the title outranks split between title and description.
    const split = await make('rel-split', 25, { title: 'Zorblax Engineer', description: '<p>Quuxwork daily.</p>' });
    const both = await make('rel-both', 1, { title: 'Zorblax Quuxwork Lead' });
    expect(idsOf(await search({ q: 'zorblax quuxwork' }))).toEqual([both.id, split.id]);
  });
});

describe('found on commit, gone on close', () => {
  it('a new posting is found by search, listing and facets at once; closed, it is gone from open results; reopened, back', async () => {
    const job = await write('PUT', '/v1/partner/jobs/fresh-1', partnerPosting({ title: 'Flibbertine Researcher', role: 'ai_safety_alignment', workplace: 'remote', location: { city: 'Oslo', region: null, country: 'NO' } }));
    const listing = { company: 'openai', role: 'ai_safety_alignment', country: 'NO', workplace: 'remote' };
    const facets = { q: 'flibbertine', facets: 'company,country,workplace' };
    expect(idsOf(await search({ q: 'flibbertine' }))).toEqual([job.id]);
    expect(idsOf(await search(listing))).toContain(job.id);
    expect((await search(facets)).facets).toMatchObject({ company: [{ value: 'openai', count: 1 }], country: [{ value: 'NO', count: 1 }] });

    await write('DELETE', '/v1/partner/jobs/fresh-1');
    expect(await search({ q: 'flibbertine' })).toMatchObject({ data: [], total: 0 });
    expect(idsOf(await search(listing))).not.toContain(job.id);
    expect((await search(facets)).facets).toEqual({ company: [], country: [], workplace: [] });
    expect(idsOf(await search({ q: 'flibbertine', status: 'closed' }))).toEqual([job.id]);

    await write('POST', '/v1/partner/jobs/fresh-1/reopen');
    expect(idsOf(await search({ q: 'flibbertine' }))).toEqual([job.id]);
    expect(idsOf(await search({ q: 'flibbertine', status: 'closed' }))).toEqual([]);
  });

  it('a change is searchable by its new words and no longer by its old ones (PATCH, PUT)', async () => {
    const job = await write('PUT', '/v1/partner/jobs/fresh-2', partnerPosting({ title: 'Gribblewood Engineer', workplace: 'onsite' }));
    await write('PATCH', '/v1/partner/jobs/fresh-2', { title: 'Snorkelbay Engineer', workplace: 'remote' });
    expect(await search({ q: 'gribblewood' })).toMatchObject({ total: 0 });
    expect(idsOf(await search({ q: 'snorkelbay' }))).toEqual([job.id]);
    expect(idsOf(await search({ q: 'snorkelbay', workplace: 'onsite' }))).toEqual([]);
    expect(idsOf(await search({ q: 'snorkelbay', workplace: 'remote' }))).toEqual([job.id]);
    await write('PUT', '/v1/partner/jobs/fresh-2', partnerPosting({ title: 'Gribblewood Engineer', salary: { min: 900000, max: 950000, currency: 'USD', period: 'year' } }));
    expect(idsOf(await search({ q: 'gribblewood', salary_min: '900000' }))).toEqual([job.id]);
    expect(idsOf(await search({ sort: 'salary_desc', limit: '1' }))).toEqual([job.id]);
  });

  it('a batch upserts and closes in one transaction; a dry run changes no search', async () => {
    const item = (n: number) => ({ op: 'upsert', external_id: `fresh-batch-${n}`, job: partnerPosting({ title: `Wombatix Analyst ${n}` }) });
    const dry = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs/batch?dry_run=true', headers: openai, payload: { items: [item(1), item(2), item(3)] } });
    expect(dry.statusCode).toBe(200);
    expect(await search({ q: 'wombatix' })).toMatchObject({ total: 0 });
    const run = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs/batch', headers: openai, payload: { items: [item(1), item(2), item(3)] } });
    expect(run.statusCode, run.body).toBe(200);
    expect(await search({ q: 'wombatix' })).toMatchObject({ total: 3 });
    const close = await ctx.app.inject({
      method: 'POST',
      url: '/v1/partner/jobs/batch',
      headers: openai,
      payload: { items: [{ op: 'close', external_id: 'fresh-batch-2' }, item(4)] },
    });
    expect(close.statusCode, close.body).toBe(200);
    const open = await search({ q: 'wombatix', facets: 'company' });
    expect(open.data.map((j) => j.title).sort()).toEqual(['Wombatix Analyst 1', 'Wombatix Analyst 3', 'Wombatix Analyst 4']);
    expect(open.facets!.company).toEqual([{ value: 'openai', count: 3 }]);
  });
});
