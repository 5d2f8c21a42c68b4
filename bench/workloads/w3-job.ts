import { expectOk, throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad, opLoad } from '../lib/load.js';
import { pointReadOps, pointReadStatements } from '../lib/point-read.js';
import { startBareJob } from '../lib/processes.js';

/**
 * W3: one job by id vs the statement the API sends for it, through pg. Also reported: a bare Fastify
 * route sending that statement through pg (its own process), the floor any Fastify service has here.
 * The pg side is the point read W1, W2 and W6 are measured against.
 */
export const w3: Workload = {
  id: 'W3',
  title: 'job by id',
  async run(ctx) {
    const api = await ctx.api();
    await expectOk(api.url, (await ctx.jobIds()).slice(0, 3).map((id) => `/v1/jobs/${id}`));
    const { paths, statements } = await pointReadStatements(ctx);
    ctx.details.W3 = { ids: paths.length, sql: statements[0]!.map((s) => ({ text: s.config.text, values: s.values })) };
    const [first] = statements[0]!;
    const bare = await startBareJob({
      DATABASE_URL: ctx.db.url,
      DATABASE_POOL_SIZE: String(ctx.load.connections),
      BARE_JOB_STATEMENT: JSON.stringify({ text: first!.config.text, name: first!.config.name, rowMode: first!.config.rowMode, rest: (first!.values ?? []).slice(1) }),
    });
    try {
      await expectOk(bare.url, paths.slice(0, 3));
      const requests = paths.map((path) => ({ path }));
      const m = await compare(
        {
          api: (s) => httpLoad(api.url, requests, s),
          sql: (s) => opLoad(pointReadOps(ctx, statements), s),
          bare: (s) => httpLoad(bare.url, requests, s),
        },
        ctx.load,
      );
      // This limit is the point read the searches and listings are measured against (W3 runs first).
      ctx.recordPointRead(m.sql);
      return [
        throughputRow('W3', 'GET /v1/jobs/{id}', m.api, 'same SQL via pg', m.sql, 0.7),
        throughputRow('W3', 'bare Fastify route + same SQL via pg', m.bare, 'same SQL via pg', m.sql, 0.7, { target: 'reported', met: undefined }),
        throughputRow('W3', 'GET /v1/jobs/{id}', m.api, 'bare Fastify route + same SQL via pg', m.bare, 0.7, { target: 'reported', met: undefined }),
      ];
    } finally {
      await bare.stop();
    }
  },
};
