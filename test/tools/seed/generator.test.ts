import { describe, expect, it } from 'vitest';
import {
  CLOSE_REASON_KEYS,
  COMPANY_CATEGORY_KEYS,
  COMPANY_SIZE_KEYS,
  DOMAIN_KEYS,
  EMPLOYMENT_TYPE_KEYS,
  JOB_STATUS_KEYS,
  ROLES,
  ROLE_KEYS,
  SALARY_PERIOD_KEYS,
  SENIORITY_KEYS,
  WORKPLACE_KEYS,
  type RoleFamily,
} from '../../../src/reference/taxonomy.js';
import { demoCompanies } from '../../../tools/seed/companies.js';
import { demoJobs } from '../../../tools/seed/jobs.js';
import { DEMO_FX_RATES } from '../../../tools/seed/pay.js';
import type { DemoCompany, DemoJob, DemoOptions } from '../../../tools/seed/types.js';
import { annualUsd } from '../../../src/modules/salaries/normalise.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DAY = 86_400_000;
const UNTIL = new Date('2026-04-30T00:00:00Z');
/** The first day of the 18 months that end on UNTIL. */
const WINDOW_START = Date.UTC(2024, 10, 1);

const FX = new Map(DEMO_FX_RATES.map((r) => [r.currency, r.usdPerUnit]));
const FAMILY = new Map<string, RoleFamily>(ROLES.map((r) => [r.key, r.family]));
const SENIORITIES = [...SENIORITY_KEYS];

function take(companies: DemoCompany[], options: DemoOptions): DemoJob[] {
  return [...demoJobs(companies, options)];
}

/** Postgres percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(sorted: readonly number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Midpoint of the normalised annual USD range, as the API computes it when a posting is stored. */
function midpoint(job: DemoJob): number | null {
  if (job.salaryMin === null || job.salaryMax === null || job.salaryCurrency === null || job.salaryPeriod === null) return null;
  const usd = annualUsd({ min: job.salaryMin, max: job.salaryMax, currency: job.salaryCurrency, period: job.salaryPeriod }, FX.get(job.salaryCurrency)!);
  return (usd.min + usd.max) / 2;
}

/** Up to five rows that fail a check, as messages (cheap enough for 60,000 rows, unlike expect per row). */
function problems(jobs: readonly DemoJob[], check: (job: DemoJob, index: number) => Array<string | false>): string[] {
  const out: string[] = [];
  for (let i = 0; i < jobs.length && out.length < 5; i++) {
    for (const message of check(jobs[i]!, i)) if (message) out.push(`#${i} ${message}`);
  }
  return out;
}

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (predicate(item)) n++;
  return n / items.length;
}

class Means {
  private readonly sums = new Map<string, { sum: number; n: number }>();
  add(key: string, value: number): void {
    const entry = this.sums.get(key) ?? { sum: 0, n: 0 };
    entry.sum += value;
    entry.n++;
    this.sums.set(key, entry);
  }
  mean(key: string): number | undefined {
    const entry = this.sums.get(key);
    return entry ? entry.sum / entry.n : undefined;
  }
  count(key: string): number {
    return this.sums.get(key)?.n ?? 0;
  }
}

const monthStart = (monthsBeforeEnd: number): number => Date.UTC(2026, 4 - monthsBeforeEnd, 1);

// One sample shared by the read-only checks below: large enough for stable percentiles, fast to make.
const SAMPLE_SIZE = 60_000;
const companies = demoCompanies(2026);
const companyById = new Map(companies.map((c) => [c.id, c]));
const sample = take(companies, { jobs: SAMPLE_SIZE, seed: 2026, until: UNTIL });
const salaried = sample.flatMap((job) => {
  const mid = midpoint(job);
  return mid === null ? [] : [{ job, mid }];
});

describe('DEMO_FX_RATES', () => {
  it('has one positive rate per currency as of 2026-01-01, USD = 1', () => {
    expect(DEMO_FX_RATES.map((r) => r.currency).sort()).toEqual(['AUD', 'CAD', 'CHF', 'EUR', 'GBP', 'INR', 'JPY', 'PLN', 'SGD', 'USD']);
    for (const rate of DEMO_FX_RATES) {
      expect(rate.asOf).toBe('2026-01-01');
      expect(rate.usdPerUnit).toBeGreaterThan(0);
    }
    expect(FX.get('USD')).toBe(1);
    expect(FX.get('GBP')!).toBeGreaterThan(FX.get('EUR')!);
    expect(FX.get('JPY')!).toBeLessThan(0.01);
  });
});

describe('demoCompanies', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(demoCompanies(2026)).toEqual(companies);
    const other = demoCompanies(7);
    expect(other.map((c) => c.id)).not.toEqual(companies.map((c) => c.id));
  });

  it('has unique UUID ids and kebab slugs, valid enums and plausible fields', () => {
    expect(new Set(companies.map((c) => c.id)).size).toBe(companies.length);
    expect(new Set(companies.map((c) => c.slug)).size).toBe(companies.length);
    expect(new Set(companies.map((c) => c.website)).size).toBe(companies.length);
    for (const c of companies) {
      expect(c.id).toMatch(UUID_V4);
      expect(c.slug).toMatch(SLUG);
      expect(COMPANY_CATEGORY_KEYS).toContain(c.category);
      expect(COMPANY_SIZE_KEYS).toContain(c.size);
      expect(c.website).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}$/);
      expect(c.hqCountry).toMatch(/^[A-Z]{2}$/);
      expect(c.description!.length).toBeGreaterThan(10);
    }
  });

  it('puts the named players in their categories, with sizes that fit', () => {
    const category = new Map(companies.map((c) => [c.name, c.category]));
    for (const name of ['OpenAI', 'Anthropic', 'xAI', 'Cohere', 'Mistral AI', 'Hugging Face', 'Perplexity', 'Scale AI']) {
      expect(category.get(name)).toBe('ai_native');
    }
    for (const name of ['Google', 'Microsoft', 'Meta', 'Amazon', 'Apple', 'NVIDIA']) expect(category.get(name)).toBe('big_tech');
    for (const name of ['Oracle', 'Dell', 'Intel', 'IBM', 'Cisco', 'HP', 'SAP']) expect(category.get(name)).toBe('legacy_enterprise');
    const count = (cat: string) => companies.filter((c) => c.category === cat).length;
    expect(count('saas')).toBeGreaterThanOrEqual(60);
    expect(count('startup')).toBeGreaterThanOrEqual(100);
    expect(count('other')).toBeGreaterThan(0);
    const sizes: Record<string, string[]> = {
      ai_native: ['201-1000', '1001-5000'],
      big_tech: ['10001+'],
      legacy_enterprise: ['10001+'],
      saas: ['201-1000', '1001-5000', '5001-10000'],
      startup: ['1-10', '11-50', '51-200'],
      other: ['1001-5000', '5001-10000', '10001+'],
    };
    for (const c of companies) expect(sizes[c.category]).toContain(c.size);
  });
});

describe('demoJobs: determinism and streaming', () => {
  it('gives identical rows for the same options and different rows for another seed', () => {
    const options = { jobs: 3_000, seed: 11, until: UNTIL };
    const a = take(companies, options);
    expect(a).toHaveLength(3_000);
    expect(take(companies, { ...options })).toEqual(a);
    const b = take(companies, { ...options, seed: 12 });
    expect(b.map((j) => j.id)).not.toEqual(a.map((j) => j.id));
    expect(b.map((j) => j.title)).not.toEqual(a.map((j) => j.title));
  });

  it('streams: the first row of a billion-job run comes at once', () => {
    const started = performance.now();
    const first = demoJobs(companies, { jobs: 1_000_000_000, seed: 1, until: UNTIL }).next();
    expect(first.done).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('yields nothing for zero jobs', () => {
    expect(take(companies, { jobs: 0, seed: 1, until: UNTIL })).toEqual([]);
  });
});

describe('demoJobs: row validity', () => {
  it('has unique ids and per-company external ids, and known companies', () => {
    expect(new Set(sample.map((j) => j.id)).size).toBe(sample.length);
    expect(new Set(sample.map((j) => `${j.companyId}/${j.externalId}`)).size).toBe(sample.length);
    expect(
      problems(sample, (j) => [
        !UUID_V4.test(j.id) && `id ${j.id}`,
        !companyById.has(j.companyId) && `company ${j.companyId}`,
        !/^req-\d{6,}$/.test(j.externalId) && `external id ${j.externalId}`,
      ]),
    ).toEqual([]);
  });

  it('uses only taxonomy values', () => {
    const is = (values: readonly string[], value: string | null) => value !== null && values.includes(value);
    expect(
      problems(sample, (j) => [
        !is(ROLE_KEYS, j.role) && `role ${j.role}`,
        !is(SENIORITY_KEYS, j.seniority) && `seniority ${j.seniority}`,
        !is(DOMAIN_KEYS, j.domain) && `domain ${j.domain}`,
        !is(EMPLOYMENT_TYPE_KEYS, j.employmentType) && `employment ${j.employmentType}`,
        !is(WORKPLACE_KEYS, j.workplace) && `workplace ${j.workplace}`,
        !is(JOB_STATUS_KEYS, j.status) && `status ${j.status}`,
        j.closeReason !== null && !is(CLOSE_REASON_KEYS, j.closeReason) && `close reason ${j.closeReason}`,
        j.salaryPeriod !== null && !is(SALARY_PERIOD_KEYS, j.salaryPeriod) && `period ${j.salaryPeriod}`,
        j.salaryCurrency !== null && !FX.has(j.salaryCurrency) && `currency ${j.salaryCurrency}`,
      ]),
    ).toEqual([]);
  });

  it('has titles, skills, locations and apply URLs that fit the row', () => {
    expect(
      problems(sample, (j) => [
        j.title.length < 6 && 'short title',
        j.domain !== 'general' && !j.title.toLowerCase().includes(j.domain) && `title ${j.title} lacks ${j.domain}`,
        (j.skills.length < 3 || j.skills.length > 8) && `${j.skills.length} skills`,
        new Set(j.skills).size !== j.skills.length && 'duplicate skills',
        j.skills.some((skill) => !SLUG.test(skill)) && `skill slugs ${j.skills.join()}`,
        !/^[A-Z]{2}$/.test(j.country ?? '') && `country ${j.country}`,
        (j.workplace === 'remote') !== (j.city === null) && `${j.workplace} in ${j.city}`,
        j.applyUrl !== `https://${new URL(companyById.get(j.companyId)!.website!).host}/careers/${j.externalId}` && `apply ${j.applyUrl}`,
      ]),
    ).toEqual([]);
    expect(sample.find((j) => j.title === 'Senior LLM Engineer, Healthcare')).toBeDefined();
    expect(sample.find((j) => j.title === 'Staff ML Infrastructure Engineer')).toBeDefined();
  });

  it('writes short descriptions with only <p>, <ul>, <li> and <strong>, naming company, role and skills', () => {
    const escape = (text: string) => text.replace(/&/g, '&amp;');
    expect(
      problems(sample, (j) => [
        (j.description.match(/<[^>]*>/g) ?? []).some((tag) => !/^<\/?(p|ul|li|strong)>$/.test(tag)) && `tags in ${j.description}`,
        /[<>]/.test(j.description.replace(/<[^>]*>/g, '')) && `stray angle bracket in ${j.description}`,
        (j.description.length < 300 || j.description.length > 800) && `${j.description.length} chars`,
        !j.description.includes(escape(companyById.get(j.companyId)!.name)) && 'no company name',
        !j.description.includes(escape(j.title)) && 'no title',
        !j.description.includes(`<strong>${j.skills[0]}</strong>`) && 'no skill',
      ]),
    ).toEqual([]);
  });

  it('keeps dates in the 18-month window, in order, with consistent status', () => {
    const until = UNTIL.getTime();
    expect(
      problems(sample, (j, i) => {
        const posted = j.postedAt.getTime();
        const valid = j.validThrough === null ? null : (j.validThrough.getTime() - posted) / DAY;
        const closed = j.closedAt?.getTime() ?? null;
        return [
          (posted < WINDOW_START || posted > until) && `posted ${j.postedAt.toISOString()}`,
          i > 0 && posted < sample[i - 1]!.postedAt.getTime() && 'out of order',
          valid !== null && (valid < 30 || valid > 90) && `valid for ${valid} days`,
          valid !== null && j.status === 'open' && j.validThrough!.getTime() < until && 'open but expired',
          j.status === 'closed' && (j.closeReason === null || closed === null) && 'closed without reason or date',
          j.status === 'closed' && closed !== null && (closed <= posted || closed > until) && `closed ${j.closedAt!.toISOString()}`,
          j.status === 'open' && (j.closeReason !== null || closed !== null) && 'open with close fields',
        ];
      }),
    ).toEqual([]);
    const months = new Set(sample.map((j) => j.postedAt.toISOString().slice(0, 7)));
    expect(months.size).toBe(18);
    const old = sample.filter((j) => until - j.postedAt.getTime() > 60 * DAY);
    const recent = sample.filter((j) => until - j.postedAt.getTime() < 30 * DAY);
    expect(share(old, (j) => j.status === 'closed')).toBeGreaterThan(0.8);
    expect(share(recent, (j) => j.status === 'open')).toBeGreaterThan(0.75);
    expect(new Set(sample.map((j) => j.closeReason))).toEqual(new Set([null, 'filled', 'cancelled', 'expired']));
  });

  it('posts salaries that round-trip through annualUsd with a sensible range', () => {
    expect(
      problems(sample, (j) => {
        const fields = [j.salaryMin, j.salaryMax, j.salaryCurrency, j.salaryPeriod];
        if (fields.every((f) => f === null)) return [];
        if (!fields.every((f) => f !== null)) return ['partial salary'];
        const usd = annualUsd({ min: j.salaryMin!, max: j.salaryMax!, currency: j.salaryCurrency!, period: j.salaryPeriod! }, FX.get(j.salaryCurrency!)!);
        const posted = `${j.salaryMin}–${j.salaryMax} ${j.salaryCurrency}/${j.salaryPeriod}`;
        return [
          !(j.salaryMin! > 0 && j.salaryMax! > j.salaryMin!) && posted,
          j.salaryPeriod === 'year' && j.salaryCurrency === 'USD' && j.salaryMin! % 1000 !== 0 && `unrounded ${posted}`,
          // Ranges are the midpoint ±10–20%, so max/min sits in 1.22–1.5 give or take rounding.
          (usd.max / usd.min < 1.17 || usd.max / usd.min > 1.6) && `range ${posted}`,
          (usd.min < 15_000 || usd.max > 1_000_000) && `implausible ${posted}`,
        ];
      }),
    ).toEqual([]);
  });
});

describe('demoJobs: market shape', () => {
  it('mixes salary presence, currencies and periods like real postings', () => {
    expect(share(sample, (j) => j.salaryMin !== null)).toBeGreaterThan(0.8);
    expect(share(sample, (j) => j.salaryMin !== null)).toBeLessThan(0.9);
    const jobs = salaried.map((s) => s.job);
    expect(share(jobs, (j) => j.salaryCurrency === 'USD')).toBeGreaterThan(0.75);
    expect(share(jobs, (j) => j.salaryPeriod === 'year')).toBeGreaterThan(0.75);
    for (const currency of ['EUR', 'GBP', 'CAD', 'INR']) expect(jobs.some((j) => j.salaryCurrency === currency)).toBe(true);
    for (const period of ['hour', 'month']) expect(jobs.some((j) => j.salaryPeriod === period)).toBe(true);
  });

  it('weights seniority to mid/senior, domains to general and workplaces ~30/40/30', () => {
    expect(share(sample, (j) => j.seniority === 'mid' || j.seniority === 'senior')).toBeGreaterThan(0.6);
    expect(share(sample, (j) => j.domain === 'general')).toBeGreaterThan(0.55);
    expect(share(sample, (j) => j.domain === 'general')).toBeLessThan(0.65);
    for (const d of ['healthcare', 'finance', 'legal', 'security']) expect(share(sample, (j) => j.domain === d)).toBeGreaterThan(0.04);
    expect(share(sample, (j) => j.workplace === 'remote')).toBeCloseTo(0.3, 1);
    expect(share(sample, (j) => j.workplace === 'hybrid')).toBeCloseTo(0.4, 1);
    expect(share(sample, (j) => j.workplace === 'onsite')).toBeCloseTo(0.3, 1);
    expect(share(sample, (j) => j.employmentType === 'full_time')).toBeGreaterThan(0.8);
    const us = share(sample, (j) => j.country === 'US');
    expect(us).toBeGreaterThan(0.6);
    expect(us).toBeLessThan(0.85);
    const cities = new Set(sample.map((j) => j.city));
    for (const city of ['San Francisco', 'New York', 'Seattle', 'Austin', 'Boston', 'London', 'Paris', 'Berlin', 'Toronto', 'Bangalore', 'Singapore', 'Zurich', 'Warsaw']) {
      expect(cities.has(city)).toBe(true);
    }
  });

  it('splits volume ~45/35/20 with AI doubling and business roles shrinking', () => {
    const family = (j: DemoJob) => FAMILY.get(j.role)!;
    expect(share(sample, (j) => family(j) === 'ai')).toBeGreaterThan(0.4);
    expect(share(sample, (j) => family(j) === 'ai')).toBeLessThan(0.5);
    expect(share(sample, (j) => family(j) === 'software')).toBeGreaterThan(0.3);
    expect(share(sample, (j) => family(j) === 'software')).toBeLessThan(0.4);
    expect(share(sample, (j) => family(j) === 'business')).toBeGreaterThan(0.15);
    expect(share(sample, (j) => family(j) === 'business')).toBeLessThan(0.25);
    const first = sample.filter((j) => j.postedAt.getTime() < monthStart(15));
    const last = sample.filter((j) => j.postedAt.getTime() >= monthStart(3));
    const count = (jobs: DemoJob[], f: RoleFamily) => jobs.filter((j) => family(j) === f).length;
    const aiGrowth = count(last, 'ai') / count(first, 'ai');
    expect(aiGrowth).toBeGreaterThan(1.6);
    expect(aiGrowth).toBeLessThan(2.4);
    for (const role of ['customer_support', 'content_moderation', 'data_analyst']) {
      const n = (jobs: DemoJob[]) => jobs.filter((j) => j.role === role).length;
      expect(n(last) / n(first)).toBeLessThan(0.8);
    }
  });

  it('has AI-native labs hiring mostly AI roles, and fast; legacy and SaaS mostly not', () => {
    const category = (j: DemoJob) => companyById.get(j.companyId)!.category;
    const aiShare = (cat: string) => share(sample.filter((j) => category(j) === cat), (j) => FAMILY.get(j.role) === 'ai');
    expect(aiShare('ai_native')).toBeGreaterThan(0.8);
    expect(aiShare('legacy_enterprise')).toBeLessThan(0.35);
    expect(aiShare('saas')).toBeLessThan(0.35);
    const ai = sample.filter((j) => FAMILY.get(j.role) === 'ai');
    expect(share(ai, (j) => category(j) === 'ai_native')).toBeGreaterThan(0.3);
    const native = sample.filter((j) => category(j) === 'ai_native');
    const early = native.filter((j) => j.postedAt.getTime() < monthStart(15)).length;
    const late = native.filter((j) => j.postedAt.getTime() >= monthStart(3)).length;
    expect(late / early).toBeGreaterThan(1.8);
    // Support, moderation and analysis are cut where the article says: legacy enterprise and SaaS.
    const business = sample.filter((j) => FAMILY.get(j.role) === 'business');
    expect(share(business, (j) => category(j) === 'saas' || category(j) === 'legacy_enterprise')).toBeGreaterThan(0.6);
  });
});

describe('demoJobs: salary calibration (the article, within a few percent)', () => {
  const targets: Record<string, [number, number]> = {
    llm_engineer: [180_000, 350_000],
    ml_infrastructure: [160_000, 280_000],
    ai_safety_alignment: [200_000, 400_000],
    applied_ml: [150_000, 260_000],
    ai_platform_architect: [190_000, 320_000],
    llm_fine_tuning: [175_000, 340_000],
    rag_retrieval: [165_000, 300_000],
  };

  it.each(Object.entries(targets))('%s: p10 and p90 of annual USD midpoints within ±5%%', (role, [p10, p90]) => {
    const mids = salaried.filter((s) => s.job.role === role).map((s) => s.mid).sort((a, b) => a - b);
    expect(mids.length).toBeGreaterThan(800);
    expect(percentileCont(mids, 0.1) / p10).toBeGreaterThan(0.95);
    expect(percentileCont(mids, 0.1) / p10).toBeLessThan(1.05);
    expect(percentileCont(mids, 0.9) / p90).toBeGreaterThan(0.95);
    expect(percentileCont(mids, 0.9) / p90).toBeLessThan(1.05);
  });

  it('AI roles pay ≈ 67% more than software roles at the same seniority', () => {
    const means = new Means();
    for (const { job, mid } of salaried) means.add(`${FAMILY.get(job.role)}/${job.seniority}`, mid);
    let weighted = 0;
    let weights = 0;
    for (const s of SENIORITIES) {
      const ratio = means.mean(`ai/${s}`)! / means.mean(`software/${s}`)!;
      const weight = means.count(`ai/${s}`) + means.count(`software/${s}`);
      weighted += ratio * weight;
      weights += weight;
    }
    const premium = weighted / weights;
    expect(premium).toBeGreaterThan(1.62);
    expect(premium).toBeLessThan(1.72);
  });

  it('specialist domains pay 30–50% more than general for the same role and seniority', () => {
    const means = new Means();
    for (const { job, mid } of salaried) means.add(`${job.role}/${job.seniority}/${job.domain}`, mid);
    for (const domain of ['healthcare', 'finance', 'legal', 'security']) {
      let weighted = 0;
      let weights = 0;
      for (const role of ROLE_KEYS) {
        for (const s of SENIORITIES) {
          const special = means.mean(`${role}/${s}/${domain}`);
          const general = means.mean(`${role}/${s}/general`);
          if (special === undefined || general === undefined) continue;
          const n = means.count(`${role}/${s}/${domain}`);
          weighted += (special / general) * n;
          weights += n;
        }
      }
      const premium = weighted / weights;
      expect(premium, domain).toBeGreaterThan(1.3);
      expect(premium, domain).toBeLessThan(1.5);
    }
  });

  it('AI salaries grow ≈ 38% year over year', () => {
    const mean = (from: number, to: number) => {
      const mids = salaried.filter(({ job }) => {
        const t = job.postedAt.getTime();
        return FAMILY.get(job.role) === 'ai' && t >= from && t < to;
      });
      return mids.reduce((sum, s) => sum + s.mid, 0) / mids.length;
    };
    const end = UNTIL.getTime() + DAY;
    const growth = mean(monthStart(3), end) / mean(monthStart(15), monthStart(12));
    expect(growth).toBeGreaterThan(1.33);
    expect(growth).toBeLessThan(1.43);
  });
});
