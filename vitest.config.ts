import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Every answer any test receives is checked against the OpenAPI document.
    setupFiles: ['test/setup/response-contract.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file owns a database; two cores run two files at a time.
    maxWorkers: 2,
  },
});
