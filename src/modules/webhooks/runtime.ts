import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../../db/index.js';
import type { LookupAll } from './deliver-http.js';
import { attemptDelivery, type AttemptOutcome, type RetrySchedule } from './delivery-worker.js';
import { WebhookDispatcher } from './dispatcher.js';
import { DELIVERY_QUEUE, deliveryQueue, startQueue, type DeliveryJobData, type DeliveryQueue } from './queue.js';
import type { UrlPolicy } from './url-policy.js';

export interface WebhookRuntimeOptions {
  database: DatabaseHandle;
  policy: UrlPolicy;
  /** Run the dispatcher and the delivery workers here (otherwise this instance only enqueues). */
  worker: boolean;
  workers: number;
  timeoutMs: number;
  endpointConcurrency: number;
  retry: RetrySchedule;
  disableAfterMs: number;
  dispatchPollMs: number;
  retentionDays: number;
  queuePollMs: number;
  maintenanceSeconds: number;
  now: () => number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  lookup?: LookupAll | undefined;
}

/**
 * Everything that delivers webhooks in one instance: the pg-boss queue (always: services enqueue
 * into it), and with `worker` the dispatcher that turns the change feed into deliveries and the
 * workers that attempt them. Closing stops taking work and waits for attempts in flight.
 */
export class WebhookRuntime {
  /** Queue jobs this instance ran, by outcome (metrics). */
  readonly outcomes: Record<AttemptOutcome, number> = { delivered: 0, retry: 0, failed: 0, disabled: 0, skipped: 0, busy: 0 };
  dispatcher: WebhookDispatcher | undefined;

  private constructor(
    readonly queue: DeliveryQueue,
    private readonly boss: PgBoss,
  ) {}

  static async start(options: WebhookRuntimeOptions): Promise<WebhookRuntime> {
    const boss = await startQueue(
      options.database,
      // An attempt lasts at most the timeout: 20 s more, and its instance is taken for dead.
      { expireInSeconds: Math.ceil(options.timeoutMs / 1000) + 20, maintenanceSeconds: options.maintenanceSeconds, supervise: options.worker },
      (err) => options.log.warn({ err }, 'webhook queue error'),
    );
    const workerIds: string[] = [];
    const runtime = new WebhookRuntime(
      deliveryQueue(boss, () => workerIds.forEach((id) => boss.notifyWorker(id))),
      boss,
    );
    if (!options.worker) return runtime;
    try {
      await runtime.startDelivering(options, workerIds);
    } catch (err) {
      await runtime.close(1000).catch(() => {});
      throw err;
    }
    return runtime;
  }

  /** The workers and the dispatcher of an instance that delivers. */
  private async startDelivering(options: WebhookRuntimeOptions, workerIds: string[]): Promise<void> {
    const { boss } = this;
    const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const workerOptions = {
      db: options.database.db,
      queue: this.queue,
      policy: options.policy,
      timeoutMs: options.timeoutMs,
      endpointConcurrency: options.endpointConcurrency,
      retry: options.retry,
      disableAfterMs: options.disableAfterMs,
      holder,
      lookup: options.lookup,
    };
    for (let i = 0; i < options.workers; i++) {
      let workerId = '';
      workerId = await boss.work<DeliveryJobData>(DELIVERY_QUEUE, { pollingIntervalSeconds: options.queuePollMs / 1000, batchSize: 1 }, async ([job]) => {
        if (!job) return;
        this.outcomes[await attemptDelivery(workerOptions, job)]++;
        // pg-boss waits out the poll interval after each job unless notified: a worker that found work looks again at once.
        boss.notifyWorker(workerId);
      });
      workerIds.push(workerId);
    }
    this.dispatcher = new WebhookDispatcher({
      database: options.database,
      queue: this.queue,
      log: options.log,
      pollMs: options.dispatchPollMs,
      now: options.now,
      retentionDays: options.retentionDays,
    });
    await this.dispatcher.start();
  }

  async close(graceMs: number): Promise<void> {
    await this.dispatcher?.close();
    // Attempts in flight finish (each within its timeout); queued ones wait in the database.
    await this.boss.stop({ graceful: true, wait: true, timeout: graceMs, close: false });
  }
}
