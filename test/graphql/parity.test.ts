import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelize } from '../../src/graphql/rest.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { gql } from '../helpers/graphql.js';
import { walk } from '../helpers/pages.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedTestJobs(ctx.database.db, 500, 11);
}, 120_000);
afterAll(() => ctx?.close());

// Filters as GraphQL takes them and as REST takes them: the same search twice.
const ROLES = ['llm_engineer', 'applied_ml', 'ml_infrastructure', 'software_engineer', 'data_analyst', 'customer_support'];
const filterArb = fc.record(
  {
    q: fc.constantFrom('engineer', 'python', 'senior -staff', '"machine learning"', 'llm or rag'),
    role: fc.subarray(ROLES, { minLength: 1 }),
    seniority: fc.subarray(['junior', 'mid', 'senior', 'staff', 'principal'], { minLength: 1 }),
    workplace: fc.subarray(['onsite', 'hybrid', 'remote'], { minLength: 1 }),
    country: fc.subarray(['US', 'GB', 'DE', 'CA', 'FR'], { minLength: 1 }),
    companyCategory: fc.subarray(['ai_native', 'big_tech', 'legacy_enterprise', 'saas'], { minLength: 1 }),
    salaryMin: fc.integer({ min: 50_000, max: 300_000 }),
    postedAfter: fc.constantFrom('2025-06-01', '2026-01-01'),
    status: fc.constantFrom('open', 'closed', 'all'),
  },
  { requiredKeys: [] },
);

const REST_NAMES: Record<string, string> = { companyCategory: 'company_category', salaryMin: 'salary_min', postedAfter: 'posted_after' };
const restParams = (filter: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(filter).map(([k, v]) => [REST_NAMES[k] ?? k, Array.isArray(v) ? v.join(',') : String(v)]));

const JOBS = `query($filter: JobFilter, $sort: JobSort, $first: Int!, $after: String) {
  jobs(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
  }
}`;

async function walkGraphql(filter: Record<string, unknown>, sort: string | undefined, first: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  const endCursors: (string | null)[] = [];
  let after: string | null = null;
  do {
    const r = await gql(ctx.app, JOBS, { filter, sort, first, after });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    const page = r.data.jobs;
    ids.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
    totals.add(page.totalCount);
    endCursors.push(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { ids, totals: [...totals], endCursors };
}

describe('GraphQL and REST give the same answers', () => {
  it('jobs: the same ids in the same order across pages, the same totals and cursors', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(filterArb, fc.constantFrom(undefined, 'newest', 'oldest', 'salary_desc', 'salary_asc', 'relevance'), fc.integer({ min: 3, max: 40 }), async (filter, sort, first) => {
        if (sort === 'relevance' && !filter.q) sort = undefined;
        const rest = await walk(ctx.app, '/v1/jobs', { ...restParams(filter), ...(sort ? { sort } : {}), limit: first });
        const graph = await walkGraphql(filter, sort, first);
        expect(graph.ids).toEqual(rest.items.map((j) => j.id));
        expect(graph.totals).toEqual(rest.totals);
        if (rest.items.length) nonEmpty++;
      }),
      { seed: 20261125, numRuns: 30 },
    );
    expect(nonEmpty).toBeGreaterThan(5);
  }, 240_000);

  it('jobs: a REST cursor continues a GraphQL walk and the other way round', async () => {
    const rest = await ctx.app.inject('/v1/jobs?limit=7&sort=salary_desc&status=all');
    const cursor = rest.json().next_cursor as string;
    const graph = await gql(ctx.app, JOBS, { first: 7, sort: 'salary_desc', filter: { status: 'all' } });
    expect(graph.data.jobs.pageInfo.endCursor).toBe(cursor);
    const next = await gql(ctx.app, JOBS, { first: 7, sort: 'salary_desc', filter: { status: 'all' }, after: cursor });
    const restNext = await ctx.app.inject(`/v1/jobs?limit=7&sort=salary_desc&status=all&cursor=${encodeURIComponent(cursor)}`);
    expect(next.data.jobs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(restNext.json().data.map((j: { id: string }) => j.id));
    // Each edge's cursor continues right after its job.
    const edges = graph.data.jobs.edges as { cursor: string; node: { id: string } }[];
    const fromThird = await gql(ctx.app, JOBS, { first: 2, sort: 'salary_desc', filter: { status: 'all' }, after: edges[2]!.cursor });
    expect(fromThird.data.jobs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(edges.slice(3, 5).map((e) => e.node.id));
  });

  it('a job reads the same as REST, field by field', async () => {
    const [job] = (await ctx.app.inject('/v1/jobs?limit=1&salary_min=1')).json().data;
    const r = await gql(ctx.app, `query($id: ID!) { job(id: $id) {
      id title role seniority domain skills description employmentType workplace postedAt validThrough status closeReason closedAt applyUrl createdAt updatedAt
      company { id slug name category } location { city region country }
      salary { min max currency period annualUsdMin annualUsdMax fxAsOf } } }`, { id: job.id });
    expect(r.data.job).toEqual(camelize(job));
  });

  it('facets: the same counts', async () => {
    const rest = (await ctx.app.inject('/v1/jobs?role=llm_engineer,applied_ml&facets=country,seniority&limit=1')).json();
    const r = await gql(ctx.app, '{ jobs(first: 1, filter: { role: [llm_engineer, applied_ml] }, facets: [country, seniority]) { facets { field values { value count } } } }');
    expect(Object.fromEntries(r.data.jobs.facets.map((f: { field: string; values: unknown }) => [f.field, f.values]))).toEqual(rest.facets);
  });

  it('salaries: the same statistics', async () => {
    await fc.assert(
      fc.asyncProperty(
        filterArb.map(({ q: _q, ...f }) => f),
        fc.constantFrom([], ['seniority'], ['role', 'domain'], ['country'], ['month']),
        fc.integer({ min: 1, max: 10 }),
        async (filter, groupBy, minCount) => {
          const rest = await ctx.app.inject({ url: '/v1/salaries', query: { ...restParams(filter), ...(groupBy.length ? { group_by: groupBy.join(',') } : {}), min_count: String(minCount) } });
          expect(rest.statusCode).toBe(200);
          const r = await gql(
            ctx.app,
            `query($filter: JobFilter, $groupBy: [SalaryGroupDimension!], $minCount: Int) { salaries(filter: $filter, groupBy: $groupBy, minCount: $minCount) {
              measure status groupBy minCount
              overall { count withheld reason min p10 p25 median p75 p90 max mean }
              groups { key { role seniority domain country workplace companyCategory month } count withheld reason min p10 p25 median p75 p90 max mean } } }`,
            { filter, groupBy, minCount },
          );
          expect(r.errors).toBeUndefined();
          expect(r.data.salaries).toEqual(nullFilled(camelize(rest.json()), r.data.salaries));
        },
      ),
      { seed: 7, numRuns: 15 },
    );
  }, 240_000);

  it('posting trends: the same series', async () => {
    await fc.assert(
      fc.asyncProperty(
        filterArb.map(({ q: _q, status: _s, ...f }) => f),
        fc.constantFrom('new', 'closed', 'open'),
        fc.constantFrom('week', 'month', 'quarter'),
        fc.constantFrom(undefined, 'role', 'country', 'skill'),
        async (filter, metric, interval, groupBy) => {
          const query = { ...restParams(filter), metric, interval, from: '2025-07-01', to: '2026-06-29', ...(groupBy ? { group_by: groupBy, top: '3' } : {}) };
          const rest = await ctx.app.inject({ url: '/v1/trends/postings', query });
          expect(rest.statusCode).toBe(200);
          const r = await gql(
            ctx.app,
            `query($filter: JobFilter, $metric: PostingMetric, $interval: PostingInterval, $groupBy: PostingGroup, $top: Int) {
              postingTrends(filter: $filter, metric: $metric, interval: $interval, from: "2025-07-01", to: "2026-06-29", groupBy: $groupBy, top: $top) {
                metric interval from to groupBy series { key label total points { periodStart period partial value previousValue popGrowth yearAgoValue yoyGrowth } } } }`,
            { filter, metric, interval, groupBy, top: groupBy ? 3 : undefined },
          );
          expect(r.errors).toBeUndefined();
          expect(r.data.postingTrends).toEqual(camelize(rest.json()));
        },
      ),
      { seed: 11, numRuns: 12 },
    );
  }, 240_000);
});

describe('GraphQL and REST give the same figures, in the same units (fractions), partial periods included', () => {
  const PREMIUM = 'ratio premium cellsCompared count baselineCount cells { role seniority count baselineCount compared value baselineValue ratio }';
  it('salary premiums', async () => {
    for (const query of [{}, { statistic: 'median', min_count: '3' }, { posted_after: '2026-01-01', posted_before: '2026-04-01' }] as Record<string, string>[]) {
      const rest = await ctx.app.inject({ url: '/v1/salaries/premiums', query });
      expect(rest.statusCode).toBe(200);
      const filter = query.posted_after ? { postedAfter: query.posted_after, postedBefore: query.posted_before } : undefined;
      const r = await gql(
        ctx.app,
        `query($filter: JobFilter, $statistic: PremiumStatistic, $minCount: Int) { salaryPremiums(filter: $filter, statistic: $statistic, minCount: $minCount) {
          measure status statistic minCount domainPremiums { domain baseline ${PREMIUM} } aiPremium { family baseline ${PREMIUM} } } }`,
        { filter, statistic: query.statistic, minCount: query.min_count ? Number(query.min_count) : undefined },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.salaryPremiums).toEqual(nullFilled(camelize(rest.json()), r.data.salaryPremiums));
    }
  });

  it('market summary, radar, layoff trends and posting trends up to today', async () => {
    const side = 'count median';
    const cases: [string, string, string][] = [
      [
        '/v1/trends/market?period=2026-Q1',
        'market(period: "2026-Q1")',
        `period interval partial range { from to } previousRange { from to } layoffs { headcount aiAttributedHeadcount aiAttributedShare events }
         aiPostings { aiNative { current previous growth } others { current previous growth } }
         salaries { ai { ${side} } traditional { ${side} } aiPremium medianGap aiYearAgo { ${side} } aiYoyGrowth }
         topRoles { key label family current previous growth trend }`,
      ],
      [
        '/v1/radar?week=2026-W14',
        'radar(week: "2026-W14")',
        `week partial range { from to } newPostings { current previous growth } topCompanies { slug name newPostings }
         salaryMovement { role label week { ${side} } baseline { ${side} } change withheld reason }
         emergingRoles { currentWindow { from to } previousWindow { from to } data { key label current previous growth trend } }`,
      ],
      [
        '/v1/trends/layoffs?interval=month&from=2025-06-01',
        'layoffTrends(interval: month, from: "2025-06-01")',
        `interval from to groupBy totals { headcount aiAttributedHeadcount aiAttributedShare events }
         series { key label totals { headcount aiAttributedHeadcount aiAttributedShare events } points { periodStart period partial headcount aiAttributedHeadcount aiAttributedShare events } }`,
      ],
      [
        '/v1/trends/postings?interval=month&from=2025-06-01',
        'postingTrends(interval: month, from: "2025-06-01")',
        'metric interval from to groupBy series { key label total points { periodStart period partial value previousValue popGrowth yearAgoValue yoyGrowth } }',
      ],
    ];
    for (const [url, field, selection] of cases) {
      const rest = await ctx.app.inject({ url });
      expect(rest.statusCode, url).toBe(200);
      const r = await gql(ctx.app, `{ answer: ${field} { ${selection} } }`);
      expect(r.errors, url).toBeUndefined();
      expect(r.data.answer, url).toEqual(nullFilled(camelize(rest.json()), r.data.answer));
    }
    // The range up to today ends with the period holding it: partial, without growth, on both sides.
    const rest = (await ctx.app.inject({ url: '/v1/trends/postings?interval=month&from=2025-06-01' })).json() as { series: { points: { partial: boolean; pop_growth: number | null }[] }[] };
    expect(rest.series[0]!.points.at(-1)).toMatchObject({ partial: true, pop_growth: null });
    expect(rest.series[0]!.points.filter((p) => p.partial)).toHaveLength(1);
  });
});

/** REST leaves optional fields out where GraphQL answers null: fill them in as GraphQL would. */
function nullFilled(rest: unknown, shape: unknown): unknown {
  if (Array.isArray(shape)) return (rest as unknown[]).map((r, i) => nullFilled(r, shape[i] ?? shape[0]));
  if (shape && typeof shape === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) out[key] = nullFilled((rest as Record<string, unknown>)[key] ?? null, (shape as Record<string, unknown>)[key]);
    return out;
  }
  return rest;
}
