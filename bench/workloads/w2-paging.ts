import { throughputRow, type Workload } from '../lib/context.js';
import { deepPage, DEPTH, firstPages, LISTING_SORTS, LISTINGS, listingMatches, listingPath, type DeepPage, type ListingSort } from '../lib/listings.js';
import { compare, httpLoad, RequestMix } from '../lib/load.js';
import { POINT_READ } from '../lib/point-read.js';
import type { Row } from '../lib/report.js';
import { NO_CACHE } from '../lib/search-mix.js';

/**
 * W2: filter-only listings (six filter sets × four orders) at page 1 and at page 1,000 by cursor,
 * each against the point read (a listing page is a bounded read of 20 rows by an index: it should
 * stay within a few times the cost of reading one), and page 1,000 against page 1 at p99 (keyset
 * pages must not slow with depth).
 */
export const w2: Workload = {
  id: 'W2',
  title: 'filter-only listings',
  async run(ctx) {
    const api = await ctx.api();
    const pool = ctx.pool();
    const matches = await listingMatches(pool);
    const deep: DeepPage[] = [];
    const single: string[] = [];
    // One cursor at a time: each is an offset query over the whole match, on the API's database.
    for (const [i, l] of LISTINGS.entries()) {
      for (const sort of Object.keys(LISTING_SORTS) as ListingSort[]) {
        const d = await deepPage(api.url, pool, l, sort, matches[i]!);
        if (d) deep.push(d);
        else single.push(listingPath(l, sort));
      }
    }
    if (!deep.length) throw new Error('no listing has a second page in this data set');
    const shallow = deep.filter((d) => d.page < DEPTH);
    ctx.details.W2 = {
      listings: LISTINGS.map((l, i) => ({ query: l.query, matches: matches[i] })),
      deepPages: deep.map(({ path, page, expectedFirstId }) => ({ path: path.split('&cursor=')[0], page, expectedFirstId })),
      singlePage: single,
    };
    const first = new RequestMix(firstPages());
    const deeper = new RequestMix(deep.map((d) => ({ path: d.path, headers: NO_CACHE })));
    const m = await compare({ first: (s) => httpLoad(api.url, first, s), deep: (s) => httpLoad(api.url, deeper, s) }, ctx.load);
    const floor = await ctx.pointRead();
    const notes = [
      shallow.length ? `${shallow.length} of ${deep.length} use their last page (fewer than ${DEPTH.toLocaleString('en-US')} pages in this data set)` : '',
      single.length ? `${single.length} listings have a single page and no deep request` : '',
    ].filter(Boolean);
    const note = notes.length ? { note: notes.join('; ') } : {};
    const ratio = m.deep.p99 / m.first.p99;
    const rows: Row[] = [
      throughputRow('W2', `listings, page 1 (${first.size} requests)`, m.first, POINT_READ, floor, 0.2),
      throughputRow('W2', `listings, page ${DEPTH.toLocaleString('en-US')} (${deeper.size} requests)`, m.deep, POINT_READ, floor, 0.2, note),
      {
        id: 'W2',
        workload: `page ${DEPTH.toLocaleString('en-US')} ÷ page 1, p99`,
        rps: m.deep.rps,
        p50: m.deep.p50,
        p99: m.deep.p99,
        limit: 'page 1, same listings',
        limitRps: m.first.rps,
        limitP50: m.first.p50,
        limitP99: m.first.p99,
        ratio,
        ratioOf: 'p99 ÷ limit p99',
        target: '≤ 1.5 (p99)',
        met: ratio <= 1.5,
        failures: m.first.failures + m.deep.failures,
      },
    ];
    return rows;
  },
};
