/**
 * SIGTERM (a deploy, a scale-in) while clients hold keep-alive connections and keep sending. A
 * graceful shutdown answers every request it has accepted, refuses new ones cleanly (503 with
 * Connection: close, or no listener: ECONNREFUSED), never resets a connection under a request,
 * and exits 0.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, startApi } from './api.js';
import { percentile, summary } from './load.js';
import { startPostgres, type PostgresServer } from './services.js';

const CONNECTIONS = 6;
const LOAD_BEFORE_MS = 3000;
/** Bound on how long the workers go on after SIGTERM (close-with-grace waits up to 10 s). */
const AFTER_BOUND_MS = 20_000;

let pg: PostgresServer;

beforeAll(async () => {
  pg = await startPostgres();
  await runCli('seed', ['--jobs', '200'], { DATABASE_URL: pg.url, LOG_LEVEL: 'silent' });
}, 180_000);

afterAll(async () => {
  await pg?.stop();
});

interface Exchange {
  worker: number;
  sentAt: number;
  doneAt: number;
  /** Which TCP connection carried it (numbered as the agent opened them). */
  connection?: number;
  status?: number;
  /** The answer asked to close the connection. */
  connectionClose?: boolean;
  /** Body fully received. */
  complete?: boolean;
  error?: string;
}

/** Light and heavy reads in turn, so some are in flight when the signal arrives. */
const PATHS = ['/v1/jobs?limit=5', '/v1/jobs?limit=100&facets=role,country,company&status=all'];

const RESET = /ECONNRESET|EPIPE|socket hang up|other side closed|UND_ERR_SOCKET/i;

it('SIGTERM under keep-alive load: no connection reset, every request answered or refused cleanly, exit 0', async () => {
  const api = await startApi({ DATABASE_URL: pg.url, SEED_DEMO: 'false', RATE_LIMIT_ANONYMOUS: '100000000' });
  const { hostname, port } = new URL(api.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const sockets = new WeakMap<object, number>();
  let opened = 0;

  const exchange = (worker: number, path: string) =>
    new Promise<Exchange>((resolve) => {
      const sentAt = Date.now();
      const x: Exchange = { worker, sentAt, doneAt: 0 };
      const done = (more: Partial<Exchange>) => {
        if (x.doneAt) return;
        Object.assign(x, more, { doneAt: Date.now() });
        resolve(x);
      };
      const req = http.request({ host: hostname, port: Number(port), path, agent }, (res) => {
        x.status = res.statusCode;
        x.connectionClose = /close/i.test(String(res.headers.connection ?? ''));
        res.resume();
        res.once('end', () => done({ complete: res.complete }));
        res.once('aborted', () => done({ complete: false, error: 'response aborted' }));
        res.once('error', (err: NodeJS.ErrnoException) => done({ complete: false, error: err.code ?? err.message }));
      });
      req.once('socket', (socket) => {
        if (!sockets.has(socket)) sockets.set(socket, ++opened);
        x.connection = sockets.get(socket);
      });
      req.setTimeout(15_000, () => req.destroy(new Error('client timeout')));
      req.once('error', (err: NodeJS.ErrnoException) => done({ error: err.code ? `${err.code}: ${err.message}` : err.message }));
      req.end();
    });

  const exchanges: Exchange[] = [];
  let stopAt = Infinity;
  const workers = Array.from({ length: CONNECTIONS }, async (_, worker) => {
    for (let i = worker; Date.now() < stopAt; i++) {
      const x = await exchange(worker, PATHS[i % PATHS.length]!);
      exchanges.push(x);
      // The listener is gone: this client would go to another instance now.
      if (x.error?.startsWith('ECONNREFUSED')) return;
    }
  });

  let sigtermAt = 0;
  let exitCode: number | string | null = null;
  try {
    await sleep(LOAD_BEFORE_MS);
    sigtermAt = Date.now();
    stopAt = sigtermAt + AFTER_BOUND_MS;
    api.child.kill('SIGTERM');
    exitCode = await Promise.race([api.exited, sleep(AFTER_BOUND_MS).then(() => 'did not exit' as const)]);
    stopAt = Date.now();
    await Promise.all(workers);
  } finally {
    stopAt = Date.now();
    agent.destroy();
    await api.stop(1000);
  }
  const exitedAt = Date.now();

  const before = exchanges.filter((x) => x.sentAt < sigtermAt);
  const inFlight = exchanges.filter((x) => x.sentAt < sigtermAt && x.doneAt >= sigtermAt);
  const after = exchanges.filter((x) => x.sentAt >= sigtermAt);
  const resets = exchanges.filter((x) => x.error !== undefined && RESET.test(x.error));
  const refused = exchanges.filter((x) => x.error?.startsWith('ECONNREFUSED'));
  const answered = exchanges.filter((x) => x.status !== undefined && x.complete);
  const incomplete = exchanges.filter((x) => x.status !== undefined && !x.complete);
  const otherErrors = exchanges.filter((x) => x.error !== undefined && !RESET.test(x.error) && !x.error.startsWith('ECONNREFUSED'));
  const badStatus = answered.filter((x) => x.status !== 200 && x.status !== 503);
  const statuses: Record<string, number> = {};
  for (const x of exchanges) {
    const k = x.status !== undefined ? String(x.status) : String(x.error).split(':')[0]!;
    statuses[k] = (statuses[k] ?? 0) + 1;
  }
  const latencies = answered.map((x) => x.doneAt - x.sentAt);
  summary('sigterm-keepalive', {
    connections: CONNECTIONS,
    connections_opened: opened,
    requests: exchanges.length,
    statuses,
    sent_before_sigterm: before.length,
    in_flight_at_sigterm: inFlight.length,
    in_flight_answered_200: inFlight.filter((x) => x.status === 200 && x.complete).length,
    sent_after_sigterm: after.length,
    after_sigterm_statuses: after.reduce<Record<string, number>>((acc, x) => {
      const k = x.status !== undefined ? String(x.status) : String(x.error).split(':')[0]!;
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {}),
    answers_503_with_connection_close: answered.filter((x) => x.status === 503 && x.connectionClose).length,
    resets: resets.length,
    refused: refused.length,
    incomplete_bodies: incomplete.length,
    other_errors: otherErrors.length,
    latency_p50_ms: percentile(latencies, 50),
    latency_max_ms: latencies.length ? Math.max(...latencies) : null,
    exit_code: exitCode,
    exit_ms_after_sigterm: exitedAt - sigtermAt,
  });

  const sample = (list: Exchange[]) => JSON.stringify(list.slice(0, 5));
  expect.soft(opened, 'connections were kept alive and reused').toBeLessThanOrEqual(CONNECTIONS * 3);
  expect.soft(before.length, 'requests were made before the signal').toBeGreaterThan(CONNECTIONS);
  expect.soft(inFlight.length, 'some requests were in flight when the signal arrived').toBeGreaterThan(0);
  expect.soft(resets.length, `connection resets: ${sample(resets)}\n${api.tail(20)}`).toBe(0);
  expect.soft(incomplete.length, `answers cut short: ${sample(incomplete)}`).toBe(0);
  expect.soft(otherErrors.length, `other failures: ${sample(otherErrors)}`).toBe(0);
  expect.soft(badStatus.length, `answers other than 200 or 503: ${sample(badStatus)}`).toBe(0);
  // Everything sent before the signal was accepted while the server was open: it gets its answer.
  const unanswered = before.filter((x) => !(x.status !== undefined && x.complete));
  expect.soft(unanswered.length, `requests sent before SIGTERM without a complete answer: ${sample(unanswered)}`).toBe(0);
  expect.soft(exitCode, `exit code\n${api.tail(20)}`).toBe(0);
}, 120_000);
