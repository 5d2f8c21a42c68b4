import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/index.js';
import { createTestDatabase } from './database.js';

export interface TestContext {
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** An app over a database of its own (PGlite in memory, or a fresh PostgreSQL database). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  // Tests make many anonymous requests from one address; rate-limit tests set their own limits.
  const config = loadConfig({ PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent', SEED_DEMO: 'false', RATE_LIMIT_ANONYMOUS: '1000000', ...env });
  const app = await buildApp(config, { database, logger: false });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
