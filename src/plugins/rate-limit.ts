import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { HttpProblem } from '../lib/errors.js';
import { isApiRoute } from '../lib/route-hooks.js';

export const PROBLEM_RATE_LIMITED = 'urn:hiring-radar:problem:rate-limited';

type Window = { current: number; ttl: number };
type Callback = (err: Error | null, result?: Window) => void;

export interface RateLimitHealth {
  store: 'memory' | 'redis' | 'redis-degraded';
  /** Redis calls that failed and were counted in memory instead. */
  redisFailures: number;
}

/** The caller's budget after a charge. */
export interface RateLimitCharge {
  limit: number;
  /** Spent in this window, the charge included. */
  current: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimitHealth(): RateLimitHealth;
    /**
     * Spends `amount` more of the caller's budget (the one every request spends 1 of), for work that
     * costs more than a request: a GraphQL operation's cost. Sets the RateLimit headers to what is left.
     */
    chargeRateLimit(request: FastifyRequest, reply: FastifyReply, amount: number): Promise<RateLimitCharge>;
  }
}

/** A fixed window per key in this process: the store without Redis, and the fallback during a Redis outage. */
class MemoryWindows {
  private windows = new Map<string, { count: number; resetAt: number }>();

  incr(key: string, windowMs: number, amount = 1): Window {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size > 100_000) this.sweep(now);
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += amount;
    return { current: w.count, ttl: w.resetAt - now };
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

const INCR_WITH_TTL = `
  local current = redis.call('INCRBY', KEYS[1], ARGV[2] or 1)
  if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
  return {current, ttl}`;

/**
 * One budget per caller across every route (the plugin's default store keeps one per route).
 * With Redis, all instances share it. If Redis fails, the request is counted in this process's
 * memory instead (fail-open, but still limited per instance), a warning is logged at most every
 * 30 s and a counter goes up; Redis use resumes by itself when it answers again.
 */
function sharedBudget(redis: Redis | undefined, prefix: string, app: FastifyInstance, health: RateLimitHealth) {
  const memory = new MemoryWindows();
  let lastWarning = 0;
  // Synchronous without Redis: a counter in memory needs no promise.
  return function incr(key: string, timeWindow: number, amount: number): Window | Promise<Window> {
    if (!redis) return memory.incr(key, timeWindow, amount);
    return viaRedis(redis, key, timeWindow, amount);
  };

  async function viaRedis(client: Redis, key: string, timeWindow: number, amount: number): Promise<Window> {
    try {
      const [current, ttl] = await (client as unknown as { hrIncr(k: string, w: number, n: number): Promise<[number, number]> }).hrIncr(
        `${prefix}${key}`,
        timeWindow,
        amount,
      );
      if (health.store === 'redis-degraded') {
        health.store = 'redis';
        app.log.info('rate-limit store: Redis answers again');
      }
      return { current, ttl };
    } catch (err) {
      health.redisFailures++;
      health.store = 'redis-degraded';
      if (Date.now() - lastWarning > 30_000) {
        lastWarning = Date.now();
        app.log.warn({ err: (err as Error).message, failures: health.redisFailures }, 'rate-limit store: Redis unreachable, counting in memory');
      }
      return memory.incr(key, timeWindow, amount);
    }
  }
}

function storeFactory(incr: ReturnType<typeof sharedBudget>) {
  return class SharedBudgetStore {
    incr(key: string, cb: Callback, timeWindow: number) {
      const counted = incr(key, timeWindow, 1);
      if (counted instanceof Promise) counted.then((r) => cb(null, r), cb);
      else cb(null, counted);
    }

    child() {
      return this;
    }
  };
}

export default fp(
  async function rateLimits(app: FastifyInstance, opts: { config: Config }) {
    const { config } = opts;
    const health: RateLimitHealth = { store: config.redisUrl ? 'redis' : 'memory', redisFailures: 0 };
    let redis: Redis | undefined;
    if (config.redisUrl) {
      // Fail fast rather than queue: no request may wait on an unreachable Redis.
      redis = new Redis(config.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: 250,
        connectTimeout: 1000,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      });
      redis.on('error', () => {}); // counted and logged per failed call instead
      redis.defineCommand('hrIncr', { numberOfKeys: 1, lua: INCR_WITH_TTL });
      // Without an offline queue, requests that arrive before the connection is up would be counted
      // in memory: wait for it, but never longer than a moment, so a missing Redis cannot block start-up.
      const client = redis;
      const ready = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 2000);
        client.once('ready', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!ready) app.log.warn('rate-limit store: Redis is not reachable at start; counting in memory until it is');
      app.addHook('onClose', async () => {
        redis!.disconnect();
      });
    }
    app.decorate('rateLimitHealth', () => ({ ...health }));

    const windowMs = config.rateLimit.windowSeconds * 1000;
    const incr = sharedBudget(redis, config.rateLimit.redisPrefix, app, health);
    app.decorate('chargeRateLimit', async (request: FastifyRequest, reply: FastifyReply, amount: number): Promise<RateLimitCharge> => {
      const limit = config.rateLimit.perTier[request.principal.tier];
      const { current, ttl } = await incr(request.principal.rateKey, windowMs, amount);
      const charge = { limit, current, remaining: Math.max(0, limit - current), resetSeconds: Math.ceil(ttl / 1000) };
      reply.header('ratelimit-limit', limit).header('ratelimit-remaining', charge.remaining).header('ratelimit-reset', charge.resetSeconds);
      return charge;
    });
    // Only the API is metered (GraphQL operations are charged their cost on top); probes, docs,
    // the OpenAPI document, GraphiQL and CORS preflights are not, and carry no limiter hook at all.
    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat();
      if (!isApiRoute(route.url) || methods.every((m) => m === 'OPTIONS')) route.config = { ...route.config, rateLimit: false };
    });
    await app.register(rateLimit, {
      global: true,
      hook: 'onRequest',
      enableDraftSpec: true,
      timeWindow: windowMs,
      max: (request: FastifyRequest) => config.rateLimit.perTier[request.principal.tier],
      keyGenerator: (request: FastifyRequest) => request.principal.rateKey,
      store: storeFactory(incr),
      errorResponseBuilder: (request, context) =>
        new HttpProblem(
          429,
          'Too Many Requests',
          `The ${request.principal.tier} tier allows ${context.max} requests per ${config.rateLimit.windowSeconds} s; retry in ${context.after}. GET /v1/usage shows your budget.`,
          PROBLEM_RATE_LIMITED,
        ),
    });
  },
  { name: 'rate-limits', dependencies: ['auth'] },
);
