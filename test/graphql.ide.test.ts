import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './helpers/app.js';
import { seedTestJobs } from './helpers/data.js';
import { codeOf, gql } from './helpers/graphql.js';

/** The sources a CSP directive allows, e.g. `script-src` → ["'self'", "https://unpkg.com"]. */
function directive(csp: string, name: string): string[] {
  const entry = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return entry ? entry.slice(1) : [];
}
const allows = (sources: string[], url: string) => sources.includes(new URL(url).origin) || sources.includes(`${new URL(url).protocol}//${new URL(url).host}`);

describe('GraphiQL and introspection, on by default', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
    await seedTestJobs(ctx.database.db, 20, 1);
  }, 120_000);
  afterAll(() => ctx?.close());

  it('/graphiql loads, and its policy allows every asset it loads (and nothing else)', async () => {
    const page = await ctx.app.inject('/graphiql');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => new URL(m[1]!, 'http://localhost/graphiql').pathname);
    expect(scripts).toEqual(['/graphiql/config.js', '/graphiql/main.js']);
    for (const path of scripts) expect((await ctx.app.inject(path)).statusCode).toBe(200);
    const main = (await ctx.app.inject('/graphiql/main.js')).body;
    const remote = [...main.matchAll(/'(https:\/\/[^']+)'/g)].map((m) => m[1]!);
    expect(remote.length).toBeGreaterThan(0);
    for (const url of remote) {
      const kind = url.endsWith('.css') ? 'style-src' : 'script-src';
      expect(allows(directive(csp, kind), url), `${kind} allows ${url}`).toBe(true);
    }
    expect(directive(csp, 'connect-src')).toContain("'self'");
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
    // The API keeps its strict policy.
    const api = await ctx.app.inject('/v1/taxonomy');
    expect(directive(String(api.headers['content-security-policy']), 'script-src')).toEqual(["'self'"]);
  });

  it('introspection answers', async () => {
    const r = await gql(ctx.app, '{ __schema { queryType { name } } }');
    expect(r.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('GraphQL routes stay out of the OpenAPI document', async () => {
    const doc = (await ctx.app.inject('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.includes('graph'))).toEqual([]);
  });

  it('a query compiled after its first run (JIT) answers the same', async () => {
    const q = '{ jobs(first: 5, sort: oldest, filter: { status: all }) { totalCount edges { cursor node { id title company { slug } salary { annualUsdMax } } } } }';
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await gql(ctx.app, q)).data);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0].jobs.edges).toHaveLength(5);
  });
});

describe('switched off by configuration', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ GRAPHQL_IDE: 'false', GRAPHQL_INTROSPECTION: 'false', GRAPHQL_JIT: '0' });
  }, 120_000);
  afterAll(() => ctx?.close());

  it('no GraphiQL', async () => {
    expect((await ctx.app.inject('/graphiql')).statusCode).toBe(404);
  });

  it('no introspection, and queries still work', async () => {
    expect(codeOf(await gql(ctx.app, '{ __schema { types { name } } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codeOf(await gql(ctx.app, '{ __type(name: "Job") { name } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await gql(ctx.app, '{ ok }')).data).toEqual({ ok: true });
  });
});
