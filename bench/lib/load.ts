/** Closed-loop load at a fixed concurrency: HTTP through autocannon, SQL through a pg pool. */
import autocannon from 'autocannon';
import type pg from 'pg';

export interface Measurement {
  /** Completed operations per second. */
  rps: number;
  p50: number;
  p99: number;
  /** Operations completed in the measured window. */
  count: number;
  /** Length of the measured window. */
  seconds: number;
  /** Non-2xx answers, connection errors and timeouts (HTTP), or failed statements (SQL). */
  failures: number;
  /** `amount`: too slow for the window, measured as a fixed number of operations instead. */
  mode?: 'duration' | 'amount';
  /** Status codes seen other than 2xx, with counts. */
  statuses?: Record<string, number>;
}

export interface LoadSettings {
  connections: number;
  duration: number;
  warmup: number;
  /**
   * Resolves once the server has finished what a run left behind. autocannon stops at the end of its
   * window without waiting for the requests in flight, whose statements then go on running into the
   * next measurement (seconds, for searches over a million postings); the operations of the raw side
   * are awaited. Without it, the HTTP side of a slow workload also pays for its predecessor's tail.
   */
  settle?: () => Promise<void>;
}

export interface HttpRequestSpec {
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Requests every connection draws from one shared position, which carries on across a load's
 * warm-up, rounds and repeats: each request of the list is sent once before any is sent again.
 * autocannon's own cycling (a plain list) starts every connection at the first request, so the
 * connections walk the list in lockstep and a short window only ever sends its head; a mix of
 * hundreds of distinct requests meant to leave caches nothing to keep needs this instead.
 */
export class RequestMix {
  private position = 0;

  constructor(readonly requests: readonly HttpRequestSpec[]) {
    if (!requests.length) throw new Error('a request mix needs at least one request');
  }

  get size(): number {
    return this.requests.length;
  }

  next(): HttpRequestSpec {
    return this.requests[this.position++ % this.requests.length]!;
  }
}

const toAutocannon = (r: HttpRequestSpec) => ({
  path: r.path,
  method: r.method ?? 'GET',
  ...(r.headers ? { headers: r.headers } : {}),
  ...(r.body ? { body: r.body } : {}),
});

async function cannon(url: string, requests: HttpRequestSpec[] | RequestMix, connections: number, run: { duration: number } | { amount: number }) {
  return autocannon({
    url,
    connections,
    ...run,
    // Analytics over a million rows can take seconds per request under load: a timeout is a failure, not a data point.
    timeout: 120,
    requests:
      requests instanceof RequestMix
        ? // One dynamic request, rebuilt before every send from the mix's next entry.
          [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...toAutocannon(requests.next()) }) }]
        : requests.map(toAutocannon),
  });
}

/**
 * At least this many completions make a measurement: when requests are so slow that the window
 * holds fewer, the run is repeated as a fixed number of operations (timed from first to last),
 * the same way on both sides of a ratio.
 */
export const minSamples = (connections: number) => 2 * connections;

/** Warm-up, then a measured run; a list is cycled in order by every connection, a mix drawn from in turn by all. */
export async function httpLoad(baseUrl: string, requests: HttpRequestSpec[] | RequestMix, s: LoadSettings): Promise<Measurement> {
  if (s.warmup > 0) {
    await cannon(baseUrl, requests, s.connections, { duration: s.warmup });
    await s.settle?.();
  }
  let r = await cannon(baseUrl, requests, s.connections, { duration: s.duration });
  await s.settle?.();
  let seconds = s.duration;
  let mode: Measurement['mode'] = 'duration';
  if (r['2xx'] + r.non2xx < minSamples(s.connections)) {
    r = await cannon(baseUrl, requests, s.connections, { amount: minSamples(s.connections) });
    seconds = (r.finish.getTime() - r.start.getTime()) / 1000;
    mode = 'amount';
  }
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) if (!code.startsWith('2')) statuses[code] = stat.count ?? 0;
  const ok = r['2xx'];
  return {
    rps: ok / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    count: ok,
    seconds,
    failures: r.non2xx + r.errors + r.timeouts,
    mode,
    ...(Object.keys(statuses).length ? { statuses } : {}),
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * `connections` workers, each running the operations in turn as fast as they complete: the closed
 * loop autocannon runs over HTTP, counted the same way (operations finishing after the window are
 * not counted; too few in the window and it is repeated as a fixed number of operations).
 */
export async function opLoad(operations: (() => Promise<unknown>)[], s: LoadSettings): Promise<Measurement> {
  const phase = async (limit: { seconds: number } | { amount: number }) => {
    const latencies: number[] = [];
    let failures = 0;
    let started = 0;
    const t0 = performance.now();
    const end = 'seconds' in limit ? t0 + limit.seconds * 1000 : Infinity;
    const more = () => ('seconds' in limit ? performance.now() < end : started < limit.amount);
    await Promise.all(
      Array.from({ length: s.connections }, async () => {
        for (let i = 0; more(); i++) {
          started++;
          const t = performance.now();
          try {
            await operations[i % operations.length]!();
            const done = performance.now();
            if (done <= end) latencies.push(done - t);
          } catch {
            failures++;
          }
        }
      }),
    );
    const seconds = 'seconds' in limit ? limit.seconds : (performance.now() - t0) / 1000;
    return { latencies, failures, seconds };
  };
  if (s.warmup > 0) await phase({ seconds: s.warmup });
  let run = await phase({ seconds: s.duration });
  let mode: Measurement['mode'] = 'duration';
  if (run.latencies.length + run.failures < minSamples(s.connections)) {
    run = await phase({ amount: minSamples(s.connections) });
    mode = 'amount';
  }
  const sorted = Float64Array.from(run.latencies).sort();
  return {
    rps: run.latencies.length / run.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    count: run.latencies.length,
    seconds: run.seconds,
    failures: run.failures,
    mode,
  };
}

/** A statement as the API sent it to pg: the query config (text, row mode, type parsers) and its values. */
export interface CapturedStatement {
  config: pg.QueryConfig & { rowMode?: string };
  values: unknown[] | undefined;
}

/** One request's statements, sent the way the service sends them (concurrently, as it does with Promise.all). */
export const replay = (pool: pg.Pool, statements: CapturedStatement[]) => () =>
  Promise.all(statements.map((s) => (s.values === undefined ? pool.query(s.config) : pool.query(s.config, s.values))));

export type Side = (s: LoadSettings) => Promise<Measurement>;

/**
 * Measures both sides of a ratio in alternating rounds (A B A B A B), so a neighbour's burst of CPU
 * use lands on both rather than on one: throughput is the total over the rounds, p50/p99 the median
 * of the rounds' values. The warm-up runs before each side's first round only.
 */
export async function compare<K extends string>(sides: Record<K, Side>, s: LoadSettings, rounds = s.duration >= 6 ? 3 : 1): Promise<Record<K, Measurement>> {
  const keys = Object.keys(sides) as K[];
  const runs = Object.fromEntries(keys.map((k) => [k, [] as Measurement[]])) as Record<K, Measurement[]>;
  for (let round = 0; round < rounds; round++) {
    for (const k of keys) runs[k].push(await sides[k]({ ...s, duration: s.duration / rounds, warmup: round === 0 ? s.warmup : 0 }));
  }
  const median = (values: number[]) => {
    const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    return v.length ? (v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2) : NaN;
  };
  const merged = {} as Record<K, Measurement>;
  for (const k of keys) {
    const m = runs[k];
    const count = m.reduce((a, r) => a + r.count, 0);
    const seconds = m.reduce((a, r) => a + r.seconds, 0);
    const statuses: Record<string, number> = {};
    for (const r of m) for (const [code, n] of Object.entries(r.statuses ?? {})) statuses[code] = (statuses[code] ?? 0) + n;
    merged[k] = {
      rps: count / seconds,
      p50: median(m.map((r) => r.p50)),
      p99: median(m.map((r) => r.p99)),
      count,
      seconds,
      failures: m.reduce((a, r) => a + r.failures, 0),
      mode: m.some((r) => r.mode === 'amount') ? 'amount' : 'duration',
      ...(Object.keys(statuses).length ? { statuses } : {}),
    };
  }
  return merged;
}
