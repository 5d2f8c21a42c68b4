import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/index.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { PROBLEM_RATE_LIMITED } from '../../src/plugins/rate-limit.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';

/**
 * Rate limits against a real Redis: one budget per caller shared by every instance and every
 * route, and what happens when Redis goes away and comes back (fail-open, still limited in
 * memory, back to Redis by itself). Needs Redis: REDIS_URL, else 127.0.0.1:6379 if it answers.
 */

const LOCAL_REDIS = 'redis://127.0.0.1:6379';

/** Whether a Redis answers PING at `url` within about half a second. */
async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

// With REDIS_URL set (the CI leg with Redis) the tests must run: an unreachable Redis fails them.
const configuredUrl = process.env.REDIS_URL;
const redisUrl = configuredUrl ?? ((await redisAnswers(LOCAL_REDIS)) ? LOCAL_REDIS : undefined);
/** The outage tests put a plain TCP proxy in front of Redis, which TLS (rediss://) would not survive. */
const proxyable = redisUrl !== undefined && !redisUrl.startsWith('rediss:');
const SKIP_REASON = 'no Redis: REDIS_URL is not set and nothing answers PING at 127.0.0.1:6379';
if (!redisUrl) console.warn(`rate-limit-redis.test.ts skipped: ${SKIP_REASON}`);

/** Every request must be answered well before this, Redis or not. */
const PROMPT_MS = 2000;
/** The plugin's ioredis commandTimeout. */
const COMMAND_TIMEOUT_MS = 250;
/** Consecutive Redis failures that open the plugin's breaker (RATE_LIMIT_BREAKER_THRESHOLD's default). */
const BREAKER_THRESHOLD = 3;

interface Hit {
  status: number;
  ms: number;
  limit: number | null;
  remaining: number | null;
  reset: number | null;
  retryAfter: string | null;
  contentType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
  body: any;
}

/** One real HTTP request, timed; bounded so that a hanging request fails the test instead of stalling it. */
async function hit(base: string, path: string, secret?: string): Promise<Hit> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    headers: secret ? { authorization: `Bearer ${secret}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
  const body: unknown = await res.json();
  const ms = performance.now() - started;
  const num = (name: string) => (res.headers.has(name) ? Number(res.headers.get(name)) : null);
  return {
    status: res.status,
    ms,
    limit: num('ratelimit-limit'),
    remaining: num('ratelimit-remaining'),
    reset: num('ratelimit-reset'),
    retryAfter: res.headers.get('retry-after'),
    contentType: res.headers.get('content-type') ?? '',
    body,
  };
}

function expectRateLimited(res: Hit, limit: number) {
  expect(res.status).toBe(429);
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  expect(res.retryAfter).toMatch(/^\d+$/);
  expect(Number(res.retryAfter)).toBeGreaterThan(0);
  expect(Number(res.retryAfter)).toBeLessThanOrEqual(3600);
  expect(res.limit).toBe(limit);
  expect(res.remaining).toBe(0);
  expect(res.body).toMatchObject({ status: 429, type: PROBLEM_RATE_LIMITED });
}

/** A TCP proxy in front of Redis that can be stopped (connections cut) and started again on its port. */
class RedisProxy {
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  /** Replies held back while stalled: Redis got the commands but its answers do not come through. */
  private held: { client: net.Socket; chunk: Buffer }[] = [];
  /** Bytes Redis sent back through the proxy: ioredis's ready check has been answered once this grows. */
  repliedBytes = 0;
  stalled = false;
  port = 0;

  constructor(private target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      for (const socket of [client, upstream]) {
        socket.on('error', drop);
        socket.on('close', drop);
      }
      upstream.on('data', (chunk: Buffer) => {
        this.repliedBytes += chunk.length;
        if (this.stalled) this.held.push({ client, chunk });
        else client.write(chunk);
      });
      client.pipe(upstream);
    });
    // Restarting on the port just released: retry briefly if the system still holds it.
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(this.port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (err) {
        if (attempt >= 20 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
        await sleep(100);
      }
    }
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Redis becomes unreachable: no new connections, and the open ones are cut. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.held = [];
    await closed;
  }

  /** The held replies go through, in order, and later ones flow again. */
  resume(): void {
    this.stalled = false;
    for (const { client, chunk } of this.held.splice(0)) if (!client.destroyed) client.write(chunk);
  }

  get openSockets(): number {
    return this.sockets.size;
  }
}

describe.skipIf(!redisUrl)('rate limits shared through Redis', () => {
  let database: DatabaseHandle;
  let redis: Redis;
  const prefixes: string[] = [];
  let cleanups: (() => Promise<unknown> | void)[] = [];

  beforeAll(async () => {
    if (!(await redisAnswers(redisUrl!))) throw new Error(`Redis at ${new URL(redisUrl!).host} (REDIS_URL) does not answer PING`);
    database = await createTestDatabase();
    redis = new Redis(redisUrl!, { maxRetriesPerRequest: 1 });
  });

  afterEach(async () => {
    // Apps first (they hold Redis connections), then proxies; last registered, first closed.
    const pending = cleanups.reverse();
    cleanups = [];
    for (const cleanup of pending) await cleanup();
  });

  afterAll(async () => {
    if (redis) {
      for (const prefix of prefixes) {
        const keys = await redisKeys(prefix);
        if (keys.length) await redis.del(...keys);
      }
      await redis.quit();
    }
    await database?.close();
  });

  /** A namespace of this test's own, so no two tests (or runs) ever share a counter. */
  function newPrefix(): string {
    const prefix = `hr:test:rl:${randomBytes(6).toString('hex')}:`;
    prefixes.push(prefix);
    return prefix;
  }

  async function redisKeys(prefix: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found.sort();
  }

  /** A listening instance over the shared database; `logs`: capture its log lines from that level. */
  async function startApp(env: Record<string, string>, logs?: 'info' | 'warn') {
    const ctx = await createTestApp({ database, env: { RATE_LIMIT_WINDOW_SECONDS: '3600', ...env }, ...(logs ? { logs } : {}), listen: true });
    // Leaves the shared database open.
    cleanups.push(() => ctx.close());
    return { app: ctx.app, base: ctx.url!, logs: ctx.logs };
  }

  /**
   * Waits until the instance counts in Redis, with anonymous requests (their budget is not
   * under test). Needed because the plugin does not wait for its connection: see the start-up test.
   */
  async function untilCountingInRedis(app: FastifyInstance, base: string) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const failures = app.rateLimitHealth().redisFailures;
      expect((await hit(base, '/v1/taxonomy')).status).toBe(200);
      if (app.rateLimitHealth().redisFailures === failures) return;
      await sleep(100);
    }
    throw new Error('the instance never counted a request in Redis');
  }

  async function newKey(name: string) {
    const { key, secret } = await createKey(database.db, { name, tier: 'free' });
    return { id: key.id, secret };
  }

  /** An instance whose Redis connection goes through a proxy the test can stop, start and stall. */
  async function startBehindProxy(limit: number, env: Record<string, string> = {}) {
    const prefix = newPrefix();
    const target = new URL(redisUrl!);
    const proxy = new RedisProxy({ host: target.hostname, port: Number(target.port || 6379) });
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const viaProxy = new URL(redisUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const { app, base, logs } = await startApp(
      { REDIS_URL: viaProxy.toString(), RATE_LIMIT_REDIS_PREFIX: prefix, RATE_LIMIT_FREE: String(limit), ...env },
      'info',
    );
    // Let ioredis finish its ready check through the proxy before the first request (no request
    // may race the connection here: its failure would also hold back the outage warning for 30 s).
    for (let i = 0; i < 100 && proxy.repliedBytes === 0; i++) await sleep(20);
    expect(proxy.repliedBytes).toBeGreaterThan(0);
    await sleep(100);
    return { app, base, proxy, prefix, logs };
  }

  it('two instances share one budget per key: together they accept exactly the limit', async () => {
    const LIMIT = 25;
    const prefix = newPrefix();
    const env = { REDIS_URL: redisUrl!, RATE_LIMIT_REDIS_PREFIX: prefix, RATE_LIMIT_FREE: String(LIMIT) };
    const one = await startApp(env);
    const two = await startApp(env);
    expect(one.base).not.toBe(two.base);
    await untilCountingInRedis(one.app, one.base);
    await untilCountingInRedis(two.app, two.base);
    const failuresBefore = [one.app.rateLimitHealth().redisFailures, two.app.rateLimitHealth().redisFailures];
    const a = await newKey('shared budget A');
    const b = await newKey('shared budget B');
    const instances = [one.base, two.base];

    // 10 one after the other, alternating: each instance sees the other's requests in the count.
    const results: (Hit & { instance: number })[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await hit(instances[i % 2]!, '/v1/taxonomy', a.secret);
      results.push({ ...res, instance: i % 2 });
      expect(res.status).toBe(200);
      expect(res.limit).toBe(LIMIT);
      expect(res.remaining).toBe(LIMIT - 1 - i);
    }
    // 50 more in 5 bursts of 10 concurrent requests, half on each instance.
    for (let burst = 0; burst < 5; burst++) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, async (_, j) => ({ ...(await hit(instances[j % 2]!, '/v1/taxonomy', a.secret)), instance: j % 2 })),
      );
      results.push(...batch);
    }
    expect(results).toHaveLength(60);

    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(accepted).toHaveLength(LIMIT);
    expect(refused).toHaveLength(60 - LIMIT);
    for (const r of refused) expectRateLimited(r, LIMIT);
    // Each accepted request took its own unit of the shared budget: remaining LIMIT-1 … 0, once each.
    expect(accepted.map((r) => r.remaining).sort((x, y) => x! - y!)).toEqual(Array.from({ length: LIMIT }, (_, i) => i));
    // Both instances accepted and refused requests: neither has a budget of its own.
    for (const instance of [0, 1]) {
      expect(accepted.some((r) => r.instance === instance)).toBe(true);
      expect(refused.some((r) => r.instance === instance)).toBe(true);
    }
    // Every request was counted in Redis (refused ones too), none in memory.
    expect(await redis.get(`${prefix}key:${a.id}`)).toBe('60');
    const ttl = await redis.pttl(`${prefix}key:${a.id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3600_000);
    expect([one.app.rateLimitHealth().redisFailures, two.app.rateLimitHealth().redisFailures]).toEqual(failuresBefore);
    expect(one.app.rateLimitHealth().store).toBe('redis');
    expect(two.app.rateLimitHealth().store).toBe('redis');

    // A's budget is spent on every route, not just the one it was spent on.
    for (const path of ['/v1/jobs', '/v1/companies', '/v1/usage']) expectRateLimited(await hit(two.base, path, a.secret), LIMIT);

    // The budget is per key: B has all of its own, and every route draws from that one budget.
    const routes = ['/v1/taxonomy', '/v1/jobs', '/v1/companies', '/v1/usage'];
    let usage: Hit | undefined;
    for (const [i, path] of routes.entries()) {
      const res = await hit(instances[(i + 1) % 2]!, path, b.secret);
      expect(res.status, path).toBe(200);
      expect(res.limit).toBe(LIMIT);
      expect(res.remaining, path).toBe(LIMIT - 1 - i);
      if (path === '/v1/usage') usage = res;
    }
    // /v1/usage reports the budget its own headers carry.
    expect(usage!.body.caller.key.id).toBe(b.id);
    expect(usage!.body.tier).toBe('free');
    expect(usage!.body.rate_limit).toEqual({ limit: LIMIT, remaining: LIMIT - 4, reset_seconds: usage!.reset, window_seconds: 3600 });
    expect(await redis.get(`${prefix}key:${b.id}`)).toBe('4');

    // One counter per caller (not per route or instance): A, B and the anonymous warm-up.
    expect(await redisKeys(prefix)).toEqual([`${prefix}ip:127.0.0.1`, `${prefix}key:${a.id}`, `${prefix}key:${b.id}`].sort());
  });

  it.skipIf(!proxyable)('a Redis outage: answers stay prompt, limits hold in memory, then counting resumes in Redis', async () => {
    const LIMIT = 5;
    const { app, base, proxy, prefix, logs } = await startBehindProxy(LIMIT);
    const key = await newKey('outage');
    const counter = `${prefix}key:${key.id}`;
    const warnings = () => logs.filter((l) => l.level === 40 && /rate-limit store/.test(l.msg));

    // Redis up: counted in Redis.
    for (let i = 0; i < 2; i++) {
      const res = await hit(base, '/v1/taxonomy', key.secret);
      expect(res.status).toBe(200);
      expect(res.remaining).toBe(LIMIT - 1 - i);
    }
    expect(app.rateLimitHealth()).toEqual({ store: 'redis', redisFailures: 0, breaker: 'closed' });
    expect(await redis.get(counter)).toBe('2');
    expect(warnings()).toEqual([]);

    // Redis unreachable: connections cut, nothing listens on the proxy's port.
    const port = proxy.port;
    expect(proxy.openSockets).toBeGreaterThan(0);
    await proxy.stop();
    const during: Hit[] = [];
    for (let i = 0; i < LIMIT + 3; i++) during.push(await hit(base, '/v1/taxonomy', key.secret));
    // Some at once as well.
    during.push(...(await Promise.all(Array.from({ length: 4 }, () => hit(base, '/v1/jobs', key.secret)))));
    const slowest = Math.max(...during.map((r) => r.ms));
    expect(slowest, `slowest request during the outage took ${slowest.toFixed(0)} ms`).toBeLessThan(PROMPT_MS);
    // Fail-open, but still limited: this instance's memory gives the caller a fresh window of LIMIT.
    expect(during.map((r) => r.status)).toEqual([...Array(LIMIT).fill(200), ...Array(3 + 4).fill(429)]);
    expect(during.slice(0, LIMIT).map((r) => r.remaining)).toEqual(Array.from({ length: LIMIT }, (_, i) => LIMIT - 1 - i));
    for (const r of during.slice(LIMIT)) expectRateLimited(r, LIMIT);
    // Only the first few reached Redis and failed: then the breaker opened and the rest never tried it.
    expect(app.rateLimitHealth()).toEqual({ store: 'redis-degraded', redisFailures: BREAKER_THRESHOLD, breaker: 'open' });
    // Readiness stays up (the API still answers) and says the store is degraded; it is not metered.
    const ready = await hit(base, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      rate_limit_store: 'redis-degraded',
      rate_limit_store_failures: BREAKER_THRESHOLD,
      rate_limit_breaker: 'open',
    });
    // One warning for the outage (they are spaced 30 s apart), naming the failure count.
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ msg: 'rate-limit store: Redis unreachable, counting in memory', failures: 1 });
    expect(await redis.get(counter)).toBe('2');

    // Redis reachable again on the same address: the client reconnects by itself (backoff ≤ 2 s).
    proxy.port = port;
    await proxy.start();
    expect(proxy.port).toBe(port);
    const deadline = Date.now() + 15_000;
    let recovered: Hit | undefined;
    for (let i = 0; i < 100 && Date.now() < deadline; i++) {
      const res = await hit(base, '/v1/taxonomy', key.secret);
      expect(res.ms).toBeLessThan(PROMPT_MS);
      if (app.rateLimitHealth().store === 'redis') {
        recovered = res;
        break;
      }
      // Still counted in memory, where the caller's window is spent.
      expectRateLimited(res, LIMIT);
      await sleep(200);
    }
    expect(recovered, 'requests were not counted in Redis again within 15 s').toBeDefined();
    // Back on the shared budget: Redis's count (2) goes on from where it was before the outage.
    expect(recovered!.status).toBe(200);
    expect(recovered!.remaining).toBe(LIMIT - 3);
    expect(await redis.get(counter)).toBe('3');
    const next = await hit(base, '/v1/usage', key.secret);
    expect(next.status).toBe(200);
    expect(next.remaining).toBe(LIMIT - 4);
    expect(next.body.rate_limit.remaining).toBe(LIMIT - 4);
    expect(await redis.get(counter)).toBe('4');
    expect(app.rateLimitHealth().store).toBe('redis');
    expect((await hit(base, '/readyz')).body.rate_limit_store).toBe('redis');
    expect(logs.some((l) => l.level === 30 && l.msg === 'rate-limit store: Redis answers again')).toBe(true);
  });

  it('counts in Redis from the first request a new instance answers (no start-up race with its connection)', async () => {
    const prefix = newPrefix();
    const { app, base, logs } = await startApp(
      { REDIS_URL: redisUrl!, RATE_LIMIT_REDIS_PREFIX: prefix, RATE_LIMIT_ANONYMOUS: '100' },
      'warn',
    );
    // Requests that reach a server the moment it listens (a restart behind a busy load balancer).
    const first = await Promise.all(Array.from({ length: 3 }, () => hit(base, '/v1/taxonomy')));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    // Each took its own unit of the shared budget, none was counted in this process only.
    expect(first.map((r) => r.remaining).sort((x, y) => x! - y!)).toEqual([97, 98, 99]);
    expect(logs.map((l) => l.msg)).toEqual([]);
    expect(app.rateLimitHealth()).toEqual({ store: 'redis', redisFailures: 0, breaker: 'closed' });
    expect(await redis.get(`${prefix}ip:127.0.0.1`)).toBe('3');
  });

  it.skipIf(!proxyable)(`a Redis that stops answering costs a request about the command timeout (${COMMAND_TIMEOUT_MS} ms), not a hang`, async () => {
    const LIMIT = 20;
    const COOLDOWN_MS = 300;
    const { app, base, proxy, prefix } = await startBehindProxy(LIMIT, { RATE_LIMIT_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS) });
    const key = await newKey('stall');
    const counter = `${prefix}key:${key.id}`;
    for (let i = 0; i < 2; i++) expect((await hit(base, '/v1/taxonomy', key.secret)).status).toBe(200);
    expect(app.rateLimitHealth()).toEqual({ store: 'redis', redisFailures: 0, breaker: 'closed' });

    // The connection stays open but no answer comes back (Redis blocked, or a network black hole).
    proxy.stalled = true;
    const during: Hit[] = [];
    for (let i = 0; i < 3; i++) during.push(await hit(base, '/v1/taxonomy', key.secret));
    for (const r of during) {
      expect(r.status).toBe(200);
      // Each one waited for the command timeout, and no longer than that allows.
      expect(r.ms).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 10);
      expect(r.ms).toBeLessThan(PROMPT_MS);
    }
    // Counted in memory: a fresh window of LIMIT in this instance.
    expect(during.map((r) => r.remaining)).toEqual([LIMIT - 1, LIMIT - 2, LIMIT - 3]);
    // The third timeout opened the breaker (the breaker test measures what that spares).
    expect(app.rateLimitHealth()).toEqual({ store: 'redis-degraded', redisFailures: 3, breaker: 'open' });

    // Answers flow again: the late replies are matched to the timed-out commands, not to new ones.
    // After the cool-down the next request is the breaker's probe, and it goes to Redis.
    proxy.resume();
    await sleep(COOLDOWN_MS + 50);
    const after = await hit(base, '/v1/taxonomy', key.secret);
    expect(after.status).toBe(200);
    expect(app.rateLimitHealth().store).toBe('redis');
    // Redis did run the 3 stalled increments (only their answers were late): 2 + 3 + this one.
    expect(await redis.get(counter)).toBe('6');
    expect(after.remaining).toBe(LIMIT - 6);
    expect(app.rateLimitHealth().redisFailures).toBe(3);
  });
});
