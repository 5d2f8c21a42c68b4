import { ConfigError, loadConfig } from '../config.js';
import { connect } from '../db/index.js';
import { dayMs, isDayShaped } from '../lib/days.js';
import { DEMO_SEED, defaultUntil } from '../../tools/seed/defaults.js';
import { isEmpty, seedDemo } from '../../tools/seed/seed.js';
import { cliArgs, intFlag } from './args.js';

const usage = 'npm run seed -- [--jobs N] [--seed S] [--until YYYY-MM-DD] [--force]';
const { values } = cliArgs(
  {
    jobs: { type: 'string' },
    seed: { type: 'string' },
    until: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
  usage,
);
const jobs = intFlag('jobs', values.jobs, 5000, 0, 10_000_000);
const seed = intFlag('seed', values.seed, DEMO_SEED, 0, 2 ** 31 - 1);
let until = defaultUntil();
if (values.until !== undefined) {
  until = new Date(dayMs(values.until));
  if (!isDayShaped(values.until) || Number.isNaN(until.getTime())) {
    console.error(`--until must be a date YYYY-MM-DD (got ${JSON.stringify(values.until)})\nusage: ${usage}`);
    process.exit(2);
  }
}

try {
  const config = loadConfig();
  const database = await connect({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await database.migrate();
    if (!values.force && !(await isEmpty(database.db))) {
      console.error('the database already holds jobs; pass --force to add demo data anyway');
      process.exit(1);
    }
    let last = 0;
    const report = await seedDemo(database.db, { jobs, seed, until }, (done) => {
      if (done - last >= 100_000 || done === jobs) {
        last = done;
        console.log(`  ${done.toLocaleString('en-US')} jobs`);
      }
    });
    console.log(
      `seeded ${report.companies} companies, ${report.jobs.toLocaleString('en-US')} jobs and ${report.layoffs} layoff events into ${database.backend} ` +
        `in ${(report.milliseconds / 1000).toFixed(1)} s (seed ${seed}, until ${until.toISOString().slice(0, 10)})`,
    );
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
