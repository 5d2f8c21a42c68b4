import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { CircuitBreaker } from '../../src/plugins/rate-limit.js';
import { createTestApp, type TestContext } from '../helpers/app.js';

describe('CircuitBreaker', () => {
  function breaker(threshold = 3, cooldownMs = 1000) {
    let now = 0;
    const events: string[] = [];
    const b = new CircuitBreaker({ threshold, cooldownMs, now: () => now, onOpen: () => events.push('open'), onClose: () => events.push('close') });
    return { b, events, advance: (ms: number) => void (now += ms) };
  }

  it('opens after `threshold` consecutive failures; a success in between starts the count again', () => {
    const { b, events } = breaker(3);
    b.failure(b.admit()!);
    b.failure(b.admit()!);
    b.success(b.admit()!);
    b.failure(b.admit()!);
    b.failure(b.admit()!);
    expect(b.state).toBe('closed');
    b.failure(b.admit()!);
    expect(b.state).toBe('open');
    expect(events).toEqual(['open']);
    expect(b.admit()).toBeNull();
  });

  it('after the cool-down lets exactly one probe through; its failure opens it for another cool-down', () => {
    const { b, advance } = breaker(1, 1000);
    b.failure(b.admit()!);
    advance(999);
    expect([b.state, b.admit()]).toEqual(['open', null]);
    advance(1);
    expect(b.state).toBe('half-open');
    expect(b.admit()).toBe('probe');
    // While the probe is out, everyone else takes the fallback (nobody waits on it).
    expect(b.admit()).toBeNull();
    expect(b.state).toBe('half-open');
    advance(250);
    b.failure('probe');
    expect([b.state, b.admit()]).toEqual(['open', null]);
    advance(1000);
    expect(b.admit()).toBe('probe');
  });

  it("a probe's success closes it", () => {
    const { b, events, advance } = breaker(2, 500);
    b.failure(b.admit()!);
    b.failure(b.admit()!);
    advance(500);
    b.success(b.admit()!);
    expect(b.state).toBe('closed');
    expect(b.admit()).toBe('call');
    expect(events).toEqual(['open', 'close']);
    // The failure count started again from zero.
    b.failure(b.admit()!);
    expect(b.state).toBe('closed');
  });

  it('calls admitted before it opened do not move it once open (late failures or successes)', () => {
    const { b, events, advance } = breaker(2, 1000);
    const inFlight = [b.admit()!, b.admit()!, b.admit()!, b.admit()!];
    b.failure(inFlight[0]!);
    b.failure(inFlight[1]!);
    expect(b.state).toBe('open');
    advance(600);
    b.failure(inFlight[2]!); // would restart the cool-down if counted
    b.success(inFlight[3]!); // would close it without a probe if counted
    expect(b.state).toBe('open');
    advance(400);
    expect(b.admit()).toBe('probe');
    expect(events).toEqual(['open']);
  });

  it('a probe that never settles does not keep it shut for good', () => {
    const { b, advance } = breaker(1, 1000);
    b.failure(b.admit()!);
    advance(1000);
    expect(b.admit()).toBe('probe');
    advance(999);
    expect(b.admit()).toBeNull();
    advance(1);
    expect(b.admit()).toBe('probe');
  });
});

describe('/readyz without Redis', () => {
  it('reports the breaker closed', async () => {
    const ctx = await createTestApp();
    try {
      const res = await ctx.app.inject('/readyz');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ rate_limit_store: 'memory', rate_limit_breaker: 'closed' });
    } finally {
      await ctx.close();
    }
  });
});

/**
 * A Redis that hangs (SIGSTOP: the connection stays open, nothing answers) behind real sockets:
 * a redis-server of this test's own on a free port, never the shared one.
 */
const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasRedisServer) console.warn('rate-limit-breaker.test.ts: the Redis tests are skipped, redis-server is not installed');

const TIMEOUT_MS = 250;
const THRESHOLD = 3;
const COOLDOWN_MS = 1000;
const HANG_MS = 4000;
/** A request slower than this waited for Redis's timeout. */
const SLOW_MS = TIMEOUT_MS - 10;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
};

describe.skipIf(!hasRedisServer)('a hung Redis: the breaker keeps it out of the request path', () => {
  let child: ChildProcess | undefined;
  let stopped = false;
  let redis: Redis;
  let ctx: TestContext;
  let app: FastifyInstance;
  let base: string;
  let secret: string;
  let counter: string;
  const prefix = `hr:test:breaker:${process.pid}:`;

  beforeAll(async () => {
    const port = await freePort();
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: (n) => (n > 50 ? null : 100) });
    redis.on('error', () => {});
    for (let i = 0; i < 50; i++) {
      if ((await redis.ping().catch(() => null)) === 'PONG') break;
      await sleep(100);
    }
    expect(await redis.ping()).toBe('PONG');

    ctx = await createTestApp({
      env: {
        REDIS_URL: url,
        RATE_LIMIT_REDIS_PREFIX: prefix,
        RATE_LIMIT_FREE: '1000000',
        RATE_LIMIT_REDIS_TIMEOUT_MS: String(TIMEOUT_MS),
        RATE_LIMIT_BREAKER_THRESHOLD: String(THRESHOLD),
        RATE_LIMIT_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
      },
      listen: true,
    });
    app = ctx.app;
    base = ctx.url!;
    const key = await createKey(ctx.database.db, { name: 'breaker', tier: 'free' });
    secret = key.secret;
    counter = `${prefix}key:${key.key.id}`;
  }, 120_000);

  afterAll(async () => {
    // A stopped process ignores SIGTERM until it is continued.
    if (child?.pid && child.exitCode === null) {
      if (stopped) process.kill(child.pid, 'SIGCONT');
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000).then(() => child!.kill('SIGKILL'))]);
    }
    await ctx?.close();
    redis?.disconnect();
  });

  /** One real HTTP request, timed. */
  async function hit(path = '/v1/taxonomy') {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${secret}` }, signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, ms: performance.now() - started, body };
  }

  it('only the first few requests pay the timeout; /readyz shows the breaker open; after SIGCONT it closes and counting returns to Redis', async () => {
    // Healthy: counted in Redis, fast.
    const healthy: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await hit();
      expect(res.status).toBe(200);
      healthy.push(res.ms);
    }
    expect(await redis.get(counter)).toBe('20');
    expect(app.rateLimitHealth()).toEqual({ store: 'redis', redisFailures: 0, breaker: 'closed' });

    // Hung: the process is stopped, its socket stays open and nothing answers.
    process.kill(child!.pid!, 'SIGSTOP');
    stopped = true;
    const during: { ms: number; at: number }[] = [];
    let readyWhileOpen: Record<string, unknown> | undefined;
    const started = performance.now();
    try {
      while (performance.now() - started < HANG_MS) {
        const res = await hit();
        expect(res.status).toBe(200);
        during.push({ ms: res.ms, at: performance.now() - started });
        // Right after it opened (well within the cool-down): what readiness shows.
        if (!readyWhileOpen && during.length > THRESHOLD && res.ms < SLOW_MS) readyWhileOpen = (await hit('/readyz')).body;
      }
    } finally {
      process.kill(child!.pid!, 'SIGCONT');
      stopped = false;
    }
    const slow = during.filter((r) => r.ms >= SLOW_MS);
    const hang = during.map((r) => r.ms);
    const probes = slow.length - THRESHOLD;
    console.info(
      `hung Redis for ${HANG_MS} ms: ${during.length} requests, ${slow.length} paid the ${TIMEOUT_MS} ms timeout ` +
        `(${THRESHOLD} to open + ${probes} probes); p50 ${percentile(hang, 50).toFixed(1)} ms, p90 ${percentile(hang, 90).toFixed(1)} ms, ` +
        `max ${Math.max(...hang).toFixed(0)} ms; healthy p50 ${percentile(healthy, 50).toFixed(1)} ms`,
    );
    // The first THRESHOLD waited for the timeout (that is how the breaker learns), and no longer than it allows.
    for (const r of during.slice(0, THRESHOLD)) {
      expect(r.ms).toBeGreaterThanOrEqual(SLOW_MS);
      expect(r.ms).toBeLessThan(TIMEOUT_MS + 500);
    }
    // After that, only the probes: one per cool-down (each one's 250 ms plus a cool-down apart).
    expect(probes).toBeGreaterThanOrEqual(1);
    expect(probes).toBeLessThanOrEqual(Math.ceil(HANG_MS / COOLDOWN_MS));
    for (const [i, probe] of slow.slice(THRESHOLD).entries()) {
      const previous = slow[THRESHOLD - 1 + i]!;
      expect(probe.at - previous.at, 'probes are a cool-down apart').toBeGreaterThanOrEqual(COOLDOWN_MS);
    }
    expect(during.length).toBeGreaterThan(10 * slow.length);
    expect(percentile(hang, 50)).toBeLessThan(50);
    expect(readyWhileOpen).toMatchObject({ status: 'ready', rate_limit_store: 'redis-degraded', rate_limit_breaker: 'open' });
    // Only calls that reached Redis count as its failures; the ones the breaker held back do not.
    expect(app.rateLimitHealth().redisFailures).toBe(slow.length);

    // Continued: the next probe (at most a cool-down away) finds Redis answering and closes the breaker.
    const deadline = Date.now() + COOLDOWN_MS + 3000;
    while (app.rateLimitHealth().breaker !== 'closed' && Date.now() < deadline) {
      expect((await hit()).status).toBe(200);
      await sleep(50);
    }
    expect(app.rateLimitHealth()).toMatchObject({ store: 'redis', breaker: 'closed' });
    expect((await hit('/readyz')).body).toMatchObject({ rate_limit_store: 'redis', rate_limit_breaker: 'closed' });
    // Counting is back in Redis: each request increments the shared counter.
    const before = Number(await redis.get(counter));
    for (let i = 0; i < 5; i++) {
      const res = await hit();
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(SLOW_MS);
    }
    expect(Number(await redis.get(counter))).toBe(before + 5);
  }, 30_000);
});
