import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { ApiError, PROBLEM_TYPES } from '../lib/errors.js';
import { isApiRoute } from '../http/route-hooks.js';
import type { Principal } from './auth.js';

export const PROBLEM_RATE_LIMITED = PROBLEM_TYPES.rateLimited;

type Window = { current: number; ttl: number };
type Callback = (err: Error | null, result?: Window) => void;

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface RateLimitHealth {
  store: 'memory' | 'redis' | 'redis-degraded';
  /** Redis calls that failed and were counted in memory instead (calls the open breaker held back are not counted). */
  redisFailures: number;
  /** The breaker in front of Redis; always `closed` without Redis. */
  breaker: BreakerState;
}

/** Which way the breaker let a call go: through as usual, or as the single half-open probe. */
export type Admission = 'call' | 'probe';

/**
 * A circuit breaker for a dependency that may hang rather than fail. After `threshold`
 * consecutive failures it opens: callers take their fallback without calling the dependency, so
 * a hung Redis costs a few requests its timeout instead of every request. After `cooldownMs` one
 * probe call goes through (half-open) while the others still take the fallback (nobody waits on
 * the probe); its success closes the breaker, its failure opens it for another cool-down.
 *
 * Hand-written rather than a library: opossum 10 needs Node 22 and trips on an error percentage over
 * a rolling window (slow to trip under heavy traffic, as the successes before the hang dilute the
 * failures); cockatiel 4 needs Node 22 and makes every call during half-open wait for the probe.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probeStartedAt: number | null = null;

  constructor(
    private readonly opts: {
      threshold: number;
      cooldownMs: number;
      now?: () => number;
      onOpen?: () => void;
      onClose?: () => void;
    },
  ) {}

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** `open` while cooling down; `half-open` once a probe may go (or is on its way). */
  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.probeStartedAt !== null || this.now() - this.openedAt >= this.opts.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go to the dependency now (and as what), or null: take the fallback. */
  admit(): Admission | null {
    if (this.openedAt === null) return 'call';
    const now = this.now();
    // A probe that never settled (it always should: the client has a timeout) does not keep the breaker shut forever.
    const probing = this.probeStartedAt !== null && now - this.probeStartedAt < this.opts.cooldownMs;
    if (probing || now - this.openedAt < this.opts.cooldownMs) return null;
    this.probeStartedAt = now;
    return 'probe';
  }

  success(admission: Admission): void {
    if (admission === 'probe') {
      this.openedAt = this.probeStartedAt = null;
      this.failures = 0;
      this.opts.onClose?.();
    } else if (this.openedAt === null) {
      this.failures = 0;
    }
    // A call admitted before the breaker opened that succeeds late proves little: the probe decides.
  }

  failure(admission: Admission): void {
    if (admission === 'probe') {
      this.probeStartedAt = null;
      this.openedAt = this.now();
      return;
    }
    if (this.openedAt !== null) return; // in flight when it opened: already accounted for
    if (++this.failures >= this.opts.threshold) {
      this.openedAt = this.now();
      this.opts.onOpen?.();
    }
  }
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
    /**
     * Spends `amount` of a caller's budget where there is no HTTP reply to carry the headers: a
     * GraphQL WebSocket's connection_init (a request's worth, charged to the caller it authenticates
     * as) and each subscription it starts (the operation's cost). Without rate limiting, nothing is spent.
     */
    chargeCaller(caller: RateLimitCaller, amount: number): Promise<RateLimitCharge>;
  }
}

/** Whose budget is spent: the tier decides the limit, the rate key the budget. */
export type RateLimitCaller = Pick<Principal, 'tier' | 'rateKey'>;

/**
 * A WebSocket upgrade (GET /graphql handed to a socket by @fastify/websocket). It is not charged as
 * a request when it arrives: its credentials may come later, in connection_init (browsers cannot set
 * headers on a WebSocket), so the connection is charged then, to the caller it turns out to be (the
 * key of connection_init, else the upgrade's own caller: its key or its IP). Until then the socket is
 * bounded by the connection caps and the connection_init timeout (src/graphql/ws-limits.ts).
 * A plain request that merely carries an Upgrade header is not a WebSocket and is charged as usual.
 */
export function isWebSocketUpgrade(request: FastifyRequest): boolean {
  return (request as FastifyRequest & { ws?: boolean }).ws === true;
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
 * 30 s and a counter goes up; Redis use resumes by itself when it answers again. The breaker keeps
 * a Redis that fails or hangs out of the request path until a probe finds it answering.
 */
function sharedBudget(redis: Redis | undefined, prefix: string, app: FastifyInstance, health: RateLimitHealth, breaker: CircuitBreaker) {
  const memory = new MemoryWindows();
  let lastWarning = 0;
  // Synchronous without Redis or with the breaker open: a counter in memory needs no promise.
  return function incr(key: string, timeWindow: number, amount: number): Window | Promise<Window> {
    if (!redis) return memory.incr(key, timeWindow, amount);
    const admission = breaker.admit();
    if (!admission) return memory.incr(key, timeWindow, amount);
    return viaRedis(redis, admission, key, timeWindow, amount);
  };

  async function viaRedis(client: Redis, admission: Admission, key: string, timeWindow: number, amount: number): Promise<Window> {
    try {
      const [current, ttl] = await (client as unknown as { hrIncr(k: string, w: number, n: number): Promise<[number, number]> }).hrIncr(
        `${prefix}${key}`,
        timeWindow,
        amount,
      );
      breaker.success(admission);
      if (health.store === 'redis-degraded' && breaker.state === 'closed') {
        health.store = 'redis';
        app.log.info('rate-limit store: Redis answers again');
      }
      return { current, ttl };
    } catch (err) {
      breaker.failure(admission);
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
    const health: RateLimitHealth = { store: config.redisUrl ? 'redis' : 'memory', redisFailures: 0, breaker: 'closed' };
    const { threshold, cooldownMs } = config.rateLimit.breaker;
    const breaker = new CircuitBreaker({
      threshold,
      cooldownMs,
      onOpen: () =>
        app.log.warn({ failures: threshold, cooldown_ms: cooldownMs }, 'rate-limit breaker open: counting in memory without calling Redis'),
      onClose: () => app.log.info('rate-limit breaker closed: a probe found Redis answering'),
    });
    let redis: Redis | undefined;
    if (config.redisUrl) {
      // Fail fast rather than queue: no request may wait on an unreachable Redis.
      redis = new Redis(config.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: config.rateLimit.redisTimeoutMs,
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
    app.decorate('rateLimitHealth', () => ({ ...health, breaker: breaker.state }));

    const windowMs = config.rateLimit.windowSeconds * 1000;
    const incr = sharedBudget(redis, config.rateLimit.redisPrefix, app, health, breaker);
    const spend = async (caller: RateLimitCaller, amount: number): Promise<RateLimitCharge> => {
      const limit = config.rateLimit.perTier[caller.tier];
      const { current, ttl } = await incr(caller.rateKey, windowMs, amount);
      return { limit, current, remaining: Math.max(0, limit - current), resetSeconds: Math.ceil(ttl / 1000) };
    };
    app.decorate('chargeCaller', async (caller: RateLimitCaller, amount: number): Promise<RateLimitCharge> => {
      if (config.rateLimit.enabled) return spend(caller, amount);
      const limit = config.rateLimit.perTier[caller.tier];
      return { limit, current: 0, remaining: limit, resetSeconds: config.rateLimit.windowSeconds };
    });
    app.decorate('chargeRateLimit', async (request: FastifyRequest, reply: FastifyReply, amount: number): Promise<RateLimitCharge> => {
      const charge = await spend(request.principal, amount);
      reply.header('ratelimit-limit', charge.limit).header('ratelimit-remaining', charge.remaining).header('ratelimit-reset', charge.resetSeconds);
      return charge;
    });
    // Only the API is metered (GraphQL operations are charged their cost on top); probes, docs,
    // the OpenAPI document, GraphiQL and CORS preflights are not, and carry no limiter hook at all.
    // RATE_LIMIT_ENABLED=false: no route gets the limiter's hook (its cost is then measured against nothing).
    app.addHook('onRoute', function meterApiRoutesOnly(route) {
      const methods = [route.method].flat();
      if (!config.rateLimit.enabled || !isApiRoute(route.url) || methods.every((m) => m === 'OPTIONS')) route.config = { ...route.config, rateLimit: false };
    });
    await app.register(rateLimit, {
      global: true,
      hook: 'onRequest',
      enableDraftSpec: true,
      timeWindow: windowMs,
      max: (request: FastifyRequest) => config.rateLimit.perTier[request.principal.tier],
      keyGenerator: (request: FastifyRequest) => request.principal.rateKey,
      // Charged at connection_init instead, to the caller the connection authenticates as.
      allowList: (request: FastifyRequest) => isWebSocketUpgrade(request),
      store: storeFactory(incr),
      errorResponseBuilder: (request, context) =>
        new ApiError(
          'rateLimited',
          `The ${request.principal.tier} tier allows ${context.max} requests per ${config.rateLimit.windowSeconds} s; retry in ${context.after}. GET /v1/usage shows your budget.`,
        ),
    });
  },
  { name: 'rate-limits', dependencies: ['auth'] },
);
