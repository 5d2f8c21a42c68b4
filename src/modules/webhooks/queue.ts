import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../../db/index.js';

/** The pg-boss queue of delivery attempts: one job per attempt, `{ deliveryId }`. */
export const DELIVERY_QUEUE = 'webhook-delivery';

export interface DeliveryJobData {
  deliveryId: string;
  /** Which attempt of the current round this is (1 first; a manual retry starts a new round). */
  attempt: number;
}

/**
 * pg-boss SQL (`$n` parameters) run inside one of our drizzle transactions, so an attempt is enqueued
 * or completed atomically with the rows that cause it. Parameters are passed as such, never spliced.
 */
export function transactionDb(tx: Executor): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const { raw, params } = splitText(text);
      const chunks: SQL[] = [raw[0]!];
      params.forEach((n, i) => chunks.push(sql`${sql.param(values[n - 1])}`, raw[i + 1]!));
      const result = (await tx.execute(sql.join(chunks))) as unknown as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}

/** pg-boss sends a handful of distinct statements: each is split at its `$n` once. */
const splitTexts = new Map<string, { raw: SQL[]; params: number[] }>();
function splitText(text: string): { raw: SQL[]; params: number[] } {
  let split = splitTexts.get(text);
  if (!split) {
    const raw: SQL[] = [];
    const params: number[] = [];
    let last = 0;
    for (const match of text.matchAll(/\$(\d+)/g)) {
      raw.push(sql.raw(text.slice(last, match.index)));
      params.push(Number(match[1]));
      last = match.index + match[0].length;
    }
    raw.push(sql.raw(text.slice(last)));
    split = { raw, params };
    if (splitTexts.size < 100) splitTexts.set(text, split);
  }
  return split;
}

export interface QueueOptions {
  /** Seconds a started attempt may run before the queue counts its instance dead and hands it out again. */
  expireInSeconds: number;
  /** How often the queue's maintenance runs (expiring dead instances' attempts, archiving). */
  maintenanceSeconds: number;
  /** Whether this instance takes part in maintenance (instances that deliver do). */
  supervise: boolean;
}

/**
 * The durable queue: pg-boss over the API's own database (its tables in schema `pgboss`), through
 * the same connection handle as everything else: the pg pool on PostgreSQL, the one in-process
 * backend on PGlite — so the embedded database runs the same queue code in-process over the same tables.
 */
export async function startQueue(database: DatabaseHandle, options: QueueOptions, onError: (err: Error) => void): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => database.runText(text, values) },
    schema: 'pgboss',
    supervise: options.supervise,
    // Cron scheduling needs none of pg-boss's clock checks: the dispatcher publishes the weekly radar.
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceSeconds,
  });
  boss.on('error', onError);
  await boss.start();
  try {
    await createQueueOnce(boss, {
      name: DELIVERY_QUEUE,
      // Retries of a delivery are ours (the README's schedule): pg-boss retries only an attempt whose
      // instance died (expired) or whose handler failed (the database was unreachable), 5 s later.
      retryLimit: 1_000_000,
      retryDelay: 5,
      expireInSeconds: options.expireInSeconds,
      retentionMinutes: 14 * 24 * 60,
    });
  } catch (err) {
    // Half started: its timers must not outlive the failed start.
    await boss.stop({ graceful: false, wait: true, close: false }).catch(() => {});
    throw err;
  }
  return boss;
}

/**
 * Creates the queue unless it exists. Instances starting together on a new database race to create
 * its partition: the loser of a deadlock or unique violation finds it made by the other.
 */
async function createQueueOnce(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(queue.name)) return;
    try {
      await boss.createQueue(queue.name, queue);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code !== '40P01' && code !== '23505') || attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

/** What the services need of the queue: enqueue and complete attempts inside their transactions. */
export interface DeliveryQueue {
  /** Enqueues one attempt per item, in `tx` (nothing is enqueued if it rolls back). */
  insert(tx: Executor, attempts: readonly { jobId: string; deliveryId: string; attempt: number; startAfter?: Date | undefined }[]): Promise<void>;
  /** Marks an attempt's queue job done, in `tx`. */
  complete(tx: Executor, jobId: string): Promise<void>;
  /** Tells this instance's workers to look for work now (after a commit that enqueued some). */
  wake(): void;
}

export function deliveryQueue(boss: PgBoss, wake: () => void): DeliveryQueue {
  return {
    insert: async (tx, attempts) => {
      if (attempts.length === 0) return;
      await boss.insert(
        attempts.map((a) => ({
          id: a.jobId,
          name: DELIVERY_QUEUE,
          data: { deliveryId: a.deliveryId, attempt: a.attempt } satisfies DeliveryJobData,
          ...(a.startAfter ? { startAfter: a.startAfter.toISOString() } : {}),
        })),
        { db: transactionDb(tx) },
      );
    },
    complete: async (tx, jobId) => {
      await boss.complete(DELIVERY_QUEUE, jobId, {}, { db: transactionDb(tx) });
    },
    wake,
  };
}
