import { throughputRow, type Workload } from '../lib/context.js';
import { httpLoad, RequestMix } from '../lib/load.js';
import { POINT_READ } from '../lib/point-read.js';
import { SEARCH_MIX, searchMix, searchPath } from '../lib/search-mix.js';

/**
 * W1: the search mix (hundreds of distinct searches, see search-mix.ts) against the point read.
 * "The same SQL through pg" is no limit for a search: it slows down exactly as the API's SQL does,
 * so the ratio stays near 1 however slow searching gets; reading one posting by id is a fixed floor.
 */
export const w1: Workload = {
  id: 'W1',
  title: 'search mix',
  async run(ctx) {
    const api = await ctx.api();
    const { requests, pageTwo, empty } = await searchMix(api.url, ctx.load.connections);
    const mix = new RequestMix(requests);
    const m = await httpLoad(api.url, mix, ctx.load);
    const floor = await ctx.pointRead();
    ctx.details.W1 = {
      searches: SEARCH_MIX.map((s) => searchPath(s, 20)),
      requests: mix.size,
      secondPages: pageTwo,
      emptySearches: empty,
      pointRead: floor,
    };
    return [
      throughputRow('W1', `search mix (${mix.size} distinct requests)`, m, POINT_READ, floor, 0.02, {
        note: `${SEARCH_MIX.length} searches × page sizes 10–50, ${pageTwo} of them second pages; sent with Cache-Control: no-cache${empty.length ? `; ${empty.length} searches match nothing here` : ''}`,
      }),
    ];
  },
};
