import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { compactRollups } from '../modules/rollups/rollups.service.js';

/**
 * Folds the posting rollup's delta rows every `ROLLUP_COMPACT_SECONDS`. Reads are exact without
 * it (they sum delta rows); it only keeps the rollup from growing with every write. Several
 * instances may compact at once safely. Shutdown waits for a running compaction.
 */
export default fp(
  async function rollupMaintenance(app: FastifyInstance, opts: { config: Config }) {
    const seconds = opts.config.rollupCompactSeconds;
    if (seconds === 0) return;
    let running: Promise<void> | undefined;
    const compact = () => {
      running ??= compactRollups(app.deps.db)
        .then((moved) => {
          if (moved > 0) app.log.debug({ moved }, 'analytics rollups compacted');
        })
        .catch((err: Error) => app.log.warn({ err: err.message }, 'analytics rollup compaction failed; retrying at the next interval'))
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
  { name: 'rollup-maintenance' },
);
