import closeWithGrace from 'close-with-grace';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { apiConnectOptions, connect } from './db/index.js';
import { isEmpty, seedDemo } from '../tools/seed/seed.js';
import { DEMO_SEED, defaultUntil } from '../tools/seed/defaults.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

// Connection losses are logged by the app's logger once there is one.
const log: { to?: FastifyBaseLogger } = {};
const database = await connect(
  apiConnectOptions(config, (err) => (log.to ? log.to.warn({ err }, 'database connection lost') : console.error(`database connection lost: ${err.message}`))),
);
// Embedded mode owns its database, so it migrates itself; a server database is migrated by `npm run migrate`.
if (database.backend === 'pglite') await database.migrate();

const app = await buildApp(config, { database });
log.to = app.log;

if (config.seedDemo && (await isEmpty(database.db))) {
  app.log.info({ jobs: config.seedJobs }, 'empty database: seeding demo data');
  // Seeding a large demo runs statements longer than a request's statement timeout: on PostgreSQL it
  // gets a connection of its own without one.
  const seeding = database.backend === 'postgres' ? await connect({ databaseUrl: config.databaseUrl }) : database;
  const report = await seedDemo(seeding.db, { jobs: config.seedJobs, seed: DEMO_SEED, until: defaultUntil() });
  if (seeding !== database) await seeding.close();
  app.log.info(report, 'demo data seeded');
}

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then close the pool.
closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'shutting down');
  // The database closes after the app: the app's own onClose hooks (the last API key uses) still write to it.
  try {
    await app.close();
  } finally {
    await database.close();
  }
});

await app.listen({ port: config.port, host: config.host });
