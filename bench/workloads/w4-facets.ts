import { expectOk, searchPaths, throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad } from '../lib/load.js';

/** W4: the W1 searches with facet counts vs without (facets may cost at most twice the plain search). */
export const w4: Workload = {
  id: 'W4',
  title: 'facets',
  async run(ctx) {
    const api = await ctx.api();
    const plain = searchPaths();
    const faceted = searchPaths('&facets=role,workplace,country');
    await expectOk(api.url, faceted.slice(0, 2));
    const m = await compare(
      { facets: (s) => httpLoad(api.url, faceted.map((path) => ({ path })), s), plain: (s) => httpLoad(api.url, plain.map((path) => ({ path })), s) },
      ctx.load,
    );
    return [
      throughputRow('W4', 'search + facets=role,workplace,country', m.facets, 'same search, no facets', m.plain, 0.5, {
        target: '≥ 0.5 (≤ 2× cost)',
      }),
    ];
  },
};
