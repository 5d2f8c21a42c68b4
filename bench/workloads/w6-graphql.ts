import { existsSync } from 'node:fs';
import { throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad, opLoad, type HttpRequestSpec } from '../lib/load.js';
import { POINT_READ } from '../lib/point-read.js';
import { apiEnv, startApi } from '../lib/processes.js';
import type { Row } from '../lib/report.js';

// The shape of the issue that set W6's target: the first `jobs` postings of the first `companies` companies.
const nested = (companies: number, jobs: number) =>
  `query { companies(first: ${companies}) { edges { node { jobs(first: ${jobs}) { edges { node { id title } } } } } } }`;

/** The same POST as `graphql()` sends, for autocannon (the client every other HTTP workload uses). */
const graphqlRequest = (query: string): HttpRequestSpec => ({
  path: '/graphql',
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query }),
});

interface GraphQLAnswer {
  data?: { companies?: { edges: { node: { jobs: { edges: unknown[] } } }[] } } | null;
  errors?: { message: string }[];
}

async function graphql(baseUrl: string, query: string): Promise<GraphQLAnswer> {
  const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  if (res.status === 404) throw new Error('POST /graphql answered 404');
  const body = (await res.json()) as GraphQLAnswer;
  if (res.status !== 200 || body.errors?.length || !body.data?.companies) {
    throw new Error(`POST /graphql answered ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  }
  return body;
}

/** The REST calls a client makes for the same data: the company list, then each company's postings at once. */
async function rest(baseUrl: string, companies: number, jobs: number): Promise<void> {
  const list = await fetch(`${baseUrl}/v1/companies?limit=${companies}`);
  if (list.status !== 200) throw new Error(`GET /v1/companies answered ${list.status}`);
  const { data } = (await list.json()) as { data: { slug: string }[] };
  await Promise.all(
    data.map(async (c) => {
      const res = await fetch(`${baseUrl}/v1/companies/${c.slug}/jobs?limit=${jobs}`);
      if (res.status !== 200) throw new Error(`GET /v1/companies/${c.slug}/jobs answered ${res.status}`);
      await res.arrayBuffer();
    }),
  );
}

/**
 * W6: GraphQL `companies(first: 20) { jobs(first: 10) }` vs the point read, and (reported) vs the
 * 21 REST calls that fetch the same data (both driven by the same fetch client; the point-read ratio
 * uses autocannon, as every other HTTP workload does); SQL statements per
 * request at first: 5 and first: 50 (batched nested lists: they must not grow); mercurius' JIT on
 * (GRAPHQL_JIT=1) vs off (0).
 */
export const w6: Workload = {
  id: 'W6',
  title: 'GraphQL',
  async run(ctx) {
    const title = 'GraphQL companies(first: 20) { jobs(first: 10) }';
    if (!existsSync('src/plugins/graphql.ts')) {
      return [{ id: 'W6', workload: title, note: 'not available: the API has no GraphQL endpoint (src/plugins/graphql.ts)' }];
    }
    const api = await ctx.api();
    try {
      const probe = await graphql(api.url, nested(20, 10));
      if (probe.data!.companies!.edges.length === 0) throw new Error('companies(first: 20) is empty');
    } catch (err) {
      return [{ id: 'W6', workload: title, note: `not available: ${(err as Error).message}` }];
    }

    // Statements per request: captured in-process, as for the SQL limits.
    const app = await ctx.capture();
    const statements: Record<string, number> = {};
    for (const n of [5, 50]) {
      const { status, statements: sent } = await app.capture('/graphql', { query: nested(n, n) });
      if (status !== 200) throw new Error(`GraphQL first: ${n} answered ${status}`);
      statements[`first: ${n}`] = sent.length;
    }
    const restStatements = (await app.capture('/v1/companies?limit=20')).statements.length;

    const noJit = await startApi('api (GRAPHQL_JIT=0)', { ...apiEnv({ databaseUrl: ctx.db.url, poolSize: ctx.o.connections }), GRAPHQL_JIT: '0' } as ReturnType<typeof apiEnv>);
    try {
      const q = nested(20, 10);
      const m = await compare(
        {
          graphql: (s) => httpLoad(api.url, [graphqlRequest(q)], s),
          // The REST comparison needs one client on both sides: fetch, which the 21 REST calls need.
          graphqlFetch: (s) => opLoad([() => graphql(api.url, q)], s),
          rest: (s) => opLoad([() => rest(api.url, 20, 10)], s),
          noJit: (s) => httpLoad(noJit.url, [graphqlRequest(q)], s),
        },
        ctx.load,
      );
      ctx.details.W6 = { query: q, statementsPerRequest: statements, restListStatements: restStatements };
      const same = statements['first: 5'] === statements['first: 50'];
      // Against the point read, like the searches: the REST calls slow down as the GraphQL side's
      // statements do, so their ratio is kept as reported only.
      const floor = await ctx.pointRead();
      const rows: Row[] = [
        throughputRow('W6', title, m.graphql, POINT_READ, floor, 0.05),
        throughputRow('W6', `${title} (fetch client)`, m.graphqlFetch, 'the 21 REST calls for the same data', m.rest, 0.7, {
          target: 'reported',
          met: undefined,
          note: 'both sides through the same fetch client; REST fetches the 20 companies’ postings concurrently',
        }),
        {
          id: 'W6',
          workload: `SQL statements per GraphQL request, first: 5 vs first: 50`,
          ratio: statements['first: 50']! / statements['first: 5']!,
          ratioOf: 'statements at 50 ÷ at 5',
          target: '= 1 (equal)',
          met: same,
          note: `${statements['first: 5']} statements at first: 5, ${statements['first: 50']} at first: 50 (companies(first: n) { jobs(first: n) })`,
        },
        throughputRow('W6', `${title}, JIT on`, m.graphql, 'same query, GRAPHQL_JIT=0', m.noJit, 1, { target: '– (reported)', met: undefined }),
      ];
      return rows;
    } finally {
      await noJit.stop();
    }
  },
};
