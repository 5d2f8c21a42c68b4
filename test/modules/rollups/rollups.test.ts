import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companies, jobs, postingRollup, salaryRollup } from '../../../src/db/tables.js';
import { COMPANY_CATEGORY_KEYS, DOMAIN_KEYS, ROLE_KEYS, SENIORITY_KEYS, WORKPLACE_KEYS } from '../../../src/reference/taxonomy.js';
import { SALARY_ROLLUP_SETS } from '../../../src/modules/rollups/rollups.service.js';
import { queryRows } from '../../../src/db/index.js';
import { createKey } from '../../../src/modules/keys/keys.service.js';
import { salaryRollupSet } from '../../../src/modules/salaries/salary-distribution-rollup.js';
import { salaryStats } from '../../../src/modules/salaries/salary-distribution.service.js';
import { parseSalaryStats } from '../../../src/modules/salaries/salaries.input.js';
import type { PostingTrend } from '../../../src/modules/trends/trends.schemas.js';
import { compactRollups } from '../../../src/modules/rollups/rollups.service.js';
import { postingTrend, rollupSet } from '../../../src/modules/trends/trends.service.js';
import { parsePostingTrendQuery } from '../../../src/modules/trends/trends.input.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { inSeconds, signJwt } from '../../helpers/jwt.js';

const JWT_SECRET = 'rollup-test-secret-that-is-long-enough!';
const DIMENSIONS = ['role', 'seniority', 'domain', 'workplace', 'company_category'] as const;
type Dimension = (typeof DIMENSIONS)[number];
/** The grouping sets migration 0005 writes. */
const SETS: Dimension[][] = [
  [],
  ['role'],
  ['seniority'],
  ['domain'],
  ['workplace'],
  ['company_category'],
  ['role', 'seniority'],
  ['role', 'domain'],
  ['role', 'workplace'],
  ['role', 'company_category'],
  [...DIMENSIONS],
];

const month = (d: Date) => d.toISOString().slice(0, 7) + '-01';

let ctx: TestContext;
let partners: Record<string, Record<string, string>>;
let admin: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ JWT_SECRET, RATE_LIMIT_PARTNER: '1000000', RATE_LIMIT_INTERNAL: '1000000' });
  await seedTestJobs(ctx.database.db, 300, 21);
  partners = {};
  for (const company of ['openai', 'anthropic', 'oracle']) {
    partners[company] = { authorization: `Bearer ${(await createKey(ctx.database.db, { name: company, tier: 'partner', company })).secret}` };
  }
  admin = { authorization: `Bearer ${signJwt({ sub: 'admin', role: 'admin', exp: inSeconds(3600) }, JWT_SECRET)}` };
}, 120_000);
afterAll(() => ctx?.close());

/** Every posting with the columns the rollups read. */
const postingRows = () =>
  ctx.database.db
    .select({
      role: jobs.role,
      seniority: jobs.seniority,
      domain: jobs.domain,
      workplace: jobs.workplace,
      company_category: companies.category,
      status: jobs.status,
      postedAt: jobs.postedAt,
      closedAt: jobs.closedAt,
      min: jobs.salaryUsdMin,
      max: jobs.salaryUsdMax,
    })
    .from(jobs)
    .innerJoin(companies, eq(companies.id, jobs.companyId));

/** The rollup recomputed from the postings, in TypeScript: what the triggers must keep it equal to. */
async function expectedRollup(): Promise<Map<string, [number, number, number]>> {
  const rows = await postingRows();
  const totals = new Map<string, [number, number, number]>();
  const add = (key: string, i: 0 | 1 | 2) => {
    const t = totals.get(key) ?? [0, 0, 0];
    t[i]++;
    totals.set(key, t);
  };
  for (const r of rows) {
    for (const set of SETS) {
      const mask = DIMENSIONS.reduce((m, d, i) => (set.includes(d) ? m : m | (1 << (DIMENSIONS.length - 1 - i))), 0);
      const key = (m: string) => [mask, m, r.status, ...DIMENSIONS.map((d) => (set.includes(d) ? r[d] : ''))].join('|');
      add(key(month(r.postedAt)), 0);
      if (r.closedAt) {
        add(key(month(r.closedAt)), 1);
        add(key(month(r.closedAt > r.postedAt ? r.closedAt : r.postedAt)), 2);
      }
    }
  }
  return totals;
}

async function storedRollup(): Promise<Map<string, [number, number, number]>> {
  const rows = await queryRows<{ key: string; posted: number; closed: number; ended: number }>(
    ctx.database.db,
    sql`select concat_ws('|', grouping, month, status, coalesce(role, ''), coalesce(seniority::text, ''), coalesce(domain::text, ''),
               coalesce(workplace::text, ''), coalesce(company_category::text, '')) as key,
               sum(posted)::int as posted, sum(closed)::int as closed, sum(ended)::int as ended
        from ${postingRollup}
        group by 1
        having sum(posted) <> 0 or sum(closed) <> 0 or sum(ended) <> 0`,
  );
  return new Map(rows.map((r) => [r.key, [r.posted, r.closed, r.ended]]));
}

async function expectRollupCurrent() {
  const [stored, expected] = await Promise.all([storedRollup(), expectedRollup()]);
  expect(stored.size).toBe(expected.size);
  expect(Object.fromEntries([...stored].sort())).toEqual(Object.fromEntries([...expected].sort()));
}

/** salary_rollup recomputed from the postings: postings per grouping set, status and exact midpoint (doubled). */
async function expectedSalaryRollup(): Promise<Map<string, number>> {
  const rows = await postingRows();
  const totals = new Map<string, number>();
  for (const r of rows) {
    if (r.min === null || r.max === null) continue;
    const mid = String(r.min + r.max);
    for (const set of SALARY_ROLLUP_SETS) {
      const mask = DIMENSIONS.reduce((m, d, i) => (set.includes(d) ? m : m | (1 << (DIMENSIONS.length - 1 - i))), 0);
      const key = [mask, r.status, ...DIMENSIONS.map((d) => (set.includes(d) ? r[d] : '')), mid].join('|');
      totals.set(key, (totals.get(key) ?? 0) + 1);
    }
  }
  return totals;
}

async function storedSalaryRollup(): Promise<Map<string, number>> {
  const rows = await queryRows<{ key: string; n: number }>(
    ctx.database.db,
    sql`select concat_ws('|', grouping, status, coalesce(role, ''), coalesce(seniority::text, ''), coalesce(domain::text, ''),
               coalesce(workplace::text, ''), coalesce(company_category::text, ''), mid_x2) as key, sum(postings)::int as n
        from ${salaryRollup}
        group by 1
        having sum(postings) <> 0`,
  );
  return new Map(rows.map((r) => [r.key, r.n]));
}

async function expectSalaryRollupCurrent() {
  const [stored, expected] = await Promise.all([storedSalaryRollup(), expectedSalaryRollup()]);
  expect(stored.size).toBe(expected.size);
  expect(Object.fromEntries([...stored].sort())).toEqual(Object.fromEntries([...expected].sort()));
}

const SALARY_REQUESTS: Record<string, string>[] = [
  {},
  { group_by: 'role' },
  { group_by: 'role,seniority', status: 'open' },
  { group_by: 'seniority,role', role: 'llm_engineer,applied_ml,software_engineer', min_count: '1' },
  { group_by: 'domain', domain: 'general,finance,healthcare', min_count: '1' },
  { group_by: 'company_category', status: 'closed', min_count: '2' },
  { workplace: 'remote', min_count: '1' },
  { role: 'customer_support', seniority: 'mid,senior', min_count: '1' },
];

async function expectSalariesFromRollupEqualPostings(requests = SALARY_REQUESTS) {
  for (const query of requests) {
    const request = parseSalaryStats(query as never);
    expect(salaryRollupSet(request.filters, request.groupBy), JSON.stringify(query)).toBeDefined();
    const fromRollup = await salaryStats(ctx.database.db, request, { source: 'rollup' });
    const fromPostings = await salaryStats(ctx.database.db, request, { source: 'postings' });
    expect(fromRollup, JSON.stringify(query)).toEqual(fromPostings);
  }
}

const TREND_SPECS: Record<string, string>[] = [
  { interval: 'month', from: '2025-01-01', to: '2026-12-31' },
  { interval: 'month', metric: 'open', group_by: 'role', from: '2025-03-01', to: '2026-12-31' },
  { interval: 'quarter', metric: 'closed', group_by: 'company_category', role: 'llm_engineer,applied_ml', from: '2025-01-01', to: '2026-12-31' },
  { interval: 'month', metric: 'open', group_by: 'seniority', status: 'open', workplace: 'remote', domain: 'general,finance', seniority: 'senior', role: 'llm_engineer', company_category: 'ai_native,saas', from: '2025-06-01', to: '2026-12-31' },
  { interval: 'quarter', metric: 'new', group_by: 'domain', status: 'closed', role: 'ai_safety_alignment', from: '2024-10-01', to: '2026-12-31' },
];

async function expectTrendsFromRollupEqualPostings() {
  for (const query of TREND_SPECS) {
    const spec = parsePostingTrendQuery(query as never, Date.parse('2026-11-25T00:00:00Z'));
    expect(rollupSet(spec), JSON.stringify(query)).toBeDefined();
    const fromRollup = await postingTrend(ctx.database.db, spec, { source: 'rollup' });
    const fromPostings = await postingTrend(ctx.database.db, spec, { source: 'postings' });
    expect(fromRollup, JSON.stringify(query)).toEqual(fromPostings);
  }
}

const isoInstant = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 10, 20) })
  .map((ms) => new Date(ms - (ms % 1000)).toISOString());

const posting = fc.record({
  title: fc.constantFrom('LLM Engineer', 'Applied ML Engineer', 'Support Specialist'),
  description: fc.constant('<p>Work.</p>'),
  role: fc.constantFrom(...ROLE_KEYS),
  seniority: fc.constantFrom(...SENIORITY_KEYS),
  domain: fc.constantFrom(...DOMAIN_KEYS),
  workplace: fc.constantFrom(...WORKPLACE_KEYS),
  posted_at: isoInstant,
});

type Posting = typeof posting extends fc.Arbitrary<infer T> ? T : never;

type Op =
  | { kind: 'put'; company: string; id: number; body: Posting }
  | { kind: 'patch'; company: string; id: number; body: Partial<Posting> }
  | { kind: 'close' | 'reopen'; company: string; id: number }
  | { kind: 'batch'; company: string; ids: number[]; body: Posting }
  | { kind: 'category'; company: string; category: string }
  | { kind: 'dry_run'; company: string; id: number; body: Posting };

const company = fc.constantFrom('openai', 'anthropic', 'oracle');
const externalId = fc.integer({ min: 1, max: 12 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), company, id: externalId, body: posting }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('patch' as const),
      company,
      id: externalId,
      body: posting.chain((p) => fc.subarray(Object.keys(p) as (keyof typeof p)[], { minLength: 1 }).map((keys) => Object.fromEntries(keys.map((k) => [k, p[k]])))),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'reopen' as const), company, id: externalId }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('batch' as const), company, ids: fc.uniqueArray(externalId, { minLength: 1, maxLength: 6 }), body: posting }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('category' as const), company, category: fc.constantFrom(...COMPANY_CATEGORY_KEYS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dry_run' as const), company, id: externalId, body: posting }) },
);

async function apply(o: Op): Promise<number> {
  const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
    ctx.app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) }).then((r) => r.statusCode);
  const url = (id: number) => `/v1/partner/jobs/rollup-${id}`;
  switch (o.kind) {
    case 'put':
      return inject('PUT', url(o.id), partners[o.company]!, o.body);
    case 'patch':
      return inject('PATCH', url(o.id), partners[o.company]!, o.body);
    case 'close':
      return inject('DELETE', url(o.id), partners[o.company]!);
    case 'reopen':
      return inject('POST', `${url(o.id)}/reopen`, partners[o.company]!);
    case 'dry_run':
      return inject('PUT', `${url(o.id)}?dry_run=true`, partners[o.company]!, o.body);
    case 'batch':
      return inject('POST', '/v1/partner/jobs/batch', partners[o.company]!, {
        items: o.ids.map((id) => ({ op: 'upsert', external_id: `rollup-${id}`, job: o.body })),
      });
    case 'category':
      return inject('PATCH', `/v1/admin/companies/${o.company}`, admin, { category: o.category });
  }
}

describe('posting rollup', () => {
  it('starts equal to the postings (seeded data goes through the same triggers)', async () => {
    await expectRollupCurrent();
    await expectSalaryRollupCurrent();
    await expectSalariesFromRollupEqualPostings();
  });

  it('salary statistics from the rollup equal those from the postings, for random filters and groupings', async () => {
    const values: Record<Dimension, readonly string[]> = {
      role: ROLE_KEYS,
      seniority: SENIORITY_KEYS,
      domain: DOMAIN_KEYS,
      workplace: WORKPLACE_KEYS,
      company_category: COMPANY_CATEGORY_KEYS,
    };
    // A grouping set, then groupings and filters within it (anything else is read from the postings).
    const request = fc.constantFrom(...SALARY_ROLLUP_SETS).chain((set) =>
      fc.record({
        groupBy: fc.shuffledSubarray([...set], { maxLength: Math.min(2, set.length) }),
        filters: fc.subarray([...set]).chain((dims) =>
          fc.tuple(...dims.map((d) => fc.uniqueArray(fc.constantFrom(...values[d]), { minLength: 1, maxLength: 3 }).map((v) => [d, v.join(',')] as const))),
        ),
        status: fc.constantFrom('open', 'closed', 'all'),
        minCount: fc.integer({ min: 1, max: 6 }),
      }),
    );
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ groupBy, filters, status, minCount }) => {
        const query: Record<string, string> = { status, min_count: String(minCount), ...Object.fromEntries(filters) };
        if (groupBy.length) query.group_by = groupBy.join(',');
        const parsed = parseSalaryStats(query as never);
        expect(salaryRollupSet(parsed.filters, parsed.groupBy)).toBeDefined();
        await expectSalariesFromRollupEqualPostings([query]);
        compared++;
      }),
      { numRuns: 60, seed: 424242 },
    );
    expect(compared).toBeGreaterThan(20);
  });

  it('stays equal to the postings under any sequence of partner writes, closes, reopens and company re-categorisations', async () => {
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) if ((await apply(o)) < 300) applied++;
        await expectRollupCurrent();
        await expectSalaryRollupCurrent();
      }),
      { numRuns: 12, seed: 5150 },
    );
    // Not vacuous: most writes were accepted (a patch or close of a posting not created yet is a 404).
    expect(applied).toBeGreaterThan(40);
    await expectTrendsFromRollupEqualPostings();
    await expectSalariesFromRollupEqualPostings();
  });

  it('compaction folds delta rows into one row per key and changes no count', async () => {
    const before = await storedRollup();
    const deltas = async () =>
      (await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from ${postingRollup} where not ${postingRollup.compacted}`))[0]!.n;
    expect(await deltas()).toBeGreaterThan(0);
    // Two compactions at once (as two instances would run them) neither lose nor double a count.
    await Promise.all([compactRollups(ctx.database.db), compactRollups(ctx.database.db)]);
    expect(await deltas()).toBe(0);
    expect(await storedRollup()).toEqual(before);
    const duplicates = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from (
            select 1 from ${postingRollup}
            group by grouping, month, status, role, seniority, domain, workplace, company_category having count(*) > 1) d`,
    );
    expect(duplicates[0]!.n).toBe(0);
    await expectRollupCurrent();
    await expectSalaryRollupCurrent();
    await expectTrendsFromRollupEqualPostings();
    await expectSalariesFromRollupEqualPostings();
  });

  it('a partner write shows in rollup-served trends at once; a dry run does not', async () => {
    const query = { interval: 'month', metric: 'new', role: 'ai_platform_architect', group_by: 'seniority', from: '2026-01-01', to: '2026-03-31' };
    expect(rollupSet(parsePostingTrendQuery(query as never))).toBeDefined();
    const staffInFebruary = async () => {
      const res = await ctx.app.inject({ url: '/v1/trends/postings', query });
      expect(res.statusCode, res.body).toBe(200);
      const series = (res.json() as PostingTrend).series.find((s) => s.key === 'staff');
      return series?.points.find((p) => p.period === '2026-02')?.value ?? 0;
    };
    const before = await staffInFebruary();
    const body = {
      title: 'Staff AI Platform Architect',
      description: '<p>Design.</p>',
      role: 'ai_platform_architect',
      seniority: 'staff',
      workplace: 'remote',
      posted_at: '2026-02-14T10:00:00Z',
    };
    const partner = partners.anthropic!;
    expect((await ctx.app.inject({ method: 'PUT', url: '/v1/partner/jobs/fresh-1?dry_run=true', headers: partner, payload: body })).statusCode).toBe(201);
    expect(await staffInFebruary()).toBe(before);
    expect((await ctx.app.inject({ method: 'PUT', url: '/v1/partner/jobs/fresh-1', headers: partner, payload: body })).statusCode).toBe(201);
    expect(await staffInFebruary()).toBe(before + 1);
    // Moving the posting to another month moves the count with it.
    expect((await ctx.app.inject({ method: 'PATCH', url: '/v1/partner/jobs/fresh-1', headers: partner, payload: { posted_at: '2026-03-02T10:00:00Z' } })).statusCode).toBe(200);
    expect(await staffInFebruary()).toBe(before);
  });

  it('concurrent batches from several partners leave the rollup exact', async () => {
    const body = (n: number) => ({
      items: Array.from({ length: 50 }, (_, i) => ({
        op: 'upsert',
        external_id: `concurrent-${n}-${i}`,
        job: { title: 'ML Engineer', description: '<p>x</p>', role: ROLE_KEYS[i % ROLE_KEYS.length], seniority: 'mid', workplace: 'onsite', posted_at: '2026-05-05T00:00:00Z' },
      })),
    });
    const statuses = await Promise.all(
      ['openai', 'anthropic', 'oracle', 'openai', 'anthropic', 'oracle'].map((c, n) =>
        ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs/batch', headers: partners[c]!, payload: body(n) }).then((r) => r.statusCode),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await expectRollupCurrent();
    await expectSalaryRollupCurrent();
  });
});
