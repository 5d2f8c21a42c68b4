import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Type } from 'typebox';
import type { Config } from '../config.js';
import { ApiError } from '../lib/errors.js';
import { feedEventsAfter, pendingRollupDeltas, pendingWebhookDeliveries, undispatchedFeedEvents } from '../modules/metrics/metrics.service.js';
import type { AttemptOutcome } from '../modules/webhooks/delivery-worker.js';
import { unauthenticated } from './auth.js';

/** Backlogs are counted up to this many rows: enough to tell "falling behind" from "fine", at a bounded cost. */
export const BACKLOG_BOUND = 10_000;
/** A scrape never waits longer than this for the database; the backlog gauges are then left out. */
const QUERY_TIMEOUT_MS = 1000;

const STORES = ['memory', 'redis', 'redis-degraded'] as const;
const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;

/**
 * Prometheus metrics at `GET /metrics`, for credentials with the `admin` scope (an internal API key
 * with that scope, or a JWT with role admin); 401/403 problem+json otherwise. Not rate limited, not
 * in the OpenAPI document. One registry per app, so several apps in one process (tests) never share
 * or clash over a global one. Values other components own (pool, rate-limit store, rollups, job
 * stream) are read at scrape time; nothing is computed per request but the duration histogram.
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, requests are traced too (OpenTelemetry, OTLP over HTTP).
 */
export default fp(
  async function metrics(app: FastifyInstance, opts: { config: Config }) {
    const register = new Registry();
    collectDefaultMetrics({ register });

    // Route label: the route's pattern (bounded), never the URL; requests no route matched are `not_found`.
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to sending its answer, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [register],
    });
    const inFlight = new Gauge({ name: 'http_requests_in_flight', help: 'Requests received and not answered (or abandoned) yet; an open GraphQL WebSocket counts until it closes.', registers: [register] });

    app.addHook('onRequest', (_request, reply, done) => {
      inFlight.inc();
      // 'close' comes once whether the answer was sent or the client went away first.
      reply.raw.once('close', () => inFlight.dec());
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      duration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'not_found', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });

    new Gauge({
      name: 'hiring_radar_db_backend_info',
      help: 'The database backend in use (1 for the one in use).',
      labelNames: ['backend'],
      registers: [register],
      collect() {
        this.reset();
        this.set({ backend: app.database.backend }, 1);
      },
    });
    // Embedded PGlite has no pool: these have no samples there (the `pool` label keeps prom-client
    // from printing a 0 for a gauge never set).
    const pool = () => app.database.poolStats();
    new Gauge({
      name: 'hiring_radar_db_pool_connections',
      help: 'Connections of the API\'s PostgreSQL pool: `total` open, `idle` of them.',
      labelNames: ['pool', 'state'],
      registers: [register],
      collect() {
        this.reset();
        const stats = pool();
        if (!stats) return;
        this.set({ pool: 'api', state: 'total' }, stats.total);
        this.set({ pool: 'api', state: 'idle' }, stats.idle);
      },
    });
    const poolGauge = (name: string, help: string, value: (stats: NonNullable<ReturnType<typeof pool>>) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'],
        registers: [register],
        collect() {
          this.reset();
          const stats = pool();
          if (stats) this.set({ pool: 'api' }, value(stats));
        },
      });
    poolGauge('hiring_radar_db_pool_waiting', 'Queries waiting for a connection of the API\'s PostgreSQL pool.', (stats) => stats.waiting);
    poolGauge('hiring_radar_db_pool_max', 'Size limit of the API\'s PostgreSQL pool (DATABASE_POOL_SIZE).', (stats) => stats.max);

    new Gauge({
      name: 'hiring_radar_rate_limit_store',
      help: 'Where rate-limit counts go: 1 for the current store (`redis-degraded`: Redis failing, counting in memory).',
      labelNames: ['store'],
      registers: [register],
      collect() {
        const { store } = app.rateLimitHealth();
        for (const s of STORES) this.set({ store: s }, s === store ? 1 : 0);
      },
    });
    new Gauge({
      name: 'hiring_radar_rate_limit_breaker_state',
      help: 'The breaker in front of Redis: 1 for its current state (always `closed` without Redis).',
      labelNames: ['state'],
      registers: [register],
      collect() {
        const { breaker } = app.rateLimitHealth();
        for (const s of BREAKER_STATES) this.set({ state: s }, s === breaker ? 1 : 0);
      },
    });
    new Counter({
      name: 'hiring_radar_rate_limit_redis_failures_total',
      help: 'Redis calls of the rate limiter that failed or timed out (those requests were counted in memory).',
      registers: [register],
      collect() {
        this.reset();
        this.inc(app.rateLimitHealth().redisFailures);
      },
    });

    new Gauge({
      name: 'hiring_radar_rollup_compaction_interval_seconds',
      help: 'ROLLUP_COMPACT_SECONDS of this instance (0: it never compacts).',
      registers: [register],
      collect() {
        this.set(app.rollupCompaction().intervalSeconds);
      },
    });
    new Gauge({
      name: 'hiring_radar_rollup_compaction_lag_seconds',
      help: 'Seconds since this instance last compacted the analytics rollups without error (since start before the first); 0 when it never compacts.',
      registers: [register],
      collect() {
        const state = app.rollupCompaction();
        this.set(state.intervalSeconds > 0 ? (Date.now() - (state.lastSuccessAt ?? state.startedAt)) / 1000 : 0);
      },
    });
    new Counter({
      name: 'hiring_radar_rollup_compactions_total',
      help: 'Rollup compactions run by this instance, by result.',
      labelNames: ['result'],
      registers: [register],
      collect() {
        this.reset();
        const state = app.rollupCompaction();
        this.inc({ result: 'ok' }, state.succeeded);
        this.inc({ result: 'error' }, state.failed);
      },
    });
    new Counter({
      name: 'hiring_radar_rollup_compacted_rows_total',
      help: 'Delta rows folded by this instance\'s compactions.',
      registers: [register],
      collect() {
        this.reset();
        this.inc(app.rollupCompaction().rowsMoved);
      },
    });
    const failures = new Counter({
      name: 'hiring_radar_metrics_query_failures_total',
      help: 'Backlog queries of a scrape that failed or timed out (their gauges were left out of that scrape).',
      labelNames: ['query'],
      registers: [register],
    });
    new Gauge({
      name: 'hiring_radar_rollup_pending_delta_rows',
      help: `Delta rows not compacted yet, by rollup table (counted up to ${BACKLOG_BOUND}).`,
      labelNames: ['table'],
      registers: [register],
      async collect() {
        this.reset();
        const pending = await bounded('rollup_pending', () => pendingRollupDeltas(app.deps.db, BACKLOG_BOUND));
        if (!pending) return;
        this.set({ table: 'posting_rollup' }, pending.posting);
        this.set({ table: 'salary_rollup' }, pending.salary);
      },
    });

    new Gauge({
      name: 'hiring_radar_job_stream_listeners',
      help: 'Subscribers of the live job stream (GraphQL subscriptions) on this instance.',
      registers: [register],
      collect() {
        this.set(app.jobStream.stats.listeners);
      },
    });
    new Gauge({
      name: 'hiring_radar_job_stream_lag_seconds',
      help: 'Seconds since the job stream last read the change feed to its end (a healthy stream stays under JOB_STREAM_POLL_MS); 0 while nobody listens.',
      registers: [register],
      collect() {
        const { active, caughtUpAt } = app.jobStream.stats;
        this.set(active && caughtUpAt !== undefined ? (Date.now() - caughtUpAt) / 1000 : 0);
      },
    });
    new Gauge({
      name: 'hiring_radar_job_stream_pending_events',
      help: `Change-feed events written after the job stream's position and not delivered yet (counted up to ${BACKLOG_BOUND}; 0 while nobody listens, -1 when the count failed).`,
      registers: [register],
      async collect() {
        const { active, position } = app.jobStream.stats;
        const n = active && position ? await bounded('job_stream_pending', () => feedEventsAfter(app.deps.db, position, BACKLOG_BOUND)) : 0;
        this.set(n ?? -1);
      },
    });

    new Counter({
      name: 'hiring_radar_webhook_jobs_total',
      help: 'Delivery queue jobs this instance ran, by outcome: delivered, retry (an attempt failed, the next is scheduled), failed (attempts used up), disabled (the attempt disabled the endpoint), skipped (nothing to do), busy (the endpoint had its concurrency in flight: handed back).',
      labelNames: ['outcome'],
      registers: [register],
      collect() {
        this.reset();
        const outcomes = runtimeOutcomes();
        for (const [outcome, n] of Object.entries(outcomes)) this.inc({ outcome }, n);
      },
    });
    new Gauge({
      name: 'hiring_radar_webhook_pending_deliveries',
      help: `Webhook deliveries not yet delivered or failed, on every instance (counted up to ${BACKLOG_BOUND}; -1 when the count failed).`,
      registers: [register],
      async collect() {
        this.set((await bounded('webhook_pending', () => pendingWebhookDeliveries(app.deps.db, BACKLOG_BOUND))) ?? -1);
      },
    });
    new Gauge({
      name: 'hiring_radar_webhook_undispatched_events',
      help: `Change-feed events the webhook dispatcher has not turned into deliveries yet (counted up to ${BACKLOG_BOUND}; -1 when the count failed).`,
      registers: [register],
      async collect() {
        this.set((await bounded('webhook_undispatched', () => undispatchedFeedEvents(app.deps.db, BACKLOG_BOUND))) ?? -1);
      },
    });
    /** The webhook runtime's counts, zero until it has started (it starts when the app is ready). */
    function runtimeOutcomes(): Partial<Record<AttemptOutcome, number>> {
      try {
        return app.webhooks.runtime().outcomes;
      } catch {
        return {};
      }
    }

    /** A backlog query that gives up after QUERY_TIMEOUT_MS (its statement is bounded anyway) rather than holding the scrape. */
    async function bounded<T>(query: string, run: () => Promise<T>): Promise<T | undefined> {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          run(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${QUERY_TIMEOUT_MS} ms`)), QUERY_TIMEOUT_MS);
          }),
        ]);
      } catch (err) {
        failures.inc({ query });
        app.log.warn({ err, query }, 'metrics: backlog query failed');
        return undefined;
      } finally {
        clearTimeout(timer);
      }
    }

    const requireAdmin = async (request: FastifyRequest) => {
      const principal = await app.authenticate(request.headers, request.ip);
      if (principal.type === 'anonymous') throw unauthenticated('GET /metrics needs credentials with the admin scope: send Authorization: Bearer <key or token>.');
      if (!principal.scopes.includes('admin')) {
        throw new ApiError('forbidden', 'GET /metrics needs the admin scope, which these credentials do not have.');
      }
    };

    app.get(
      '/metrics',
      {
        // An ops route for Prometheus, not part of the API contract (like its text format).
        schema: { hide: true, querystring: Type.Object({}, { additionalProperties: false }) },
        onRequest: requireAdmin,
        config: { otel: false },
      },
      async (_request: FastifyRequest, reply: FastifyReply) => {
        const text = await register.metrics();
        return reply.type(register.contentType).header('cache-control', 'no-store').send(text);
      },
    );

    if (opts.config.tracing.endpoint) await startTracing(app, opts.config.tracing.endpoint, opts.config.tracing.serviceName);
  },
  // Registered before every other hook and route, so the decorators it reads at scrape or request time
  // (authenticate of auth, rateLimitHealth of rate-limits, rollupCompaction, jobStream) come later
  // and cannot be named here.
  { name: 'metrics', dependencies: ['app-context', 'problems'] },
);

/**
 * OpenTelemetry tracing of every request (a span per request, with the route pattern), exported
 * over OTLP/HTTP to `<endpoint>/v1/traces`. Loaded only when configured, so a server without it
 * pays nothing. Incoming `traceparent` headers continue the caller's trace. Closing the app sends
 * the spans still buffered.
 */
async function startTracing(app: FastifyInstance, endpoint: string, serviceName: string): Promise<void> {
  const [{ FastifyOtelInstrumentation }, { NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, api] = await Promise.all([
    import('@fastify/otel'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/api'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  // Global: the context manager (AsyncLocalStorage) and the W3C propagator come with it.
  provider.register();
  const instrumentation = new FastifyOtelInstrumentation({
    // Lifecycle hooks as spans of their own would multiply the spans per request by ten.
    instrumentHooks: false,
    // The query string may carry what callers should not have put there; the span keeps the path.
    requestHook: (span, request) => span.setAttribute('url.path', request.url.split('?')[0]!),
  });
  instrumentation.setTracerProvider(provider);
  await app.register(instrumentation.plugin());
  app.addHook('onClose', async () => {
    await provider.shutdown().catch((err: unknown) => app.log.warn({ err }, 'tracing: could not send the last spans'));
    // Another app in this process (tests) may register its own provider after this one.
    api.trace.disable();
    api.context.disable();
    api.propagation.disable();
  });
  app.log.info({ endpoint, service: serviceName }, 'tracing requests to OpenTelemetry');
}
