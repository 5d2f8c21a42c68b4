import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';

let ctx: TestContext;
let headers: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMIT_PARTNER: '1000000' });
  await seedTestJobs(ctx.database.db, 10, 3);
  headers = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'fuzz', tier: 'partner', company: 'openai' })).secret}` };
}, 120_000);
afterAll(() => ctx?.close());

const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('USD', 'year', 'llm_engineer', 'senior', 'remote', 'US', 'https://x.example/a', '2026-01-01T00:00:00Z', '<script>x</script>', '9'.repeat(40), '-1', ''),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('min', 'max', 'currency', 'period', 'city', 'country', 'x'), fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxKeys: 5 }),
);
const FIELDS = ['title', 'description', 'role', 'seniority', 'domain', 'skills', 'employment_type', 'workplace', 'location', 'salary', 'posted_at', 'valid_through', 'apply_url', 'external_id', 'status', 'id'];
const base = { title: 'Senior LLM Engineer', description: '<p>Build.</p>', role: 'llm_engineer', seniority: 'senior', workplace: 'remote' };
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 10 }),
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 3 }).map((over) => ({ ...base, ...over })),
);

describe('partner writes never answer 5xx, whatever the body', () => {
  it('property: PUT, PATCH, POST and batch with open-ended bodies answer 2xx or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.nat({ max: 3 }), fc.constantFrom('fz-1', 'fz-2'), async (payload, route, id) => {
        const [method, url, sent] = (
          [
            ['PUT', `/v1/partner/jobs/${id}`, payload],
            ['PATCH', `/v1/partner/jobs/${id}`, payload],
            ['POST', '/v1/partner/jobs', payload],
            ['POST', '/v1/partner/jobs/batch', { items: [{ op: 'upsert', external_id: id, job: payload }] }],
          ] as const
        )[route]!;
        const res = await ctx.app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(sent) });
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(sent)} → ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        if (res.statusCode < 300 && method !== 'POST' && typeof res.json().description === 'string') {
          expect(res.json().description).not.toMatch(/<script|javascript:|onerror/i);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('property: JSON-LD bodies answer 2xx or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('@context', '@type', 'title', 'description', 'identifier', 'datePosted', 'baseSalary', 'jobLocation', 'employmentType', 'hiringRadar:role'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }),
        async (doc) => {
          const res = await ctx.app.inject({ method: 'PUT', url: '/v1/partner/jobs/fz-ld', headers: { ...headers, 'content-type': 'application/ld+json' }, payload: JSON.stringify(doc) });
          expect(res.statusCode, res.body).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
