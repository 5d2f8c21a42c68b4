import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { companies, jobs, layoffs } from '../../../src/db/tables.js';
import { ROLES } from '../../../src/reference/taxonomy.js';
import type { CompanyStats, MarketSummary, Radar } from '../../../src/modules/market/market.schemas.js';
import type { Emerging } from '../../../src/modules/trends/trends.schemas.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { gql } from '../../helpers/graphql.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => isoDay(dayMs(day) + n * DAY_MS);
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const growth = (a: number, b: number) => (b === 0 ? null : round4(a / b - 1));

const AI = new Set<string>(ROLES.filter((r) => r.family === 'ai').map((r) => r.key));
const SOFTWARE = new Set<string>(ROLES.filter((r) => r.family === 'software').map((r) => r.key));

interface Row {
  posted: number;
  status: string;
  role: string;
  mid: number | null;
  company: string;
  companyId: string;
  category: string;
}
interface LayoffRow {
  day: string;
  headcount: number;
  ai: boolean;
  companyId: string;
}

/** The median as percentile_cont(0.5) computes it, rounded to whole dollars; null when empty. */
function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  const lo = s[Math.floor(m)]!;
  const hi = s[Math.ceil(m)]!;
  return Math.round(lo + (hi - lo) * (m - Math.floor(m)));
}

function trendLabel(current: number, previous: number): string {
  if (previous === 0) return 'new_category';
  if (current * 100 >= previous * 150) return 'growing_fast';
  if (current * 100 >= previous * 115) return 'growing';
  if (current * 100 <= previous * 85) return 'declining';
  return 'steady';
}

let ctx: TestContext;
let rows: Row[];
let layoffRows: LayoffRow[];

const get = async <T>(url: string) => {
  const res = await ctx.app.inject({ url });
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
  return res.json() as T;
};
const inRange = (r: { posted: number }, from: string, to: string) => r.posted >= dayMs(from) && r.posted < dayMs(to);

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.app.deps.db;
  await seedTestJobs(db, 3000, 2026);
  const jobRows = await db
    .select({
      posted: jobs.postedAt,
      status: jobs.status,
      role: jobs.role,
      min: jobs.salaryUsdMin,
      max: jobs.salaryUsdMax,
      company: companies.slug,
      companyId: companies.id,
      category: companies.category,
    })
    .from(jobs)
    .innerJoin(companies, eq(companies.id, jobs.companyId));
  rows = jobRows.map((r) => ({
    posted: r.posted.getTime(),
    status: r.status,
    role: r.role,
    mid: r.min === null || r.max === null ? null : (r.min + r.max) / 2,
    company: r.company,
    companyId: r.companyId,
    category: r.category,
  }));
  layoffRows = (await db.select().from(layoffs)).map((l) => ({ day: l.announcedOn, headcount: l.headcount, ai: l.aiAttributed, companyId: l.companyId }));
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

describe('GET /v1/trends/market', () => {
  const cases = [
    { period: '2026-Q1', from: '2026-01-01', to: '2026-04-01', prev: '2025-10-01', yearAgo: ['2025-01-01', '2025-04-01'] },
    { period: '2026-03', from: '2026-03-01', to: '2026-04-01', prev: '2026-02-01', yearAgo: ['2025-03-01', '2025-04-01'] },
    { period: '2025-Q4', from: '2025-10-01', to: '2026-01-01', prev: '2025-07-01', yearAgo: ['2024-10-01', '2025-01-01'] },
  ];

  it.each(cases)('matches a brute-force count for $period', async ({ period, from, to, prev, yearAgo }) => {
    const m = await get<MarketSummary>(`/v1/trends/market?period=${period}`);
    expect(m.period).toBe(period);
    expect(m.range).toEqual({ from, to: addDays(to, -1) });
    expect(m.previous_range).toEqual({ from: prev, to: addDays(from, -1) });

    // Layoffs announced in the period.
    const ls = layoffRows.filter((l) => l.day >= from && l.day < to);
    const headcount = ls.reduce((s, l) => s + l.headcount, 0);
    const ai = ls.filter((l) => l.ai).reduce((s, l) => s + l.headcount, 0);
    expect(ls.length).toBeGreaterThan(0);
    expect(m.layoffs).toEqual({ headcount, ai_attributed_headcount: ai, ai_attributed_share: headcount ? round4(ai / headcount) : null, events: ls.length });

    // AI-family postings at AI-native companies and elsewhere.
    const aiRows = rows.filter((r) => AI.has(r.role));
    for (const [key, native] of [['ai_native', true], ['others', false]] as const) {
      const mine = aiRows.filter((r) => (r.category === 'ai_native') === native);
      const current = mine.filter((r) => inRange(r, from, to)).length;
      const previous = mine.filter((r) => inRange(r, prev, from)).length;
      expect(m.ai_postings[key]).toEqual({ current, previous, growth: growth(current, previous) });
    }

    // Salaries.
    const mids = (set: Set<string>, a: string, b: string) => rows.filter((r) => set.has(r.role) && r.mid !== null && inRange(r, a, b)).map((r) => r.mid!);
    const aiMids = mids(AI, from, to);
    const swMids = mids(SOFTWARE, from, to);
    const yearMids = mids(AI, yearAgo[0]!, yearAgo[1]!);
    expect(m.salaries.ai).toEqual({ count: aiMids.length, median: median(aiMids) });
    expect(m.salaries.traditional).toEqual({ count: swMids.length, median: median(swMids) });
    expect(m.salaries.ai_year_ago).toEqual({ count: yearMids.length, median: median(yearMids) });
    const [a, s, y] = [median(aiMids), median(swMids), median(yearMids)];
    // The raw gap between the medians has its own name; the premium is the like-for-like figure of /v1/salaries/premiums.
    expect(m.salaries.median_gap).toBe(a !== null && s !== null ? round4(a / s - 1) : null);
    const premiums = await get<{ ai_premium: { premium: number | null } }>(`/v1/salaries/premiums?posted_after=${from}&posted_before=${to}`);
    expect(m.salaries.ai_premium).not.toBeNull();
    expect(m.salaries.ai_premium).toBe(premiums.ai_premium.premium);
    expect(m.partial).toBe(false);
    expect(m.salaries.ai_yoy_growth).toBe(a !== null && y !== null ? round4(a / y - 1) : null);

    // Top roles: the current period against the same number of days before it.
    const days = (dayMs(to) - dayMs(from)) / DAY_MS;
    const before = addDays(from, -days);
    const top = ROLES.map((r) => {
      const current = rows.filter((x) => x.role === r.key && inRange(x, from, to)).length;
      const previous = rows.filter((x) => x.role === r.key && inRange(x, before, from)).length;
      return { key: r.key, label: r.label, family: r.family, current, previous, growth: growth(current, previous), trend: trendLabel(current, previous) };
    })
      .filter((r) => r.current > 0)
      .sort((p, q) => q.current - p.current || cmp(p.key, q.key))
      .slice(0, 5);
    expect(m.top_roles).toEqual(top);
  });

  it('defaults to the last complete quarter', async () => {
    const now = new Date();
    const q = Math.floor(now.getUTCMonth() / 3);
    const expected = q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
    expect((await get<MarketSummary>('/v1/trends/market')).period).toBe(expected);
  });

  it.each(['2026-Q5', '2026-Q0', '2026-13', '2026-00', '2026-1', '26-Q1', '2026-q1', '2026-W01', '1960-Q1', '9999-01', ''])(
    'refuses period=%s with a 400 naming period',
    async (period) => {
      const res = await ctx.app.inject({ url: `/v1/trends/market?period=${encodeURIComponent(period)}` });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { name: string }) => e.name)).toContain('period');
    },
  );

  it('refuses unknown parameters', async () => {
    const res = await ctx.app.inject({ url: '/v1/trends/market?period=2026-Q1&role=llm_engineer' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ name: 'role', reason: expect.any(String) }]);
  });
});

describe('one premium, one unit: the market summary and /v1/salaries/premiums agree (REST and GraphQL)', () => {
  it.each(['2026-Q1', '2026-03', '2025-Q4'])('%s', async (period) => {
    const m = await get<MarketSummary>(`/v1/trends/market?period=${period}`);
    const after = m.range.from;
    const before = addDays(m.range.to, 1);
    const p = await get<{ ai_premium: { premium: number | null; ratio: number | null } }>(`/v1/salaries/premiums?posted_after=${after}&posted_before=${before}`);
    expect(m.salaries.ai_premium).toBe(p.ai_premium.premium);
    // Fractions both: a premium of 60 % is 0.6, not 60.
    expect(Math.abs(m.salaries.ai_premium!)).toBeLessThan(5);
    expect(Math.abs(m.salaries.median_gap!)).toBeLessThan(5);
    const r = await gql(
      ctx.app,
      `query($period: String, $after: String, $before: String) {
        market(period: $period) { salaries { aiPremium medianGap } layoffs { aiAttributedShare } }
        salaryPremiums(filter: { postedAfter: $after, postedBefore: $before, status: all }) { aiPremium { premium ratio } }
      }`,
      { period, after, before },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.market.salaries).toEqual({ aiPremium: m.salaries.ai_premium, medianGap: m.salaries.median_gap });
    expect(r.data.market.layoffs.aiAttributedShare).toBe(m.layoffs.ai_attributed_share);
    expect(r.data.salaryPremiums.aiPremium).toEqual({ premium: p.ai_premium.premium, ratio: p.ai_premium.ratio });
  });
});

describe('partial periods: flagged, with no growth', () => {
  it('the market summary, and the radar flag only what has not ended, and give it no growth', async () => {
    // "Today" is Wednesday 20 May 2026, inside the fixture.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-20T12:00:00Z'));
    try {
      const current = await get<MarketSummary>('/v1/trends/market?period=2026-Q2');
      expect(current.partial).toBe(true);
      expect(current.ai_postings.ai_native.current + current.ai_postings.others.current).toBeGreaterThan(0);
      expect([current.ai_postings.ai_native.growth, current.ai_postings.others.growth]).toEqual([null, null]);
      expect(current.top_roles.length).toBeGreaterThan(0);
      for (const r of current.top_roles) expect(r, r.key).toMatchObject({ growth: null, trend: null });
      expect((await get<MarketSummary>('/v1/trends/market?period=2026-05')).partial).toBe(true);
      const ended = await get<MarketSummary>('/v1/trends/market?period=2026-Q1');
      expect(ended.partial).toBe(false);
      expect(ended.ai_postings.others.growth).not.toBeNull();
      expect(ended.top_roles.every((r) => r.trend !== null)).toBe(true);
      expect((await get<MarketSummary>('/v1/trends/market?period=2026-04')).partial).toBe(false);

      const week = await get<Radar>('/v1/radar?week=2026-W21');
      expect(week.partial).toBe(true);
      expect(week.new_postings.current).toBeGreaterThan(0);
      expect(week.new_postings.growth).toBeNull();
      for (const e of week.emerging_roles.data) expect(e, e.key).toMatchObject({ growth: null, trend: null });
      const lastWeek = await get<Radar>('/v1/radar');
      expect(lastWeek.week).toBe('2026-W20');
      expect(lastWeek.partial).toBe(false);
      expect(lastWeek.new_postings.growth).toBe(growth(lastWeek.new_postings.current, lastWeek.new_postings.previous));


      const r = await gql(
        ctx.app,
        '{ market(period: "2026-Q2") { partial aiPostings { aiNative { growth } others { growth } } topRoles { growth trend } } radar(week: "2026-W21") { partial newPostings { growth } } }',
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.market.partial).toBe(true);
      expect(r.data.market.aiPostings).toEqual({ aiNative: { growth: null }, others: { growth: null } });
      for (const t of r.data.market.topRoles) expect(t).toEqual({ growth: null, trend: null });
      expect(r.data.radar).toEqual({ partial: true, newPostings: { growth: null } });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('GET /v1/radar', () => {
  it.each([
    { week: '2026-W14', monday: '2026-03-30' },
    { week: '2026-W01', monday: '2025-12-29' },
    { week: '2026-W23', monday: '2026-06-01' },
  ])('matches a brute-force count for $week', async ({ week, monday }) => {
    const r = await get<Radar>(`/v1/radar?week=${week}`);
    const next = addDays(monday, 7);
    expect(r.week).toBe(week);
    expect(r.range).toEqual({ from: monday, to: addDays(monday, 6) });

    const thisWeek = rows.filter((x) => inRange(x, monday, next));
    const current = thisWeek.length;
    const previous = rows.filter((x) => inRange(x, addDays(monday, -7), monday)).length;
    expect(current).toBeGreaterThan(0);
    expect(r.new_postings).toEqual({ current, previous, growth: growth(current, previous) });

    const perCompany = new Map<string, number>();
    for (const x of thisWeek) perCompany.set(x.company, (perCompany.get(x.company) ?? 0) + 1);
    const top = [...perCompany].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).slice(0, 10);
    expect(r.top_companies.map((c) => [c.slug, c.new_postings])).toEqual(top);

    expect(r.salary_movement.map((s) => s.role)).toEqual(ROLES.map((x) => x.key));
    expect(r.salary_movement.some((s) => !s.withheld)).toBe(true);
    expect(r.emerging_roles.data.length).toBeGreaterThan(0);
    for (const s of r.salary_movement) {
      const w = thisWeek.filter((x) => x.role === s.role && x.mid !== null).map((x) => x.mid!);
      const b = rows.filter((x) => x.role === s.role && x.mid !== null && inRange(x, addDays(monday, -28), monday)).map((x) => x.mid!);
      expect(s.week).toEqual({ count: w.length, median: w.length >= 5 ? median(w) : null });
      expect(s.baseline).toEqual({ count: b.length, median: b.length >= 5 ? median(b) : null });
      const reason = w.length < 5 ? 'too_few_postings_this_week' : b.length < 5 ? 'too_few_postings_in_baseline' : null;
      expect(s.reason).toBe(reason);
      expect(s.withheld).toBe(reason !== null);
      expect(s.change).toBe(reason ? null : round4(median(w)! / median(b)! - 1));
    }

    // Emerging: 28 days ending on the Sunday against the 28 days before; support 5, first 10.
    const end = next;
    const mid = addDays(end, -28);
    const start = addDays(end, -56);
    const emerging = ROLES.map((x) => {
      const c = rows.filter((y) => y.role === x.key && inRange(y, mid, end)).length;
      const p = rows.filter((y) => y.role === x.key && inRange(y, start, mid)).length;
      return { key: x.key, current: c, previous: p, growth: growth(c, p), trend: trendLabel(c, p) };
    })
      .filter((x) => x.current >= 5)
      .sort((a, b) => (a.growth === null ? (b.growth === null ? 0 : -1) : b.growth === null ? 1 : b.growth - a.growth) || b.current - a.current || cmp(a.key, b.key))
      .slice(0, 10);
    expect(r.emerging_roles.current_window).toEqual({ from: mid, to: addDays(end, -1) });
    expect(r.emerging_roles.data.map(({ key, current, previous, growth, trend }) => ({ key, current, previous, growth, trend }))).toEqual(emerging);
    // The same answer as /v1/trends/emerging.
    const direct = await get<Emerging>(`/v1/trends/emerging?window=28d&as_of=${addDays(end, -1)}&min_support=5&limit=10`);
    expect(r.emerging_roles.data).toEqual(direct.data);
  });

  it('defaults to the last complete ISO week', async () => {
    const today = isoDay(Date.now());
    const dow = (new Date(dayMs(today)).getUTCDay() + 6) % 7;
    const monday = addDays(today, -dow - 7);
    expect((await get<Radar>('/v1/radar')).range.from).toBe(monday);
  });

  it('knows which years have 53 ISO weeks', async () => {
    expect((await get<Radar>('/v1/radar?week=2026-W53')).range).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect((await get<Radar>('/v1/radar?week=2020-W53')).range.from).toBe('2020-12-28');
    for (const week of ['2025-W53', '2027-W53', '2026-W54', '2026-W00']) {
      const res = await ctx.app.inject({ url: `/v1/radar?week=${week}` });
      expect(res.statusCode, week).toBe(400);
      expect(res.json().errors.map((e: { name: string }) => e.name)).toEqual(['week']);
    }
  });

  it.each(['2026-14', '2026-w14', '2026-W1', 'W14', '2026-W140', '2026-Q1', '1900-W10', ''])('refuses week=%s with a 400 naming week', async (week) => {
    const res = await ctx.app.inject({ url: `/v1/radar?week=${encodeURIComponent(week)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain('week');
  });

  it('refuses unknown parameters', async () => {
    const res = await ctx.app.inject({ url: '/v1/radar?weeks=3' });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /v1/companies/{slug}/stats', () => {
  it('puts hiring and layoffs side by side', async () => {
    // The company with the most layoff events, so the layoff side is not empty.
    const events = new Map<string, number>();
    for (const l of layoffRows) events.set(l.companyId, (events.get(l.companyId) ?? 0) + 1);
    const [companyId] = [...events].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]!;
    const slug = rows.find((r) => r.companyId === companyId)?.company ?? (await ctx.app.deps.db.select().from(companies).where(eq(companies.id, companyId)))[0]!.slug;

    const s = await get<CompanyStats>(`/v1/companies/${slug}/stats?weeks=104`);
    const today = isoDay(Date.now());
    expect(s.as_of).toBe(today);
    expect(s.company.slug).toBe(slug);
    const mine = rows.filter((r) => r.companyId === companyId);
    expect(s.hiring.open_jobs).toBe(mine.filter((r) => r.status === 'open').length);

    const dow = (new Date(dayMs(today)).getUTCDay() + 6) % 7;
    const thisMonday = addDays(today, -dow);
    expect(s.hiring.weekly_new_postings).toHaveLength(104);
    s.hiring.weekly_new_postings.forEach((w, i) => {
      const monday = addDays(thisMonday, -7 * (103 - i));
      expect(w.week_start).toBe(monday);
      expect(w.new_postings).toBe(mine.filter((r) => inRange(r, monday, addDays(monday, 7))).length);
    });

    const mids = mine.filter((r) => r.mid !== null && inRange(r, addDays(today, -364), addDays(today, 1))).map((r) => r.mid!);
    expect(s.hiring.salary).toEqual({ count: mids.length, median: mids.length >= 5 ? median(mids) : null });

    const ls = layoffRows.filter((l) => l.companyId === companyId);
    expect(s.layoffs.events).toBe(ls.length);
    expect(s.layoffs.headcount).toBe(ls.reduce((a, l) => a + l.headcount, 0));
    expect(s.layoffs.ai_attributed_headcount).toBe(ls.filter((l) => l.ai).reduce((a, l) => a + l.headcount, 0));
    expect(s.layoffs.latest.map((l) => l.announced_on)).toEqual(ls.map((l) => l.day).sort().reverse().slice(0, 5));

    // The default is 26 weeks, and the jobs route next to it still works.
    expect((await get<CompanyStats>(`/v1/companies/${slug}/stats`)).hiring.weekly_new_postings).toHaveLength(26);
    expect((await ctx.app.inject({ url: `/v1/companies/${slug}/jobs?limit=1` })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown company and 400 for bad parameters', async () => {
    for (const slug of ['no-such-company', 'NOPE', '%20']) {
      const res = await ctx.app.inject({ url: `/v1/companies/${slug}/stats` });
      expect(res.statusCode, slug).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const slug = rows[0]!.company;
    for (const q of ['weeks=3', 'weeks=105', 'weeks=abc', 'weeks=1e309', 'limit=5']) {
      const res = await ctx.app.inject({ url: `/v1/companies/${slug}/stats?${q}` });
      expect(res.statusCode, q).toBe(400);
    }
  });
});

describe('fuzz', () => {
  it('never answers 5xx', async () => {
    const slug = rows[0]!.company;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 12 }).map((v) => `/v1/trends/market?period=${encodeURIComponent(v)}`),
          fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.boolean()).map(
            ([y, n, q]) => `/v1/trends/market?period=${String(y).padStart(4, '0')}-${q ? `Q${n}` : String(n).padStart(2, '0')}`,
          ),
          fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 })).map(
            ([y, w]) => `/v1/radar?week=${String(y).padStart(4, '0')}-W${String(w).padStart(2, '0')}`,
          ),
          fc.string({ maxLength: 12 }).map((v) => `/v1/radar?week=${encodeURIComponent(v)}`),
          fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.string({ maxLength: 6 })).map(
            (v) => `/v1/companies/${slug}/stats?weeks=${encodeURIComponent(v)}`,
          ),
          fc.string({ minLength: 1, maxLength: 20 }).map((v) => `/v1/companies/${encodeURIComponent(v)}/stats`),
        ),
        async (url) => {
          const res = await ctx.app.inject({ url });
          expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
          if (res.statusCode !== 200) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        },
      ),
      { numRuns: 60, seed: 2026 },
    );
  });
});
