import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../../db/index.js';

/** Answers kept per database, least recently used dropped first. */
export const MAX_ENTRIES = 256;

interface Entry {
  /** The snapshot the answer was computed in (`xmin:xmax:in-progress xids`). */
  snapshot: string;
  answer: unknown;
}

interface Cache {
  entries: Map<string, Entry>;
  hits: number;
  misses: number;
}

// Per database object: snapshots are numbered server-wide, so two databases can share one.
const caches = new WeakMap<Database, Cache>();

function cacheOf(db: Database): Cache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { entries: new Map(), hits: 0, misses: 0 }));
  return cache;
}

/** Kept answers, and how often one was used or had to be computed, for this database. */
export function answerCacheStats(db: Database): { entries: number; hits: number; misses: number } {
  const { entries, hits, misses } = cacheOf(db);
  return { entries: entries.size, hits, misses };
}

async function currentSnapshot(db: Executor): Promise<string> {
  const [row] = await queryRows<{ snapshot: string }>(db, sql`select pg_current_snapshot()::text as snapshot`);
  return row!.snapshot;
}

/**
 * An expensive read's answer, kept with the database snapshot it was computed in. A later request
 * whose snapshot is the same one sees exactly the same rows (no write transaction has begun or ended
 * since), so it gets the kept answer after one cheap statement instead of the work; any write moves
 * the snapshot on, so a kept answer is never stale. `fresh` computes anew (Cache-Control: no-cache).
 * Answers are shared between requests: callers must not change them.
 */
export async function cachedAnswer<T>(db: Database, key: string, compute: (db: Executor) => Promise<T>, options: { fresh?: boolean } = {}): Promise<T> {
  const cache = cacheOf(db);
  const { entries } = cache;
  const kept = options.fresh ? undefined : entries.get(key);
  if (kept && (await currentSnapshot(db)) === kept.snapshot) {
    cache.hits++;
    entries.delete(key);
    entries.set(key, kept);
    return kept.answer as T;
  }
  cache.misses++;
  // The snapshot and the answer must be one: a read-only repeatable-read transaction takes its
  // snapshot at its first statement and keeps it.
  const entry = await db.transaction(
    async (tx) => {
      const snapshot = await currentSnapshot(tx);
      return { snapshot, answer: await compute(tx) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return entry.answer;
}
