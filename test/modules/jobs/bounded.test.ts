import { sql, type SQL } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/index.js';
import type { Job } from '../../../src/modules/jobs/jobs.schemas.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { walk } from '../../helpers/pages.js';

// A low counting bound, so that searches here take both paths: exact totals and lower bounds.
const BOUND = 40;
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp({ SEARCH_COUNT_BOUND: String(BOUND) });
  await seedTestJobs(ctx.database.db, 700, 11);
}, 180_000);
afterAll(() => ctx?.close());

type Params = Record<string, string | number>;
interface ListPage {
  data: Job[];
  total: number;
  total_relation: 'eq' | 'gte';
  next_cursor: string | null;
  facets?: Record<string, { value: string; count: number }[]>;
  facets_relation?: 'eq' | 'gte';
}

async function get(params: Params, path = '/v1/jobs'): Promise<ListPage> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await ctx.app.inject(`${path}?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ListPage;
}

/**
 * The reference: the matching ids straight from `jobs` (the table of record, not the search table),
 * with conditions written out here rather than taken from the service.
 */
async function bruteForce(params: Params): Promise<string[]> {
  const c: SQL[] = [sql`true`];
  const status = String(params.status ?? 'open');
  if (status !== 'all') c.push(sql`j.status = ${status}::job_status`);
  if (params.q) c.push(sql`j.search @@ websearch_to_tsquery('english', ${String(params.q)})`);
  const inList = (column: SQL, name: string) => {
    if (params[name] !== undefined) c.push(sql`${column} = any(string_to_array(${String(params[name])}, ','))`);
  };
  inList(sql`j.role`, 'role');
  inList(sql`j.workplace::text`, 'workplace');
  inList(sql`j.country::text`, 'country');
  inList(sql`co.category::text`, 'company_category');
  if (params.salary_min !== undefined) c.push(sql`j.salary_usd_max >= ${Number(params.salary_min)}`);
  const rows = await queryRows<{ id: string }>(
    ctx.database.db,
    sql`select j.id from jobs j join companies co on co.id = j.company_id where ${sql.join(c, sql` and `)}`,
  );
  return rows.map((r) => r.id);
}

function expectBounded(page: ListPage, trueCount: number) {
  if (trueCount <= BOUND) {
    expect(page).toMatchObject({ total: trueCount, total_relation: 'eq' });
  } else {
    expect(page).toMatchObject({ total: BOUND, total_relation: 'gte' });
  }
}

const SEARCHES: Params[] = [
  {},
  { q: 'engineer' },
  { q: 'engineer', status: 'all' },
  { q: 'python', sort: 'relevance' },
  { q: 'pytorch kubernetes', country: 'US' },
  { q: '"machine learning"' },
  { q: 'engineer -senior', status: 'closed' },
  { country: 'US', workplace: 'remote' },
  { role: 'ai_safety_alignment', country: 'GB,DE' },
  { company_category: 'ai_native', salary_min: 250_000 },
  { role: 'llm_engineer', status: 'closed', sort: 'salary_desc' },
];

describe('total_relation against a brute-force count', () => {
  it('is eq with the exact count up to the bound, gte with the bound beyond it; walking the pages finds every match', async () => {
    const seen = new Set<string>();
    for (const params of SEARCHES) {
      const expected = await bruteForce(params);
      const first = await get({ ...params, limit: 5 });
      expectBounded(first, expected.length);
      seen.add(first.total_relation);
      const walked = await walk(ctx.app, '/v1/jobs', { ...params, limit: 30 });
      expect(walked.items.map((j) => j.id).sort()).toEqual([...expected].sort());
      // Every page says the same, and the walk finds at least `total`.
      expect(walked.totals.every((t) => t === first.total)).toBe(true);
      expect(walked.items.length).toBeGreaterThanOrEqual(first.total);
    }
    expect(seen).toEqual(new Set(['eq', 'gte']));
  });

  it('facets are exact (eq) within the bound and never above the true counts (gte) beyond it', async () => {
    const counts = async (params: Params, column: SQL) => {
      const ids = await bruteForce(params);
      const rows = ids.length
        ? await queryRows<{ value: string; n: number }>(
            ctx.database.db,
            sql`select ${column} as value, count(*)::int as n from jobs j join companies co on co.id = j.company_id
                where j.id::text = any(string_to_array(${ids.join(',')}, ',')) group by 1`,
          )
        : [];
      return new Map(rows.map((r) => [r.value, Number(r.n)]));
    };
    const facetColumns: Record<string, SQL> = {
      role: sql`j.role`,
      workplace: sql`j.workplace::text`,
      company: sql`co.slug`,
      company_category: sql`co.category::text`,
    };
    for (const params of [{ q: 'engineer' }, { role: 'ai_safety_alignment', country: 'GB,DE' }, { country: 'US', workplace: 'remote', status: 'all' }] as Params[]) {
      const page = await get({ ...params, facets: Object.keys(facetColumns).join(','), limit: 1 });
      const exact = page.total_relation === 'eq';
      expect(page.facets_relation).toBe(page.total_relation);
      for (const [field, column] of Object.entries(facetColumns)) {
        const truth = await counts(params, column);
        const got = page.facets![field]!;
        if (exact) {
          expect(new Map(got.map((f) => [f.value, f.count]))).toEqual(truth);
        } else {
          for (const f of got) expect(f.count).toBeLessThanOrEqual(truth.get(f.value) ?? 0);
          // Counted over the bounded match: BOUND + 1 postings, each in one value of a field that is never null.
          expect(got.reduce((s, f) => s + f.count, 0)).toBe(BOUND + 1);
        }
      }
    }
  });

  it('GraphQL says the same: totalCountRelation beside totalCount, at the top and per company', async () => {
    const query = `{
      jobs(first: 3, filter: { q: "engineer" }) { totalCount totalCountRelation facetsRelation }
      withFacets: jobs(first: 1, filter: { q: "engineer" }, facets: [role]) { facetsRelation }
      companies(first: 4, sort: name) { edges { node { slug jobs(first: 2) { totalCount totalCountRelation edges { node { id } } } } } }
    }`;
    const res = await ctx.app.inject({ method: 'POST', url: '/graphql', payload: { query } });
    const body = res.json() as {
      data: {
        jobs: { totalCount: number; totalCountRelation: string; facetsRelation: string | null };
        withFacets: { facetsRelation: string };
        companies: { edges: { node: { slug: string; jobs: { totalCount: number; totalCountRelation: string; edges: { node: { id: string } }[] } } }[] };
      };
    };
    expect(body.data.jobs).toEqual({ totalCount: BOUND, totalCountRelation: 'gte', facetsRelation: null });
    expect(body.data.withFacets.facetsRelation).toBe('gte');
    for (const { node } of body.data.companies.edges) {
      const rest = await get({ limit: 2 }, `/v1/companies/${node.slug}/jobs`);
      expect({ totalCount: node.jobs.totalCount, totalCountRelation: node.jobs.totalCountRelation }).toEqual({ totalCount: rest.total, totalCountRelation: rest.total_relation });
      expect(node.jobs.edges.map((e) => e.node.id)).toEqual(rest.data.map((j) => j.id));
    }
  });

  it('property: any filters, sort and page size walk every match once, in order, and total keeps its relation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            q: fc.constantFrom('engineer', 'python', 'llm', 'safety research', '"data analyst"', 'support -senior'),
            role: fc.subarray(['llm_engineer', 'applied_ml', 'software_engineer', 'customer_support', 'ai_safety_alignment'], { minLength: 1, maxLength: 3 }),
            workplace: fc.subarray(['onsite', 'hybrid', 'remote'], { minLength: 1 }),
            country: fc.subarray(['US', 'GB', 'DE', 'IN', 'CA'], { minLength: 1, maxLength: 3 }),
            salary_min: fc.integer({ min: 50_000, max: 300_000 }),
            status: fc.constantFrom('open', 'closed', 'all'),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom('newest', 'oldest', 'salary_desc', 'salary_asc', 'relevance'),
        fc.integer({ min: 1, max: 50 }),
        async (filters, sort, limit) => {
          const params: Params = { limit };
          for (const [k, v] of Object.entries(filters)) params[k] = Array.isArray(v) ? v.join(',') : v;
          if (sort !== 'relevance' || params.q) params.sort = sort;
          const expected = await bruteForce(params);
          const walked = await walk(ctx.app, '/v1/jobs', params);
          const ids = walked.items.map((j) => j.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect([...ids].sort()).toEqual([...expected].sort());
          expectBounded(await get(params), expected.length);
          expect(walked.totals.length).toBe(1);
          // One page of the same walk at any size shows the same order.
          const whole = await walk(ctx.app, '/v1/jobs', { ...params, limit: 100 });
          expect(whole.items.map((j) => j.id)).toEqual(ids);
        },
      ),
      { numRuns: 30 },
    );
  });
});
