import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { companies as companiesTable } from '../../../src/db/tables.js';
import { COMPANY_CATEGORIES, COMPANY_CATEGORY_KEYS, type CompanyCategory } from '../../../src/reference/taxonomy.js';
import { demoCompanies } from '../../../tools/seed/companies.js';
import { demoLayoffs, LAYOFF_CALIBRATION } from '../../../tools/seed/layoffs.js';
import type { Layoff, LayoffTrend } from '../../../src/modules/layoffs/layoffs.schemas.js';
import { insertLayoffs, type NewLayoffRow } from '../../../tools/seed/insert-layoffs.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs, TEST_UNTIL } from '../../helpers/data.js';
import { inSeconds, signJwt } from '../../helpers/jwt.js';
import { gql } from '../../helpers/graphql.js';
import { walk } from '../../helpers/pages.js';

const JWT_SECRET = 'layoffs-test-secret-long-enough-for-hs256!';
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** A small seeded PRNG, so fixtures are the same on every run and on both databases. */
function prng(seed: number) {
  let s = seed | 0;
  const float = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(float() * n);
  return { float, int, pick: <T>(xs: readonly T[]) => xs[int(xs.length)]! };
}

interface FixtureCompany {
  id: string;
  slug: string;
  name: string;
  category: CompanyCategory;
}

/** A layoff as the test knows it, independently of the API. */
interface Row {
  id: string;
  company: FixtureCompany;
  announced_on: string;
  headcount: number;
  ai_attributed: boolean;
  reason: string | null;
  source_url: string | null;
}

/** Companies of the test's own (slugs under a prefix), stored directly. */
async function addCompanies(ctx: TestContext, prefix: string, count: number): Promise<FixtureCompany[]> {
  const values = Array.from({ length: count }, (_, i) => ({
    slug: `${prefix}-${String(i).padStart(2, '0')}`,
    name: `${prefix.toUpperCase()} Company ${i}`,
    category: COMPANY_CATEGORY_KEYS[i % COMPANY_CATEGORY_KEYS.length]!,
  }));
  return ctx.database.db
    .insert(companiesTable)
    .values(values)
    .returning({ id: companiesTable.id, slug: companiesTable.slug, name: companiesTable.name, category: companiesTable.category });
}

/** Layoffs with many ties (a few dozen days, a few common headcounts) over 2023-01..2026-10. */
function makeRows(companies: FixtureCompany[], count: number, seed: number): Row[] {
  const rnd = prng(seed);
  const start = Date.UTC(2023, 0, 1);
  const days = Array.from({ length: 70 }, () => isoDay(start + rnd.int(1400) * DAY_MS));
  return Array.from({ length: count }, (_, i) => {
    // Every company gets at least one layoff, so group_by=company has more companies than series.
    const company = i < companies.length ? companies[i]! : rnd.pick(companies);
    const headcount = rnd.float() < 0.4 ? rnd.pick([1, 10, 50, 100, 1000, 5000]) : 1 + rnd.int(3000);
    return {
      id: randomUUID(),
      company,
      announced_on: rnd.pick(days),
      headcount,
      ai_attributed: rnd.float() < 0.45,
      reason: rnd.float() < 0.8 ? rnd.pick(['customer support automated with AI agents', 'cost reduction']) : null,
      source_url: rnd.float() < 0.8 ? `https://news.example.com/${i}` : null,
    };
  });
}

async function storeRows(ctx: TestContext, rows: Row[]): Promise<void> {
  const stored: NewLayoffRow[] = rows.map((r) => ({
    id: r.id,
    companySlug: r.company.slug,
    announcedOn: r.announced_on,
    headcount: r.headcount,
    aiAttributed: r.ai_attributed,
    reason: r.reason,
    sourceUrl: r.source_url,
  }));
  expect(await insertLayoffs(ctx.database.db, stored)).toBe(rows.length);
}

// ---------------------------------------------------------------------------------------------------
// Brute force: the same answers computed in TypeScript
// ---------------------------------------------------------------------------------------------------

interface Filters {
  company?: string[];
  company_category?: CompanyCategory[];
  ai_attributed?: boolean;
  min_headcount?: number;
  announced_after?: string;
  announced_before?: string;
}

function matches(r: Row, f: Filters): boolean {
  return (
    (!f.company || f.company.includes(r.company.slug)) &&
    (!f.company_category || f.company_category.includes(r.company.category)) &&
    (f.ai_attributed === undefined || r.ai_attributed === f.ai_attributed) &&
    (f.min_headcount === undefined || r.headcount >= f.min_headcount) &&
    (!f.announced_after || r.announced_on >= f.announced_after) &&
    (!f.announced_before || r.announced_on < f.announced_before)
  );
}

type Sort = 'newest' | 'oldest' | 'headcount';
function sortRows(rows: Row[], sort: Sort): Row[] {
  const by: Record<Sort, (a: Row, b: Row) => number> = {
    newest: (a, b) => cmp(b.announced_on, a.announced_on) || cmp(b.id, a.id),
    oldest: (a, b) => cmp(a.announced_on, b.announced_on) || cmp(a.id, b.id),
    headcount: (a, b) => b.headcount - a.headcount || cmp(b.id, a.id),
  };
  return [...rows].sort(by[sort]);
}

function toQuery(params: Record<string, string | number | boolean | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

type Interval = 'month' | 'quarter' | 'year';
type Group = 'company_category' | 'company' | 'ai_attributed';

function periodStart(interval: Interval, day: string): string {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  if (interval === 'year') return `${y}-01-01`;
  if (interval === 'quarter') return `${y}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}
function periodLabel(interval: Interval, start: string): string {
  if (interval === 'year') return start.slice(0, 4);
  if (interval === 'quarter') return `${start.slice(0, 4)}-Q${(Number(start.slice(5, 7)) + 2) / 3}`;
  return start.slice(0, 7);
}
function nextPeriod(interval: Interval, start: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + (interval === 'year' ? 12 : interval === 'quarter' ? 3 : 1));
  return isoDay(d.getTime());
}
/** round(ai / total, 4) with half-up rounding, in exact integer arithmetic. */
const share = (ai: number, total: number) => (total === 0 ? null : Math.floor((ai * 20000 + total) / (2 * total)) / 10000);

interface TrendQuery extends Omit<Filters, 'announced_after' | 'announced_before'> {
  interval: Interval;
  from: string;
  to: string;
  group_by?: Group;
  /** Today (UTC) as the brute force sees it; default the real one. */
  today?: string;
}

function bruteTrend(rows: Row[], q: TrendQuery): LayoffTrend {
  const matching = rows.filter((r) => r.announced_on >= q.from && r.announced_on <= q.to && matches(r, q));
  const periods: string[] = [];
  for (let p = periodStart(q.interval, q.from); p <= q.to; p = nextPeriod(q.interval, p)) periods.push(p);

  let series: { key: string; label: string }[];
  let keyOf: (r: Row) => string;
  if (q.group_by === 'company_category') {
    series = COMPANY_CATEGORIES.filter((c) => !q.company_category || q.company_category.includes(c.key)).map((c) => ({ key: c.key, label: c.label }));
    keyOf = (r) => r.company.category;
  } else if (q.group_by === 'ai_attributed') {
    series = [
      { key: 'true', label: 'Attributed to AI' },
      { key: 'false', label: 'Not attributed to AI' },
    ].filter((s) => q.ai_attributed === undefined || s.key === String(q.ai_attributed));
    keyOf = (r) => String(r.ai_attributed);
  } else if (q.group_by === 'company') {
    const sums = new Map<string, { slug: string; name: string; headcount: number }>();
    for (const r of matching) {
      const s = sums.get(r.company.slug) ?? { slug: r.company.slug, name: r.company.name, headcount: 0 };
      s.headcount += r.headcount;
      sums.set(r.company.slug, s);
    }
    const ranked = [...sums.values()].sort((a, b) => b.headcount - a.headcount || cmp(a.slug, b.slug));
    const top = new Set(ranked.slice(0, 50).map((s) => s.slug));
    series = ranked.slice(0, 50).map((s) => ({ key: s.slug, label: s.name }));
    if (ranked.length > 50) series.push({ key: '_other', label: 'All other companies' });
    keyOf = (r) => (top.has(r.company.slug) ? r.company.slug : '_other');
  } else {
    series = [{ key: 'all', label: 'All layoffs' }];
    keyOf = () => 'all';
  }
  const measure = (rs: Row[]) => {
    const headcount = rs.reduce((a, r) => a + r.headcount, 0);
    const ai = rs.reduce((a, r) => a + (r.ai_attributed ? r.headcount : 0), 0);
    return { headcount, ai_attributed_headcount: ai, ai_attributed_share: share(ai, headcount), events: rs.length };
  };
  return {
    interval: q.interval,
    from: q.from,
    to: q.to,
    group_by: q.group_by ?? null,
    totals: measure(matching),
    series: series.map((s) => {
      const own = matching.filter((r) => keyOf(r) === s.key);
      return {
        ...s,
        totals: measure(own),
        points: periods.map((p) => ({
          period_start: p,
          period: periodLabel(q.interval, p),
          // Not ended by today (UTC).
          partial: nextPeriod(q.interval, p) > (q.today ?? isoDay(Date.now())),
          ...measure(own.filter((r) => periodStart(q.interval, r.announced_on) === p)),
        })),
      };
    }),
  };
}

/** Filter sets where each filter is present one time in four, so most runs still match many rows. */
function filtersOf<T extends Record<string, unknown>>(arbs: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Partial<T>> {
  const sometimes = <V>(arb: fc.Arbitrary<V>) =>
    fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
  const entries = Object.entries(arbs) as [string, fc.Arbitrary<unknown>][];
  return fc
    .tuple(...entries.map(([, arb]) => sometimes(arb)))
    .map((values) => Object.fromEntries(entries.flatMap(([k], i) => (values[i] === undefined ? [] : [[k, values[i]]]))) as Partial<T>);
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, name?: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as { status: number; errors?: { name: string; reason: string }[] };
  expect(body.status).toBe(status);
  if (name) expect(body.errors?.map((e) => e.name), JSON.stringify(body)).toContain(name);
  return body;
}

// ---------------------------------------------------------------------------------------------------
// The demo generator (pure)
// ---------------------------------------------------------------------------------------------------

describe('demoLayoffs', () => {
  const companies = demoCompanies(7);
  const inCalibration = (l: { announcedOn: string }) => l.announcedOn >= LAYOFF_CALIBRATION.from && l.announcedOn <= LAYOFF_CALIBRATION.to;

  it.each([
    [7, '2026-06-30'],
    [1, '2026-11-25'],
    [2026, '2027-03-01'],
    [99, '2025-09-15'],
  ])('seed %i until %s: Jan–Apr 2026 totals exactly 78,557, about half AI, at legacy enterprise and SaaS', (seed, until) => {
    const own = demoCompanies(seed);
    const bySlug = new Map(own.map((c) => [c.slug, c]));
    const rows = demoLayoffs(own, { seed, until: new Date(`${until}T00:00:00Z`) });
    const q1 = rows.filter(inCalibration);
    const total = q1.reduce((a, l) => a + l.headcount, 0);
    expect(total).toBe(LAYOFF_CALIBRATION.headcount);
    const ai = q1.reduce((a, l) => a + (l.aiAttributed ? l.headcount : 0), 0) / total;
    expect(ai).toBeGreaterThanOrEqual(0.48);
    expect(ai).toBeLessThanOrEqual(0.52);
    const byCategory = (cat: CompanyCategory) => q1.filter((l) => bySlug.get(l.companySlug)!.category === cat).reduce((a, l) => a + l.headcount, 0);
    expect((byCategory('legacy_enterprise') + byCategory('saas')) / total).toBeGreaterThan(0.8);
    expect(byCategory('ai_native')).toBe(0);
    const byCompany = new Map<string, number>();
    for (const l of q1) byCompany.set(l.companySlug, (byCompany.get(l.companySlug) ?? 0) + l.headcount);
    const top3 = [...byCompany].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([slug]) => slug);
    expect(top3.sort()).toEqual(['dell', 'intel', 'oracle']);
  });

  it('is deterministic, sorted, and keeps ids whatever the window', () => {
    const a = demoLayoffs(companies, { seed: 7, until: TEST_UNTIL });
    expect(demoLayoffs(companies, { seed: 7, until: TEST_UNTIL })).toEqual(a);
    expect(new Set(a.map((l) => l.id)).size).toBe(a.length);
    for (let i = 1; i < a.length; i++) expect(a[i - 1]!.announcedOn <= a[i]!.announcedOn).toBe(true);
    // A later `until` (a re-seed tomorrow) generates the same events for the months both windows hold.
    const later = demoLayoffs(companies, { seed: 7, until: new Date('2026-09-30T00:00:00Z') });
    const laterById = new Map(later.map((l) => [l.id, l]));
    const shared = a.filter((l) => l.announcedOn >= '2025-04-01');
    expect(shared.length).toBeGreaterThan(50);
    for (const l of shared) expect(laterById.get(l.id)).toEqual(l);
    expect(demoLayoffs(companies, { seed: 8, until: TEST_UNTIL })[0]!.id).not.toBe(a[0]!.id);
  });

  it('stays in the 18-month window (plus the calibrated months), with plausible rows', () => {
    const rows = demoLayoffs(companies, { seed: 7, until: TEST_UNTIL });
    const ids = new Map(companies.map((c) => [c.slug, c.id]));
    const background = rows.filter((l) => !inCalibration(l));
    expect(background.length).toBeGreaterThan(100);
    for (const l of rows) {
      expect(l.announcedOn >= '2025-01-01' && l.announcedOn <= '2026-06-30', l.announcedOn).toBe(true);
      expect(Number.isInteger(l.headcount) && l.headcount > 0).toBe(true);
      expect(l.sourceUrl).toMatch(/^https:\/\/[a-z.]+\/\S+$/);
      expect(l.reason.length).toBeGreaterThan(5);
      expect(ids.get(l.companySlug)).toBe(l.companyId);
      expect([0, 6]).not.toContain(new Date(`${l.announcedOn}T00:00:00Z`).getUTCDay());
    }
    // The background rate is lower than the calibrated months' (per month, 14 months vs 4).
    const perMonth = (ls: typeof rows, months: number) => ls.reduce((a, l) => a + l.headcount, 0) / months;
    expect(perMonth(background, 14)).toBeLessThan(perMonth(rows.filter(inCalibration), 4) / 2);
    expect(perMonth(background, 14)).toBeGreaterThan(1000);
  });

  it('works with any company list', () => {
    expect(demoLayoffs([], { seed: 1, until: TEST_UNTIL })).toEqual([]);
    const few = companies.filter((c) => c.category === 'startup').slice(0, 3);
    const rows = demoLayoffs(few, { seed: 1, until: TEST_UNTIL });
    expect(rows.filter(inCalibration).reduce((a, l) => a + l.headcount, 0)).toBe(LAYOFF_CALIBRATION.headcount);
  });
});

// ---------------------------------------------------------------------------------------------------
// Reads: list, one, trends — over a fixture of their own (read-only)
// ---------------------------------------------------------------------------------------------------

describe('reads', () => {
  let ctx: TestContext;
  let rows: Row[];
  let fixtureCompanies: FixtureCompany[];

  beforeAll(async () => {
    ctx = await createTestApp({ JWT_SECRET });
    fixtureCompanies = await addCompanies(ctx, 'rd', 64);
    rows = makeRows(fixtureCompanies, 420, 11);
    await storeRows(ctx, rows);
  });
  afterAll(() => ctx?.close());

  const list = async (params: Record<string, string | number>) => walk<Layoff>(ctx.app, '/v1/layoffs', params);

  it('lists every layoff once, newest first, with its company and fields', async () => {
    const { items, totals } = await list({ limit: 100 });
    expect(totals).toEqual([rows.length]);
    const expected = sortRows(rows, 'newest');
    expect(items.map((l) => l.id)).toEqual(expected.map((r) => r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const l of items) {
      const r = byId.get(l.id)!;
      expect(l).toMatchObject({
        company: { id: r.company.id, slug: r.company.slug, name: r.company.name, category: r.company.category },
        announced_on: r.announced_on,
        headcount: r.headcount,
        ai_attributed: r.ai_attributed,
        reason: r.reason,
        source_url: r.source_url,
      });
      expect(Date.parse(l.created_at)).toBeGreaterThan(0);
    }
    const first = await ctx.app.inject('/v1/layoffs');
    expect(first.json().data).toHaveLength(20);
  });

  it.each(['newest', 'oldest', 'headcount'] as const)('sort=%s walks every match once across pages, ties included', async (sort) => {
    // Ties on the sort key are many: a few dozen days, a handful of common headcounts.
    const keys = rows.map((r) => (sort === 'headcount' ? r.headcount : r.announced_on));
    const tied = keys.filter((k) => keys.indexOf(k) !== keys.lastIndexOf(k));
    expect(tied.length).toBeGreaterThan(rows.length / 4);
    const { items, totals, pages } = await list({ sort, limit: 7 });
    expect(pages).toBe(Math.ceil(rows.length / 7));
    expect(totals).toEqual([rows.length]);
    expect(items.map((l) => l.id)).toEqual(sortRows(rows, sort).map((r) => r.id));
    // Filtered too.
    const filtered = await list({ sort, limit: 9, company_category: 'saas,startup', min_headcount: 50 });
    const expected = sortRows(rows.filter((r) => matches(r, { company_category: ['saas', 'startup'], min_headcount: 50 })), sort);
    expect(filtered.items.map((l) => l.id)).toEqual(expected.map((r) => r.id));
  });

  it('filters return exactly the matching layoffs (brute force over the whole fixture)', async () => {
    const slugs = fixtureCompanies.map((c) => c.slug);
    const day = fc.integer({ min: 0, max: 1500 }).map((n) => isoDay(Date.UTC(2022, 11, 1) + n * DAY_MS));
    await fc.assert(
      fc.asyncProperty(
        filtersOf({
          company: fc.uniqueArray(fc.constantFrom(...slugs, 'no-such-company'), { minLength: 1, maxLength: 30 }),
          company_category: fc.uniqueArray(fc.constantFrom(...COMPANY_CATEGORY_KEYS), { minLength: 1, maxLength: 4 }),
          ai_attributed: fc.boolean(),
          min_headcount: fc.constantFrom(1, 2, 10, 11, 100, 1000, 2500, 5000, 5001),
          announced_after: day,
          announced_before: day,
        }),
        fc.constantFrom('newest', 'oldest', 'headcount'),
        async (filters: Filters, sort: Sort) => {
          if (filters.announced_after && filters.announced_before && filters.announced_after >= filters.announced_before) {
            const res = await ctx.app.inject({ url: '/v1/layoffs', query: toQuery({ ...filters }) });
            expectProblem(res, 400, 'announced_after');
            return;
          }
          const { items, totals } = await list({ ...toQuery({ ...filters }), sort, limit: 100 });
          const expected = sortRows(rows.filter((r) => matches(r, filters)), sort);
          expect(items.map((l) => l.id)).toEqual(expected.map((r) => r.id));
          expect(totals).toEqual([expected.length]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('GET /v1/layoffs/{id}: the item with an ETag; 304 on If-None-Match; 404 for unknown and garbage ids', async () => {
    const r = sortRows(rows, 'headcount')[0]!;
    const res = await ctx.app.inject(`/v1/layoffs/${r.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: r.id, headcount: r.headcount, company: { slug: r.company.slug } });
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await ctx.app.inject({ url: `/v1/layoffs/${r.id}`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.payload).toBe('');
    expect(again.headers['content-type']).toBeUndefined();
    expect(again.headers['content-length']).toBeUndefined();
    expect((await ctx.app.inject(`/v1/layoffs/${r.id.toUpperCase()}`)).statusCode).toBe(200);
    for (const id of [randomUUID(), 'nope', '1', `${r.id}x`, "'; drop table layoffs; --", 'x'.repeat(150)]) {
      expectProblem(await ctx.app.inject(`/v1/layoffs/${encodeURIComponent(id)}`), 404);
    }
  });

  it('bad list parameters answer 400 naming them', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['sort=largest', 'sort'],
      ['announced_after=2026-13-01', 'announced_after'],
      ['announced_after=2026-02-30', 'announced_after'],
      ['announced_before=yesterday', 'announced_before'],
      ['announced_after=2026-03-01&announced_before=2026-03-01', 'announced_after'],
      ['company_category=robots', 'company_category'],
      ['company=Not_A_Slug', 'company'],
      ['ai_attributed=maybe', 'ai_attributed'],
      ['min_headcount=0', 'min_headcount'],
      ['headcount=5', 'headcount'],
      ['cursor=abc.def', 'cursor'],
    ];
    for (const [query, name] of cases) expectProblem(await ctx.app.inject(`/v1/layoffs?${query}`), 400, name);
    // A cursor only works with the sort and filters that made it.
    const page = (await ctx.app.inject('/v1/layoffs?limit=5&sort=oldest')).json() as { next_cursor: string };
    expectProblem(await ctx.app.inject(`/v1/layoffs?limit=5&sort=newest&cursor=${page.next_cursor}`), 400, 'cursor');
    expectProblem(await ctx.app.inject(`/v1/layoffs?limit=5&sort=oldest&ai_attributed=true&cursor=${page.next_cursor}`), 400, 'cursor');
  });

  it('property: no query string or id makes the read routes answer 5xx', async () => {
    const names = [
      'company', 'company_category', 'ai_attributed', 'min_headcount', 'announced_after', 'announced_before', 'sort', 'limit',
      'cursor', 'interval', 'from', 'to', 'group_by',
    ];
    const day = fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const value = fc.oneof(
      day,
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('0000-01-01', '9999-12-31', '2024-02-29', '2026-02-29', 'month', 'quarter', 'year', 'company', 'ai_attributed'),
      fc.constantFrom('true', 'false', '0', '-1', '1e309', '99999999999', 'saas,saas', 'rd-01,rd-02', '', ',', '%', '\u0000'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/layoffs', '/v1/trends/layoffs'),
        fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ minLength: 1, maxLength: 8 })), value, { maxKeys: 5 }),
        // Dot segments ('.', '..') are path syntax, not ids: /v1/layoffs/. is the list.
        fc.string({ maxLength: 60 }).filter((s) => s !== '.' && s !== '..'),
        async (path, params, id) => {
          const res = await ctx.app.inject({ url: `${path}?${new URLSearchParams(params)}` });
          expect(res.statusCode, `${path} ${JSON.stringify(params)}: ${res.body}`).toBeLessThan(500);
          if (res.statusCode !== 200) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          const one = await ctx.app.inject(`/v1/layoffs/${encodeURIComponent(id) || 'x'}`);
          expect(one.statusCode, one.body).toBe(404);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('reads are public; a jobs:read key reads them as anonymous callers do, a write-only key may not', async () => {
    const admin = signJwt({ sub: 'admin-1', role: 'admin', exp: inSeconds(600) }, JWT_SECRET);
    const analyst = signJwt({ sub: 'analyst-1', role: 'analyst', exp: inSeconds(600) }, JWT_SECRET);
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/admin/keys', headers: bearer(admin), payload: { name: 'jobs only', tier: 'free', scopes: ['jobs:read'] } });
    expect(created.statusCode).toBe(201);
    const jobsOnly = (created.json() as { secret: string }).secret;
    const writer = await ctx.app.inject({
      method: 'POST',
      url: '/v1/admin/keys',
      headers: bearer(admin),
      payload: { name: 'write only', tier: 'partner', company: fixtureCompanies[0]!.slug, scopes: ['jobs:write'] },
    });
    expect(writer.statusCode, writer.body).toBe(201);
    const writeOnly = (writer.json() as { secret: string }).secret;
    for (const url of ['/v1/layoffs', `/v1/layoffs/${rows[0]!.id}`, '/v1/trends/layoffs']) {
      expect((await ctx.app.inject(url)).statusCode, url).toBe(200);
      expect((await ctx.app.inject({ url, headers: bearer(analyst) })).statusCode, url).toBe(200);
      expect((await ctx.app.inject({ url, headers: bearer(jobsOnly) })).statusCode, url).toBe(200);
      expectProblem(await ctx.app.inject({ url, headers: bearer(writeOnly) }), 403);
    }
  });

  describe('GET /v1/trends/layoffs', () => {
    const trend = async (q: Record<string, string | number | boolean | string[] | undefined>) => {
      const res = await ctx.app.inject({ url: '/v1/trends/layoffs', query: toQuery(q) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as LayoffTrend;
    };

    it('matches a brute-force aggregation for random intervals, ranges, groupings and filters', async () => {
      const slugs = fixtureCompanies.map((c) => c.slug);
      const day = fc.integer({ min: 0, max: 1900 }).map((n) => isoDay(Date.UTC(2022, 5, 1) + n * DAY_MS));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<Interval>('month', 'quarter', 'year'),
          day,
          day,
          fc.option(fc.constantFrom<Group>('company_category', 'company', 'ai_attributed'), { nil: undefined }),
          filtersOf({
            company: fc.uniqueArray(fc.constantFrom(...slugs), { minLength: 1, maxLength: 30 }),
            company_category: fc.uniqueArray(fc.constantFrom(...COMPANY_CATEGORY_KEYS), { minLength: 1, maxLength: 4 }),
            ai_attributed: fc.boolean(),
            min_headcount: fc.constantFrom(1, 10, 100, 1000, 3000),
          }),
          async (interval, a, b, group_by, filters) => {
            const [from, to] = a <= b ? [a, b] : [b, a];
            const q: TrendQuery = { interval, from, to, ...(group_by ? { group_by } : {}), ...filters };
            expect(await trend({ ...q })).toEqual(bruteTrend(rows, q));
          },
        ),
        { numRuns: 60 },
      );
    });

    it('group_by=company: the 50 largest companies, then the rest in _other; series add up to the totals', async () => {
      const q: TrendQuery = { interval: 'year', from: '2023-01-01', to: '2026-12-31', group_by: 'company' };
      const t = await trend({ ...q });
      expect(t).toEqual(bruteTrend(rows, q));
      expect(t.series).toHaveLength(51);
      expect(t.series.at(-1)!.key).toBe('_other');
      expect(t.series.reduce((a, s) => a + s.totals.headcount, 0)).toBe(t.totals.headcount);
      expect(t.totals.headcount).toBe(rows.reduce((a, r) => a + r.headcount, 0));
    });

    it('every period appears, zeros included; share is null without layoffs', async () => {
      const t = await trend({ interval: 'month', from: '2010-02-15', to: '2011-01-03', group_by: 'ai_attributed' });
      expect(t.series.map((s) => s.key)).toEqual(['true', 'false']);
      for (const s of t.series) {
        expect(s.points.map((p) => p.period)).toEqual([
          '2010-02', '2010-03', '2010-04', '2010-05', '2010-06', '2010-07', '2010-08', '2010-09', '2010-10', '2010-11', '2010-12', '2011-01',
        ]);
        expect(s.points[0]!.period_start).toBe('2010-02-01');
        for (const p of s.points) expect(p).toMatchObject({ headcount: 0, ai_attributed_headcount: 0, ai_attributed_share: null, events: 0 });
      }
      expect(t.totals).toEqual({ headcount: 0, ai_attributed_headcount: 0, ai_attributed_share: null, events: 0 });
      const q = await trend({ interval: 'quarter', from: '2025-11-20', to: '2026-04-02' });
      expect(q.series[0]!.points.map((p) => [p.period, p.period_start])).toEqual([
        ['2025-Q4', '2025-10-01'],
        ['2026-Q1', '2026-01-01'],
        ['2026-Q2', '2026-04-01'],
      ]);
    });

    it('only the period holding today is partial; the ended ones are as before (REST and GraphQL)', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-05-10T12:00:00Z'));
      try {
        for (const [interval, current] of [['month', '2026-05'], ['quarter', '2026-Q2'], ['year', '2026']] as const) {
          const t = await trend({ interval, from: '2024-01-01' });
          expect(t.to).toBe('2026-05-10');
          const points = t.series[0]!.points;
          expect(points.filter((p) => p.partial).map((p) => p.period), interval).toEqual([current]);
          expect(points.at(-1)!.period, interval).toBe(current);
          expect(t, interval).toEqual(bruteTrend(rows, { interval, from: '2024-01-01', to: '2026-05-10', today: '2026-05-10' }));
          // The ended periods are those of a range that stops before today's period.
          const before = await trend({ interval, from: '2024-01-01', to: isoDay(Date.parse(`${points.at(-1)!.period_start}T00:00:00Z`) - DAY_MS) });
          expect(points.slice(0, -1), interval).toEqual(before.series[0]!.points);
        }
        // Periods after today have not ended either.
        const later = await trend({ interval: 'month', from: '2026-04-01', to: '2026-07-31' });
        expect(later.series[0]!.points.map((p) => [p.period, p.partial])).toEqual([['2026-04', false], ['2026-05', true], ['2026-06', true], ['2026-07', true]]);
        const r = await gql(ctx.app, '{ layoffTrends(interval: month, from: "2026-01-01") { series { points { period partial headcount } } } }');
        expect(r.errors).toBeUndefined();
        const rest = await trend({ interval: 'month', from: '2026-01-01' });
        expect(r.data.layoffTrends.series[0].points).toEqual(rest.series[0]!.points.map((p) => ({ period: p.period, partial: p.partial, headcount: p.headcount })));
      } finally {
        vi.useRealTimers();
      }
    });

    it('defaults: interval quarter over the 18 months ending today', async () => {
      const t = await trend({});
      const today = isoDay(Date.now());
      expect(t.interval).toBe('quarter');
      expect(t.to).toBe(today);
      const end = new Date(Date.parse(`${today}T00:00:00Z`) + DAY_MS);
      expect(t.from).toBe(isoDay(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 18, end.getUTCDate())));
      expect(t.group_by).toBeNull();
      expect(t).toEqual(bruteTrend(rows, { interval: 'quarter', from: t.from, to: t.to }));
      expect(t.series[0]!.points.length).toBeGreaterThanOrEqual(6);
      expect(t.series[0]!.points.length).toBeLessThanOrEqual(7);
    });

    it('bad input answers 400 problem+json naming the parameter', async () => {
      const cases: [string, string][] = [
        ['interval=fortnight', 'interval'],
        ['from=2026-05-01&to=2026-04-01', 'from'],
        ['interval=month&from=2000-01-01&to=2020-01-01', 'from'],
        ['interval=quarter&from=1900-01-01&to=1960-01-02', 'from'],
        ['group_by=role', 'group_by'],
        ['from=2026-13-01', 'from'],
        ['from=2026-02-30', 'from'],
        ['to=26-01-01', 'to'],
        ['to=2026-01-01T00:00:00Z', 'to'],
        ['company_category=robots', 'company_category'],
        ['min_headcount=-1', 'min_headcount'],
        ['limit=10', 'limit'],
      ];
      for (const [query, name] of cases) expectProblem(await ctx.app.inject(`/v1/trends/layoffs?${query}`), 400, name);
      // The bound is inclusive: 240 months are fine, 241 are not.
      expect((await ctx.app.inject('/v1/trends/layoffs?interval=month&from=2000-01-01&to=2019-12-31')).statusCode).toBe(200);
      expectProblem(await ctx.app.inject('/v1/trends/layoffs?interval=month&from=2000-01-01&to=2020-01-01'), 400, 'from');
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// Admin writes
// ---------------------------------------------------------------------------------------------------

describe('admin writes', () => {
  let ctx: TestContext;
  let admin: string;
  let analyst: string;
  let serial = 0;

  beforeAll(async () => {
    ctx = await createTestApp({ JWT_SECRET });
    admin = signJwt({ sub: 'admin-1', role: 'admin', exp: inSeconds(600) }, JWT_SECRET);
    analyst = signJwt({ sub: 'analyst-1', role: 'analyst', exp: inSeconds(600) }, JWT_SECRET);
  });
  afterAll(() => ctx?.close());

  async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = bearer(admin)) {
    const res = await ctx.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
    const body = res.body ? (res.json() as Record<string, any>) : null;
    return { statusCode: res.statusCode, headers: res.headers, payload: res.payload, body, json: () => body };
  }

  /** A company of the test's own. */
  async function newCompany(category = 'legacy_enterprise'): Promise<string> {
    const slug = `wr-${++serial}-${randomUUID().slice(0, 8)}`;
    const res = await call('POST', '/v1/admin/companies', { slug, name: `Writer ${serial}`, category });
    expect(res.statusCode, JSON.stringify(res.body)).toBe(201);
    return slug;
  }

  const valid = (company: string) => ({
    company,
    announced_on: '2026-02-11',
    headcount: 3200,
    ai_attributed: true,
    reason: 'restructuring to fund AI infrastructure',
    source_url: 'https://www.reuters.com/technology/example-2026-02-11/',
  });

  it('POST creates (201 + Location + ETag); the layoff is listed and readable', async () => {
    const company = await newCompany();
    const res = await call('POST', '/v1/admin/layoffs', valid(company));
    expect(res.statusCode, JSON.stringify(res.body)).toBe(201);
    const created = res.body as unknown as Layoff;
    expect(res.headers.location).toBe(`/v1/layoffs/${created.id}`);
    expect(res.headers.etag).toBeTruthy();
    expect(created).toMatchObject({ company: { slug: company, category: 'legacy_enterprise' }, announced_on: '2026-02-11', headcount: 3200, ai_attributed: true });
    const read = await call('GET', res.headers.location as string);
    expect(read.body).toEqual(created);
    expect(read.headers.etag).toBe(res.headers.etag);
    const listed = await walk<Layoff>(ctx.app, '/v1/layoffs', { company });
    expect(listed.items).toEqual([created]);
    // Optional fields may be left out.
    const bare = await call('POST', '/v1/admin/layoffs', { company, announced_on: '2025-12-01', headcount: 1, ai_attributed: false });
    expect(bare.statusCode).toBe(201);
    expect(bare.body).toMatchObject({ reason: null, source_url: null, headcount: 1 });
    // Today is fine.
    expect((await call('POST', '/v1/admin/layoffs', { ...valid(company), announced_on: isoDay(Date.now()) })).statusCode).toBe(201);
  });

  it('POST with an Idempotency-Key replays instead of creating twice', async () => {
    const company = await newCompany();
    const headers = { ...bearer(admin), 'idempotency-key': `layoff-${randomUUID()}` };
    const first = await call('POST', '/v1/admin/layoffs', valid(company), headers);
    const second = await call('POST', '/v1/admin/layoffs', valid(company), headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body!.id).toBe(first.body!.id);
    expect((await walk(ctx.app, '/v1/layoffs', { company })).items).toHaveLength(1);
  });

  it('POST refuses bad bodies with 400 naming the fields', async () => {
    const company = await newCompany();
    const tomorrowPlus = isoDay(Date.now() + 2 * DAY_MS);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid(company), company: 'no-such-company' }, '/company'],
      [{ ...valid(company), company: 'Bad Slug' }, '/company'],
      [{ ...valid(company), headcount: 0 }, '/headcount'],
      [{ ...valid(company), headcount: -20 }, '/headcount'],
      [{ ...valid(company), headcount: 2.5 }, '/headcount'],
      [{ ...valid(company), announced_on: tomorrowPlus }, '/announced_on'],
      [{ ...valid(company), announced_on: '2099-01-01' }, '/announced_on'],
      [{ ...valid(company), announced_on: '2026-13-01' }, '/announced_on'],
      [{ ...valid(company), announced_on: '2026-02-30' }, '/announced_on'],
      [{ ...valid(company), announced_on: '11/02/2026' }, '/announced_on'],
      [{ ...valid(company), source_url: 'http://insecure.example.com/x' }, '/source_url'],
      [{ ...valid(company), source_url: 'javascript:alert(1)' }, '/source_url'],
      [{ ...valid(company), ai_attributed: 'yes' }, '/ai_attributed'],
      [{ ...valid(company), id: randomUUID() }, '/id'],
      [{ ...valid(company), created_at: '2026-01-01T00:00:00Z' }, '/created_at'],
      [{ company, announced_on: '2026-01-05', ai_attributed: true }, '/headcount'],
    ];
    for (const [body, name] of cases) expectProblem(await call('POST', '/v1/admin/layoffs', body), 400, name);
    // Several problems at once are all named.
    const many = expectProblem(await call('POST', '/v1/admin/layoffs', { ...valid(company), headcount: 0, source_url: 'ftp://x' }), 400);
    expect(many.errors!.map((e) => e.name)).toEqual(expect.arrayContaining(['/headcount', '/source_url']));
    expect((await walk(ctx.app, '/v1/layoffs', { company })).items).toEqual([]);
  });

  it('writes need an admin: 401 without or with bad credentials, 403 for an analyst', async () => {
    const company = await newCompany();
    const created = await call('POST', '/v1/admin/layoffs', valid(company));
    const id = created.body!.id as string;
    const attempts: [string, 'POST' | 'PATCH' | 'DELETE', unknown][] = [
      ['/v1/admin/layoffs', 'POST', valid(company)],
      [`/v1/admin/layoffs/${id}`, 'PATCH', { headcount: 5 }],
      [`/v1/admin/layoffs/${id}`, 'DELETE', undefined],
    ];
    for (const [url, method, body] of attempts) {
      expectProblem(await call(method, url, body, {}), 401);
      expectProblem(await call(method, url, body, bearer('not.a.token')), 401);
      expectProblem(await call(method, url, body, bearer(signJwt({ sub: 'x', role: 'admin', exp: inSeconds(600) }, 'another-secret-long-enough-for-hs256!!'))), 401);
      expectProblem(await call(method, url, body, bearer(analyst)), 403);
    }
    expect((await call('GET', `/v1/layoffs/${id}`)).body).toEqual(created.body);
  });

  it('PATCH changes only the given fields; null clears; If-Match guards; 404 and 400 otherwise', async () => {
    const company = await newCompany();
    const other = await newCompany('saas');
    const created = await call('POST', '/v1/admin/layoffs', valid(company));
    const id = created.body!.id as string;
    const url = `/v1/admin/layoffs/${id}`;

    const patched = await call('PATCH', url, { headcount: 3000, reason: null });
    expect(patched.statusCode, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ ...created.body!, headcount: 3000, reason: null, updated_at: expect.any(String) });
    expect(Date.parse(patched.body!.updated_at)).toBeGreaterThan(Date.parse(created.body!.updated_at));
    expect(patched.headers.etag).not.toBe(created.headers.etag);
    expect((await call('GET', `/v1/layoffs/${id}`)).body).toEqual(patched.body);

    const moved = await call('PATCH', url, { company: other, ai_attributed: false, announced_on: '2026-01-15', source_url: null });
    expect(moved.body).toMatchObject({ company: { slug: other, category: 'saas' }, ai_attributed: false, announced_on: '2026-01-15', source_url: null });

    // If-Match: the stale ETag is refused (412), the current one is accepted.
    expectProblem(await call('PATCH', url, { headcount: 1 }, { ...bearer(admin), 'if-match': patched.headers.etag as string }), 412);
    const guarded = await call('PATCH', url, { headcount: 7 }, { ...bearer(admin), 'if-match': moved.headers.etag as string });
    expect(guarded.statusCode).toBe(200);
    expect(guarded.body!.headcount).toBe(7);

    for (const [body, name] of [
      [{}, undefined],
      [{ headcount: 0 }, '/headcount'],
      [{ company: 'no-such-company' }, '/company'],
      [{ announced_on: '2099-12-31' }, '/announced_on'],
      [{ announced_on: null }, '/announced_on'],
      [{ source_url: 'http://x.example.com' }, '/source_url'],
      [{ id: randomUUID() }, '/id'],
    ] as [Record<string, unknown>, string | undefined][]) {
      expectProblem(await call('PATCH', url, body), 400, name);
    }
    expect((await call('GET', `/v1/layoffs/${id}`)).body!.headcount).toBe(7);
    expectProblem(await call('PATCH', `/v1/admin/layoffs/${randomUUID()}`, { headcount: 5 }), 404);
    expectProblem(await call('PATCH', '/v1/admin/layoffs/garbage', { headcount: 5 }), 404);
  });

  it('DELETE answers 204, then 404; If-Match guards it', async () => {
    const company = await newCompany();
    const created = await call('POST', '/v1/admin/layoffs', valid(company));
    const url = `/v1/admin/layoffs/${created.body!.id}`;
    expectProblem(await call('DELETE', url, undefined, { ...bearer(admin), 'if-match': '"stale"' }), 412);
    const res = await call('DELETE', url, undefined, { ...bearer(admin), 'if-match': created.headers.etag as string });
    expect(res.statusCode).toBe(204);
    expect(res.payload).toBe('');
    // No body, so no body headers.
    expect(res.headers['content-type']).toBeUndefined();
    expect(res.headers['content-length']).toBeUndefined();
    expectProblem(await call('GET', `/v1/layoffs/${created.body!.id}`), 404);
    expectProblem(await call('DELETE', url), 404);
    expectProblem(await call('DELETE', '/v1/admin/layoffs/garbage'), 404);
    expect((await walk(ctx.app, '/v1/layoffs', { company })).items).toEqual([]);
  });

  it('paging returns every layoff once even while layoffs are added', async () => {
    const company = await newCompany();
    const original: string[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await call('POST', '/v1/admin/layoffs', { ...valid(company), announced_on: `2025-0${1 + (i % 3)}-1${i % 2}`, headcount: 100 + (i % 4) });
      original.push(res.body!.id as string);
    }
    for (const sort of ['newest', 'oldest', 'headcount'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        const res = await call('GET', `/v1/layoffs?company=${company}&sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...(res.body!.data as Layoff[]).map((l) => l.id));
        cursor = res.body!.next_cursor as string | null;
        // New layoffs land before, between and after the page boundary.
        if (page++ < 3) {
          for (const [day, headcount] of [['2025-02-10', 101], ['2024-06-01', 5000], ['2025-12-31', 1]] as const) {
            await call('POST', '/v1/admin/layoffs', { ...valid(company), announced_on: day, headcount });
          }
        }
      } while (cursor);
      expect(seen.filter((id) => original.includes(id)).sort()).toEqual([...original].sort());
      expect(new Set(seen).size).toBe(seen.length);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// The demo calibration, through the API
// ---------------------------------------------------------------------------------------------------

describe('demo calibration', () => {
  let ctx: TestContext;
  const seed = 7;

  beforeAll(async () => {
    ctx = await createTestApp();
    // The demo companies (seedDemo may already store the demo layoffs too: storing them again adds nothing).
    await seedTestJobs(ctx.database.db, 0, seed);
    await insertLayoffs(ctx.database.db, demoLayoffs(demoCompanies(seed), { seed, until: TEST_UNTIL }));
  });
  afterAll(() => ctx?.close());

  it('re-seeding adds no duplicates', async () => {
    const rows = demoLayoffs(demoCompanies(seed), { seed, until: TEST_UNTIL });
    expect(await insertLayoffs(ctx.database.db, rows)).toBe(0);
    const res = await ctx.app.inject('/v1/layoffs?limit=1');
    expect(res.json().total).toBe(rows.length);
  });

  it('Jan–Apr 2026: ~78,557 people, about half attributed to AI, mostly legacy enterprise and SaaS', async () => {
    const month = (await ctx.app.inject('/v1/trends/layoffs?interval=month&from=2026-01-01&to=2026-04-30')).json() as LayoffTrend;
    expect(month.series[0]!.points.map((p) => p.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(Math.abs(month.totals.headcount - 78_557) / 78_557).toBeLessThanOrEqual(0.01);
    expect(month.totals.ai_attributed_share).toBeGreaterThanOrEqual(0.48);
    expect(month.totals.ai_attributed_share).toBeLessThanOrEqual(0.52);

    const quarter = (await ctx.app.inject('/v1/trends/layoffs?interval=quarter&from=2026-01-01&to=2026-04-30&group_by=company_category'))
      .json() as LayoffTrend;
    expect(quarter.totals).toEqual(month.totals);
    expect(quarter.series[0]!.points.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2']);
    const cat = Object.fromEntries(quarter.series.map((s) => [s.key, s.totals.headcount]));
    expect((cat.legacy_enterprise! + cat.saas!) / quarter.totals.headcount).toBeGreaterThan(0.75);
    expect(cat.ai_native! / quarter.totals.headcount).toBeLessThan(0.02);

    const byCompany = (await ctx.app.inject('/v1/trends/layoffs?interval=year&from=2026-01-01&to=2026-04-30&group_by=company')).json() as LayoffTrend;
    expect(byCompany.series.slice(0, 3).map((s) => s.key).sort()).toEqual(['dell', 'intel', 'oracle']);
  });

  it('the other months run at a lower background rate', async () => {
    const t = (await ctx.app.inject('/v1/trends/layoffs?interval=month&from=2025-01-01&to=2026-06-30')).json() as LayoffTrend;
    const points = t.series[0]!.points;
    expect(points).toHaveLength(18);
    const calibrated = points.filter((p) => p.period >= '2026-01' && p.period <= '2026-04');
    const background = points.filter((p) => !calibrated.includes(p));
    const avg = (ps: typeof points) => ps.reduce((a, p) => a + p.headcount, 0) / ps.length;
    expect(avg(background)).toBeLessThan(avg(calibrated) / 2);
    for (const p of background) expect(p.events).toBeGreaterThan(0);
  });
});
