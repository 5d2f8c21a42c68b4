/**
 * The configuration every test app starts from (test/helpers/app.ts); a test adds only what it is
 * about. No vitest import here: test/fixtures (child processes) use it too.
 */
export const TEST_ENV: Readonly<Record<string, string>> = {
  PGLITE_DIR: 'memory://',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  // Tests make many anonymous requests from one address; rate-limit tests set their own limits.
  RATE_LIMIT_ANONYMOUS: '1000000',
  // The webhook dispatcher and workers read the database in the background, which would upset tests that
  // count statements; tests of delivery turn them on (test/helpers/webhooks.ts WEBHOOK_TEST_ENV).
  WEBHOOK_WORKER: 'false',
};
