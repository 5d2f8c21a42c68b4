import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { codeOf, gql } from '../helpers/graphql.js';

/** The sources a CSP directive allows, e.g. `script-src` → ["'self'"]. */
function directive(csp: string, name: string): string[] {
  const entry = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return entry ? entry.slice(1) : [];
}

describe('GraphiQL and introspection, on by default', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
    await seedTestJobs(ctx.database.db, 20, 1);
  }, 120_000);
  afterAll(() => ctx?.close());

  it('/graphiql loads every asset from this origin, and its policy allows no other', async () => {
    const page = await ctx.app.inject('/graphiql');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    const urls = [...page.body.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.map((u) => u.replace(/@[^/]+/, '@V'))).toEqual([
      '/graphiql/assets/graphiql@V/graphiql.min.css',
      '/graphiql/assets/react@V/react.production.min.js',
      '/graphiql/assets/react-dom@V/react-dom.production.min.js',
      '/graphiql/assets/graphiql@V/graphiql.min.js',
      '/graphiql/main.js',
    ]);
    expect(page.body).toContain('data-endpoint="/graphql"');
    for (const url of urls) {
      const r = await ctx.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      // Versioned assets never change; the page's own script is revalidated.
      expect(r.headers['cache-control'], url).toBe(url.includes('@') ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (url.includes('@')) expect(r.headers['content-encoding'], url).toBe('br');
    }
    const plain = await ctx.app.inject({ url: urls[3]!, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toMatch(/GraphiQL/);
    expect(plain.body).not.toMatch(/sourceMappingURL/);
    // Nothing from other origins: the same policy as the API's.
    for (const name of ['script-src', 'style-src', 'img-src', 'font-src', 'connect-src']) {
      expect(directive(csp, name).filter((src) => /^(https?|wss?):/.test(src) || src.includes('.')), name).toEqual([]);
    }
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(directive(csp, 'connect-src')).toEqual(["'self'"]);
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
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
    expect((await ctx.app.inject('/graphiql/main.js')).statusCode).toBe(404);
  });

  it('no introspection, and queries still work', async () => {
    expect(codeOf(await gql(ctx.app, '{ __schema { types { name } } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codeOf(await gql(ctx.app, '{ __type(name: "Job") { name } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await gql(ctx.app, '{ ok }')).data).toEqual({ ok: true });
  });
});
