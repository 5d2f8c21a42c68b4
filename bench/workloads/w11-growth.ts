import type { Context, Workload } from '../lib/context.js';
import { firstPages } from '../lib/listings.js';
import { compare, httpLoad, RequestMix, type Measurement } from '../lib/load.js';
import { apiEnv, startApi } from '../lib/processes.js';
import type { Row } from '../lib/report.js';
import { fetchPage, searchMix } from '../lib/search-mix.js';

// autocannon reports latencies in whole milliseconds: a p50 under that resolution is counted as 1 ms.
const RESOLUTION_MS = 1;

/** A row comparing the median latency at the run's size with the same at the smaller size (lower is better). */
function growthRow(workload: string, big: Measurement, limit: string, small: Measurement, max: number): Row {
  const clamped = big.p50 < RESOLUTION_MS || small.p50 < RESOLUTION_MS;
  const ratio = Math.max(big.p50, RESOLUTION_MS) / Math.max(small.p50, RESOLUTION_MS);
  return {
    id: 'W11',
    workload,
    rps: big.rps,
    p50: big.p50,
    p99: big.p99,
    limit,
    limitRps: small.rps,
    limitP50: small.p50,
    limitP99: small.p99,
    ratio,
    ratioOf: 'p50 ÷ limit p50',
    target: `≤ ${max} (p50)`,
    met: Number.isFinite(ratio) ? ratio <= max : false,
    failures: big.failures + small.failures,
    ...(clamped ? { note: `a p50 below autocannon's ${RESOLUTION_MS} ms resolution is counted as ${RESOLUTION_MS} ms` } : {}),
  };
}

/**
 * W11's smaller database, or null when the run is not larger than it (W11 is then skipped). A named
 * run (--db) keeps its smaller database to itself too, as it keeps its main one.
 */
export function growthDatabase(o: Context['o']): { jobs: number; name: string | undefined } | null {
  if (o.jobs <= o.growthJobs) return null;
  return { jobs: o.growthJobs, name: o.db ? `${o.db}_g${o.growthJobs}` : undefined };
}

/**
 * W11: how searching and listing grow with the data. W1's search mix and W2's first pages, sent to
 * the API over the run's database and to a second API process over a database of --growth-jobs
 * postings (loaded the same way), all four measured in alternating rounds; the p50 at the run's size
 * may be at most twice the p50 at the smaller one (ten times the postings at a full run).
 */
export const w11: Workload = {
  id: 'W11',
  title: 'growth with the data',
  async run(ctx) {
    const { jobs, growthJobs, connections } = ctx.o;
    const big = jobs.toLocaleString('en-US');
    const small = growthJobs.toLocaleString('en-US');
    const growthDb = growthDatabase(ctx.o);
    if (!growthDb) {
      return [{ id: 'W11', workload: 'growth with the data', note: `skipped: --jobs ${big} is not larger than --growth-jobs ${small}` }];
    }
    const api = await ctx.api();
    // Usually ready already: the run starts preparing it next to the build and the main database.
    const db = await ctx.database(growthDb.jobs, growthDb.name);
    const growth = await startApi(`api (${small} postings, W11)`, apiEnv({ databaseUrl: db.url, poolSize: connections }));
    try {
      // Each API gets its own mix: second-page cursors belong to the database they were made on.
      const [bigMix, smallMix] = await Promise.all([searchMix(api.url, connections), searchMix(growth.url, connections)]);
      for (const { path } of firstPages()) await fetchPage(growth.url, path);
      const mixes = {
        searchBig: new RequestMix(bigMix.requests),
        searchSmall: new RequestMix(smallMix.requests),
        listBig: new RequestMix(firstPages()),
        listSmall: new RequestMix(firstPages()),
      };
      const m = await compare(
        {
          searchBig: (s) => httpLoad(api.url, mixes.searchBig, s),
          searchSmall: (s) => httpLoad(growth.url, mixes.searchSmall, s),
          listBig: (s) => httpLoad(api.url, mixes.listBig, s),
          listSmall: (s) => httpLoad(growth.url, mixes.listSmall, s),
        },
        ctx.load,
      );
      const logged = growth.stderr().trim();
      ctx.details.W11 = {
        growthDatabase: db.name,
        growthJobs,
        searchRequests: { [jobs]: bigMix.requests.length, [growthJobs]: smallMix.requests.length },
        growthPeakRssMiB: growth.peakRssMiB(),
        ...(logged ? { growthApiLog: logged.slice(0, 8000) } : {}),
      };
      const rows = [
        growthRow(`W1 search mix p50, ${big} ÷ ${small} postings`, m.searchBig, `same mix at ${small} postings`, m.searchSmall, 2),
        growthRow(`W2 listings page 1 p50, ${big} ÷ ${small} postings`, m.listBig, `same listings at ${small} postings`, m.listSmall, 2),
      ];
      const sizes = `${bigMix.requests.length} search requests at ${big} postings, ${smallMix.requests.length} at ${small} (second pages where the data has them)`;
      rows[0]!.note = [sizes, rows[0]!.note].filter(Boolean).join('; ');
      const ended = growth.exited();
      if (logged || ended) {
        rows[1]!.note = [rows[1]!.note, ended ? `the ${small}-posting API ended (${ended})` : 'the API over the smaller database logged warnings or errors (see the JSON record)']
          .filter(Boolean)
          .join('; ');
      }
      return rows;
    } finally {
      await growth.stop();
    }
  },
};
