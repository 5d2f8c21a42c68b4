import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/index.js';
import { camelize } from '../../../src/graphql/rest.js';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { partnerPosting } from '../../helpers/partner.js';

let ctx: TestContext;
let partner: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMIT_PARTNER: '100' });
  await seedTestJobs(ctx.database.db, 5, 2);
  partner = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'ATS', tier: 'partner', company: 'openai' })).secret}` };
}, 120_000);
afterAll(() => ctx?.close());

const batch = (prefix: string, n: number) => ({
  items: Array.from({ length: n }, (_, i) => ({ op: 'upsert', external_id: `${prefix}-${i}`, job: partnerPosting({ title: `Posting ${i}` }) })),
});

it('a REST batch costs one unit of the budget per item on top of the request, as upsertJobs does; one over the budget writes nothing', async () => {
  const ten = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs/batch', headers: partner, payload: batch('ten', 10) });
  expect(ten.statusCode).toBe(200);
  expect(ten.headers['ratelimit-remaining']).toBe('89');
  const single = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs/batch', headers: partner, payload: batch('one', 1) });
  expect(single.headers['ratelimit-remaining']).toBe('87');
  // The same batch through GraphQL spends the same.
  const m = 'mutation($items: [BatchItem!]!) { upsertJobs(items: $items) { summary { created } } }';
  const items = batch('gql', 3).items.map((i) => ({ op: 'upsert', externalId: i.external_id, job: camelize(i.job) }));
  const viaGraphql = await ctx.app.inject({ method: 'POST', url: '/graphql', headers: partner, payload: { query: m, variables: { items } } });
  expect(viaGraphql.json().data.upsertJobs.summary.created).toBe(3);
  expect(viaGraphql.headers['ratelimit-remaining']).toBe('83');
  const over = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs/batch', headers: partner, payload: batch('over', 95) });
  expect(over.statusCode).toBe(429);
  expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  const [written] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from jobs where external_id like 'over-%'`);
  expect(written!.n).toBe(0);
});
