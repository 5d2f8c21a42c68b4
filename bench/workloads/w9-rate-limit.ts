import { Redis } from 'ioredis';
import { throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad, type Side } from '../lib/load.js';
import { apiEnv, startApi, type Server } from '../lib/processes.js';
import type { Row } from '../lib/report.js';

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * W9: what counting costs. The same requests (GET /v1/jobs/{id}) against three API processes, all
 * up at once and measured in alternating rounds: rate limiting off, counted in memory, counted in
 * Redis. Budgets are far above what a run sends.
 */
export const w9: Workload = {
  id: 'W9',
  title: 'rate-limit stores',
  async run(ctx) {
    const paths = (await ctx.jobIds()).map((id) => `/v1/jobs/${id}`);
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const base = { databaseUrl: ctx.db.url, poolSize: ctx.o.connections };
    const withRedis = await redisAnswers(redisUrl);
    const servers: Server[] = [];
    try {
      const start = async (name: string, env: ReturnType<typeof apiEnv>, check: (h: Headers, store: string | undefined) => string | null) => {
        const server = await startApi(name, env);
        servers.push(server);
        const res = await fetch(`${server.url}${paths[0]}`);
        await res.arrayBuffer();
        const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { rate_limit_store?: string };
        const problem = res.status !== 200 ? `answered ${res.status}` : check(res.headers, ready.rate_limit_store);
        if (problem) throw new Error(`${name}: ${problem}`);
        return server;
      };
      const off = await start('api (rate limit off)', apiEnv({ ...base, rateLimit: false }), (h) =>
        h.has('ratelimit-limit') ? 'RATE_LIMIT_ENABLED=false still sends RateLimit headers' : null,
      );
      const memory = await start('api (memory store)', apiEnv(base), (h, store) =>
        !h.has('ratelimit-limit') ? 'no RateLimit headers' : store !== 'memory' ? `store is ${store}` : null,
      );
      const redis = withRedis
        ? await start('api (redis store)', apiEnv({ ...base, redisUrl }), (h, store) =>
            !h.has('ratelimit-limit') ? 'no RateLimit headers' : store !== 'redis' ? `store is ${store}` : null,
          )
        : undefined;
      const load = (server: Server): Side => (s) => httpLoad(server.url, paths.map((path) => ({ path })), s);
      const m = await compare({ off: load(off), memory: load(memory), ...(redis ? { redis: load(redis) } : {}) } as Record<'off' | 'memory' | 'redis', Side>, ctx.load);
      ctx.details.W9 = { paths: paths.length, route: 'GET /v1/jobs/{id}', redisUrl, peakRssMiB: Object.fromEntries(servers.map((sv) => [sv.name, sv.peakRssMiB()])) };
      const rows: Row[] = [throughputRow('W9', 'rate limit, in-memory store', m.memory, 'rate limit off', m.off, 0.95, { target: '≥ 0.95 (≤ 5% cost)' })];
      rows.push(
        redis
          ? throughputRow('W9', 'rate limit, Redis store', m.redis, 'rate limit off', m.off, 0.8, { target: '≥ 0.8 (≤ 20% cost)' })
          : { id: 'W9', workload: 'rate limit, Redis store', note: `not available: Redis does not answer at ${redisUrl}` },
      );
      return rows;
    } finally {
      await Promise.all(servers.map((sv) => sv.stop()));
    }
  },
};
