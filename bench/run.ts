/**
 * `npm run bench`: every hot path as a ratio against its limit measured in the same run on the same
 * data (bare Fastify, the same SQL through pg, COPY, PostgreSQL for PGlite…), so the figures survive
 * a noisy machine. See bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import pg from 'pg';
import { SESSION_OPTIONS } from '../src/db/index.js';
import { captureApp, type CaptureApp } from './lib/capture.js';
import type { Context, Workload } from './lib/context.js';
import { apiStatementsDone, dropDatabase, migrationState, prepareDatabase, serverVersion, type PreparedDatabase } from './lib/database.js';
import type { Measurement } from './lib/load.js';
import { parseOptions, type WorkloadId } from './lib/options.js';
import { measurePointRead } from './lib/point-read.js';
import { apiEnv, startApi, type Server } from './lib/processes.js';
import { machine, markdownTable, terminalTable, updateReadme, writeJson, type Row } from './lib/report.js';
import { w0 } from './workloads/w0-healthz.js';
import { w1 } from './workloads/w1-search.js';
import { w2 } from './workloads/w2-paging.js';
import { w3 } from './workloads/w3-job.js';
import { w4 } from './workloads/w4-facets.js';
import { w5 } from './workloads/w5-analytics.js';
import { w6 } from './workloads/w6-graphql.js';
import { w7 } from './workloads/w7-batch.js';
import { pgliteDir, preparePgliteEarly, w8 } from './workloads/w8-pglite.js';
import { w9 } from './workloads/w9-rate-limit.js';
import { growthDatabase, w11 } from './workloads/w11-growth.js';
import { w12 } from './workloads/w12-webhooks.js';

// Read-only workloads first; W12 and W7 write (and remove what they wrote), so they run last. W3 runs before
// W1: its limit (the point read) is the floor W1, W2 and W6 are measured against.
const WORKLOADS: Workload[] = [w0, w3, w1, w2, w4, w5, w6, w8, w9, w11, w12, w7];

const o = parseOptions();
const started = new Date();
const log = (message: string) => console.log(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)}s] ${message}`);
const wanted = (id: WorkloadId) => !o.only || o.only.includes(id);

// The build, the PostgreSQL load and W8's PGlite load are independent: they overlap.
const building = o.build
  ? new Promise<void>((resolve) => {
      log('npm run build');
      const build = spawn('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
      build.on('exit', (code) => {
        // tsc still emits on type errors; measuring what it emitted beats measuring nothing.
        if (code !== 0 && !existsSync('dist/src/main.js')) process.exit(1);
        if (code !== 0) log('warning: the build reported errors; measuring what it emitted');
        resolve();
      });
    })
  : Promise.resolve();
const pgliteReady = wanted('W8') ? preparePgliteEarly(o).catch((err: Error) => err) : undefined;

// Other bench databases (W8's PostgreSQL side, W11's smaller one), each prepared once per run.
const sideDatabases = new Map<string, Promise<PreparedDatabase>>();
function sideDatabase(jobs: number, name?: string): Promise<PreparedDatabase> {
  const key = name ?? `jobs=${jobs}`;
  let prepared = sideDatabases.get(key);
  if (!prepared) {
    log(`database with ${jobs.toLocaleString('en-US')} postings${name ? ` (${name})` : ''}`);
    prepared = prepareDatabase(o.serverUrl, { jobs, seed: o.seed, until: o.until, fresh: o.fresh, ...(name ? { name } : {}) });
    sideDatabases.set(key, prepared);
    prepared.catch(() => sideDatabases.delete(key));
  }
  return prepared;
}
// W11's is small or already loaded: preparing it next to the build costs the run nothing.
const growth = wanted('W11') ? growthDatabase(o) : null;
if (growth) void sideDatabase(growth.jobs, growth.name);

log(`database with ${o.jobs.toLocaleString('en-US')} postings (seed ${o.seed}, until ${o.until})`);
const db = await prepareDatabase(o.serverUrl, { jobs: o.jobs, seed: o.seed, until: o.until, fresh: o.fresh, reuse: o.reuse, template: o.template, ...(o.db ? { name: o.db } : {}) });
db.migrations = await migrationState(db.url);
log(`using ${db.name} (${db.origin}${db.seedSeconds !== null ? `, ready in ${db.seedSeconds.toFixed(0)} s` : ''}; migrations ${db.migrations})`);
await building;
void pgliteReady;

let api: Server | undefined;
let capture: CaptureApp | undefined;
let pool: pg.Pool | undefined;
let ids: string[] | undefined;
let pointRead: Promise<Measurement> | undefined;
const details: Context['details'] = {};
const ctx: Context = {
  o,
  load: { connections: o.connections, duration: o.duration, warmup: o.warmup, settle: () => apiStatementsDone(o.serverUrl) },
  db,
  details,
  log,
  async api() {
    api ??= await startApi('api', apiEnv({ databaseUrl: db.url, poolSize: o.connections }));
    return api;
  },
  async capture() {
    capture ??= await captureApp(db.url);
    return capture;
  },
  pool() {
    // The API's session settings too: the same SQL must run under the same planner settings.
    pool ??= new pg.Pool({ connectionString: db.url, max: o.connections, application_name: 'hiring-radar-bench', options: SESSION_OPTIONS });
    return pool;
  },
  async jobIds() {
    if (!ids) {
      // A fixed pseudo-random sample: the same rows on every run over the same database.
      const { rows } = await ctx.pool().query<{ id: string }>('select id from jobs tablesample bernoulli (1) repeatable (42) limit 50');
      ids = rows.map((r) => r.id);
      if (!ids.length) ({ rows: ids } = { rows: (await ctx.pool().query<{ id: string }>('select id from jobs limit 50')).rows.map((r) => r.id) });
    }
    return ids;
  },
  pointRead() {
    if (!pointRead) {
      log('  measuring the point read (W3 has not run): the job-by-id statement through pg');
      pointRead = measurePointRead(ctx);
      pointRead.catch(() => (pointRead = undefined));
    }
    return pointRead;
  },
  recordPointRead(m) {
    pointRead ??= Promise.resolve(m);
  },
  database: sideDatabase,
};

const rows: Row[] = [];
const apiEnded: { workload: WorkloadId; how: string; peakRssMiB: number | null }[] = [];
for (const workload of WORKLOADS) {
  if (!wanted(workload.id)) continue;
  log(`${workload.id} ${workload.title}`);
  const errorsBefore = api?.stderr().length ?? 0;
  const peakRss = api?.peakRssMiB() ?? null;
  try {
    const result = await workload.run(ctx);
    for (const row of result) {
      rows.push(row);
      const verdict = row.met === undefined ? 'reported' : row.met ? 'met' : 'MISSED';
      const ratio = row.ratio === undefined ? '' : ` ratio ${row.ratio.toFixed(2)} (${row.target}: ${verdict})`;
      log(`  ${row.workload}: ${row.rps === undefined ? row.note ?? '' : `${row.rps.toFixed(1)} ${row.unit ?? 'req/s'}`}${ratio}${row.failures ? `, ${row.failures} failed` : ''}`);
    }
  } catch (err) {
    const message = (err as Error).message.split('\n')[0]!;
    log(`  ${workload.id} failed: ${(err as Error).message.slice(0, 2000)}`);
    rows.push({ id: workload.id, workload: workload.title, note: `failed: ${message}` });
    // The row keeps the first line; what follows it (a server's output before it exited) goes to the record.
    details[workload.id] = { ...(details[workload.id] as object | undefined), error: (err as Error).message.slice(0, 8000) };
  }
  const logged = api?.stderr().slice(errorsBefore).trim();
  const ended = api?.exited();
  if (api && ended) {
    // The API died: say so on the workload's row, and give the next workload a new process.
    log(`  the API process ended during ${workload.id} (${ended})`);
    const last = rows.at(-1);
    const note = `the API process ended during this workload (${ended})`;
    if (last?.id === workload.id) last.note = [last.note, note].filter(Boolean).join('; ');
    else rows.push({ id: workload.id, workload: workload.title, note });
    apiEnded.push({ workload: workload.id, how: ended, peakRssMiB: peakRss });
    api = undefined;
  }
  if (logged) {
    log(`  the API logged during ${workload.id}:\n${logged.slice(0, 2000)}`);
    const last = rows.at(-1);
    if (last?.id === workload.id) last.note = [last.note, 'the API logged warnings or errors (see the JSON record)'].filter(Boolean).join('; ');
    details[workload.id] = { ...(details[workload.id] as object | undefined), apiLog: logged.slice(0, 8000) };
  }
}

if (wanted('W10')) {
  const rss = api?.peakRssMiB() ?? null;
  rows.push(
    rss === null
      ? { id: 'W10', workload: 'peak RSS of the API process', note: 'not available: no API process ran' }
      : {
          id: 'W10',
          workload: 'peak RSS of the API process (VmHWM)',
          unit: 'MiB',
          rps: rss,
          note: `the process that served ${rows.filter((r) => ['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W11'].includes(r.id) && r.rps !== undefined).map((r) => r.id).filter((v, i, a) => a.indexOf(v) === i).join(', ')}`,
        },
  );
}

await api?.stop();
await capture?.close();
await pool?.end();
if (o.drop) {
  log(`dropping ${db.name}`);
  if (db.origin !== 'reuse') await dropDatabase(o.serverUrl, db.name);
  if (wanted('W8')) rmSync(pgliteDir(o), { recursive: true, force: true });
  // W8's and W11's other databases, those that were prepared.
  for (const prepared of sideDatabases.values()) {
    const side = await prepared.catch(() => undefined);
    if (side && side.name !== db.name) await dropDatabase(o.serverUrl, side.name);
  }
}

const env = machine(await serverVersion(o.serverUrl));
// What was measured: the commit, and whether the working tree differed from it.
const git = (args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
const code = { commit: git(['rev-parse', '--short', 'HEAD']), uncommittedChanges: git(['status', '--porcelain', '--', 'src', 'tools', 'migrations']).split('\n').filter(Boolean).length };
const finished = new Date();
const header =
  `${o.jobs.toLocaleString('en-US')} postings (seed ${o.seed}, until ${o.until}), ${o.connections} connections, ` +
  `${o.warmup} s warm-up + ${o.duration} s per measurement; ${env.nproc} CPUs (${env.cpu}), ${env.ramGiB} GiB RAM, ` +
  `PostgreSQL ${env.postgres}, Node ${env.node}; load average at start ${env.loadAverage.join(' ')}`;
console.log(`\n${header}\n\n${terminalTable(rows)}\n`);
writeJson(o.out, { started: started.toISOString(), finished: finished.toISOString(), seconds: (finished.getTime() - started.getTime()) / 1000, options: { ...o, serverUrl: undefined }, database: db, code, machine: env, rows, details, apiEnded });
log(`results written to ${o.out}`);
if (o.writeReadme) {
  updateReadme('bench/README.md', `Run of ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${header}.\n\n${markdownTable(rows)}\n\nRecord: \`${o.out}\`.`);
  log('bench/README.md updated');
}
const missed = rows.filter((r) => r.met === false).map((r) => r.id);
const failed = rows.filter((r) => r.note?.startsWith('failed') || r.failures);
log(`${rows.filter((r) => r.met).length} targets met, ${missed.length} missed${missed.length ? ` (${[...new Set(missed)].join(', ')})` : ''}${failed.length ? `; ${failed.length} rows with failures` : ''}`);
// Missed targets are findings, not errors; a workload that could not run (or answered errors) is an error.
process.exit(failed.length ? 1 : 0);
