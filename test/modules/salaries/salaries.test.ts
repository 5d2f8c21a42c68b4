import { eq, inArray, isNotNull } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobEvents, jobs, reportedSalaryBands } from '../../../src/db/tables.js';
import {
  COMPANY_CATEGORY_KEYS,
  DOMAIN_KEYS,
  EMPLOYMENT_TYPE_KEYS,
  ROLES,
  ROLE_KEYS,
  SENIORITY_KEYS,
  WORKPLACE_KEYS,
} from '../../../src/reference/taxonomy.js';
import { insertJobs } from '../../../tools/seed/seed.js';
import { demoCompanies } from '../../../tools/seed/companies.js';
import { demoJobs } from '../../../tools/seed/jobs.js';
import { DEMO_FX_RATES } from '../../../tools/seed/pay.js';
import { REPORTED_SALARY_BANDS } from '../../../src/reference/reported-bands.js';
import type { DemoJob } from '../../../tools/seed/types.js';
import type { Job } from '../../../src/modules/jobs/jobs.schemas.js';
import { GROUP_DIMENSIONS, type GroupDimension } from '../../../src/modules/salaries/salaries.schemas.js';
import { syncReportedBands } from '../../../src/db/reference-data.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs, TEST_UNTIL } from '../../helpers/data.js';
import { walk } from '../../helpers/pages.js';

/*
 * Two databases: a small one (a few hundred demo jobs plus hand-made edge cases) where every answer is
 * checked against a brute-force computation over the rows that /v1/jobs returns for the same filters,
 * and the calibration one (6,000 demo jobs) where the article's figures must show.
 */
const SMALL_SEED = 5;
let small: TestContext;
let big: TestContext;
/** Every job of the small database, as /v1/jobs shows it. */
let all: Job[];

const FX = new Map(DEMO_FX_RATES.map((r) => [r.currency, r]));
const uuid = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;

const templates = new Map<number, DemoJob>();
function templateOf(seed: number): DemoJob {
  if (!templates.has(seed)) templates.set(seed, demoJobs(demoCompanies(seed), { jobs: 1, seed: 99, until: TEST_UNTIL }).next().value as DemoJob);
  return templates.get(seed)!;
}

/** A demo job made to order (USD per year, open), from a template row of the same seed's companies. */
function crafted(seed: number, i: number, fields: Partial<DemoJob>): DemoJob {
  const template = templateOf(seed);
  return {
    ...template!,
    id: uuid('5a1a0000', i),
    externalId: `salary-edge-${i}`,
    salaryCurrency: 'USD',
    salaryPeriod: 'year',
    status: 'open',
    closeReason: null,
    closedAt: null,
    ...fields,
  };
}

/** Edge cases: no country, half-dollar midpoints, ties, one-posting groups, a zero-salary baseline. */
function edgeCases(): DemoJob[] {
  const rows: Partial<DemoJob>[] = [
    { country: null, city: null, region: null, workplace: 'remote', salaryMin: 100_000, salaryMax: 100_001 },
    { country: null, city: null, region: null, workplace: 'remote', salaryMin: 120_000, salaryMax: 140_000 },
    { country: null, city: null, region: null, workplace: 'remote', salaryMin: null, salaryMax: null, salaryCurrency: null, salaryPeriod: null },
    ...Array.from({ length: 4 }, () => ({ role: 'qa_engineer' as const, seniority: 'staff' as const, domain: 'legal' as const, salaryMin: 150_000, salaryMax: 150_003 })),
    ...Array.from({ length: 3 }, () => ({ role: 'content_moderation' as const, seniority: 'principal' as const, domain: 'general' as const, salaryMin: 0, salaryMax: 0 })),
    ...Array.from({ length: 3 }, () => ({ role: 'content_moderation' as const, seniority: 'principal' as const, domain: 'security' as const, salaryMin: 50_000, salaryMax: 70_001 })),
    { role: 'ai_platform_architect', seniority: 'junior', domain: 'finance', salaryMin: 1, salaryMax: 2 },
  ];
  return rows.map((fields, i) => crafted(SMALL_SEED, i, fields));
}

beforeAll(async () => {
  [small, big] = await Promise.all([createTestApp(), createTestApp()]);
  // Until migrate() syncs them as reference data, the bands are loaded here.
  await Promise.all([small, big].map((ctx) => syncReportedBands(ctx.database.db)));
  await seedTestJobs(small.database.db, 400, SMALL_SEED);
  await insertJobs(small.database.db, edgeCases(), FX);
  all = (await walk(small.app, '/v1/jobs', { status: 'all', limit: 100 })).items;
  await seedTestJobs(big.database.db, 6000, 2026);
}, 120_000);
afterAll(() => Promise.all([small?.close(), big?.close()]));

// --- brute force ----------------------------------------------------------------------------------

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(sorted: readonly number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const midpointOf = (j: Job) => (j.salary ? (j.salary.annual_usd_min + j.salary.annual_usd_max) / 2 : null);
const ascending = (a: number, b: number) => a - b;
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

interface Stats {
  count: number;
  min: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  max: number;
  mean: number;
}

function statsOf(values: readonly number[]): Stats {
  const s = [...values].sort(ascending);
  return {
    count: s.length,
    min: s[0]!,
    p10: percentileCont(s, 0.1),
    p25: percentileCont(s, 0.25),
    median: percentileCont(s, 0.5),
    p75: percentileCont(s, 0.75),
    p90: percentileCont(s, 0.9),
    max: s.at(-1)!,
    mean: mean(s),
  };
}

const STAT_NAMES = ['min', 'p10', 'p25', 'median', 'p75', 'p90', 'max', 'mean'] as const;

type ApiStats = { count: number; withheld: boolean; reason?: string } & Record<(typeof STAT_NAMES)[number], number | null>;

/** Whole dollars, allowing ±1 for rounding. */
function expectDollars(actual: number | null | undefined, expected: number, label: string) {
  expect(actual, label).not.toBeNull();
  expect(Math.abs(actual! - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1);
}

function expectStats(actual: ApiStats, values: readonly number[], minCount: number, label: string) {
  expect(actual.count, `${label} count`).toBe(values.length);
  if (values.length < minCount) {
    expect(actual.withheld, label).toBe(true);
    expect(actual.reason, label).toBe('below_min_count');
    for (const name of STAT_NAMES) expect(actual[name], `${label} ${name}`).toBeNull();
    return;
  }
  expect(actual.withheld, label).toBe(false);
  expect(actual.reason, label).toBeUndefined();
  const expected = statsOf(values);
  for (const name of STAT_NAMES) expectDollars(actual[name], expected[name], `${label} ${name}`);
}

type Params = Record<string, string | number>;

/** The salaried postings /v1/jobs returns for these filters (status `all` unless given), with their midpoints. */
async function salaried(params: Params): Promise<{ job: Job; mid: number }[]> {
  const { items } = await walk(small.app, '/v1/jobs', { ...params, status: params.status ?? 'all', limit: 100 });
  return items.flatMap((job) => {
    const mid = midpointOf(job);
    return mid === null ? [] : [{ job, mid }];
  });
}

const ORDERS: Record<string, readonly string[]> = {
  role: ROLE_KEYS,
  seniority: SENIORITY_KEYS,
  domain: DOMAIN_KEYS,
  workplace: WORKPLACE_KEYS,
  company_category: COMPANY_CATEGORY_KEYS,
};

function keyOf(job: Job, dimension: GroupDimension): string | null {
  switch (dimension) {
    case 'role':
    case 'seniority':
    case 'domain':
    case 'workplace':
      return job[dimension];
    case 'country':
      return job.location.country;
    case 'company_category':
      return job.company.category;
    case 'month':
      return job.posted_at.slice(0, 7);
  }
}

/** The documented group order: taxonomy order, countries A–Z with unknown last, months ascending. */
function compareKey(dimension: GroupDimension, a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = ORDERS[dimension];
  if (order) return order.indexOf(a) - order.indexOf(b);
  return a < b ? -1 : 1;
}

const get = async (app: TestContext['app'], path: string, params: Params = {}) => {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await app.inject({ url: `${path}?${query}` });
  return res;
};

async function ok<T>(path: string, params: Params = {}, app = small.app): Promise<T> {
  const res = await get(app, path, params);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

// --- random filters -------------------------------------------------------------------------------

const list = (values: readonly string[], max = 3) => fc.subarray([...values], { minLength: 1, maxLength: max }).map((v) => v.join(','));
const day = fc.integer({ min: Date.UTC(2024, 11, 1), max: TEST_UNTIL.getTime() }).map((t) => new Date(t).toISOString().slice(0, 10));

/** One value per /v1/jobs filter (`dates` stands for a valid posted_after / posted_before pair). */
const FILTER_VALUES: Record<string, fc.Arbitrary<Params>> = {
  role: list(ROLE_KEYS, 6).map((role) => ({ role })),
  seniority: list(SENIORITY_KEYS).map((seniority) => ({ seniority })),
  domain: list(DOMAIN_KEYS).map((domain) => ({ domain })),
  workplace: list(WORKPLACE_KEYS, 2).map((workplace) => ({ workplace })),
  company_category: list(COMPANY_CATEGORY_KEYS).map((company_category) => ({ company_category })),
  employment_type: list(EMPLOYMENT_TYPE_KEYS, 2).map((employment_type) => ({ employment_type })),
  country: fc.constantFrom('US', 'us,gb', 'DE,FR,IN', 'CA').map((country) => ({ country })),
  skills: fc.constantFrom('python', 'kubernetes', 'python,pytorch').map((skills) => ({ skills })),
  q: fc.constantFrom('engineer', 'llm', 'healthcare', 'senior -staff', '"machine learning"', 'support or moderation').map((q) => ({ q })),
  status: fc.constantFrom('open', 'closed', 'all').map((status) => ({ status })),
  salary_min: fc.integer({ min: 50_000, max: 300_000 }).map((salary_min) => ({ salary_min })),
  dates: fc.tuple(day, day).map(([a, b]): Params => (a < b ? { posted_after: a, posted_before: b } : a > b ? { posted_after: b, posted_before: a } : { posted_after: a })),
};

/** One to three /v1/jobs filters, valid together (several at once would leave little to measure). */
const filtersArb = (exclude: string[] = []): fc.Arbitrary<Params> =>
  fc
    .shuffledSubarray(Object.keys(FILTER_VALUES).filter((k) => !exclude.includes(k)), { minLength: 1, maxLength: 3 })
    .chain((keys) => fc.tuple(...keys.map((k) => FILTER_VALUES[k]!)))
    .map((parts) => Object.assign({}, ...parts) as Params);

/** No filter at all, sometimes. */
const lightFilters = fc.oneof({ weight: 1, arbitrary: fc.constant<Params>({}) }, { weight: 4, arbitrary: filtersArb() });

// --- GET /v1/salaries -----------------------------------------------------------------------------

interface StatsBody {
  measure: string;
  status: string;
  group_by: string[];
  min_count: number;
  overall: ApiStats;
  groups: (ApiStats & { key: Record<string, string | null> })[];
}

describe('GET /v1/salaries', () => {
  it('holds the data the checks need (edge cases included)', () => {
    expect(all.length).toBe(400 + edgeCases().length);
    expect(all.some((j) => j.salary === null)).toBe(true);
    expect(all.some((j) => j.location.country === null && j.salary)).toBe(true);
    expect(all.some((j) => j.status === 'closed')).toBe(true);
  });

  it('defaults: status all, min_count 5, no groups; documents the measure', async () => {
    const body = await ok<StatsBody>('/v1/salaries');
    expect(body).toMatchObject({ measure: 'annual_usd_midpoint', status: 'all', group_by: [], min_count: 5, groups: [] });
    const mids = all.map(midpointOf).filter((m): m is number => m !== null);
    expectStats(body.overall, mids, 5, 'overall');
  });

  it('property: every statistic of every group equals a brute-force computation over /v1/jobs rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        lightFilters,
        fc.shuffledSubarray([...GROUP_DIMENSIONS], { minLength: 0, maxLength: 2 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        async (filters, groupBy, minCount) => {
          const params: Params = { ...filters };
          if (groupBy.length) params.group_by = groupBy.join(',');
          if (minCount !== undefined) params.min_count = minCount;
          const body = await ok<StatsBody>('/v1/salaries', params);
          const rows = await salaried(filters);
          const min = minCount ?? 5;
          expect(body.group_by).toEqual(groupBy);
          expect(body.status).toBe(filters.status ?? 'all');
          expectStats(body.overall, rows.map((r) => r.mid), min, 'overall');

          const groups = new Map<string, { key: (string | null)[]; mids: number[] }>();
          for (const { job, mid } of rows) {
            const key = groupBy.map((d) => keyOf(job, d));
            const id = JSON.stringify(key);
            const group = groups.get(id) ?? { key, mids: [] };
            group.mids.push(mid);
            groups.set(id, group);
          }
          const expected = groupBy.length
            ? [...groups.values()].sort((a, b) => {
                for (let i = 0; i < groupBy.length; i++) {
                  const c = compareKey(groupBy[i]!, a.key[i]!, b.key[i]!);
                  if (c) return c;
                }
                return 0;
              })
            : [];
          expect(body.groups.map((g) => groupBy.map((d) => g.key[d]))).toEqual(expected.map((g) => g.key));
          body.groups.forEach((g, i) => {
            expect(Object.keys(g.key).sort()).toEqual([...groupBy].sort());
            expectStats(g, expected[i]!.mids, min, JSON.stringify(g.key));
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('groups without a country have a null key, listed last', async () => {
    const body = await ok<StatsBody>('/v1/salaries', { group_by: 'country', min_count: 1 });
    expect(body.groups.at(-1)!.key).toEqual({ country: null });
    expect(body.groups.filter((g) => g.key.country === null)).toHaveLength(1);
  });

  it('status=open covers what /v1/jobs lists by default', async () => {
    const body = await ok<StatsBody>('/v1/salaries', { status: 'open' });
    const open = all.filter((j) => j.status === 'open' && j.salary);
    expect(body.overall.count).toBe(open.length);
  });

  it('more than 500 groups is a 400 on group_by; narrower filters make it fit', async () => {
    // 12 countries × 46 months (2020-01 to 2023-10, before the demo window) = 552 (country, month) groups,
    // removed again at the end so that the other checks see the data they expect.
    const db = small.database.db;
    const countries = ['US', 'GB', 'FR', 'DE', 'NL', 'IE', 'ES', 'CA', 'IN', 'SG', 'CH', 'JP'];
    const rows = countries.flatMap((country, c) =>
      Array.from({ length: 46 }, (_, m) =>
        crafted(SMALL_SEED, 1000 + c * 100 + m, { country, postedAt: new Date(Date.UTC(2020, m, 15)), salaryMin: 100_000 + m, salaryMax: 120_000 }),
      ),
    );
    const ids = rows.map((r) => r.id);
    await insertJobs(db, rows, FX);
    try {
      const res = await get(small.app, '/v1/salaries', { group_by: 'country,month' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors[0].name).toBe('group_by');
      const narrowed = await ok<StatsBody>('/v1/salaries', { group_by: 'country,month', posted_before: '2023-06-01' });
      expect(narrowed.groups.length).toBe(12 * 41);
      expect(narrowed.groups[0]!.key).toEqual({ country: 'CA', month: '2020-01' });
      expect(narrowed.groups.at(-1)!.key).toEqual({ country: 'US', month: '2023-05' });
    } finally {
      await db.delete(jobEvents).where(inArray(jobEvents.jobId, ids));
      await db.delete(jobs).where(inArray(jobs.id, ids));
    }
  });
});

// --- GET /v1/salaries/histogram -------------------------------------------------------------------

interface HistogramBody {
  count: number;
  min: number | null;
  max: number | null;
  bucket_width: number | null;
  buckets: { lower: number; upper: number; count: number }[];
}

describe('GET /v1/salaries/histogram', () => {
  it('property: bucket counts equal a brute-force count of the same midpoints', async () => {
    await fc.assert(
      fc.asyncProperty(
        lightFilters,
        fc.oneof(
          fc.record({ bucket_width: fc.constantFrom(1000, 2500, 5000, 10_000, 25_000, 100_000, 1_000_000) }),
          fc.record({ buckets: fc.integer({ min: 1, max: 100 }) }),
          fc.constant({}),
        ),
        async (filters, shape: { bucket_width?: number; buckets?: number }) => {
          const mids = (await salaried(filters)).map((r) => r.mid).sort(ascending);
          const res = await get(small.app, '/v1/salaries/histogram', { ...filters, ...shape });
          if (!mids.length) {
            expect(res.statusCode).toBe(200);
            expect(res.json()).toMatchObject({ count: 0, min: null, max: null, buckets: [] });
            return;
          }
          const [lowest, highest] = [mids[0]!, mids.at(-1)!];
          let lo: number;
          let width: number;
          let n: number;
          if (shape.bucket_width) {
            width = shape.bucket_width;
            lo = Math.floor(lowest / width) * width;
            n = Math.floor(highest / width) - Math.floor(lowest / width) + 1;
            if (n > 200) {
              expect(res.statusCode).toBe(400);
              expect(res.json().errors[0].name).toBe('bucket_width');
              return;
            }
          } else {
            n = shape.buckets ?? 20;
            lo = Math.floor(lowest);
            width = Math.max(1, Math.ceil((highest - lo) / n));
          }
          expect(res.statusCode, res.body).toBe(200);
          const body = res.json() as HistogramBody;
          const counts = new Array<number>(n).fill(0);
          for (const m of mids) counts[Math.min(Math.floor((m - lo) / width), n - 1)]!++;
          expect(body.bucket_width).toBe(width);
          expect(body.count).toBe(mids.length);
          expectDollars(body.min, lowest, 'min');
          expectDollars(body.max, highest, 'max');
          expect(body.buckets).toEqual(counts.map((count, i) => ({ lower: lo + i * width, upper: lo + (i + 1) * width, count })));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('includes empty buckets as zeros', async () => {
    const body = await ok<HistogramBody>('/v1/salaries/histogram', { bucket_width: 5000 });
    expect(body.buckets.some((b) => b.count === 0)).toBe(true);
    expect(body.buckets.reduce((s, b) => s + b.count, 0)).toBe(body.count);
    for (let i = 1; i < body.buckets.length; i++) expect(body.buckets[i]!.lower).toBe(body.buckets[i - 1]!.upper);
  });
});

// --- GET /v1/salaries/premiums --------------------------------------------------------------------

interface PremiumCell {
  role?: string;
  seniority: string;
  count: number;
  baseline_count: number;
  compared: boolean;
  value: number | null;
  baseline_value: number | null;
  ratio: number | null;
}
interface Premium {
  ratio: number | null;
  premium: number | null;
  cells_compared: number;
  count: number;
  baseline_count: number;
  cells: PremiumCell[];
}
interface PremiumsBody {
  statistic: string;
  min_count: number;
  domain_premiums: (Premium & { domain: string; baseline: string })[];
  ai_premium: Premium & { family: string; baseline: string };
}

const FAMILY = new Map<string, string>(ROLES.map((r) => [r.key, r.family]));

/** The documented computation, by brute force: cells, ratios, weighted by the compared side's postings. */
function expectedPremium(
  rows: { job: Job; mid: number }[],
  inTreatment: (j: Job) => boolean,
  inBaseline: (j: Job) => boolean,
  cellOf: (j: Job) => string,
  cellOrder: string[],
  statistic: 'mean' | 'median',
  minCount: number,
) {
  const stat = (xs: number[]) => (statistic === 'mean' ? mean(xs) : percentileCont([...xs].sort(ascending), 0.5));
  const collect = (pred: (j: Job) => boolean) => {
    const cells = new Map<string, number[]>();
    for (const { job, mid } of rows) if (pred(job)) cells.set(cellOf(job), [...(cells.get(cellOf(job)) ?? []), mid]);
    return cells;
  };
  const [treated, baseline] = [collect(inTreatment), collect(inBaseline)];
  const cells = cellOrder.flatMap((cell) => {
    const t = treated.get(cell);
    const b = baseline.get(cell);
    if (!t || !b) return [];
    const compared = t.length >= minCount && b.length >= minCount && stat(b) > 0;
    return [{ cell, count: t.length, baseline_count: b.length, compared, value: stat(t), baseline_value: stat(b), ratio: stat(t) / stat(b) }];
  });
  const used = cells.filter((c) => c.compared);
  const weights = used.reduce((s, c) => s + c.count, 0);
  return {
    ratio: weights ? used.reduce((s, c) => s + c.ratio * c.count, 0) / weights : null,
    cells_compared: used.length,
    count: weights,
    baseline_count: used.reduce((s, c) => s + c.baseline_count, 0),
    cells,
  };
}

function expectPremium(actual: Premium, expected: ReturnType<typeof expectedPremium>, label: string) {
  expect(actual.cells_compared, label).toBe(expected.cells_compared);
  expect(actual.count, label).toBe(expected.count);
  expect(actual.baseline_count, label).toBe(expected.baseline_count);
  if (expected.ratio === null) {
    expect(actual.ratio, label).toBeNull();
    expect(actual.premium, label).toBeNull();
  } else {
    expect(Math.abs(actual.ratio! - expected.ratio), `${label}: ${actual.ratio} vs ${expected.ratio}`).toBeLessThanOrEqual(1e-4);
    // A fraction like every premium of the API (0.25 is +25 %), 4 decimals: at most 0.00005 from the exact value.
    expect(Math.abs(actual.premium! - (expected.ratio - 1)), label).toBeLessThanOrEqual(5e-5 + 1e-9);
    expect(Math.abs(actual.premium! - (actual.ratio! - 1)), label).toBeLessThanOrEqual(1e-4 + 1e-9);
  }
  expect(actual.cells.length, label).toBe(expected.cells.length);
  actual.cells.forEach((cell, i) => {
    const e = expected.cells[i]!;
    const where = `${label} ${e.cell}`;
    expect(`${cell.role ? `${cell.role}/` : ''}${cell.seniority}`, where).toBe(e.cell);
    expect([cell.count, cell.baseline_count, cell.compared], where).toEqual([e.count, e.baseline_count, e.compared]);
    if (!e.compared) {
      expect([cell.value, cell.baseline_value, cell.ratio], where).toEqual([null, null, null]);
      return;
    }
    expectDollars(cell.value, e.value, `${where} value`);
    expectDollars(cell.baseline_value, e.baseline_value, `${where} baseline`);
    expect(Math.abs(cell.ratio! - e.ratio), where).toBeLessThanOrEqual(1e-4);
  });
}

const ROLE_CELLS = ROLE_KEYS.flatMap((r) => SENIORITY_KEYS.map((s) => `${r}/${s}`));

describe('GET /v1/salaries/premiums', () => {
  it('property: domain and AI premiums equal a brute-force computation over /v1/jobs rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 1, arbitrary: fc.constant<Params>({}) }, { weight: 4, arbitrary: filtersArb(['domain']) }),
        fc.constantFrom('mean' as const, 'median' as const, undefined),
        fc.integer({ min: 1, max: 4 }),
        async (filters, statistic, minCount) => {
          const params: Params = { ...filters, min_count: minCount };
          if (statistic) params.statistic = statistic;
          const body = await ok<PremiumsBody>('/v1/salaries/premiums', params);
          const rows = await salaried(filters);
          const stat = statistic ?? 'mean';
          expect(body.statistic).toBe(stat);
          expect(body.domain_premiums.map((d) => d.domain)).toEqual(['healthcare', 'finance', 'legal', 'security']);
          for (const premium of body.domain_premiums) {
            const expected = expectedPremium(
              rows,
              (j) => j.domain === premium.domain,
              (j) => j.domain === 'general',
              (j) => `${j.role}/${j.seniority}`,
              ROLE_CELLS,
              stat,
              minCount,
            );
            expectPremium(premium, expected, premium.domain);
          }
          const ai = expectedPremium(
            rows,
            (j) => FAMILY.get(j.role) === 'ai',
            (j) => FAMILY.get(j.role) === 'software',
            (j) => j.seniority,
            [...SENIORITY_KEYS],
            stat,
            minCount,
          );
          expectPremium(body.ai_premium, ai, 'ai');
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a zero baseline is never compared (no division by zero)', async () => {
    // Only the hand-made rows were posted at the template's instant.
    const at = templateOf(SMALL_SEED).postedAt;
    const body = await ok<PremiumsBody>('/v1/salaries/premiums', {
      role: 'content_moderation',
      seniority: 'principal',
      posted_after: at.toISOString(),
      posted_before: new Date(at.getTime() + 1).toISOString(),
      min_count: 1,
    });
    const security = body.domain_premiums.find((d) => d.domain === 'security')!;
    expect(security).toMatchObject({ ratio: null, cells_compared: 0 });
    expect(security.cells).toEqual([
      { role: 'content_moderation', seniority: 'principal', count: 3, baseline_count: 3, compared: false, value: null, baseline_value: null, ratio: null },
    ]);
  });

  it('filtering out the baseline leaves nothing to compare', async () => {
    const body = await ok<PremiumsBody>('/v1/salaries/premiums', { domain: 'healthcare' });
    for (const d of body.domain_premiums) expect(d).toMatchObject({ ratio: null, premium: null, cells_compared: 0, cells: [] });
  });
});

// --- GET /v1/salaries/reported --------------------------------------------------------------------

interface ReportedBody {
  min_count: number;
  data: {
    id: string;
    role: string;
    seniority: string | null;
    label: string;
    min_usd: number;
    max_usd: number;
    demand_trend: string | null;
    source: string;
    published_on: string;
    observed: { count: number; withheld: boolean; reason?: string; p10: number | null; median: number | null; p90: number | null; p10_vs_min: number | null; p90_vs_max: number | null };
  }[];
}

describe('GET /v1/salaries/reported', () => {
  it('lists the article\'s bands as published', async () => {
    const body = await ok<ReportedBody>('/v1/salaries/reported');
    expect(body.data.map(({ observed: _o, ...band }) => band)).toEqual(
      REPORTED_SALARY_BANDS.map((b) => ({
        id: b.id,
        role: b.role,
        seniority: b.seniority,
        label: b.label,
        min_usd: b.minUsd,
        max_usd: b.maxUsd,
        demand_trend: b.demandTrend,
        source: 'The AI Hiring Paradox (2026)',
        published_on: b.publishedOn,
      })),
    );
    expect(body.data.map((b) => [b.label, b.min_usd, b.max_usd])).toEqual([
      ['Senior LLM Engineer', 180_000, 350_000],
      ['ML Infrastructure / MLOps', 160_000, 280_000],
      ['AI Safety Researcher', 200_000, 400_000],
      ['Applied ML Engineer', 150_000, 260_000],
      ['AI Platform Architect', 190_000, 320_000],
    ]);
  });

  it('property: observed p10 / median / p90 equal a brute-force computation over postings of the role (every seniority)', async () => {
    await fc.assert(
      fc.asyncProperty(lightFilters, fc.integer({ min: 1, max: 10 }), async (filters, minCount) => {
        const body = await ok<ReportedBody>('/v1/salaries/reported', { ...filters, min_count: minCount });
        const rows = await salaried(filters);
        const roles = filters.role ? String(filters.role).split(',') : ROLE_KEYS;
        expect(body.data.map((b) => b.id)).toEqual(REPORTED_SALARY_BANDS.filter((b) => roles.includes(b.role)).map((b) => b.id));
        for (const band of body.data) {
          const mids = rows.filter((r) => r.job.role === band.role).map((r) => r.mid).sort(ascending);
          const o = band.observed;
          expect(o.count, band.id).toBe(mids.length);
          if (mids.length < minCount) {
            expect(o).toMatchObject({ withheld: true, reason: 'below_min_count', p10: null, median: null, p90: null, p10_vs_min: null });
            continue;
          }
          expect(o.withheld).toBe(false);
          expectDollars(o.p10, percentileCont(mids, 0.1), `${band.id} p10`);
          expectDollars(o.median, percentileCont(mids, 0.5), `${band.id} median`);
          expectDollars(o.p90, percentileCont(mids, 0.9), `${band.id} p90`);
          // Fractions (0.25 is +25 %), 4 decimals, rounded: at most 0.00005 away (exactly that on a tie).
          expect(Math.abs(o.p10_vs_min! - (o.p10! / band.min_usd - 1))).toBeLessThanOrEqual(5e-5 + 1e-9);
          expect(Math.abs(o.p90_vs_max! - (o.p90! / band.max_usd - 1))).toBeLessThanOrEqual(5e-5 + 1e-9);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('syncReportedBands is an idempotent upsert that keeps the bands in step', async () => {
    const db = small.database.db;
    const b = reportedSalaryBands;
    const first = REPORTED_SALARY_BANDS[0]!;
    await db.update(b).set({ label: 'edited', maxUsd: 1 }).where(eq(b.id, first.id));
    await db.insert(b).values([
      { ...first, id: 'ai-hiring-paradox-2026:dropped' },
      { ...first, id: 'other-report:llm_engineer', source: 'Another report' },
    ]);
    await syncReportedBands(db);
    await syncReportedBands(db);
    const rows = await db.select().from(b).orderBy(b.id);
    expect(rows.map((r) => r.id)).toEqual([...REPORTED_SALARY_BANDS.map((x) => x.id), 'other-report:llm_engineer'].sort());
    expect(rows.find((r) => r.id === first.id)).toMatchObject({ label: first.label, maxUsd: first.maxUsd });
    await db.delete(b).where(eq(b.id, 'other-report:llm_engineer'));
  });
});

// --- calibration ----------------------------------------------------------------------------------

describe('calibration on 6,000 demo jobs: the article holds', () => {
  it('AI roles pay ≈ 67% more than software roles at the same seniority', async () => {
    const body = await ok<PremiumsBody>('/v1/salaries/premiums', {}, big.app);
    expect(body.ai_premium.cells_compared).toBe(5);
    expect(body.ai_premium.ratio!).toBeGreaterThan(1.62);
    expect(body.ai_premium.ratio!).toBeLessThan(1.72);
  });

  it('each specialist domain pays 30–50% more than general for the same role and seniority', async () => {
    const body = await ok<PremiumsBody>('/v1/salaries/premiums', {}, big.app);
    for (const d of body.domain_premiums) {
      expect(d.cells_compared, d.domain).toBeGreaterThan(20);
      expect(d.premium!, d.domain).toBeGreaterThanOrEqual(0.3);
      expect(d.premium!, d.domain).toBeLessThanOrEqual(0.5);
    }
    // Medians tell the same story.
    const medians = await ok<PremiumsBody>('/v1/salaries/premiums', { statistic: 'median' }, big.app);
    expect(medians.ai_premium.ratio!).toBeGreaterThan(1.6);
    for (const d of medians.domain_premiums) expect(d.ratio!, d.domain).toBeGreaterThan(1.28);
  });

  it('each published range is the observed p10–p90 of its role within ±8%', async () => {
    const body = await ok<ReportedBody>('/v1/salaries/reported', {}, big.app);
    expect(body.data).toHaveLength(5);
    for (const band of body.data) {
      expect(band.observed.count, band.id).toBeGreaterThan(100);
      expect(Math.abs(band.observed.p10! / band.min_usd - 1), `${band.id} p10 ${band.observed.p10}`).toBeLessThanOrEqual(0.08);
      expect(Math.abs(band.observed.p90! / band.max_usd - 1), `${band.id} p90 ${band.observed.p90}`).toBeLessThanOrEqual(0.08);
    }
  });

  it('the calibration figures are what a brute-force computation over every posting gives', async () => {
    // Straight from the table this time (6,000 rows): the fields the premiums and bands depend on.
    const stored = await big.database.db
      .select({ role: jobs.role, seniority: jobs.seniority, domain: jobs.domain, min: jobs.salaryUsdMin, max: jobs.salaryUsdMax })
      .from(jobs)
      .where(isNotNull(jobs.salaryUsdMin));
    expect(stored.length).toBeGreaterThan(4000);
    const rows = stored.map((r) => ({ job: { role: r.role, seniority: r.seniority, domain: r.domain } as Job, mid: (r.min! + r.max!) / 2 }));
    for (const statistic of ['mean', 'median'] as const) {
      const body = await ok<PremiumsBody>('/v1/salaries/premiums', { statistic }, big.app);
      const ai = expectedPremium(rows, (j) => FAMILY.get(j.role) === 'ai', (j) => FAMILY.get(j.role) === 'software', (j) => j.seniority, [...SENIORITY_KEYS], statistic, 5);
      expectPremium(body.ai_premium, ai, `ai ${statistic}`);
      for (const premium of body.domain_premiums) {
        const expected = expectedPremium(rows, (j) => j.domain === premium.domain, (j) => j.domain === 'general', (j) => `${j.role}/${j.seniority}`, ROLE_CELLS, statistic, 5);
        expectPremium(premium, expected, `${premium.domain} ${statistic}`);
      }
    }
    const reported = await ok<ReportedBody>('/v1/salaries/reported', {}, big.app);
    for (const band of reported.data) {
      const mids = rows.filter((r) => r.job.role === band.role).map((r) => r.mid).sort(ascending);
      expect(band.observed.count).toBe(mids.length);
      expectDollars(band.observed.p10, percentileCont(mids, 0.1), `${band.id} p10`);
      expectDollars(band.observed.p90, percentileCont(mids, 0.9), `${band.id} p90`);
    }
  });

  it('statistics by role and seniority are ordered as seniority rises (sanity)', async () => {
    const body = await ok<StatsBody>('/v1/salaries', { role: 'llm_engineer', group_by: 'seniority' }, big.app);
    const medians = body.groups.map((g) => g.median!);
    expect(body.groups.map((g) => g.key.seniority)).toEqual(SENIORITY_KEYS);
    expect(medians[0]!).toBeLessThan(medians.at(-1)!);
  });
});

// --- bad input ------------------------------------------------------------------------------------

describe('bad input is a 400 problem naming the parameter', () => {
  const cases: [string, Params, string][] = [
    ['/v1/salaries', { group_by: 'salary' }, 'group_by'],
    ['/v1/salaries', { group_by: 'role,seniority,domain' }, 'group_by'],
    ['/v1/salaries', { group_by: 'role,role' }, 'group_by'],
    ['/v1/salaries', { group_by: 'role,' }, 'group_by'],
    ['/v1/salaries', { min_count: 0 }, 'min_count'],
    ['/v1/salaries', { min_count: 1001 }, 'min_count'],
    ['/v1/salaries', { min_count: 'five' }, 'min_count'],
    ['/v1/salaries', { posted_after: '2026-02-30' }, 'posted_after'],
    ['/v1/salaries', { posted_before: 'yesterday' }, 'posted_before'],
    ['/v1/salaries', { posted_after: '2026-03-01', posted_before: '2026-01-01' }, 'posted_after'],
    ['/v1/salaries', { role: 'astronaut' }, 'role'],
    ['/v1/salaries', { country: 'ZZ' }, 'country'],
    ['/v1/salaries', { limit: 10 }, 'limit'],
    ['/v1/salaries', { status: 'any' }, 'status'],
    ['/v1/salaries/histogram', { bucket_width: 0 }, 'bucket_width'],
    ['/v1/salaries/histogram', { bucket_width: 999 }, 'bucket_width'],
    ['/v1/salaries/histogram', { buckets: 1000 }, 'buckets'],
    ['/v1/salaries/histogram', { buckets: 0 }, 'buckets'],
    ['/v1/salaries/histogram', { buckets: 10, bucket_width: 10_000 }, 'buckets'],
    ['/v1/salaries/histogram', { bucket_width: 1000, posted_after: '2026-13-01' }, 'posted_after'],
    ['/v1/salaries/histogram', { group_by: 'role' }, 'group_by'],
    ['/v1/salaries/premiums', { statistic: 'mode' }, 'statistic'],
    ['/v1/salaries/premiums', { min_count: 0 }, 'min_count'],
    ['/v1/salaries/premiums', { posted_before: '2026-02-29' }, 'posted_before'],
    ['/v1/salaries/reported', { min_count: -1 }, 'min_count'],
    ['/v1/salaries/reported', { seniority: 'intern' }, 'seniority'],
  ];

  it.each(cases)('%s %j → 400 on %s', async (path, params, name) => {
    const res = await get(small.app, path, params);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json() as { status: number; errors: { name: string; reason: string }[] };
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.name)).toContain(name);
  });

  it('histogram: too many buckets for the width is a 400 on bucket_width', async () => {
    const res = await get(small.app, '/v1/salaries/histogram', { bucket_width: 1000 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ name: 'bucket_width', reason: expect.stringMatching(/at most 200/) }]);
  });

  it('several bad parameters are reported together', async () => {
    const res = await get(small.app, '/v1/salaries', { group_by: 'role,role', posted_after: '2026-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { name: string }) => e.name).sort()).toEqual(['group_by', 'posted_after']);
  });
});

describe('contract', () => {
  it('the routes are documented, need analytics:read and allow anonymous callers', async () => {
    const doc = (await small.app.inject('/openapi.json')).json() as { paths: Record<string, { get: Record<string, unknown> }> };
    for (const path of ['/v1/salaries', '/v1/salaries/premiums', '/v1/salaries/histogram', '/v1/salaries/reported']) {
      const op = doc.paths[path]!.get;
      expect(op['x-required-scope'], path).toBe('analytics:read');
      expect(op.description, path).toMatch(/midpoint/);
    }
    expect(JSON.stringify(doc.paths['/v1/salaries']!.get)).toMatch(/percentile_cont/);
  });
});

// --- fuzz -----------------------------------------------------------------------------------------

describe('no input makes the server answer 5xx', () => {
  const PARAMS = [
    'q', 'role', 'seniority', 'domain', 'company', 'company_category', 'workplace', 'employment_type', 'country', 'skills',
    'salary_min', 'salary_max', 'posted_after', 'posted_before', 'status', 'group_by', 'min_count', 'bucket_width', 'buckets', 'statistic',
  ];
  const plausible = [
    fc.constantFrom('role', 'month,country', 'role,role', 'seniority,domain,workplace', 'company_category,month', ''),
    fc.integer({ min: -5, max: 2_000_000 }).map(String),
    fc.constantFrom('mean', 'median', 'all', 'open', 'US,DE', 'llm_engineer', 'general', 'python'),
    fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  ];
  const anyText = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 15 }),
    fc.constantFrom('', ',', '%', '\u0000', '1e309', '-0', 'NaN', '9'.repeat(40)),
  );

  it('property: random query strings on every salary route answer 200 or a 400 problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/salaries', '/v1/salaries/premiums', '/v1/salaries/histogram', '/v1/salaries/reported'),
        fc.dictionary(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ minLength: 1, maxLength: 6 })), fc.oneof(anyText, ...plausible), {
          maxKeys: 5,
        }),
        async (path, params) => {
          const res = await small.app.inject({ url: `${path}?${new URLSearchParams(params)}` });
          expect(res.statusCode, `${path} ${JSON.stringify(params)}: ${res.body}`).toBeLessThan(500);
          if (res.statusCode !== 200) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            if (res.statusCode === 400) expect(res.json().errors.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the extremes of every numeric parameter', async () => {
    for (const params of [
      { bucket_width: 1_000_000 },
      { buckets: 1 },
      { buckets: 100, salary_min: 100_000_000 },
      { min_count: 1000, group_by: 'month' },
      { salary_min: 0, salary_max: 0 },
    ] as Params[]) {
      for (const path of ['/v1/salaries', '/v1/salaries/histogram', '/v1/salaries/premiums', '/v1/salaries/reported']) {
        const res = await get(small.app, path, params);
        expect(res.statusCode, `${path} ${JSON.stringify(params)}: ${res.body}`).toBeLessThan(500);
      }
    }
  });
});
