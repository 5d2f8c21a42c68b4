import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedTestJobs(ctx.database.db, 150, 11);
}, 120_000);
afterAll(() => ctx?.close());

const JOB_PARAMS = [
  'q', 'role', 'seniority', 'domain', 'company', 'company_category', 'workplace', 'employment_type', 'country', 'skills',
  'salary_min', 'salary_max', 'posted_after', 'posted_before', 'status', 'sort', 'limit', 'cursor', 'facets',
];
const plausible: Record<string, fc.Arbitrary<string>> = {
  role: fc.constantFrom('llm_engineer', 'applied_ml,rag_retrieval', 'software_engineer'),
  status: fc.constantFrom('open', 'closed', 'all'),
  sort: fc.constantFrom('relevance', 'newest', 'oldest', 'salary_desc', 'salary_asc'),
  limit: fc.integer({ min: -5, max: 150 }).map(String),
  salary_min: fc.integer({ min: -10, max: 2_000_000_000 }).map(String),
  posted_after: fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  country: fc.constantFrom('US', 'gb', 'US,DE', 'ZZ', 'U'),
  q: fc.constantFrom('llm', '"fine tuning" -junior', 'rag or retrieval', '!!', '&|:*', "o'reilly", '-'),
  facets: fc.constantFrom('role', 'country,company', 'role,role'),
};

const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ',', ',,', '%', '\u0000', '\uffff', 'null', '[]', '{}', '1e309', '9'.repeat(400)),
);

describe('no input makes the server answer 5xx', () => {
  it('property: random /v1/jobs query strings answer 200 or a 400 problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.oneof(fc.constantFrom(...JOB_PARAMS), fc.string({ minLength: 1, maxLength: 8 })),
          fc.oneof(anyText, ...Object.values(plausible)),
          { maxKeys: 6 },
        ),
        async (params) => {
          const res = await ctx.app.inject({ url: `/v1/jobs?${new URLSearchParams(params)}` });
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode !== 200) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            // 401: a parameter that looks like credentials in the URL (refused on purpose).
            if (res.statusCode === 401) expect(Object.keys(params).some((k) => /key|token|auth/i.test(k)) || Object.values(params).some((v) => v.includes('hr_'))).toBe(true);
            else {
              expect(res.statusCode).toBe(400);
              expect(res.json().errors.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: random companies queries and path segments', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, fc.constantFrom('q', 'category', 'hiring', 'sort', 'limit', 'cursor'), async (segment, value, key) => {
        const path = encodeURIComponent(segment) || 'x';
        for (const url of [`/v1/jobs/${path}`, `/v1/companies/${path}`, `/v1/companies/${path}/jobs`, `/v1/companies?${new URLSearchParams({ [key]: value })}`]) {
          const res = await ctx.app.inject({ url });
          expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('property: cursors that were tampered with answer 400, never a wrong page', async () => {
    const res = await ctx.app.inject('/v1/jobs?limit=2&status=all');
    const cursor = res.json().next_cursor as string;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: cursor.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), async (at, ch) => {
        fc.pre(cursor[at] !== ch);
        const tampered = cursor.slice(0, at) + ch + cursor.slice(at + 1);
        const r = await ctx.app.inject({ url: `/v1/jobs?limit=2&status=all&cursor=${encodeURIComponent(tampered)}` });
        expect(r.statusCode).toBe(400);
        expect(r.json().errors[0].name).toBe('cursor');
      }),
      { numRuns: 100 },
    );
  });
});
