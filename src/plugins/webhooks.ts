import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../lib/errors.js';
import type { LookupAll } from '../modules/webhooks/deliver-http.js';
import type { DeliveryQueue } from '../modules/webhooks/queue.js';
import { WebhookRuntime } from '../modules/webhooks/runtime.js';
import type { WebhookDeps } from '../modules/webhooks/webhooks.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** What the webhook services need (queue, URL policy), and the dispatcher for tests and benchmarks to wait on. */
    webhooks: { deps(): WebhookDeps; runtime(): WebhookRuntime };
  }
}

export interface WebhookPluginOptions {
  /** The clock of the weekly radar announcement (tests move it). */
  now?: (() => number) | undefined;
  /** DNS override for deliveries (tests). */
  lookup?: LookupAll | undefined;
}

/**
 * Starts the instance's webhook runtime when the app is ready (building the app to print its
 * OpenAPI document starts nothing) and stops it on close, after attempts in flight end.
 */
export default fp(
  async function webhooks(app: FastifyInstance, opts: WebhookPluginOptions) {
    const config = app.config.webhooks;
    const policy = { allowPrivateCidrs: config.allowPrivateCidrs, allowHttp: config.allowHttp };
    let runtime: WebhookRuntime | undefined;
    const started = () => {
      // Until the queue is reachable (the database may be down at start), what needs it answers 503.
      if (!runtime) throw new ApiError('unavailable', 'Webhook delivery is not running yet (the database is unreachable): try again shortly.');
      return runtime;
    };
    const queue: DeliveryQueue = {
      insert: (tx, attempts) => started().queue.insert(tx, attempts),
      complete: (tx, jobId) => started().queue.complete(tx, jobId),
      wake: () => runtime?.queue.wake(),
    };
    app.decorate('webhooks', { deps: () => ({ ...app.deps, queue, policy }), runtime: started });
    const log = app.log.child({ module: 'webhooks' });
    const start = () =>
      WebhookRuntime.start({
        database: app.database,
        policy,
        worker: config.worker,
        workers: config.workers,
        timeoutMs: config.timeoutMs,
        endpointConcurrency: config.endpointConcurrency,
        retry: { baseMs: config.retryBaseMs, capMs: config.retryCapMs, maxAttempts: config.maxAttempts },
        disableAfterMs: config.disableAfterSeconds * 1000,
        dispatchPollMs: config.dispatchPollMs,
        retentionDays: config.retentionDays,
        queuePollMs: config.queuePollMs,
        maintenanceSeconds: config.superviseSeconds,
        now: opts.now ?? Date.now,
        log,
        lookup: opts.lookup,
      });
    let closed = false;
    let retryTimer: NodeJS.Timeout | undefined;
    let starting: Promise<void> | undefined;
    /** Starts the runtime; while the database is unreachable, tries again with backoff (the API serves meanwhile). */
    const attempt = async (delayMs: number): Promise<void> => {
      try {
        const ready = await start();
        if (closed) await ready.close(1000);
        else runtime = ready;
      } catch (err) {
        if (closed) return;
        log.warn({ err, retryInMs: delayMs }, 'webhook runtime: cannot start (database unreachable?), retrying');
        retryTimer = setTimeout(() => void (starting = attempt(Math.min(delayMs * 2, 30_000))), delayMs).unref();
      }
    };
    app.addHook('onReady', async () => {
      starting = attempt(1000);
      await starting;
    });
    app.addHook('onClose', async () => {
      closed = true;
      clearTimeout(retryTimer);
      await starting;
      await runtime?.close(config.timeoutMs + 2000);
    });
  },
  { name: 'webhooks', dependencies: ['app-context'] },
);
