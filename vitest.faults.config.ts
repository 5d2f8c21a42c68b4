import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`): tests that start their own PostgreSQL and Redis and
 * restart, kill or freeze them under real HTTP load against the API process. Files are named
 * *.fault.ts so the main suite (test/**\/*.test.ts) never picks them up; they run one at a time
 * because each owns services and measures latency on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Figures go to stdout as FAULT-SUMMARY lines: show them even when the test passes.
    silent: false,
  },
});
