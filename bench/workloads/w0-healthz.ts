import { throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad } from '../lib/load.js';
import { startBare } from '../lib/processes.js';

/** W0: the API's /healthz (every global hook: auth, rate-limit allow list, CORS, helmet…) vs a bare Fastify route. */
export const w0: Workload = {
  id: 'W0',
  title: 'framework overhead',
  async run(ctx) {
    const api = await ctx.api();
    const bare = await startBare();
    try {
      const m = await compare(
        { api: (s) => httpLoad(api.url, [{ path: '/healthz' }], s), bare: (s) => httpLoad(bare.url, [{ path: '/healthz' }], s) },
        ctx.load,
      );
      return [throughputRow('W0', 'GET /healthz', m.api, 'bare Fastify route', m.bare, 0.9)];
    } finally {
      await bare.stop();
    }
  },
};
