import { throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad, RequestMix } from '../lib/load.js';
import { fetchPage, searchMix, withQuery } from '../lib/search-mix.js';

/** W4: W1's search mix with facet counts vs without (facets may cost at most twice the plain search). */
export const w4: Workload = {
  id: 'W4',
  title: 'facets',
  async run(ctx) {
    const api = await ctx.api();
    const { requests } = await searchMix(api.url, ctx.load.connections);
    const faceted = new RequestMix(withQuery(requests, '&facets=role,workplace,country'));
    const plain = new RequestMix(requests);
    for (const { path } of faceted.requests.slice(0, 3)) {
      const page = (await fetchPage(api.url, path)) as { facets_relation?: string };
      if (page.facets_relation !== 'eq' && page.facets_relation !== 'gte') throw new Error(`${path} answered no facets_relation`);
    }
    const m = await compare({ facets: (s) => httpLoad(api.url, faceted, s), plain: (s) => httpLoad(api.url, plain, s) }, ctx.load);
    return [
      throughputRow('W4', 'W1 mix + facets=role,workplace,country', m.facets, 'W1 mix, no facets', m.plain, 0.5, {
        target: '≥ 0.5 (≤ 2× cost)',
      }),
    ];
  },
};
