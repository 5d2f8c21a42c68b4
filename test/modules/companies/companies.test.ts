import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../../src/modules/companies/companies.schemas.js';
import type { Job } from '../../../src/modules/jobs/jobs.schemas.js';
import { ROLES } from '../../../src/reference/taxonomy.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { seedTestJobs } from '../../helpers/data.js';
import { walk } from '../../helpers/pages.js';

let ctx: TestContext;
let companies: Company[];
let jobs: Job[];
beforeAll(async () => {
  ctx = await createTestApp();
  await seedTestJobs(ctx.database.db, 600, 3);
  companies = (await walk<Company>(ctx.app, '/v1/companies', { limit: 100 })).items;
  jobs = (await walk(ctx.app, '/v1/jobs', { limit: 100, status: 'all' })).items;
}, 120_000);
afterAll(() => ctx?.close());

const openCount = (slug: string) => jobs.filter((j) => j.company.slug === slug && j.status === 'open').length;

describe('companies', () => {
  it('lists every company once, by name, with its open job count', async () => {
    expect(companies.length).toBeGreaterThan(50);
    expect(new Set(companies.map((c) => c.slug)).size).toBe(companies.length);
    const names = companies.map((c) => c.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const c of companies) expect(c.open_jobs).toBe(openCount(c.slug));
  });

  it('sort=open_jobs walks most-hiring first, each once, across pages', async () => {
    const { items, totals } = await walk<Company>(ctx.app, '/v1/companies', { sort: 'open_jobs', limit: 7 });
    expect(totals).toEqual([companies.length]);
    expect(items.map((c) => c.slug).sort()).toEqual(companies.map((c) => c.slug).sort());
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      expect(a.open_jobs > b.open_jobs || (a.open_jobs === b.open_jobs && a.id > b.id)).toBe(true);
    }
  });

  it('filters by category, name and hiring', async () => {
    const ai = await walk<Company>(ctx.app, '/v1/companies', { category: 'ai_native,big_tech', limit: 10 });
    expect(ai.items.map((c) => c.slug).sort()).toEqual(companies.filter((c) => ['ai_native', 'big_tech'].includes(c.category)).map((c) => c.slug).sort());
    const named = await walk<Company>(ctx.app, '/v1/companies', { q: 'AnThRoP' });
    expect(named.items.map((c) => c.slug)).toEqual(['anthropic']);
    const hiring = await walk<Company>(ctx.app, '/v1/companies', { hiring: 'true', limit: 50 });
    expect(hiring.items.map((c) => c.slug).sort()).toEqual(companies.filter((c) => c.open_jobs > 0).map((c) => c.slug).sort());
    const idle = await walk<Company>(ctx.app, '/v1/companies', { hiring: 'false', limit: 50 });
    expect(idle.items.length + hiring.items.length).toBe(companies.length);
    const literal = await walk<Company>(ctx.app, '/v1/companies', { q: '%' });
    expect(literal.items).toEqual([]);
  });

  it('GET /v1/companies/{slug} and its jobs with the /v1/jobs filters', async () => {
    const c = companies.find((x) => x.slug === 'openai')!;
    const res = await ctx.app.inject('/v1/companies/openai');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(c);
    const own = await walk(ctx.app, '/v1/companies/openai/jobs', { status: 'all', limit: 25 });
    expect(own.items.map((j) => j.id).sort()).toEqual(jobs.filter((j) => j.company.slug === 'openai').map((j) => j.id).sort());
    const senior = await walk(ctx.app, '/v1/companies/openai/jobs', { seniority: 'senior', sort: 'salary_desc' });
    expect(senior.items.every((j) => j.company.slug === 'openai' && j.seniority === 'senior' && j.status === 'open')).toBe(true);
    const refused = await ctx.app.inject('/v1/companies/openai/jobs?company=anthropic');
    expect(refused.statusCode).toBe(400);
  });
});

describe('taxonomy', () => {
  it('lists every vocabulary with labels; roles come from the database with their family', async () => {
    const res = await ctx.app.inject('/v1/taxonomy');
    expect(res.statusCode).toBe(200);
    const t = res.json();
    expect(t.roles.map((r: { key: string }) => r.key)).toEqual(ROLES.map((r) => r.key));
    expect(t.roles.find((r: { key: string }) => r.key === 'ml_infrastructure').family).toBe('ai');
    expect(t.domains.map((d: { key: string }) => d.key)).toEqual(['general', 'healthcare', 'finance', 'legal', 'security']);
    for (const key of ['seniorities', 'company_categories', 'workplaces', 'employment_types', 'salary_periods']) {
      expect(t[key].length).toBeGreaterThan(1);
      for (const term of t[key]) expect(term.label).toBeTruthy();
    }
  });
});
