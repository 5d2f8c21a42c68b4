import { ConfigError, loadConfig } from '../config.js';
import { connect } from '../db/index.js';

try {
  const config = loadConfig();
  const database = await connect({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await database.migrate();
    console.log(`migrations applied (${database.backend})`);
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
