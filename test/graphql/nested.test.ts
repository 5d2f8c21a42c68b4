import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobEvents, jobs } from '../../src/db/tables.js';
import { camelize } from '../../src/graphql/rest.js';
import { createCompany, getCompanyBySlug } from '../../src/modules/companies/companies.service.js';
import { insertJobs } from '../../tools/seed/seed.js';
import { demoCompanies } from '../../tools/seed/companies.js';
import { demoJobs } from '../../tools/seed/jobs.js';
import { DEMO_FX_RATES } from '../../tools/seed/pay.js';
import type { DemoJob } from '../../tools/seed/types.js';
import { companyStatsMany } from '../../src/modules/market/market.service.js';
import { postingTrend } from '../../src/modules/trends/trends.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs, TEST_UNTIL } from '../helpers/data.js';
import { codeOf, countStatements, gql } from '../helpers/graphql.js';

// Company.stats, Company.salaryStats and Company.layoffs under a list of companies: batched by
// mercurius loaders, and each answer what the REST route of one company gives.

let ctx: TestContext;
/** Slugs by what the seeded data holds for them. */
let withManyLayoffs: string[];
let withoutLayoffs: string;
const EMPTY = 'quiet-company-without-anything';

beforeAll(async () => {
  ctx = await createTestApp({ GRAPHQL_MAX_COST: '100000' });
  await seedTestJobs(ctx.database.db, 1500, 11);
  // A company with no postings (so no salaries) and no layoffs.
  await createCompany(ctx.database.db, { slug: EMPTY, name: 'Quiet Company', category: 'startup' });

  const all: { slug: string; total: number }[] = [];
  for (let cursor: string | null = null; ; ) {
    const r = await gql(ctx.app, `query($after: String) { companies(first: 100, after: $after) { edges { node { slug layoffs(first: 1) { totalCount } } } pageInfo { endCursor hasNextPage } } }`, { after: cursor });
    expect(r.errors).toBeUndefined();
    for (const e of r.data.companies.edges) all.push({ slug: e.node.slug, total: e.node.layoffs.totalCount });
    if (!r.data.companies.pageInfo.hasNextPage) break;
    cursor = r.data.companies.pageInfo.endCursor;
  }
  withManyLayoffs = all.filter((c) => c.total > 3).map((c) => c.slug).slice(0, 3);
  withoutLayoffs = all.find((c) => c.total === 0 && c.slug !== EMPTY)?.slug ?? EMPTY;
}, 180_000);
afterAll(() => ctx?.close());

const rest = async (url: string) => {
  const res = await ctx.app.inject(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

const STATS = `stats(weeks: 40) {
  company { slug name category } asOf
  hiring { openJobs weeklyNewPostings { week weekStart newPostings } salary { count median } }
  layoffs { headcount aiAttributedHeadcount events latest { id announcedOn headcount aiAttributed reason sourceUrl } }
}`;
const FIGURES = 'count withheld reason min p10 p25 median p75 p90 max mean';
const SALARIES = `salaryStats(groupBy: [seniority, workplace], minCount: 3) {
  measure status groupBy minCount overall { ${FIGURES} } groups { key { seniority workplace } ${FIGURES} }
}`;
const LAYOFF_FIELDS = 'id company { id slug name category } announcedOn headcount aiAttributed reason sourceUrl createdAt updatedAt';
const LAYOFFS = `layoffs(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { ${LAYOFF_FIELDS} } }`;

/** REST leaves `reason` out where nothing is withheld; GraphQL answers null for it. */
const withoutNullReasons = (value: unknown) => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'reason' && v === null ? undefined : v)));

describe('nested analytics are batched', () => {
  const nested = (n: number) => `{
    companies(first: ${n}, sort: name) {
      edges { node {
        slug
        stats { asOf hiring { openJobs weeklyNewPostings { week newPostings } salary { count median } } layoffs { headcount events latest { id } } }
        salaryStats(groupBy: [seniority]) { overall { median } groups { key { seniority } count median } }
        layoffs(first: 3) { totalCount nodes { id } }
      } }
    }
  }`;

  it('companies × stats, salaryStats and layoffs costs the same statements for 5 companies as for 50', async () => {
    const five = await countStatements(ctx.database.db, () => gql(ctx.app, nested(5)));
    const fifty = await countStatements(ctx.database.db, () => gql(ctx.app, nested(50)));
    expect(five.result.errors).toBeUndefined();
    expect(fifty.result.errors).toBeUndefined();
    const nodes = fifty.result.data.companies.edges.map((e: { node: unknown }) => e.node) as {
      stats: { layoffs: { events: number } };
      salaryStats: { groups: unknown[] };
      layoffs: { totalCount: number; nodes: unknown[] };
    }[];
    expect(nodes).toHaveLength(50);
    // Not vacuous: the nested answers have something in them.
    expect(nodes.some((n) => n.stats.layoffs.events > 0)).toBe(true);
    expect(nodes.some((n) => n.salaryStats.groups.length > 0)).toBe(true);
    expect(nodes.flatMap((n) => n.layoffs.nodes).length).toBeGreaterThan(5);
    expect(five.statements.length).toBeGreaterThan(0);
    expect(fifty.statements.length).toBe(five.statements.length);
  });

  it('different arguments on the same field are answered per argument set, still a fixed number of statements', async () => {
    const query = (n: number) => `{
      companies(first: ${n}, sort: name) { edges { node {
        a: stats(weeks: 4) { hiring { weeklyNewPostings { week } } }
        b: stats(weeks: 8) { hiring { weeklyNewPostings { week } } }
        c: layoffs(first: 1, sort: headcount) { nodes { id } }
        d: layoffs(first: 2, sort: oldest) { nodes { id } }
      } } }
    }`;
    const small = await countStatements(ctx.database.db, () => gql(ctx.app, query(4)));
    const large = await countStatements(ctx.database.db, () => gql(ctx.app, query(40)));
    expect(large.result.errors).toBeUndefined();
    const first = large.result.data.companies.edges[0].node;
    expect(first.a.hiring.weeklyNewPostings).toHaveLength(4);
    expect(first.b.hiring.weeklyNewPostings).toHaveLength(8);
    expect(large.statements.length).toBe(small.statements.length);
  });
});

describe('each nested answer is the REST answer of that company', () => {
  it('stats, salaryStats and layoffs of several companies, one without layoffs and one without anything', async () => {
    const slugs = [...withManyLayoffs, withoutLayoffs, EMPTY];
    expect(withManyLayoffs.length).toBeGreaterThan(0);
    const byAlias = slugs.map((slug, i) => `c${i}: company(slug: "${slug}") { slug ${STATS} ${SALARIES} ${LAYOFFS} }`).join('\n');
    // The same fields under `companies` too, where they are batched across the whole page.
    const list = `edges { node { slug ${STATS} ${SALARIES} ${LAYOFFS} } }`;
    const r = await gql(ctx.app, `{ ${byAlias} companies(first: 100, sort: name) { ${list} } quiet: companies(first: 5, filter: { q: "Quiet" }) { ${list} } }`);
    expect(r.errors).toBeUndefined();
    const edges = [...r.data.companies.edges, ...r.data.quiet.edges] as { node: { slug: string } }[];
    const inList = new Map(edges.map((e) => [e.node.slug, e.node]));
    for (const [i, slug] of slugs.entries()) {
      const node = r.data[`c${i}`];
      expect(inList.get(slug), slug).toEqual(node);

      expect(node.stats, slug).toEqual(camelize(await rest(`/v1/companies/${slug}/stats?weeks=40`)));

      const salaries = await rest(`/v1/salaries?company=${slug}&group_by=seniority,workplace&min_count=3`);
      expect(withoutNullReasons(node.salaryStats), slug).toEqual(camelize(salaries));

      const layoffs = await rest(`/v1/layoffs?company=${slug}&limit=2`);
      expect(node.layoffs, slug).toEqual({
        totalCount: layoffs.total,
        pageInfo: { hasNextPage: layoffs.next_cursor !== null, endCursor: layoffs.next_cursor },
        nodes: camelize(layoffs.data),
      });
    }
    // The edge cases are what they claim to be.
    const empty = r.data[`c${slugs.length - 1}`];
    expect(empty.stats.hiring.openJobs).toBe(0);
    expect(empty.stats.hiring.weeklyNewPostings.every((w: { newPostings: number }) => w.newPostings === 0)).toBe(true);
    expect(empty.salaryStats.overall.count).toBe(0);
    expect(empty.salaryStats.groups).toEqual([]);
    expect(empty.layoffs.totalCount).toBe(0);
    expect(r.data[`c${slugs.length - 2}`].stats.layoffs.latest).toEqual([]);
    expect(r.data.c0.layoffs.pageInfo.hasNextPage).toBe(true);
    expect(r.data.c0.salaryStats.groups.length).toBeGreaterThan(0);
  });

  it('layoff paging with after continues one company as REST does, with filters and each sort', async () => {
    const slug = withManyLayoffs[0]!;
    for (const sort of ['newest', 'oldest', 'headcount'] as const) {
      const seen: string[] = [];
      let restCursor: string | null = null;
      for (let after: string | null = null, page = 0; page < 50; page++) {
        const r = await gql(
          ctx.app,
          `query($after: String) { company(slug: "${slug}") { layoffs(first: 2, sort: ${sort}, filter: { minHeadcount: 1 }, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${LAYOFF_FIELDS} } } } }`,
          { after },
        );
        expect(r.errors).toBeUndefined();
        const url = `/v1/layoffs?company=${slug}&sort=${sort}&min_headcount=1&limit=2${restCursor ? `&cursor=${encodeURIComponent(restCursor)}` : ''}`;
        const answer = await rest(url);
        const conn = r.data.company.layoffs;
        expect(conn.nodes, url).toEqual(camelize(answer.data));
        expect(conn.totalCount).toBe(answer.total);
        expect(conn.pageInfo.endCursor).toBe(answer.next_cursor);
        seen.push(...conn.nodes.map((n: { id: string }) => n.id));
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
        restCursor = answer.next_cursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe((await rest(`/v1/layoffs?company=${slug}&min_headcount=1&limit=1`)).total);
    }
  });

  it('weekly new postings equal the posting trend of the company (interval week, metric new, every status)', async () => {
    const now = Date.parse('2026-06-10T12:00:00Z');
    const deps = ctx.app.deps;
    const companies = await Promise.all([...withManyLayoffs, EMPTY].map((slug) => getCompanyBySlug(deps.db, slug)));
    const many = await companyStatsMany(deps, companies, 30, now);
    for (const company of companies) {
      const stats = many.get(company.id)!;
      const weeks = stats.hiring.weekly_new_postings;
      expect(weeks).toHaveLength(30);
      const trend = await postingTrend(deps.db, {
        metric: 'new',
        interval: 'week',
        first: weeks[0]!.week_start,
        last: weeks.at(-1)!.week_start,
        groupBy: null,
        top: 1,
        filters: { status: 'all', companyId: company.id },
      });
      const points = trend.series[0]!.points;
      expect(weeks).toEqual(points.map((p) => ({ week: p.period, week_start: p.period_start, new_postings: p.value })));
      if (company.slug !== EMPTY) expect(weeks.some((w) => w.new_postings > 0)).toBe(true);
    }
  });
});

describe('arguments are checked as REST checks them', () => {
  it.each([
    ['stats(weeks: 3) { asOf }', 'weeks'],
    ['salaryStats(filter: { salaryMin: 300000, salaryMax: 100000 }) { overall { count } }', 'filter.salaryMin'],
    ['salaryStats(filter: { postedAfter: "2026-02-30" }) { overall { count } }', 'filter.postedAfter'],
    ['layoffs(first: 2, after: "not-a-cursor") { totalCount }', 'after'],
    ['layoffs(first: 2, filter: { announcedAfter: "2026-02-30" }) { totalCount }', 'filter.announcedAfter'],
  ])('%s: BAD_USER_INPUT naming %s', async (selection, field) => {
    const r = await gql(ctx.app, `{ companies(first: 3) { edges { node { slug ${selection} } } } }`);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe(field);
  });

  it("a cursor of one company's layoffs fails only for the other companies", async () => {
    const [mine, other] = [withManyLayoffs[0]!, withManyLayoffs[1] ?? withoutLayoffs];
    const first = await gql(ctx.app, `{ company(slug: "${mine}") { layoffs(first: 1) { pageInfo { endCursor } } } }`);
    const after = first.data.company.layoffs.pageInfo.endCursor as string;
    const r = await gql(
      ctx.app,
      `query($after: String) { a: company(slug: "${mine}") { layoffs(first: 1, after: $after) { nodes { id } } } b: company(slug: "${other}") { layoffs(first: 1, after: $after) { nodes { id } } } }`,
      { after },
    );
    const rest2 = await rest(`/v1/layoffs?company=${mine}&limit=1&cursor=${encodeURIComponent(after)}`);
    expect(r.data.a.layoffs.nodes).toEqual(rest2.data.map((l: { id: string }) => ({ id: l.id })));
    expect(r.data.b).toBeNull();
    expect(r.errors!.map((e) => [e.path, e.extensions!.code, e.extensions!.field])).toEqual([[['b', 'layoffs'], 'BAD_USER_INPUT', 'after']]);
  });

  it('the group cap holds per company: a company over it fails alone, with BAD_USER_INPUT on groupBy as REST says group_by', async () => {
    const db = ctx.database.db;
    const [big, other] = [withManyLayoffs[0]!, withManyLayoffs[1] ?? withoutLayoffs];
    const company = await getCompanyBySlug(db, big);
    // 12 countries × 46 months (2020-01 to 2023-10, before the demo window) = 552 (country, month) groups of one company.
    const template = demoJobs(demoCompanies(11), { jobs: 1, seed: 99, until: TEST_UNTIL }).next().value as DemoJob;
    const countries = ['US', 'GB', 'FR', 'DE', 'NL', 'IE', 'ES', 'CA', 'IN', 'SG', 'CH', 'JP'];
    const rows: DemoJob[] = countries.flatMap((country, c) =>
      Array.from({ length: 46 }, (_, m) => {
        const i = c * 100 + m;
        return {
          ...template,
          id: `0e57ed00-0000-4000-8000-${String(i).padStart(12, '0')}`,
          companyId: company.id,
          externalId: `nested-cap-${i}`,
          country,
          postedAt: new Date(Date.UTC(2020, m, 15)),
          salaryMin: 100_000 + m,
          salaryMax: 120_000,
          salaryCurrency: 'USD',
          salaryPeriod: 'year' as const,
          status: 'open' as const,
          closeReason: null,
          closedAt: null,
        };
      }),
    );
    await insertJobs(db, rows, new Map(DEMO_FX_RATES.map((r) => [r.currency, r])));
    try {
      const fields = 'salaryStats(groupBy: [country, month]) { overall { count median } groups { key { country month } count median } }';
      const r = await gql(ctx.app, `{ a: company(slug: "${big}") { ${fields} } b: company(slug: "${other}") { ${fields} } }`);
      expect(r.data.a).toBeNull();
      expect(r.errors!.map((e) => [e.path, e.extensions!.code, e.extensions!.field])).toEqual([[['a', 'salaryStats'], 'BAD_USER_INPUT', 'groupBy']]);
      const refused = await ctx.app.inject(`/v1/salaries?company=${big}&group_by=country,month`);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].name).toBe('group_by');
      const answer = await rest(`/v1/salaries?company=${other}&group_by=country,month`);
      expect(r.data.b.salaryStats).toEqual({
        overall: { count: answer.overall.count, median: answer.overall.median },
        groups: answer.groups.map((g: { key: unknown; count: number; median: number | null }) => ({ key: g.key, count: g.count, median: g.median })),
      });
      expect(r.data.b.salaryStats.groups.length).toBeGreaterThan(0);
    } finally {
      const ids = rows.map((row) => row.id);
      await db.delete(jobEvents).where(inArray(jobEvents.jobId, ids));
      await db.delete(jobs).where(inArray(jobs.id, ids));
    }
  });
});
