import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCompanies } from '../../../tools/seed/companies.js';
import { demoJobs } from '../../../tools/seed/jobs.js';
import { insertJobs } from '../../../tools/seed/seed.js';
import { DEMO_FX_RATES } from '../../../tools/seed/pay.js';
import type { Job } from '../../../src/modules/jobs/jobs.schemas.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs, TEST_UNTIL } from '../../helpers/data.js';
import { walk } from '../../helpers/pages.js';

const JOBS = 900;
let ctx: TestContext;
/** Every job in the database, as the API shows it. */
let all: Job[];

beforeAll(async () => {
  ctx = await createTestApp();
  await seedTestJobs(ctx.database.db, JOBS);
  // Ties on every sort key: clones sharing posted_at, salary and title with the first job.
  const companies = demoCompanies(7);
  const [template] = demoJobs(companies, { jobs: 1, seed: 99, until: TEST_UNTIL });
  const clones = Array.from({ length: 25 }, (_, i) => ({
    ...template!,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    externalId: `tie-${i}`,
    status: 'open' as const,
    closeReason: null,
    closedAt: null,
  }));
  await insertJobs(ctx.database.db, clones, new Map(DEMO_FX_RATES.map((r) => [r.currency, r])));
  all = (await walk(ctx.app, '/v1/jobs', { status: 'all', limit: 100 })).items;
}, 180_000);
afterAll(() => ctx?.close());

const ids = (jobs: Job[]) => jobs.map((j) => j.id);
const sortedIds = (jobs: Job[]) => ids(jobs).sort();

type Params = Record<string, string | number>;

/** Walks every page and checks: each match once, the count equals total, and the expected set. */
async function expectMatches(params: Params, predicate: (j: Job) => boolean) {
  const { items, totals } = await walk(ctx.app, '/v1/jobs', { limit: 37, ...params });
  const expected = all.filter(predicate);
  expect(new Set(ids(items)).size).toBe(items.length);
  expect(totals).toEqual([expected.length]);
  expect(sortedIds(items)).toEqual(sortedIds(expected));
  return items;
}

const open = (j: Job) => j.status === 'open';
const midpoint = (j: Job) => j.salary;

describe('the data under test', () => {
  it('holds every seeded job, each once', () => {
    expect(all.length).toBe(JOBS + 25);
    expect(new Set(ids(all)).size).toBe(all.length);
    expect(all.some((j) => j.status === 'closed')).toBe(true);
    expect(all.some((j) => j.salary === null)).toBe(true);
  });
});

describe('filters return exactly the matching jobs', () => {
  const pick = <K extends keyof Job>(key: K, n = 2) => [...new Set(all.map((j) => String(j[key])))].sort().slice(0, n);

  it('status defaults to open; closed and all', async () => {
    await expectMatches({}, open);
    await expectMatches({ status: 'closed' }, (j) => j.status === 'closed');
    await expectMatches({ status: 'all' }, () => true);
  });

  it.each(['role', 'seniority', 'domain', 'workplace', 'employment_type'] as const)('%s (one value and a list)', async (key) => {
    const values = pick(key, 3);
    await expectMatches({ [key]: values[0]! }, (j) => open(j) && j[key] === values[0]);
    await expectMatches({ [key]: values.join(','), status: 'all' }, (j) => values.includes(String(j[key])));
  });

  it('company (slugs) and company_category', async () => {
    const slugs = [...new Set(all.map((j) => j.company.slug))].slice(0, 3);
    await expectMatches({ company: slugs.join(','), status: 'all' }, (j) => slugs.includes(j.company.slug));
    await expectMatches({ company_category: 'ai_native,saas' }, (j) => open(j) && ['ai_native', 'saas'].includes(j.company.category));
  });

  it('country (case-insensitive list)', async () => {
    const countries = [...new Set(all.map((j) => j.location.country).filter(Boolean))].slice(0, 2) as string[];
    await expectMatches({ country: countries.join(',').toLowerCase(), status: 'all' }, (j) => countries.includes(j.location.country ?? ''));
  });

  it('skills: all of them', async () => {
    const counts = new Map<string, number>();
    for (const j of all) for (const s of j.skills) counts.set(s, (counts.get(s) ?? 0) + 1);
    const [a, b] = [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([s]) => s);
    await expectMatches({ skills: a!, status: 'all' }, (j) => j.skills.includes(a!));
    await expectMatches({ skills: `${a},${b}`, status: 'all' }, (j) => j.skills.includes(a!) && j.skills.includes(b!));
  });

  it('salary_min / salary_max: annual USD ranges that overlap', async () => {
    await expectMatches({ salary_min: 200_000, status: 'all' }, (j) => !!midpoint(j) && j.salary!.annual_usd_max >= 200_000);
    await expectMatches({ salary_max: 120_000, status: 'all' }, (j) => !!j.salary && j.salary.annual_usd_min <= 120_000);
    await expectMatches(
      { salary_min: 150_000, salary_max: 180_000 },
      (j) => open(j) && !!j.salary && j.salary.annual_usd_max >= 150_000 && j.salary.annual_usd_min <= 180_000,
    );
  });

  it('posted_after (inclusive) / posted_before (exclusive), dates and date-times', async () => {
    await expectMatches({ posted_after: '2026-03-01', status: 'all' }, (j) => j.posted_at >= '2026-03-01T00:00:00.000Z');
    await expectMatches(
      { posted_after: '2026-01-01T00:00:00Z', posted_before: '2026-02-01T12:00:00+02:00', status: 'all' },
      (j) => j.posted_at >= '2026-01-01T00:00:00.000Z' && j.posted_at < '2026-02-01T10:00:00.000Z',
    );
    const exact = all[5]!.posted_at;
    const inclusive = await expectMatches({ posted_after: exact, status: 'all' }, (j) => j.posted_at >= exact);
    expect(ids(inclusive)).toContain(all[5]!.id);
  });

  it('filters combine with AND', async () => {
    await expectMatches(
      { role: 'llm_engineer,applied_ml', workplace: 'remote,hybrid', salary_min: 100_000, status: 'all' },
      (j) => ['llm_engineer', 'applied_ml'].includes(j.role) && ['remote', 'hybrid'].includes(j.workplace) && !!j.salary && j.salary.annual_usd_max >= 100_000,
    );
  });
});

describe('full-text search', () => {
  const words = (j: Job) =>
    `${j.title} ${j.skills.join(' ')} ${j.company.name} ${j.description.replace(/<[^>]*>/g, ' ')}`.toLowerCase();
  const hasWord = (j: Job, w: string) => new RegExp(`(^|[^a-z0-9])${w}([^a-z0-9]|$)`).test(words(j));

  it('matches a word in title, skills, company or description, and misses none', async () => {
    const skill = 'kubernetes';
    const found = await walk(ctx.app, '/v1/jobs', { q: skill, status: 'all', limit: 50 });
    const expected = all.filter((j) => hasWord(j, skill));
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(found.items)).toEqual(sortedIds(expected));
  });

  it('supports -exclude and or', async () => {
    const both = await walk(ctx.app, '/v1/jobs', { q: 'kubernetes -pytorch', status: 'all', limit: 100 });
    expect(sortedIds(both.items)).toEqual(sortedIds(all.filter((j) => hasWord(j, 'kubernetes') && !hasWord(j, 'pytorch'))));
    const either = await walk(ctx.app, '/v1/jobs', { q: 'kubernetes or pytorch', status: 'all', limit: 100 });
    expect(sortedIds(either.items)).toEqual(sortedIds(all.filter((j) => hasWord(j, 'kubernetes') || hasWord(j, 'pytorch'))));
  });

  it('supports "quoted phrases"', async () => {
    const title = all.find((j) => j.title.split(' ').length >= 3)!.title;
    const phrase = title.split(' ').slice(0, 2).join(' ');
    const { items } = await walk(ctx.app, '/v1/jobs', { q: `"${phrase}"`, status: 'all', limit: 100 });
    expect(items.length).toBeGreaterThan(0);
    for (const j of items) expect(words(j)).toContain(phrase.toLowerCase().split(' ')[0]);
  });

  it('ranks title matches above description-only matches by default', async () => {
    const res = await ctx.app.inject('/v1/jobs?q=safety&status=all&limit=5');
    const page = res.json() as { data: Job[] };
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data[0]!.title.toLowerCase()).toContain('safety');
  });
});

describe('sorts hold across page boundaries', () => {
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const keys: Record<string, (j: Job) => string | number> = {
    newest: (j) => j.posted_at,
    oldest: (j) => j.posted_at,
    salary_desc: (j) => j.salary?.annual_usd_max ?? -1,
    salary_asc: (j) => j.salary?.annual_usd_min ?? 2147483647,
  };
  const descending = new Set(['newest', 'salary_desc']);

  it.each(Object.keys(keys))('%s: ordered by its key then id, each job once', async (sort) => {
    const { items, totals } = await walk(ctx.app, '/v1/jobs', { sort, status: 'all', limit: 7 });
    expect(items.length).toBe(all.length);
    expect(totals).toEqual([all.length]);
    const key = keys[sort]!;
    const sign = descending.has(sort) ? -1 : 1;
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      const order = cmp(key(a), key(b)) || cmp(a.id, b.id);
      expect(order * sign, `${sort} at ${i}`).toBe(-1);
    }
  });

  it.each(['newest', 'oldest', 'salary_desc', 'salary_asc'])('%s: small pages give the same sequence as big ones (ties included)', async (sort) => {
    const small = await walk(ctx.app, '/v1/jobs', { sort, status: 'all', limit: 3, role: all[0]!.role });
    const big = await walk(ctx.app, '/v1/jobs', { sort, status: 'all', limit: 100, role: all[0]!.role });
    expect(ids(small.items)).toEqual(ids(big.items));
  });

  it('relevance: same sequence whatever the page size, every match once', async () => {
    const small = await walk(ctx.app, '/v1/jobs', { q: 'engineer', status: 'all', limit: 4 });
    const big = await walk(ctx.app, '/v1/jobs', { q: 'engineer', status: 'all', limit: 100 });
    expect(small.items.length).toBeGreaterThan(100);
    expect(ids(small.items)).toEqual(ids(big.items));
    expect(new Set(ids(small.items)).size).toBe(small.items.length);
    expect(small.totals).toEqual([small.items.length]);
  });
});

describe('paging that can be trusted', () => {
  it('property: any filter set, sort and page size walks every match exactly once', async () => {
    const roles = [...new Set(all.map((j) => j.role))];
    const countries = [...new Set(all.map((j) => j.location.country).filter(Boolean))] as string[];
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            role: fc.subarray(roles, { minLength: 1, maxLength: 3 }),
            workplace: fc.subarray(['onsite', 'hybrid', 'remote'], { minLength: 1 }),
            country: fc.subarray(countries, { minLength: 1, maxLength: 3 }),
            salary_min: fc.integer({ min: 50_000, max: 300_000 }),
            status: fc.constantFrom('open', 'closed', 'all'),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom('newest', 'oldest', 'salary_desc', 'salary_asc'),
        fc.integer({ min: 1, max: 60 }),
        async (filters, sort, limit) => {
          const params: Params = { sort, limit };
          for (const [k, v] of Object.entries(filters)) params[k] = Array.isArray(v) ? v.join(',') : v;
          const status = filters.status ?? 'open';
          await expectMatches(params, (j) =>
            (status === 'all' || j.status === status) &&
            (!filters.role || filters.role.includes(j.role)) &&
            (!filters.workplace || filters.workplace.includes(j.workplace)) &&
            (!filters.country || filters.country.includes(j.location.country ?? '')) &&
            (filters.salary_min === undefined || (!!j.salary && j.salary.annual_usd_max >= filters.salary_min)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('facets', () => {
  it('count over the whole match, not the page', async () => {
    const res = await ctx.app.inject('/v1/jobs?facets=role,workplace,country,company,company_category,seniority,domain,employment_type&limit=1');
    const page = res.json() as { total: number; facets: Record<string, { value: string; count: number }[]> };
    const openJobs = all.filter(open);
    expect(page.total).toBe(openJobs.length);
    const expectCounts = (field: string, value: (j: Job) => string | null) => {
      const counts = new Map<string, number>();
      for (const j of openJobs) {
        const v = value(j);
        if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const expected = [...counts.entries()]
        .map(([v, count]) => ({ value: v, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
        .slice(0, 50);
      expect(page.facets[field]).toEqual(expected);
    };
    expectCounts('role', (j) => j.role);
    expectCounts('workplace', (j) => j.workplace);
    expectCounts('country', (j) => j.location.country);
    expectCounts('company', (j) => j.company.slug);
    expectCounts('company_category', (j) => j.company.category);
    expectCounts('seniority', (j) => j.seniority);
    expectCounts('domain', (j) => j.domain);
    expectCounts('employment_type', (j) => j.employment_type);
  });

  it('respect the filters', async () => {
    const res = await ctx.app.inject('/v1/jobs?role=llm_engineer&facets=role,workplace&status=all');
    const page = res.json() as { total: number; facets: Record<string, { value: string; count: number }[]> };
    expect(page.facets.role).toEqual([{ value: 'llm_engineer', count: page.total }]);
    expect(page.facets.workplace!.reduce((s, f) => s + f.count, 0)).toBe(page.total);
  });
});

describe('single resources', () => {
  it('GET /v1/jobs/{id} returns the job as the list shows it', async () => {
    const job = all[3]!;
    const res = await ctx.app.inject(`/v1/jobs/${job.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(job);
  });

  it('a job carries the documented fields', () => {
    const withSalary = all.find((j) => j.salary)!;
    expect(Object.keys(withSalary).sort()).toEqual(
      ['apply_url', 'close_reason', 'closed_at', 'company', 'created_at', 'description', 'domain', 'employment_type', 'id', 'location', 'posted_at', 'role', 'salary', 'seniority', 'skills', 'status', 'title', 'updated_at', 'valid_through', 'workplace'].sort(),
    );
    expect(Object.keys(withSalary.salary!).sort()).toEqual(['annual_usd_max', 'annual_usd_min', 'currency', 'fx_as_of', 'max', 'min', 'period']);
    expect(withSalary.posted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

// Last: it adds rows, which the expectations above do not include.
describe('paging under concurrent inserts', () => {
  it('rows added while a client pages do not make it see a job twice or miss one', async () => {
    const first = await ctx.app.inject('/v1/jobs?sort=newest&limit=50&status=all');
    const page1 = first.json() as { data: Job[]; next_cursor: string };
    // New postings, newer and older than the cursor position.
    const companies = demoCompanies(7);
    const extra = [...demoJobs(companies, { jobs: 40, seed: 4242, until: TEST_UNTIL })].map((j, i) => ({
      ...j,
      id: `ffffffff-0000-4000-8000-${String(i).padStart(12, '0')}`,
      externalId: `late-${i}`,
    }));
    await insertJobs(ctx.database.db, extra, new Map(DEMO_FX_RATES.map((r) => [r.currency, r])));
    const seen = [...ids(page1.data)];
    let cursor: string | null = page1.next_cursor;
    while (cursor) {
      const res = await ctx.app.inject(`/v1/jobs?sort=newest&limit=50&status=all&cursor=${encodeURIComponent(cursor)}`);
      const page = res.json() as { data: Job[]; next_cursor: string | null };
      seen.push(...ids(page.data));
      cursor = page.next_cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const j of all) expect(seen).toContain(j.id);
  });
});
