import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { codeOf, countStatements, gql } from '../helpers/graphql.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ GRAPHQL_MAX_DEPTH: '10', GRAPHQL_MAX_COST: '5000', GRAPHQL_MAX_ALIASES: '30', GRAPHQL_MAX_TOKENS: '2000', GRAPHQL_MAX_BATCH: '5' });
  await seedTestJobs(ctx.database.db, 600, 3);
}, 120_000);
afterAll(() => ctx?.close());

const nested = (companies: number) => `{
  companies(first: ${companies}, sort: open_jobs) {
    edges { node { slug jobs(first: 10, sort: salary_desc) { totalCount pageInfo { hasNextPage } edges { cursor node { id title company { slug company { name openJobs } } } } } } }
  }
}`;

describe('nested fields are batched', () => {
  it('companies × jobs × company costs the same statements for 5 companies as for 50', async () => {
    const five = await countStatements(ctx.database.db, () => gql(ctx.app, nested(5)));
    const fifty = await countStatements(ctx.database.db, () => gql(ctx.app, nested(50)));
    expect(five.result.errors).toBeUndefined();
    expect(fifty.result.errors).toBeUndefined();
    expect(fifty.result.data.companies.edges).toHaveLength(50);
    // Not vacuous: the nested lists are there.
    const jobs = fifty.result.data.companies.edges.flatMap((e: { node: { jobs: { edges: unknown[] } } }) => e.node.jobs.edges);
    expect(jobs.length).toBeGreaterThan(50);
    expect(five.statements.length).toBeGreaterThan(0);
    expect(fifty.statements.length).toBe(five.statements.length);
  });

  it('each nested list is what GET /v1/companies/{slug}/jobs answers', async () => {
    const r = await gql(ctx.app, nested(8));
    for (const edge of r.data.companies.edges as { node: { slug: string; jobs: { totalCount: number; edges: { node: { id: string } }[] } } }[]) {
      const rest = (await ctx.app.inject(`/v1/companies/${edge.node.slug}/jobs?limit=10&sort=salary_desc`)).json();
      expect(edge.node.jobs.edges.map((e) => e.node.id)).toEqual(rest.data.map((j: { id: string }) => j.id));
      expect(edge.node.jobs.totalCount).toBe(rest.total);
    }
  });

  it('nested paging with after continues one company as REST does', async () => {
    const first = await gql(ctx.app, '{ company(slug: "openai") { jobs(first: 3, filter: { status: all }) { pageInfo { endCursor } } } }');
    const after = first.data.company.jobs.pageInfo.endCursor as string;
    const r = await gql(ctx.app, `query($after: String) { company(slug: "openai") { jobs(first: 3, filter: { status: all }, after: $after) { edges { node { id } } } } }`, { after });
    const rest = (await ctx.app.inject(`/v1/companies/openai/jobs?limit=3&status=all&cursor=${encodeURIComponent(after)}`)).json();
    expect(r.data.company.jobs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(rest.data.map((j: { id: string }) => j.id));
  });
});

describe('limits answer their error and do no database work', () => {
  const deep = `{ jobs(first: 1) { edges { node { company { company { jobs(first: 1) { edges { node { company { company { jobs(first: 1) { totalCount } } } } } } } } } } } }`;
  const costly = `{ companies(first: 100) { edges { node { jobs(first: 100) { edges { node { company { company { jobs(first: 100) { totalCount } } } } } } } } } }`;
  const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: ok`).join(' ')} }`;
  const tokens = `{ ${Array.from({ length: 2100 }, () => 'ok').join(' ')} }`;

  it.each([
    ['too deep', deep, 'depth'],
    ['too costly', costly, 'cost'],
    ['alias-flooded', aliases, 'aliases'],
    ['too many tokens', tokens, 'tokens'],
  ])('%s: QUERY_TOO_COMPLEX', async (_name, query, limit) => {
    const { result, statements } = await countStatements(ctx.database.db, () => gql(ctx.app, query));
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect((result.errors![0]!.extensions!.limit as { name: string }).name).toBe(limit);
    expect(result.status).toBe(400);
    expect(statements).toEqual([]);
  });

  it('an over-sized batch: QUERY_TOO_COMPLEX, nothing in it runs', async () => {
    const { result, statements } = await countStatements(ctx.database.db, () =>
      ctx.app.inject({ method: 'POST', url: '/graphql', payload: Array.from({ length: 6 }, () => ({ query: '{ jobs(first: 1) { totalCount } }' })) }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.json().errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: { name: 'batch', max: 5, actual: 6 } });
    expect(statements).toEqual([]);
  });

  it('a batch within the bound runs every operation', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/graphql', payload: Array.from({ length: 5 }, (_, i) => ({ query: `{ jobs(first: ${i + 1}) { edges { cursor } } }` })) });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((r: { data: { jobs: { edges: unknown[] } } }) => r.data.jobs.edges.length)).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([0, 101, -1])('first: %i is BAD_USER_INPUT before anything runs', async (first) => {
    const { result, statements } = await countStatements(ctx.database.db, () => gql(ctx.app, `query($n: Int!) { jobs(first: $n) { totalCount } }`, { n: first }));
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!.field).toBe('first');
    expect(statements).toEqual([]);
  });

  it('first is required on connections', async () => {
    const r = await gql(ctx.app, '{ jobs { totalCount } }');
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a cost within the limit runs', async () => {
    const r = await gql(ctx.app, nested(40));
    expect(r.errors).toBeUndefined();
  });
});

describe('errors', () => {
  it('BAD_USER_INPUT names the argument, with every problem as REST lists them', async () => {
    const r = await gql(ctx.app, '{ jobs(first: 5, filter: { salaryMin: 300000, salaryMax: 100000, postedAfter: "2026-02-30" }) { totalCount } }');
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const ext = r.errors![0]!.extensions!;
    expect(ext.field).toMatch(/^filter\./);
    expect(ext.errors).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'filter.postedAfter' })]));
    const rest = await ctx.app.inject('/v1/jobs?limit=5&salary_min=300000&salary_max=100000&posted_after=2026-02-30');
    expect(rest.statusCode).toBe(400);
    expect((ext.errors as unknown[]).length).toBe(rest.json().errors.length);
  });

  it('a REST-only parameter is refused in GraphQL as in REST: status on trends', async () => {
    const r = await gql(ctx.app, '{ postingTrends(filter: { status: open }) { metric } }');
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe('filter.status');
  });

  it('a foreign cursor is BAD_USER_INPUT on after', async () => {
    const r = await gql(ctx.app, '{ jobs(first: 2, after: "not-a-cursor") { totalCount } }');
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe('after');
  });

  it('an unknown job or company is null without an error, as the SDL says ("null when there is none")', async () => {
    const r = await gql(ctx.app, '{ job(id: "00000000-0000-4000-8000-000000000000") { id } company(slug: "nope") { slug } other: job(id: "not-a-real-id") { id } }');
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ job: null, company: null, other: null });
    // REST keeps its 404s for the same lookups.
    for (const url of ['/v1/jobs/00000000-0000-4000-8000-000000000000', '/v1/jobs/not-a-real-id', '/v1/companies/nope']) {
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('a known job or company beside an unknown one: the known one answers, the unknown one is null', async () => {
    const id = ((await ctx.app.inject({ method: 'GET', url: '/v1/jobs?limit=1&status=all' })).json() as { data: { id: string }[] }).data[0]!.id;
    const r = await gql(ctx.app, `query($id: ID!) { job(id: $id) { id } company(slug: "openai") { slug } gone: company(slug: "no-such-company") { slug } }`, { id });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ job: { id }, company: { slug: 'openai' }, gone: null });
  });

  it('bad input to an item lookup is still an error: BAD_USER_INPUT naming the argument, as REST answers 400', async () => {
    for (const [query, field] of [
      [`{ company(slug: "${'x'.repeat(101)}") { slug } }`, 'slug'],
      ['{ company(slug: "") { slug } }', 'slug'],
      [`{ job(id: "${'x'.repeat(101)}") { id } }`, 'id'],
    ] as const) {
      const r = await gql(ctx.app, query);
      expect(codeOf(r), query).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.field, query).toBe(field);
    }
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/companies/${'x'.repeat(101)}` })).statusCode).toBe(400);
  });

  it('UNAUTHENTICATED for a wrong key, as REST (401)', async () => {
    const r = await gql(ctx.app, '{ ok }', undefined, { authorization: 'Bearer hr_live_AAAAAAAAAAAAAAAAAAAAAAAA000000' });
    expect(r.status).toBe(401);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.headers['www-authenticate']).toMatch(/Bearer/);
  });

  it('GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED', async () => {
    expect(codeOf(await gql(ctx.app, '{ jobs('))).toBe('GRAPHQL_PARSE_FAILED');
    expect(codeOf(await gql(ctx.app, '{ nope }'))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('INTERNAL_SERVER_ERROR hides the cause and gives the request id, which the log line has with the cause', async () => {
    // An app of its own: its database loses a table.
    const own = await createTestApp({ env: { LOG_LEVEL: 'error' }, logs: 'error' });
    const { app, database, logs: lines } = own;
    try {
      await database.db.execute(sql`drop table layoffs cascade`);
      const res = await app.inject({ method: 'POST', url: '/graphql', headers: { 'x-request-id': 'gql-req-500' }, payload: { query: '{ layoffs(first: 1) { totalCount } }' } });
      const body = res.json();
      expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'gql-req-500' });
      expect(body.errors[0].message).toContain('gql-req-500');
      expect(res.body).not.toMatch(/relation|does not exist|drop/);
      const logged = lines.find((l) => l.reqId === 'gql-req-500' && l.level === 50);
      expect(JSON.stringify(logged)).toMatch(/does not exist/);
    } finally {
      await own.close();
    }
  });
});
