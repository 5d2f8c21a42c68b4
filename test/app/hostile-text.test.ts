import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelize } from '../../src/graphql/rest.js';
import { findUnstorableText, unstorableReason } from '../../src/lib/text.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { gql } from '../helpers/graphql.js';
import { partnerPosting } from '../helpers/partner.js';

let ctx: TestContext;
let partner: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMIT_PARTNER: '1000000' });
  await seedTestJobs(ctx.database.db, 10, 3);
  partner = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'ATS', tier: 'partner', company: 'openai' })).secret}` };
}, 120_000);
afterAll(() => ctx?.close());

const NUL = 'a\u0000b';
const HIGH = 'x\ud800y';
const LOW = '\udfff';

async function send(method: string, url: string, payload?: unknown, headers: Record<string, string> = partner) {
  // Raw JSON text, so the escapes reach the server as JSON.stringify writes them (\u0000, \ud800).
  const res = await ctx.app.inject({
    method: method as 'PUT',
    url,
    headers: { ...headers, ...(payload !== undefined ? { 'content-type': headers['content-type'] ?? 'application/json' } : {}) },
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
  });
  return { status: res.statusCode, type: res.headers['content-type'], body: res.json() };
}

describe('text PostgreSQL cannot store', () => {
  it('unit: NUL and unpaired surrogates are found, paired surrogates (emoji) are fine', () => {
    expect(unstorableReason('ok 🤖 ü')).toBeUndefined();
    expect(unstorableReason(NUL)).toMatch(/NUL/);
    expect(unstorableReason(HIGH)).toMatch(/surrogate/);
    expect(unstorableReason(LOW)).toMatch(/surrogate/);
    expect(unstorableReason('\ud83e')).toMatch(/surrogate/);
    expect(findUnstorableText({ a: [{ b: 'fine' }, { 'c/d': HIGH }] })).toEqual({ name: '/a/1/c~1d', reason: expect.stringMatching(/surrogate/) });
    expect(findUnstorableText({ [NUL]: 1 })?.name).toBe(`/${NUL}`);
    // Deep documents do not exhaust the stack.
    let deep: unknown = NUL;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.reason).toMatch(/NUL/);
  });

  it.each([
    ['title', { title: NUL }, '/title'],
    ['description', { description: `<p>${HIGH}</p>` }, '/description'],
    ['city', { location: { city: LOW, country: 'US' } }, '/location/city'],
    ['a skill', { skills: ['python', NUL] }, '/skills/1'],
  ])('PUT with a hostile %s is a 400 naming the field', async (_what, over, field) => {
    const res = await send('PUT', '/v1/partner/jobs/hostile-1', partnerPosting(over));
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].name).toBe(field);
  });

  it('PATCH and POST refuse it the same way; nothing is written', async () => {
    expect((await send('PUT', '/v1/partner/jobs/hostile-2', partnerPosting())).status).toBe(201);
    const patch = await send('PATCH', '/v1/partner/jobs/hostile-2', { title: HIGH });
    expect(patch.status).toBe(400);
    expect(patch.body.errors[0].name).toBe('/title');
    const post = await send('POST', '/v1/partner/jobs', { external_id: 'hostile-3', ...partnerPosting({ title: NUL }) });
    expect(post.status).toBe(400);
    expect((await send('GET', '/v1/partner/jobs/hostile-2')).body.title).toBe('Senior LLM Engineer');
    expect((await send('GET', '/v1/partner/jobs/hostile-3')).status).toBe(404);
  });

  it('a JSON-LD JobPosting body with a NUL is a 400 naming its field', async () => {
    const res = await send(
      'PUT',
      '/v1/partner/jobs/hostile-ld',
      { '@context': 'https://schema.org', '@type': 'JobPosting', title: NUL, description: 'x' },
      { ...partner, 'content-type': 'application/ld+json' },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].name).toBe('/title');
  });

  it('in a batch, the hostile item reports its error and the others commit', async () => {
    const res = await send('POST', '/v1/partner/jobs/batch', {
      items: [
        { op: 'upsert', external_id: 'hb-1', job: partnerPosting({ title: 'Fine one' }) },
        { op: 'upsert', external_id: 'hb-2', job: partnerPosting({ description: `<p>${NUL}</p>` }) },
        { op: 'upsert', external_id: 'hb-3', job: partnerPosting({ location: { city: HIGH, country: 'US' } }) },
        { op: 'upsert', external_id: 'hb-4', job: partnerPosting({ title: 'Fine two' }) },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { result: string }) => r.result)).toEqual(['created', 'error', 'error', 'created']);
    expect(res.body.results[1].errors[0].name).toBe('/items/1/job/description');
    expect(res.body.results[2].errors[0].name).toBe('/items/2/job/location/city');
    expect((await send('GET', '/v1/partner/jobs/hb-4')).body.title).toBe('Fine two');
  });

  it('query strings: a NUL in any parameter is a 400 naming it', async () => {
    for (const url of ['/v1/jobs?q=%00', '/v1/companies?q=a%00', '/v1/jobs?country=U%00', '/v1/salaries?role=%00']) {
      const res = await ctx.app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].name, url).toBe(new URL(url, 'http://x').searchParams.keys().next().value);
    }
    const path = await ctx.app.inject('/v1/companies/a%00b');
    expect(path.statusCode).toBe(400);
  });

  it('GraphQL: hostile variables are BAD_USER_INPUT naming the variable; in upsertJobs only that item fails', async () => {
    const search = await gql(ctx.app, 'query($q: String) { jobs(first: 1, filter: { q: $q }) { totalCount } }', { q: NUL });
    expect(search.status).toBe(400);
    expect(search.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(search.errors)).toContain('/variables/q');

    const m = `mutation($items: [BatchItem!]!) { upsertJobs(items: $items) { results { externalId result errors { name reason } } } }`;
    const r = await gql(ctx.app, m, {
      items: [
        { op: 'upsert', externalId: 'gh-1', job: camelize(partnerPosting({ title: HIGH })) },
        { op: 'upsert', externalId: 'gh-2', job: camelize(partnerPosting({ title: 'Fine' })) },
      ],
    }, partner);
    expect(r.status, JSON.stringify(r.errors)).toBe(200);
    const results = r.data.upsertJobs.results;
    expect(results.map((x: { result: string }) => x.result)).toEqual(['error', 'created']);
    expect(results[0].errors[0].name).toMatch(/title/);
  });

  it('property: any string in a posting field is stored or refused with a 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('title', 'description', 'city'),
        fc.string({ unit: fc.oneof(fc.constant('\u0000'), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), fc.string({ minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 12 }),
        async (field, text) => {
          const over = field === 'city' ? { location: { city: text, country: 'US' } } : { [field]: field === 'description' ? `<p>ok ${text}</p>` : `ok ${text}` };
          const res = await send('PUT', '/v1/partner/jobs/prop-1', partnerPosting(over));
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          if (unstorableReason(text)) expect(res.status).toBe(400);
        },
      ),
      { numRuns: 120 },
    );
  });
});
