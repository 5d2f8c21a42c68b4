/**
 * Open-loop HTTP load (a request every 1000/rate ms whether or not earlier ones have answered, as
 * real clients do) and the figures the fault tests assert on. Requests go through Node's fetch
 * (undici), which keeps connections alive.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Outcome {
  /** Sequence number of the request within its load. */
  n: number;
  sentAt: number;
  doneAt: number;
  /** HTTP status; undefined when no answer came (see `error`). */
  status?: number;
  retryAfter?: string | null;
  /** `x-result` of partner writes (created / updated / unchanged). */
  result?: string | null;
  /** Problem `type` of an error answer. */
  problem?: string;
  /** Transport failure: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, TimeoutError ... */
  error?: string;
}

export const ms = (o: Outcome) => o.doneAt - o.sentAt;
export const ok = (o: Outcome) => o.status !== undefined && o.status >= 200 && o.status < 300;

/** Names a fetch failure by its most specific code (undici wraps the socket error in `cause`). */
export function errorCode(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'TimeoutError';
  return e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
}

/** One request; never throws: the outcome says what happened. */
export async function send(n: number, url: string, init: RequestInit, timeoutMs: number): Promise<Outcome> {
  const sentAt = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    const outcome: Outcome = { n, sentAt, doneAt: Date.now(), status: res.status, retryAfter: res.headers.get('retry-after'), result: res.headers.get('x-result') };
    if (res.status >= 400) {
      try {
        outcome.problem = String((JSON.parse(text) as { type?: unknown }).type);
      } catch {
        outcome.problem = text.slice(0, 200);
      }
    }
    return outcome;
  } catch (err) {
    return { n, sentAt, doneAt: Date.now(), error: errorCode(err) };
  }
}

export interface Load {
  /** Outcomes of the requests answered (or failed) so far, in completion order. */
  outcomes: Outcome[];
  /** Stops sending, waits for the requests in flight, returns every outcome by sequence number. */
  stop(): Promise<Outcome[]>;
}

/** Calls `request(n)` `rate` times a second until stopped. */
export function openLoop(rate: number, request: (n: number) => Promise<Outcome>): Load {
  const outcomes: Outcome[] = [];
  const inFlight = new Set<Promise<void>>();
  let running = true;
  const interval = 1000 / rate;
  const loop = (async () => {
    const start = Date.now();
    for (let n = 0; running; n++) {
      const p = request(n).then((o) => {
        outcomes.push(o);
        inFlight.delete(p);
      });
      inFlight.add(p);
      // Paced from the start, so a slow event loop does not lower the rate over time.
      const wait = start + (n + 1) * interval - Date.now();
      if (wait > 0) await sleep(wait);
    }
  })();
  return {
    outcomes,
    stop: async () => {
      running = false;
      await loop;
      await Promise.all([...inFlight]);
      return [...outcomes].sort((a, b) => a.n - b.n);
    },
  };
}

export interface ReadyProbe {
  at: number;
  ms: number;
  status?: number;
  body?: Record<string, unknown>;
  error?: string;
}

/** Polls /readyz every `everyMs` until stopped. */
export function pollReady(base: string, everyMs: number): { probes: ReadyProbe[]; stop(): Promise<ReadyProbe[]> } {
  const probes: ReadyProbe[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      try {
        const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });
        const body = (await res.json()) as Record<string, unknown>;
        probes.push({ at, ms: Date.now() - at, status: res.status, body });
      } catch (err) {
        probes.push({ at, ms: Date.now() - at, error: errorCode(err) });
      }
      await sleep(everyMs);
    }
  })();
  return {
    probes,
    stop: async () => {
      running = false;
      await loop;
      return probes;
    },
  };
}

/** Waits until `done()` holds, checking every 100 ms; false when `timeoutMs` passed first or `abort()` holds. */
export async function waitFor(done: () => boolean, timeoutMs: number, abort: () => boolean = () => false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (done()) return true;
    if (abort()) return false;
    await sleep(100);
  }
  return done();
}

export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Counts of each status / transport error, e.g. `{ "201": 120, "503": 4, "ECONNREFUSED": 2 }`. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const k = o.status !== undefined ? String(o.status) : (o.error ?? 'unknown');
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** The one-line JSON summary the lead quotes: `FAULT-SUMMARY {...}`. */
export function summary(test: string, figures: Record<string, unknown>): void {
  console.log(`FAULT-SUMMARY ${JSON.stringify({ test, ...figures })}`);
}
