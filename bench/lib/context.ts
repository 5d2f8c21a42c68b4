import pg from 'pg';
import type { CaptureApp } from './capture.js';
import type { PreparedDatabase } from './database.js';
import type { LoadSettings, Measurement } from './load.js';
import type { BenchOptions, WorkloadId } from './options.js';
import type { Row } from './report.js';
import type { Server } from './processes.js';

export interface Context {
  o: BenchOptions;
  load: LoadSettings;
  db: PreparedDatabase;
  /** The API under test (built, own process, in-memory rate limits as in production without Redis). */
  api(): Promise<Server>;
  /** The API built in this process over the same database, to capture the SQL a request sends. */
  capture(): Promise<CaptureApp>;
  /** Raw pg pool for limits: as many connections as the API's pool. */
  pool(): pg.Pool;
  /** Sample job ids (deterministic for a given database). */
  jobIds(): Promise<string[]>;
  /**
   * The point read (see point-read.ts), measured once per run: W3's limit when W3 has run (it
   * records it), otherwise measured on first use. Every ratio against it uses the same figure.
   */
  pointRead(): Promise<Measurement>;
  /** Keeps a point-read measurement for the rest of the run, unless one is kept already. */
  recordPointRead(m: Measurement): void;
  /**
   * Another bench database (W8's PostgreSQL side, W11's smaller one), prepared once per run however
   * many workloads use it (a `--fresh` run reloads it once), and dropped with `--drop`.
   */
  database(jobs: number, name?: string): Promise<PreparedDatabase>;
  /** Details kept in the JSON record, by workload. */
  details: Partial<Record<WorkloadId, unknown>>;
  log(message: string): void;
}

export interface Workload {
  id: WorkloadId;
  title: string;
  run(ctx: Context): Promise<Row[]>;
}

/**
 * Keyword + filter searches over the demo vocabulary (titles, skills, domains) and its largest
 * countries: W8's set (W1's until W1 became a mix of hundreds, see search-mix.ts), kept so W8's
 * PGlite comparison stays what it measured.
 */
export const SEARCHES: [q: string, country: string][] = [
  ['pytorch', 'US'],
  ['llm engineer', 'US'],
  ['kubernetes', 'GB'],
  ['rag', 'DE'],
  ['safety', 'US'],
  ['healthcare', 'CA'],
  ['rust', 'US'],
  ['evals', 'IN'],
  ['fine-tuning', 'US'],
  ['vllm', 'FR'],
];

export const searchPaths = (extra = '') =>
  SEARCHES.map(([q, country]) => `/v1/jobs?q=${encodeURIComponent(q)}&country=${country}&sort=relevance${extra}`);

/** A row comparing a measurement with its limit by throughput (higher is better). */
export function throughputRow(
  id: WorkloadId,
  workload: string,
  subject: Measurement,
  limit: string,
  base: Measurement,
  min: number,
  extra: Partial<Row> = {},
): Row {
  const ratio = subject.rps / base.rps;
  return {
    id,
    workload,
    rps: subject.rps,
    p50: subject.p50,
    p99: subject.p99,
    limit,
    limitRps: base.rps,
    limitP50: base.p50,
    limitP99: base.p99,
    ratio,
    ratioOf: 'req/s ÷ limit req/s',
    target: `≥ ${min}`,
    met: Number.isFinite(ratio) ? ratio >= min : false,
    failures: subject.failures + base.failures,
    ...extra,
  };
}

/** Every request of a set must answer 2xx before it is worth measuring. */
export async function expectOk(baseUrl: string, paths: string[], init: RequestInit = {}): Promise<void> {
  for (const path of paths) {
    const res = await fetch(`${baseUrl}${path}`, init);
    if (res.status < 200 || res.status >= 300) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer().catch(() => undefined);
  }
}
