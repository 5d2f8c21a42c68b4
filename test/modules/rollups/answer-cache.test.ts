import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { answerCacheStats, cachedAnswer, MAX_ENTRIES } from '../../../src/modules/rollups/answer-cache.service.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { gql } from '../../helpers/graphql.js';
import { partnerPosting } from '../../helpers/partner.js';

let ctx: TestContext;
let partner: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMIT_PARTNER: '1000000' });
  await seedTestJobs(ctx.database.db, 200, 5);
  partner = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: 'cache', tier: 'partner', company: 'openai' })).secret}` };
}, 120_000);
afterAll(() => ctx?.close());

const stats = () => answerCacheStats(ctx.database.db);

/**
 * Asks until the answer is a kept one. On a shared PostgreSQL server, other databases' writes move
 * the snapshot on too (never a stale answer, only a miss), so a hit may take a few tries there.
 */
async function untilHit(url: string) {
  for (let i = 0; i < 50; i++) {
    const before = stats().hits;
    const res = await ctx.app.inject(url);
    expect(res.statusCode).toBe(200);
    if (stats().hits > before) return res.json();
  }
  throw new Error(`no kept answer for ${url} in 50 tries`);
}

describe('kept analytics answers', () => {
  for (const url of ['/v1/salaries?group_by=role', '/v1/trends/postings?interval=month&group_by=role&from=2025-07-01&to=2026-06-30']) {
    it(`${url}: asked again with nothing written, the kept answer is the computed one`, async () => {
      const computed = (await ctx.app.inject(url)).json();
      expect(await untilHit(url)).toEqual(computed);
    });

    it(`${url}: a write in between is seen at once`, async () => {
      await untilHit(url);
      const before = (await ctx.app.inject(url)).json();
      const put = await ctx.app.inject({
        method: 'PUT',
        url: `/v1/partner/jobs/cache-${Date.now()}`,
        headers: partner,
        payload: partnerPosting({ role: 'applied_ml', posted_at: '2026-03-10T00:00:00Z', salary: { min: 123457, max: 123459, currency: 'USD', period: 'year' } }),
      });
      expect(put.statusCode).toBe(201);
      const misses = stats().misses;
      const after = (await ctx.app.inject(url)).json();
      expect(stats().misses).toBe(misses + 1);
      expect(after).not.toEqual(before);
      expect(await untilHit(url)).toEqual(after);
    });

    it(`${url}: Cache-Control: no-cache computes the answer anew`, async () => {
      const kept = await untilHit(url);
      const misses = stats().misses;
      const fresh = await ctx.app.inject({ url, headers: { 'cache-control': 'no-cache' } });
      expect(stats().misses).toBe(misses + 1);
      expect(fresh.json()).toEqual(kept);
    });
  }

  it('a write moves the count the kept answer had', async () => {
    const url = '/v1/salaries?role=applied_ml';
    const before = await untilHit(url);
    const put = await ctx.app.inject({ method: 'PUT', url: `/v1/partner/jobs/cache-count-${Date.now()}`, headers: partner, payload: partnerPosting({ role: 'applied_ml' }) });
    expect(put.statusCode).toBe(201);
    const after = (await ctx.app.inject(url)).json();
    expect(after.overall.count).toBe(before.overall.count + 1);
  });

  it('GraphQL and REST share the kept answers', async () => {
    const url = '/v1/salaries?group_by=seniority';
    const rest = await untilHit(url);
    for (let i = 0; i < 50; i++) {
      const hits = stats().hits;
      const r = await gql(ctx.app, '{ salaries(groupBy: [seniority]) { overall { count median } groups { key { seniority } count median } } }');
      expect(r.errors).toBeUndefined();
      expect(r.data.salaries.overall).toMatchObject({ count: rest.overall.count, median: rest.overall.median });
      if (stats().hits > hits) return;
    }
    throw new Error('GraphQL never used the answer REST kept');
  });

  it(`keeps at most ${MAX_ENTRIES} answers, and different requests never share one`, async () => {
    const db = ctx.database.db;
    for (let i = 0; i < MAX_ENTRIES + 20; i++) expect(await cachedAnswer(db, `bound-${i}`, async () => i)).toBe(i);
    expect(stats().entries).toBe(MAX_ENTRIES);
    expect(await cachedAnswer(db, `bound-${MAX_ENTRIES + 19}`, async () => -1)).not.toBe(-2);
    const a = await ctx.app.inject('/v1/salaries?group_by=domain');
    const b = await ctx.app.inject('/v1/salaries?group_by=workplace');
    expect(a.json().group_by).toEqual(['domain']);
    expect(b.json().group_by).toEqual(['workplace']);
  });
});
