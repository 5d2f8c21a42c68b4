import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { compactRollups } from '../modules/rollups/rollups.service.js';

/** What the metrics report of compaction (read-only). */
export interface RollupCompactionState {
  /** 0: compaction is off on this instance. */
  intervalSeconds: number;
  startedAt: number;
  /** When this instance last finished a compaction without error (epoch ms), or null. */
  lastSuccessAt: number | null;
  succeeded: number;
  failed: number;
  /** Delta rows folded since start. */
  rowsMoved: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    rollupCompaction(): RollupCompactionState;
  }
}

/**
 * Folds the posting rollup's delta rows every `ROLLUP_COMPACT_SECONDS`. Reads are exact without
 * it (they sum delta rows); it only keeps the rollup from growing with every write. Several
 * instances may compact at once safely. Shutdown waits for a running compaction.
 */
export default fp(
  async function rollupMaintenance(app: FastifyInstance, opts: { config: Config }) {
    const seconds = opts.config.rollupCompactSeconds;
    const state: RollupCompactionState = { intervalSeconds: seconds, startedAt: Date.now(), lastSuccessAt: null, succeeded: 0, failed: 0, rowsMoved: 0 };
    app.decorate('rollupCompaction', () => ({ ...state }));
    if (seconds === 0) return;
    let running: Promise<void> | undefined;
    const compact = () => {
      running ??= compactRollups(app.deps.db)
        .then((moved) => {
          state.lastSuccessAt = Date.now();
          state.succeeded++;
          state.rowsMoved += moved;
          if (moved > 0) app.log.debug({ moved }, 'analytics rollups compacted');
        })
        .catch((err: Error) => {
          state.failed++;
          app.log.warn({ err: err.message }, 'analytics rollup compaction failed; retrying at the next interval');
        })
        .finally(() => {
          running = undefined;
        });
    };
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      timer = setInterval(compact, seconds * 1000);
      timer.unref();
    });
    app.addHook('preClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'rollup-maintenance', dependencies: ['app-context'] },
);
