/**
 * Deterministic demo data: a stream of job postings for the companies of companies.ts, calibrated to the
 * market article in `seed/` (see DESIGN.md, "Demo data calibration"). Pure: no I/O, no clock, no
 * Math.random — the same (seed, jobs, until) always yields the same rows, so seeded databases and tests
 * are reproducible.
 */
import { ANNUALISE, type CloseReason, type CompanyCategory, type CompanySize, type EmploymentType, type RoleFamily, type SalaryPeriod, type Workplace } from '../../src/reference/taxonomy.js';
import type { DemoCompany, DemoJob, DemoOptions } from './types.js';
import { DAY_MS } from '../../src/lib/days.js';
import { cumulative, fnv1a, pickCumulative, Rng, searchCumulative } from './random.js';
import { CURRENCY_STEP_SCALE, PERIOD_CUM, PERIOD_STEP, PERIODS, USD_PER_UNIT } from './pay.js';
import { COUNTRIES, PLACE_CUM, PLACES, REMOTE_COUNTRIES, REMOTE_CUM } from './places.js';
import { DOMAIN_ORDER, DOMAIN_PAY, ROLE_MODELS, SENIORITY_ORDER, SENIORITY_PAY, SPECIALIST_CUM } from './roles.js';
import { CLOSINGS, DOMAIN_BLURB, DOMAIN_SUFFIX, escapeHtml, pickSkills, REQUIREMENTS, SENIORITY_PREFIX, SKILL_COUNT_CUM } from './words.js';

const YEAR_MS = 365.25 * DAY_MS;
/** Length of the posting window. */
const WINDOW_MONTHS = 18;

const CATEGORY_ORDER: readonly CompanyCategory[] = ['ai_native', 'big_tech', 'legacy_enterprise', 'saas', 'startup', 'other'];
/**
 * Which employers post each role family: [weight at the start of the window, change by its end], in
 * CATEGORY_ORDER. AI-native labs take a growing share of AI hiring; legacy enterprise and SaaS post
 * the support/moderation/analysis roles that are shrinking.
 */
const CATEGORY_MIX: Record<RoleFamily, ReadonlyArray<readonly [number, number]>> = {
  ai: [[26, 22], [20, 0], [12, -3], [12, -2], [20, 4], [8, 0]],
  software: [[4, 2], [26, 0], [17, -3], [24, -4], [20, 0], [9, 0]],
  business: [[2, 1], [10, 0], [30, -6], [40, -6], [5, 0], [13, 0]],
};

const SIZE_WEIGHT: Record<CompanySize, number> = {
  '1-10': 0.3,
  '11-50': 0.7,
  '51-200': 1.5,
  '201-1000': 3,
  '1001-5000': 6,
  '5001-10000': 10,
  '10001+': 16,
};
/** Extra hiring volume for the companies the article names as hiring fastest. */
const COMPANY_BOOST: Record<string, number> = { openai: 3.6, anthropic: 3, xai: 2, cohere: 1.6, 'mistral-ai': 1.6, google: 1.4, microsoft: 1.4, meta: 1.2, amazon: 1.3 };

const AFFINITY: ReadonlyArray<readonly [RegExp, number]> = [
  [/health|hospital|medical|clinic/i, 1],
  [/\bbank|insurance|capital|finance|fintech|fraud/i, 2],
  [/\blaw\b|legal/i, 3],
  [/cyber|security/i, 4],
];

interface CompanyPlan {
  company: DemoCompany;
  nameHtml: string;
  host: string | null;
  /** Domain index the company's postings lean to (0 = none). */
  domain: number;
  /** Places in the company's home country (indexes into PLACES), or empty. */
  homePlaces: number[];
  homeCum: Float64Array;
}

/** Employment types and, for each, how its pay is usually quoted. */
const EMPLOYMENT: readonly EmploymentType[] = ['full_time', 'contract', 'part_time', 'temporary', 'internship'];
const EMPLOYMENT_CUM_DEFAULT = cumulative([0.9, 0.07, 0.02, 0.01, 0]);
const EMPLOYMENT_CUM_FRONTLINE = cumulative([0.74, 0.14, 0.08, 0.04, 0]); // support and moderation

const CLOSE_REASON_CUM = cumulative([0.62, 0.18, 0.2]); // filled, cancelled, expired
const CLOSE_REASONS: readonly CloseReason[] = ['filled', 'cancelled', 'expired'];

/** Stream `options.jobs` postings in posting-time order over the 18 months ending at `options.until`. */
export function* demoJobs(companies: DemoCompany[], options: DemoOptions): Generator<DemoJob> {
  const n = Math.floor(options.jobs);
  if (!(n >= 0)) throw new RangeError('demoJobs: jobs must be a non-negative number');
  if (n === 0) return;
  if (companies.length === 0) throw new RangeError('demoJobs: at least one company is needed');
  const untilMs = options.until.getTime();
  if (!Number.isFinite(untilMs)) throw new RangeError('demoJobs: until must be a valid date');
  const rng = new Rng(options.seed, 2);

  // Window: whole UTC days [start, untilDay]; nothing is stamped after untilDay's midnight.
  const untilDay = Math.floor(untilMs / DAY_MS) * DAY_MS;
  const endExclusive = new Date(untilDay + DAY_MS);
  const start = Date.UTC(endExclusive.getUTCFullYear(), endExclusive.getUTCMonth() - WINDOW_MONTHS, endExclusive.getUTCDate());
  const days = Math.round((endExclusive.getTime() - start) / DAY_MS);

  // Day weights (weekends quiet) and each day's role mix, so role volumes can trend independently.
  const roleCount = ROLE_MODELS.length;
  const dayCum = new Float64Array(days);
  const dayWeight = new Float64Array(days);
  const dayRoleCum = new Float64Array(days * roleCount);
  let total = 0;
  for (let d = 0; d < days; d++) {
    const x = (d + 0.5) / days;
    const weekday = new Date(start + d * DAY_MS).getUTCDay();
    const dayFactor = weekday === 0 || weekday === 6 ? 0.25 : 1;
    let sum = 0;
    for (let r = 0; r < roleCount; r++) {
      const m = ROLE_MODELS[r]!;
      sum += m.volume * Math.pow(m.volumeGrowth, x);
      dayRoleCum[d * roleCount + r] = sum;
    }
    dayWeight[d] = sum * dayFactor;
    total += dayWeight[d]!;
    dayCum[d] = total;
  }

  // Companies by category with their hiring weight.
  const plans: CompanyPlan[] = companies.map((company) => {
    let host: string | null = null;
    if (company.website) {
      try {
        host = new URL(company.website).host;
      } catch {
        host = null;
      }
    }
    const text = `${company.name} ${company.description ?? ''}`;
    const domain = company.category === 'other' || company.category === 'startup' ? (AFFINITY.find(([re]) => re.test(text))?.[1] ?? 0) : 0;
    const homePlaces = PLACES.flatMap((p, i) => (p.country === company.hqCountry ? [i] : []));
    return { company, nameHtml: escapeHtml(company.name), host, domain, homePlaces, homeCum: cumulative(homePlaces.map((i) => PLACES[i]!.weight)) };
  });
  const byCategory = CATEGORY_ORDER.map((category) => {
    const members = plans.filter((p) => p.company.category === category);
    const weights = members.map(
      (p) => (p.company.size ? SIZE_WEIGHT[p.company.size] : 2) * (COMPANY_BOOST[p.company.slug] ?? 1) * (0.6 + (fnv1a(p.company.slug) % 1000) / 1250),
    );
    return { members, cum: cumulative(weights) };
  });
  const externalCounter = new Int32Array(plans.length);
  const planIndex = new Map(plans.map((p, i) => [p, i]));
  const planIdx = byCategory.map((c) => c.members.map((p) => planIndex.get(p)!));
  const catCum = new Float64Array(CATEGORY_ORDER.length);
  const firstCategory = byCategory.findIndex((c) => c.members.length > 0);
  const seniorityCum = new Float64Array(roleCount * 5);
  ROLE_MODELS.forEach((m, r) => seniorityCum.set(cumulative(m.seniorityMix), r * 5));

  // Sorted uniforms by the descending-product method, so postings stream in time order without
  // holding them all: the max of k uniforms is U^(1/k).
  let top = 1;
  const skillScratch: number[] = [];

  for (let i = 0; i < n; i++) {
    top *= Math.pow(1 - rng.float(), 1 / (n - i));
    const t = 1 - top;

    // --- when and which role
    const target = t * total;
    let day = searchCumulative(dayCum, target);
    if (day >= days) day = days - 1;
    const before = day === 0 ? 0 : dayCum[day - 1]!;
    const frac = Math.min(1, Math.max(0, (target - before) / dayWeight[day]!));
    const dayStart = start + day * DAY_MS;
    // Office hours in UTC for the Americas/Europe overlap; the last day stops at `until` itself.
    const postedMs = day === days - 1 ? dayStart : dayStart + Math.floor((6 + 16 * frac) * 3600) * 1000;
    const x = (day + 0.5) / days;
    const roleIndex = pickCumulative(dayRoleCum, day * roleCount, roleCount, rng.float());
    const role = ROLE_MODELS[roleIndex]!;

    // --- who
    const mix = CATEGORY_MIX[role.family];
    let catTotal = 0;
    for (let c = 0; c < mix.length; c++) {
      const [a, b] = mix[c]!;
      catTotal += byCategory[c]!.members.length > 0 ? Math.max(0, a + b * x) : 0;
      catCum[c] = catTotal;
    }
    // With a custom company list a family may have no employer category left: fall back to any.
    const category = catTotal > 0 ? pickCumulative(catCum, 0, catCum.length, rng.float()) : firstCategory;
    const members = byCategory[category]!;
    const memberIndex = searchCumulative(members.cum, rng.float() * members.cum[members.cum.length - 1]!);
    const plan = members.members[memberIndex]!;
    const pIndex = planIdx[category]![memberIndex]!;
    const company = plan.company;

    // --- what
    const sen = pickCumulative(seniorityCum, roleIndex * 5, 5, rng.float());
    let domain = 0;
    if (plan.domain !== 0 && rng.float() < 0.65) domain = plan.domain;
    else if (rng.float() < role.specialistShare) domain = 1 + pickCumulative(SPECIALIST_CUM, 0, 4, rng.float());

    const wr = rng.float();
    const workplace: Workplace = wr < 0.3 ? 'remote' : wr < 0.7 ? 'hybrid' : 'onsite';
    let city: string | null = null;
    let region: string | null = null;
    let country: string;
    const home = plan.homePlaces.length > 0 && rng.float() < 0.5;
    if (workplace === 'remote') {
      country = home ? company.hqCountry! : REMOTE_COUNTRIES[pickCumulative(REMOTE_CUM, 0, REMOTE_CUM.length, rng.float())]![0];
    } else {
      const place = home
        ? PLACES[plan.homePlaces[pickCumulative(plan.homeCum, 0, plan.homeCum.length, rng.float())]!]!
        : PLACES[searchCumulative(PLACE_CUM, rng.float() * PLACE_CUM[PLACE_CUM.length - 1]!)]!;
      city = place.city;
      region = place.region;
      country = place.country;
    }
    const countryInfo = COUNTRIES[country]!;

    const frontline = role.key === 'customer_support' || role.key === 'content_moderation';
    let employmentType = EMPLOYMENT[pickCumulative(frontline ? EMPLOYMENT_CUM_FRONTLINE : EMPLOYMENT_CUM_DEFAULT, 0, 5, rng.float())]!;
    if (sen === 0 && rng.float() < 0.15) employmentType = 'internship';

    // --- pay: base × seniority × domain × trend × lognormal noise, then quoted as posted. Pay does
    // not vary by location: the article's bands are market-wide p10–p90 and a location factor would
    // widen them past the targets, so a non-USD posting is the same USD pay quoted in local money.
    let salaryMin: number | null = null;
    let salaryMax: number | null = null;
    let salaryCurrency: string | null = null;
    let salaryPeriod: SalaryPeriod | null = null;
    if (rng.float() < countryInfo.salaryShare) {
      const years = (postedMs - untilDay) / YEAR_MS;
      const mid =
        role.basePay * SENIORITY_PAY[sen]! * DOMAIN_PAY[domain]! * Math.exp(Math.log(role.payGrowth) * years + role.paySigma * rng.gauss());
      const half = 0.1 + 0.1 * rng.float();
      const currency = country !== 'US' && rng.float() < 0.8 ? countryInfo.currency : 'USD';
      let period = PERIODS[pickCumulative(PERIOD_CUM[employmentType], 0, 5, rng.float())]!;
      if (period === 'year' && country === 'PL' && rng.float() < 0.7) period = 'month'; // Polish pay is quoted monthly
      const unit = ANNUALISE[period] * USD_PER_UNIT.get(currency)!;
      const step = PERIOD_STEP[period] * (CURRENCY_STEP_SCALE[currency] ?? 1);
      salaryMin = Math.max(step, Math.round((mid * (1 - half)) / unit / step) * step);
      salaryMax = Math.max(salaryMin + step, Math.round((mid * (1 + half)) / unit / step) * step);
      salaryCurrency = currency;
      salaryPeriod = period;
    }

    // --- lifecycle
    const ageMs = untilDay - postedMs;
    const validThroughMs = rng.float() < 0.7 ? postedMs + Math.floor((30 + 60 * rng.float()) * 24) * 3_600_000 : null;
    const closed = ageMs >= DAY_MS && rng.float() < (ageMs > 60 * DAY_MS ? 0.88 : (0.3 * ageMs) / (60 * DAY_MS));
    let closeReason: CloseReason | null = null;
    let closedMs: number | null = null;
    if (closed) {
      closeReason = CLOSE_REASONS[pickCumulative(CLOSE_REASON_CUM, 0, 3, rng.float())]!;
      if (closeReason === 'expired' && validThroughMs !== null && validThroughMs <= untilDay) closedMs = validThroughMs;
      else closedMs = postedMs + Math.floor((Math.min(ageMs, 120 * DAY_MS) * (0.15 + 0.85 * rng.float())) / 1000) * 1000;
    }
    // An open posting past its validity would be stale: treat it as evergreen instead.
    const validThrough = validThroughMs === null || (!closed && validThroughMs < untilDay) ? null : new Date(validThroughMs);

    // --- words
    const roleTitle = rng.float() < 0.5 ? role.titles[0]! : role.titles[1 + rng.int(role.titles.length - 1)]!;
    const title =
      employmentType === 'internship'
        ? roleTitle + ' Intern' + DOMAIN_SUFFIX[domain]!
        : SENIORITY_PREFIX[role.family][sen]! + roleTitle + DOMAIN_SUFFIX[domain]!;
    const skillCount = 3 + pickCumulative(SKILL_COUNT_CUM, 0, 6, rng.float());
    const skills = pickSkills(rng, role.skills, domain, skillCount, skillScratch);

    const counter = ++externalCounter[pIndex]!;
    const externalId = 'req-' + String(counter).padStart(6, '0');
    const where =
      workplace === 'remote' ? `Remote · ${countryInfo.name}` : `${workplace === 'hybrid' ? 'Hybrid' : 'On-site'} · ${city}${region && country === 'US' ? ', ' + region : ', ' + countryInfo.name}`;
    const description =
      `<p><strong>${plan.nameHtml}</strong> is hiring for the role of <strong>${escapeHtml(title)}</strong> (${escapeHtml(where)}).</p>` +
      `<p>${rng.pick(role.blurbs)}${DOMAIN_BLURB[domain]!}</p>` +
      `<ul><li>${REQUIREMENTS[0]}<strong>${skills[0]!}</strong></li><li>${REQUIREMENTS[1 + rng.int(3)]!}<strong>${skills[1]!}</strong> and <strong>${skills[2]!}</strong></li></ul>` +
      `<p>${rng.pick(CLOSINGS)}</p>`;

    yield {
      id: rng.uuid(),
      companyId: company.id,
      externalId,
      title,
      role: role.key,
      seniority: SENIORITY_ORDER[sen]!,
      domain: DOMAIN_ORDER[domain]!,
      skills,
      description,
      employmentType,
      workplace,
      city,
      region,
      country,
      salaryMin,
      salaryMax,
      salaryCurrency,
      salaryPeriod,
      postedAt: new Date(postedMs),
      validThrough,
      status: closed ? 'closed' : 'open',
      closeReason,
      closedAt: closedMs === null ? null : new Date(closedMs),
      applyUrl: plan.host ? `https://${plan.host}/careers/${externalId}` : null,
    };
  }
}
