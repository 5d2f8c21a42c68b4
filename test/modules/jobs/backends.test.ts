import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../../src/db/index.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';

// PGlite and PostgreSQL hold the same demo postings (the generator is deterministic, ids included):
// every search must answer the same pages on both. Only meaningful when the suite runs on PostgreSQL.
const onPostgres = !!process.env.DATABASE_URL;
const BOUND = '60';
let server: TestContext;
let embedded: TestContext;

beforeAll(async () => {
  if (!onPostgres) return;
  server = await createTestApp({ SEARCH_COUNT_BOUND: BOUND });
  const database = await connect({ pgliteDir: 'memory://' });
  await database.migrate();
  // An embedded PGlite beside the PostgreSQL one (createTestDatabase would give PostgreSQL here).
  embedded = await createTestApp({ database, env: { SEARCH_COUNT_BOUND: BOUND } });
  await Promise.all([seedTestJobs(server.database.db, 500, 3), seedTestJobs(database.db, 500, 3)]);
}, 240_000);
afterAll(async () => {
  await server?.close();
  // The app leaves the database it was given open.
  await embedded?.close();
  await embedded?.database.close();
});

const SEARCHES = [
  'q=engineer',
  'q=engineer&sort=newest&limit=7',
  'q=python%20-senior&status=all',
  'q=%22machine%20learning%22&facets=role,company,country',
  'q=safety%20research&sort=salary_desc',
  'country=US&workplace=remote&facets=workplace,company_category',
  'role=llm_engineer,applied_ml&sort=salary_asc&limit=13',
  'status=closed&sort=oldest&limit=9',
  'company_category=ai_native&salary_min=200000',
];

describe.skipIf(!onPostgres)('PGlite and PostgreSQL', () => {
  it.each(SEARCHES)('answer the same pages for %s, page after page', async (params) => {
    let cursor: string | null = null;
    for (let page = 0; page < 4; page++) {
      const url: string = `/v1/jobs?${params}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const [a, b] = await Promise.all([server.app.inject(url), embedded.app.inject(url)]);
      expect(a.statusCode, a.body).toBe(200);
      const pg = a.json() as { next_cursor: string | null };
      expect(b.json()).toEqual(pg);
      cursor = pg.next_cursor;
      if (!cursor) break;
    }
  });
});
