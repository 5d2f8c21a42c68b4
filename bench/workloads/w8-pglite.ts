import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { searchPaths, throughputRow, expectOk, type Context, type Workload } from '../lib/context.js';
import { runProject } from '../lib/database.js';
import { compare, httpLoad } from '../lib/load.js';
import { apiEnv, startApi, type Server } from '../lib/processes.js';

/** Where W8's embedded database lives: next to a named bench database, or keyed by its contents. */
export const pgliteDir = (o: { db?: string | undefined; pgliteJobs: number; seed: number; until: string }) =>
  o.db ? `data/bench/${o.db}_pglite` : `data/bench/pglite_${o.pgliteJobs}_s${o.seed}_u${o.until.replace(/-/g, '')}`;

/** An embedded database with `jobs` demo postings, loaded once by the project's seeder and then reused. */
async function preparePglite(dir: string, jobs: number, seed: number, until: string, fresh: boolean): Promise<{ dir: string; seeded: boolean }> {
  const complete = `${dir}/.bench-complete`;
  if (existsSync(complete) && !fresh) return { dir, seeded: false };
  rmSync(dir, { recursive: true, force: true });
  await runProject(['src/cli/seed.ts', '--jobs', String(jobs), '--seed', String(seed), '--until', until], { DATABASE_URL: '', PGLITE_DIR: dir }, 'seed pglite');
  writeFileSync(complete, `jobs=${jobs} seed=${seed} until=${until}\n`);
  return { dir, seeded: true };
}

let preparing: Promise<{ dir: string; seeded: boolean }> | undefined;

/** Starts loading W8's embedded database (once); the run starts it early, next to the PostgreSQL load. */
export function preparePgliteEarly(o: Context['o']): Promise<{ dir: string; seeded: boolean }> {
  preparing ??= preparePglite(pgliteDir(o), o.pgliteJobs, o.seed, o.until, o.fresh);
  return preparing;
}

/**
 * W8: the W1 searches on embedded PGlite vs PostgreSQL, same data. PGlite is one connection in the
 * API's process, so it is loaded with fewer postings (--pglite-jobs) when seeding a million into it
 * would take too long; PostgreSQL then runs with a database of the same size.
 */
export const w8: Workload = {
  id: 'W8',
  title: 'PGlite vs PostgreSQL',
  async run(ctx) {
    const n = ctx.o.pgliteJobs;
    const started = Date.now();
    const lite = await preparePgliteEarly(ctx.o);
    const paths = searchPaths();
    let pgServer: Server;
    let ownPg = false;
    if (n === ctx.o.jobs) {
      pgServer = await ctx.api();
    } else {
      const db = await ctx.database(n);
      pgServer = await startApi('api (postgres, W8)', apiEnv({ databaseUrl: db.url, poolSize: ctx.o.connections }));
      ownPg = true;
    }
    let liteServer: Server | undefined;
    try {
      liteServer = await startApi('api (pglite)', apiEnv({ pgliteDir: lite.dir, poolSize: ctx.o.connections }));
      await expectOk(liteServer.url, paths.slice(0, 2));
      const lite_ = liteServer;
      const { lite: subject, pg: limit } = await compare(
        { lite: (s) => httpLoad(lite_.url, paths.map((path) => ({ path })), s), pg: (s) => httpLoad(pgServer.url, paths.map((path) => ({ path })), s) },
        ctx.load,
      );
      ctx.details.W8 = { jobs: n, pgliteDir: lite.dir, prepareSeconds: (Date.now() - started) / 1000, pglitePeakRssMiB: liteServer.peakRssMiB() };
      return [
        throughputRow('W8', `W1 searches on PGlite (${n.toLocaleString('en-US')} postings)`, subject, `PostgreSQL, same ${n.toLocaleString('en-US')} postings`, limit, 0.3, {
          ...(n !== ctx.o.jobs ? { note: `PGlite holds ${n.toLocaleString('en-US')} postings (seeding ${ctx.o.jobs.toLocaleString('en-US')} into it takes too long); both sides use that data set` } : {}),
        }),
      ];
    } finally {
      await liteServer?.stop();
      if (ownPg) await pgServer.stop();
    }
  },
};
