import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Counts compilations: graphql-jit's compileQuery is wrapped before mercurius loads it.
const require = createRequire(import.meta.url);
const jitPath = require.resolve('graphql-jit');
const real = require('graphql-jit') as { compileQuery: (...args: unknown[]) => unknown; isCompiledQuery: unknown; fieldExpansionEnricher: unknown; isLeafField: unknown };
let compiled = 0;
require.cache[jitPath]!.exports = {
  ...Object.fromEntries(Object.keys(real).map((k) => [k, (real as Record<string, unknown>)[k]])),
  compileQuery: (...args: unknown[]) => {
    compiled++;
    return real.compileQuery(...args);
  },
};
const { createTestApp } = await import('../helpers/app.js');
const { gql } = await import('../helpers/graphql.js');

const QUERY = '{ jobs(first: 3, filter: { status: all }) { totalCount edges { node { id company { slug } } } } }';

describe.each([
  ['1', 1],
  ['0', 0],
])('GRAPHQL_JIT=%s', (setting, expectedCompilations) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp({ GRAPHQL_JIT: setting });
  }, 120_000);
  afterAll(() => ctx?.close());

  it(`compiles a query ${expectedCompilations ? 'once, after its first run' : 'never'}, with the same answers`, async () => {
    compiled = 0;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await gql(ctx.app, QUERY)).data);
    expect(compiled).toBe(expectedCompilations);
    for (const a of answers) expect(a).toEqual(answers[0]);
  });
});
