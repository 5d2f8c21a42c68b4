import { parseArgs } from 'node:util';

export const WORKLOAD_IDS = ['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8', 'W9', 'W10', 'W11', 'W12'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

export interface BenchOptions {
  /** PostgreSQL server URL (its database part names the maintenance database used to create others). */
  serverUrl: string;
  jobs: number;
  seed: number;
  until: string;
  /** Seconds measured per workload, after the warm-up. */
  duration: number;
  warmup: number;
  connections: number;
  only: WorkloadId[] | undefined;
  /** Use this existing, seeded database as is instead of the cache database. */
  reuse: string | undefined;
  /** Create the cache database as a copy of this one (it must hold the same jobs/seed/until). */
  template: string | undefined;
  /** Drop and reload the cache database even when it is complete. */
  fresh: boolean;
  /** Name of the bench database (default hr_bench_<jobs>_s<seed>). */
  db: string | undefined;
  /** Drop the bench databases at the end (CI). */
  drop: boolean;
  /** Jobs in the embedded (PGlite) database of W8. */
  pgliteJobs: number;
  /** Postings in W11's smaller database (the run's searches and listings at both sizes). */
  growthJobs: number;
  build: boolean;
  /** Where the results JSON goes. */
  out: string;
  /** Replace the table in bench/README.md with this run's. */
  writeReadme: boolean;
  smoke: boolean;
}

export const USAGE = `npm run bench -- [--jobs 1000000] [--seed 2026] [--until 2026-11-25] [--duration 10] [--warmup S]
                 [--connections 10] [--only W1,W3] [--reuse <db> | --template <db> | --fresh] [--db <name>] [--drop]
                 [--pglite-jobs 100000] [--growth-jobs 100000] [--no-build] [--out <file.json>] [--write-readme]
  DATABASE_URL (required) points at the PostgreSQL server; the bench creates its own databases there.`;

function fail(message: string): never {
  console.error(`${message}\nusage: ${USAGE}`);
  process.exit(2);
}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return n;
}

export function parseOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        jobs: { type: 'string' },
        seed: { type: 'string' },
        until: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        only: { type: 'string' },
        reuse: { type: 'string' },
        db: { type: 'string' },
        template: { type: 'string' },
        fresh: { type: 'boolean', default: false },
        drop: { type: 'boolean', default: false },
        'pglite-jobs': { type: 'string' },
        'growth-jobs': { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        out: { type: 'string' },
        'write-readme': { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const serverUrl = env.DATABASE_URL;
  if (!serverUrl || !/^postgres(ql)?:\/\//.test(serverUrl)) fail('DATABASE_URL must point at a PostgreSQL server (postgres://…)');
  const jobs = int('jobs', values.jobs, 1_000_000, 100, 10_000_000);
  const duration = int('duration', values.duration, 10, 1, 3600);
  const until = values.until ?? '2026-11-25';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until))) fail(`--until must be YYYY-MM-DD (got ${JSON.stringify(until)})`);
  let only: WorkloadId[] | undefined;
  if (values.only) {
    only = values.only.split(',').map((s) => s.trim().toUpperCase()) as WorkloadId[];
    const unknown = only.filter((w) => !WORKLOAD_IDS.includes(w));
    if (unknown.length) fail(`--only: unknown workload ${unknown.join(', ')} (known: ${WORKLOAD_IDS.join(', ')})`);
  }
  if (values.db !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(values.db)) fail('--db must be a lower-case SQL identifier');
  if ([values.reuse, values.template, values.fresh || undefined].filter(Boolean).length > 1) fail('--reuse, --template and --fresh exclude each other');
  const smoke = jobs < 100_000 && duration <= 3;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return {
    serverUrl,
    jobs,
    seed: int('seed', values.seed, 2026, 0, 2 ** 31 - 1),
    until,
    duration,
    // A warm-up fills caches and JITs the code paths; a fifth of the measurement, at least a second.
    warmup: values.warmup !== undefined ? Number(values.warmup) : smoke ? 0.5 : Math.max(1, Math.round(duration / 5)),
    connections: int('connections', values.connections, 10, 1, 200),
    only,
    reuse: values.reuse,
    template: values.template,
    fresh: values.fresh,
    db: values.db,
    drop: values.drop,
    pgliteJobs: int('pglite-jobs', values['pglite-jobs'], Math.min(jobs, 100_000), 100, 10_000_000),
    // 100,000 against a full run's million; smaller runs (the CI smoke) compare with a fifth of
    // their size, so W11 still runs and seeding its database takes seconds, not a minute.
    growthJobs: int('growth-jobs', values['growth-jobs'], jobs < 500_000 ? Math.max(100, Math.min(100_000, Math.floor(jobs / 5))) : 100_000, 100, 10_000_000),
    build: !values['no-build'],
    // Smoke runs (CI) are not results worth keeping: they go to a gitignored file.
    out: values.out ?? (smoke ? 'bench/results/smoke.json.tmp' : `bench/results/${stamp}_${jobs}.json`),
    writeReadme: values['write-readme'],
    smoke,
  };
}
