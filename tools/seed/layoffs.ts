/**
 * Deterministic demo layoffs, calibrated on the market article in `seed/` (DESIGN.md, "Demo data
 * calibration"): a background of announcements over the 18 months the demo postings cover, plus the
 * article's first four months of 2026 — exactly 78,557 people between 2026-01-01 and 2026-04-30, about
 * half of them attributed to AI, concentrated at legacy enterprise (Oracle, Intel and Dell first) and
 * mid-tier SaaS, none at AI-native labs.
 *
 * Pure: no I/O, no clock, no Math.random. Ids are name-based UUIDs of (seed, month, index), so the
 * same seed gives the same ids whatever `until` is: re-seeding (`npm run seed -- --force`, or a later
 * `until`) inserts only what is missing when the insert skips known ids.
 */
import { createHash } from 'node:crypto';
import type { CompanyCategory } from '../../src/reference/taxonomy.js';
import type { DemoCompany } from './types.js';
import { DAY_MS, isoDay } from '../../src/lib/days.js';

/** A layoff as the demo generator makes it; `companySlug` is how the store finds the company. */
export interface DemoLayoff {
  id: string;
  companyId: string;
  companySlug: string;
  /** UTC calendar date, YYYY-MM-DD. */
  announcedOn: string;
  headcount: number;
  aiAttributed: boolean;
  reason: string;
  sourceUrl: string;
}

/** The article's figures that the demo reproduces exactly (headcount) or within a point (AI share). */
export const LAYOFF_CALIBRATION = {
  from: '2026-01-01',
  to: '2026-04-30',
  headcount: 78_557,
  aiShare: 0.5,
} as const;

/** Same length as the posting window of `demoJobs`. */
const WINDOW_MONTHS = 18;
/** Months (UTC, `y * 12 + m`) that the calibrated set covers; the background skips them. */
const CALIBRATED_FIRST_MONTH = 2026 * 12 + 0;
const CALIBRATED_LAST_MONTH = 2026 * 12 + 3;

// ---------------------------------------------------------------------------------------------------
// Randomness and ids
// ---------------------------------------------------------------------------------------------------

/** mulberry32 over a 32-bit seed: plenty for a few hundred draws per stream. */
class Rng {
  private state: number;
  constructor(key: string) {
    this.state = fnv1a(key);
  }
  float(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Log-uniform in [lo, hi]: layoff sizes span orders of magnitude. */
  logUniform(lo: number, hi: number): number {
    return Math.exp(Math.log(lo) + this.float() * (Math.log(hi) - Math.log(lo)));
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The demo's UUID namespace (a random v4, fixed forever: changing it would change every id). */
const NAMESPACE = Buffer.from('5f0c2a7e9b3d4e1fa6c8d2b4e6f8a0c1', 'hex');

/** RFC 9562 name-based UUID (version 5, SHA-1) of `name` in the demo namespace. */
export function layoffId(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const monthKey = (month: number) => `${Math.floor(month / 12)}-${pad((month % 12) + 1)}`;
const monthStartMs = (month: number) => Date.UTC(Math.floor(month / 12), month % 12, 1);
const daysIn = (month: number) => Math.round((monthStartMs(month + 1) - monthStartMs(month)) / DAY_MS);

/** A random weekday of a month (announcements are made on working days). */
function weekdayIn(rng: Rng, month: number): number {
  const first = monthStartMs(month);
  const n = daysIn(month);
  for (;;) {
    const ms = first + rng.int(n) * DAY_MS;
    const wd = new Date(ms).getUTCDay();
    if (wd !== 0 && wd !== 6) return ms;
  }
}

// ---------------------------------------------------------------------------------------------------
// Reasons and sources
// ---------------------------------------------------------------------------------------------------

type Reasons = { ai: readonly string[]; other: readonly string[] };

const REASONS: Record<CompanyCategory, Reasons> = {
  legacy_enterprise: {
    ai: [
      'restructuring to fund AI infrastructure',
      'back-office and IT operations automated with AI',
      'shifting investment from legacy products to AI data centres',
      'sales operations consolidated onto AI tools',
    ],
    other: [
      'cost reduction after weak quarterly results',
      'PC and server demand slowdown',
      'manufacturing consolidation',
      'divestiture of a legacy business unit',
      'reorganisation of global sales',
    ],
  },
  saas: {
    ai: [
      'customer support automated with AI agents',
      'content moderation automation',
      'basic data analysis and reporting automated with AI',
      'tier-1 support replaced by AI agents',
      'documentation and onboarding teams replaced by AI assistants',
    ],
    other: ['slower growth and cost reduction', 'merger integration', 'reorganisation after missed revenue targets'],
  },
  big_tech: {
    ai: [
      'restructuring to fund AI infrastructure',
      'recruiting and HR operations automated with AI',
      'flattening management to prioritise AI',
    ],
    other: ['reorganisation of devices and hardware teams', 'cost discipline across non-core divisions', 'closing of regional offices'],
  },
  startup: {
    ai: ['customer support automated with AI agents', 'sales development automated with AI agents'],
    other: ['failed to raise new funding', 'pivot to a new product', 'acqui-hire of the engineering team'],
  },
  other: {
    ai: ['call-centre work automated with AI agents', 'claims processing automated with AI', 'document review automated with AI'],
    other: ['store and branch closures', 'cost reduction programme', 'reorganisation after an acquisition'],
  },
  ai_native: {
    ai: ['data-labelling work moved to model-assisted pipelines'],
    other: ['reorganisation of research teams', 'consolidation of go-to-market teams'],
  },
};

const NEWS_SITES: readonly ((slug: string, day: string, title: string) => string)[] = [
  (s, d, t) => `https://www.reuters.com/technology/${s}-${t}-${d}/`,
  (s, d, t) => `https://www.bloomberg.com/news/articles/${d}/${s}-${t}`,
  (s, d, t) => `https://techcrunch.com/${d.replaceAll('-', '/')}/${s}-${t}/`,
  (s, d, t) => `https://www.theverge.com/${d.replaceAll('-', '/')}/${s}-${t}`,
  (s, d, t) => `https://www.cnbc.com/${d.replaceAll('-', '/')}/${s}-${t}.html`,
  (s, d, t) => `https://www.geekwire.com/${d.slice(0, 4)}/${s}-${t}/`,
  (s, d, t) => `https://www.theregister.com/${d.replaceAll('-', '/')}/${s.replaceAll('-', '_')}_${t.replaceAll('-', '_')}/`,
  (s, d, t) => `https://www.businessinsider.com/${s}-${t}-${d.slice(0, 4)}`,
];

function sourceUrl(rng: Rng, company: DemoCompany, day: string, headcount: number): string {
  return rng.pick(NEWS_SITES)(company.slug, day, `lays-off-${headcount}-employees`);
}

/** The article's legacy players, in their own words. */
const COMPANY_REASONS: Record<string, Reasons> = {
  oracle: {
    ai: ['restructuring to fund AI infrastructure', 'shifting investment from cloud applications to AI data centres'],
    other: ['reorganisation of global sales'],
  },
  intel: {
    ai: ['restructuring to fund AI infrastructure'],
    other: ['manufacturing consolidation', 'cost reduction after weak quarterly results'],
  },
  dell: {
    ai: ['sales operations consolidated onto AI tools', 'restructuring to fund AI infrastructure'],
    other: ['PC and server demand slowdown', 'reorganisation of global sales'],
  },
  ibm: { ai: ['back-office and HR operations automated with AI'], other: ['reorganisation of consulting'] },
  cisco: { ai: ['restructuring to fund AI infrastructure'], other: ['reorganisation of global sales'] },
  hp: { ai: ['back-office and IT operations automated with AI'], other: ['PC and printer demand slowdown'] },
  sap: { ai: ['restructuring to fund AI infrastructure', 'business processes automated with AI'], other: ['cost reduction programme'] },
};

function reasonFor(rng: Rng, company: DemoCompany, ai: boolean): string {
  const pool = COMPANY_REASONS[company.slug] ?? REASONS[company.category];
  return rng.pick(ai ? pool.ai : pool.other);
}

// ---------------------------------------------------------------------------------------------------
// The calibrated first four months of 2026
// ---------------------------------------------------------------------------------------------------

/** Named cuts: [slug, share of the calibrated total, announcements]. */
const NAMED_CUTS: ReadonlyArray<readonly [string, number, number]> = [
  ['oracle', 0.17, 3],
  ['intel', 0.15, 3],
  ['dell', 0.12, 3],
  ['ibm', 0.05, 2],
  ['cisco', 0.04, 2],
  ['hp', 0.03, 1],
  ['sap', 0.02, 1],
  ['helpwell', 0.035, 2],
  ['brightdesk', 0.03, 2],
  ['clearpath-crm', 0.025, 1],
  ['trustlayer', 0.025, 2],
  ['tallyhive', 0.02, 1],
  ['pagewise', 0.015, 1],
  ['microsoft', 0.025, 1],
  ['amazon', 0.025, 1],
  ['google', 0.015, 1],
  ['meta', 0.015, 1],
];
/** Shares spread over companies drawn from a category: [category, share, companies]. */
const DRAWN_CUTS: ReadonlyArray<readonly [CompanyCategory, number, number]> = [
  ['saas', 0.16, 24],
  ['startup', 0.03, 10],
];
/** Cuts always attributed to AI in the calibrated months (Oracle is shedding roles to fund AI data centres). */
const ALWAYS_AI = new Set(['oracle']);
/** Chance that an announcement in the category is attributed to AI, before the share is balanced. */
const AI_PROPENSITY: Record<CompanyCategory, number> = {
  saas: 0.85,
  legacy_enterprise: 0.4,
  big_tech: 0.35,
  startup: 0.35,
  other: 0.4,
  ai_native: 0,
};

interface Draft {
  company: DemoCompany;
  weight: number;
  month: number;
}

function calibratedSet(companies: DemoCompany[], seed: number): DemoLayoff[] {
  const rng = new Rng(`layoffs:${seed}:calibrated`);
  const bySlug = new Map(companies.map((c) => [c.slug, c]));
  const named = new Set(NAMED_CUTS.map(([slug]) => slug));
  const months = CALIBRATED_LAST_MONTH - CALIBRATED_FIRST_MONTH + 1;

  const drafts: Draft[] = [];
  const split = (company: DemoCompany, share: number, parts: number) => {
    // A company's announcements fall in different months (a first cut, then a second wave).
    const offset = rng.int(months);
    const weights = Array.from({ length: parts }, () => 0.5 + rng.float());
    const sum = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => drafts.push({ company, weight: (share * w) / sum, month: CALIBRATED_FIRST_MONTH + ((offset + i) % months) }));
  };
  for (const [slug, share, parts] of NAMED_CUTS) {
    const company = bySlug.get(slug);
    if (company) split(company, share, parts);
  }
  for (const [category, share, count] of DRAWN_CUTS) {
    const pool = companies.filter((c) => c.category === category && !named.has(c.slug));
    const chosen: DemoCompany[] = [];
    for (const c of pool) if (chosen.length < count && rng.float() < count / pool.length + 0.1) chosen.push(c);
    const weights = chosen.map(() => 0.3 + rng.float());
    const sum = weights.reduce((a, b) => a + b, 0);
    chosen.forEach((c, i) => split(c, (share * weights[i]!) / sum, 1));
  }
  // Without the article's companies (a custom company list), anyone but the AI labs cuts; failing that, anyone.
  if (drafts.length === 0) {
    const pool = companies.filter((c) => c.category !== 'ai_native');
    for (const c of (pool.length ? pool : companies).slice(0, 50)) split(c, 1, 1);
  }

  // Headcounts: as announced (round tens), the largest announcement absorbing the remainder so that the
  // four months total exactly the article's figure.
  const total = LAYOFF_CALIBRATION.headcount;
  const weightSum = drafts.reduce((a, d) => a + d.weight, 0);
  const raw = drafts.map((d) => (d.weight / weightSum) * total);
  const largest = raw.indexOf(Math.max(...raw));
  const headcounts = raw.map((x) => Math.max(10, Math.round(x / (x >= 2000 ? 50 : 10)) * (x >= 2000 ? 50 : 10)));
  // At most ~60 announcements of at least 10 people each: the largest (over 1/60 of the total) stays positive.
  headcounts[largest] = 0;
  headcounts[largest] = total - headcounts.reduce((a, b) => a + b, 0);

  // AI attribution: by category propensity, then balanced to the article's "about half".
  const ai = drafts.map((d) => ALWAYS_AI.has(d.company.slug) || rng.float() < AI_PROPENSITY[d.company.category]);
  balanceShare(drafts, headcounts, ai, total * LAYOFF_CALIBRATION.aiShare);

  return drafts.map((d, i) => {
    const day = isoDay(weekdayIn(rng, d.month));
    const headcount = headcounts[i]!;
    return {
      id: layoffId(`${seed}/calibrated/${i}`),
      companyId: d.company.id,
      companySlug: d.company.slug,
      announcedOn: day,
      headcount,
      aiAttributed: ai[i]!,
      reason: reasonFor(rng, d.company, ai[i]!),
      sourceUrl: sourceUrl(rng, d.company, day, headcount),
    };
  });
}

/**
 * Flips attributions (never at AI-native labs, nor the fixed ones) until the AI-attributed headcount is as close to
 * `target` as single flips get it: each step takes the flip that reduces the distance most.
 */
function balanceShare(drafts: Draft[], headcounts: number[], ai: boolean[], target: number): void {
  let current = headcounts.reduce((a, h, i) => a + (ai[i] ? h : 0), 0);
  for (let step = 0; step < drafts.length; step++) {
    let best = -1;
    let bestDistance = Math.abs(current - target);
    for (let i = 0; i < drafts.length; i++) {
      const { category, slug } = drafts[i]!.company;
      if (category === 'ai_native' || ALWAYS_AI.has(slug)) continue;
      const next = current + (ai[i] ? -headcounts[i]! : headcounts[i]!);
      if (Math.abs(next - target) < bestDistance) {
        best = i;
        bestDistance = Math.abs(next - target);
      }
    }
    if (best < 0) return;
    current += ai[best] ? -headcounts[best]! : headcounts[best]!;
    ai[best] = !ai[best];
  }
}

// ---------------------------------------------------------------------------------------------------
// The background: the other months of the window
// ---------------------------------------------------------------------------------------------------

/** [category, weight of announcements, smallest and largest headcount]. */
const BACKGROUND: ReadonlyArray<readonly [CompanyCategory, number, number, number]> = [
  ['legacy_enterprise', 28, 200, 3500],
  ['big_tech', 14, 150, 3000],
  ['saas', 30, 40, 900],
  ['startup', 20, 8, 120],
  ['other', 7, 50, 800],
  ['ai_native', 1, 10, 60],
];

/** Share of background announcements attributed to AI: rising from ~15% in 2024 to ~45% after the spring of 2026. */
function backgroundAiShare(month: number): number {
  return Math.min(0.45, Math.max(0.12, 0.2 + 0.02 * (month - (2025 * 12 + 0))));
}

function backgroundMonth(companies: DemoCompany[], seed: number, month: number): DemoLayoff[] {
  const rng = new Rng(`layoffs:${seed}:${monthKey(month)}`);
  const pools = BACKGROUND.map(([category]) => companies.filter((c) => c.category === category));
  const weights = BACKGROUND.map(([, w], i) => (pools[i]!.length ? w : 0));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum === 0) return [];
  const events = 8 + rng.int(7);
  const out: DemoLayoff[] = [];
  for (let i = 0; i < events; i++) {
    let u = rng.float() * weightSum;
    let k = 0;
    while (k < weights.length - 1 && u >= weights[k]!) u -= weights[k++]!;
    const [category, , lo, hi] = BACKGROUND[k]!;
    const company = rng.pick(pools[k]!);
    const x = rng.logUniform(lo, hi);
    const step = x >= 1000 ? 50 : x >= 100 ? 10 : 1;
    const headcount = Math.max(1, Math.round(x / step) * step);
    const propensity = category === 'ai_native' ? 0 : Math.min(0.9, backgroundAiShare(month) * (AI_PROPENSITY[category] / 0.45));
    const aiAttributed = rng.float() < propensity;
    const day = isoDay(weekdayIn(rng, month));
    out.push({
      id: layoffId(`${seed}/${monthKey(month)}/${i}`),
      companyId: company.id,
      companySlug: company.slug,
      announcedOn: day,
      headcount,
      aiAttributed,
      reason: reasonFor(rng, company, aiAttributed),
      sourceUrl: sourceUrl(rng, company, day, headcount),
    });
  }
  return out;
}

/**
 * Layoff announcements for the demo companies: a background over the 18 months ending at `until`
 * (the posting window of `demoJobs`), and always the calibrated 2026-01-01..2026-04-30 set (78,557
 * people, about half attributed to AI) in place of the background of those months. Sorted by day, then id.
 */
export function demoLayoffs(companies: DemoCompany[], options: { seed: number; until: Date }): DemoLayoff[] {
  if (companies.length === 0) return [];
  const untilMs = options.until.getTime();
  if (!Number.isFinite(untilMs)) throw new RangeError('demoLayoffs: until must be a valid date');
  const untilDay = Math.floor(untilMs / DAY_MS) * DAY_MS;
  const endExclusive = new Date(untilDay + DAY_MS);
  const start = Date.UTC(endExclusive.getUTCFullYear(), endExclusive.getUTCMonth() - WINDOW_MONTHS, endExclusive.getUTCDate());

  const out = calibratedSet(companies, options.seed);
  const first = new Date(start).getUTCFullYear() * 12 + new Date(start).getUTCMonth();
  const last = new Date(untilDay).getUTCFullYear() * 12 + new Date(untilDay).getUTCMonth();
  const [startDay, endDay] = [isoDay(start), isoDay(untilDay)];
  for (let month = first; month <= last; month++) {
    if (month >= CALIBRATED_FIRST_MONTH && month <= CALIBRATED_LAST_MONTH) continue;
    for (const l of backgroundMonth(companies, options.seed, month)) {
      if (l.announcedOn >= startDay && l.announcedOn <= endDay) out.push(l);
    }
  }
  return out.sort((a, b) => (a.announcedOn < b.announcedOn ? -1 : a.announcedOn > b.announcedOn ? 1 : a.id < b.id ? -1 : 1));
}
