import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connect } from './db/index.js';
import { isEmpty, seedDemo } from './modules/demo/demo.service.js';
import { DEMO_SEED, todayUtc } from './modules/demo/defaults.js';

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

const database = await connect({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, poolSize: config.databasePoolSize });
// Embedded mode owns its database, so it migrates itself; a server database is migrated by `npm run migrate`.
if (database.backend === 'pglite') await database.migrate();

const app = await buildApp(config, { database });
app.addHook('onClose', () => database.close());

if (config.seedDemo && (await isEmpty(database.db))) {
  app.log.info({ jobs: config.seedJobs }, 'empty database: seeding demo data');
  const report = await seedDemo(database.db, { jobs: config.seedJobs, seed: DEMO_SEED, until: todayUtc() });
  app.log.info(report, 'demo data seeded');
}

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then close the pool.
closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
