import { expectOk, throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad, opLoad, replay } from '../lib/load.js';
import { capturePaths } from './w1-search.js';

/** W3: one job by id vs the statement the API sends for it, through pg. */
export const w3: Workload = {
  id: 'W3',
  title: 'job by id',
  async run(ctx) {
    const paths = (await ctx.jobIds()).map((id) => `/v1/jobs/${id}`);
    const api = await ctx.api();
    await expectOk(api.url, paths.slice(0, 3));
    const statements = await capturePaths(ctx, paths);
    ctx.details.W3 = { ids: paths.length, sql: statements[0]!.map((s) => ({ text: s.config.text, values: s.values })) };
    const pool = ctx.pool();
    const m = await compare(
      { api: (s) => httpLoad(api.url, paths.map((path) => ({ path })), s), sql: (s) => opLoad(statements.map((st) => replay(pool, st)), s) },
      ctx.load,
    );
    return [throughputRow('W3', 'GET /v1/jobs/{id}', m.api, 'same SQL via pg', m.sql, 0.7)];
  },
};
