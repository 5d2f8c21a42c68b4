/**
 * Deterministic demo data: companies and a stream of job postings calibrated to the market article in
 * `seed/` (see DESIGN.md, "Demo data calibration"). Pure: no I/O, no clock, no Math.random — the same
 * (seed, jobs, until) always yields the same rows, so seeded databases and tests are reproducible.
 */
import { REFERENCE_FX_RATES } from '../../src/reference/fx.js';
import {
  ANNUALISE,
  ROLES,
  type CloseReason,
  type CompanyCategory,
  type CompanySize,
  type Domain,
  type EmploymentType,
  type RoleFamily,
  type RoleKey,
  type SalaryPeriod,
  type Seniority,
  type Workplace,
} from '../../src/reference/taxonomy.js';
import type { DemoCompany, DemoJob, DemoOptions, FxRate } from './types.js';
import { DAY_MS } from '../../src/lib/days.js';

const YEAR_MS = 365.25 * DAY_MS;
/** Length of the posting window. */
const WINDOW_MONTHS = 18;

// ---------------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------------

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(x: number): string {
  return HEX[x >>> 24]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;
}

/**
 * sfc32: fast, 128-bit state, passes PractRand — plenty for a million rows with ~60 draws each
 * (a 32-bit-state generator like mulberry32 would start to cycle at that volume).
 */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, stream: number) {
    // splitmix32 spreads any number (negative, fractional, > 2^32) over the four state words.
    let x = (Math.floor(Math.abs(seed) / 4294967296) ^ (seed >>> 0) ^ Math.imul(stream, 0x2c1b3c6d)) | 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Standard normal (Box–Muller, second value cached). */
  gauss(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u = 1 - this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  }

  /** RFC 4122 version-4 shape (version nibble 4, variant 8–b) from 122 PRNG bits. */
  uuid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    return (
      hex8(a) +
      '-' +
      HEX[b >>> 24]! +
      HEX[(b >>> 16) & 255]! +
      '-' +
      HEX[0x40 | ((b >>> 8) & 0x0f)]! +
      HEX[b & 255]! +
      '-' +
      HEX[0x80 | ((c >>> 24) & 0x3f)]! +
      HEX[(c >>> 16) & 255]! +
      '-' +
      HEX[(c >>> 8) & 255]! +
      HEX[c & 255]! +
      hex8(d)
    );
  }
}

/** Index into cumulative weights `cum` (length n, last = total) for a uniform draw. */
function pickCumulative(cum: ArrayLike<number>, start: number, n: number, u: number): number {
  const target = u * cum[start + n - 1]!;
  for (let i = 0; i < n - 1; i++) if (target < cum[start + i]!) return i;
  return n - 1;
}

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

/** Binary search: first index i with cum[i] > target. */
function searchCumulative(cum: Float64Array, target: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

// ---------------------------------------------------------------------------------------------------
// FX
// ---------------------------------------------------------------------------------------------------

const DEMO_CURRENCIES = new Set(['USD', 'EUR', 'GBP', 'CAD', 'INR', 'SGD', 'CHF', 'JPY', 'AUD', 'PLN']);

/** The demo quotes salaries in a subset of the reference currencies. */
export const DEMO_FX_RATES: FxRate[] = REFERENCE_FX_RATES.filter((r) => DEMO_CURRENCIES.has(r.currency));

const USD_PER_UNIT = new Map(DEMO_FX_RATES.map((r) => [r.currency, r.usdPerUnit]));

// ---------------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------------

interface Country {
  name: string;
  currency: string;
  /** Share of postings in this country that publish a salary (pay-transparency laws make the US high). */
  salaryShare: number;
}

const COUNTRIES: Record<string, Country> = {
  US: { name: 'United States', currency: 'USD', salaryShare: 0.9 },
  GB: { name: 'United Kingdom', currency: 'GBP', salaryShare: 0.72 },
  FR: { name: 'France', currency: 'EUR', salaryShare: 0.7 },
  DE: { name: 'Germany', currency: 'EUR', salaryShare: 0.7 },
  NL: { name: 'Netherlands', currency: 'EUR', salaryShare: 0.7 },
  IE: { name: 'Ireland', currency: 'EUR', salaryShare: 0.7 },
  ES: { name: 'Spain', currency: 'EUR', salaryShare: 0.7 },
  CA: { name: 'Canada', currency: 'CAD', salaryShare: 0.8 },
  IN: { name: 'India', currency: 'INR', salaryShare: 0.65 },
  SG: { name: 'Singapore', currency: 'SGD', salaryShare: 0.7 },
  CH: { name: 'Switzerland', currency: 'CHF', salaryShare: 0.65 },
  JP: { name: 'Japan', currency: 'JPY', salaryShare: 0.65 },
  AU: { name: 'Australia', currency: 'AUD', salaryShare: 0.75 },
  PL: { name: 'Poland', currency: 'PLN', salaryShare: 0.75 },
};

interface Place {
  city: string;
  region: string | null;
  country: string;
  weight: number;
}

/** Offices for on-site and hybrid postings, weighted: US-heavy like the market. */
const PLACES: Place[] = [
  { city: 'San Francisco', region: 'CA', country: 'US', weight: 20 },
  { city: 'New York', region: 'NY', country: 'US', weight: 16 },
  { city: 'Seattle', region: 'WA', country: 'US', weight: 9 },
  { city: 'Austin', region: 'TX', country: 'US', weight: 6 },
  { city: 'Boston', region: 'MA', country: 'US', weight: 6 },
  { city: 'Mountain View', region: 'CA', country: 'US', weight: 4 },
  { city: 'Palo Alto', region: 'CA', country: 'US', weight: 3 },
  { city: 'Los Angeles', region: 'CA', country: 'US', weight: 4 },
  { city: 'Chicago', region: 'IL', country: 'US', weight: 4 },
  { city: 'Denver', region: 'CO', country: 'US', weight: 3 },
  { city: 'Atlanta', region: 'GA', country: 'US', weight: 2 },
  { city: 'Washington', region: 'DC', country: 'US', weight: 2 },
  { city: 'San Diego', region: 'CA', country: 'US', weight: 2 },
  { city: 'Raleigh', region: 'NC', country: 'US', weight: 1.5 },
  { city: 'Pittsburgh', region: 'PA', country: 'US', weight: 1.5 },
  { city: 'London', region: 'England', country: 'GB', weight: 7 },
  { city: 'Cambridge', region: 'England', country: 'GB', weight: 1 },
  { city: 'Manchester', region: 'England', country: 'GB', weight: 1 },
  { city: 'Edinburgh', region: 'Scotland', country: 'GB', weight: 0.8 },
  { city: 'Paris', region: 'Île-de-France', country: 'FR', weight: 4 },
  { city: 'Berlin', region: 'Berlin', country: 'DE', weight: 2.5 },
  { city: 'Munich', region: 'Bavaria', country: 'DE', weight: 1.5 },
  { city: 'Heidelberg', region: 'Baden-Württemberg', country: 'DE', weight: 0.5 },
  { city: 'Amsterdam', region: 'North Holland', country: 'NL', weight: 1.5 },
  { city: 'Dublin', region: 'Dublin', country: 'IE', weight: 1.2 },
  { city: 'Barcelona', region: 'Catalonia', country: 'ES', weight: 0.8 },
  { city: 'Toronto', region: 'ON', country: 'CA', weight: 3 },
  { city: 'Montreal', region: 'QC', country: 'CA', weight: 1.2 },
  { city: 'Vancouver', region: 'BC', country: 'CA', weight: 1.2 },
  { city: 'Bangalore', region: 'Karnataka', country: 'IN', weight: 3.5 },
  { city: 'Hyderabad', region: 'Telangana', country: 'IN', weight: 1.5 },
  { city: 'Pune', region: 'Maharashtra', country: 'IN', weight: 0.8 },
  { city: 'Singapore', region: null, country: 'SG', weight: 2 },
  { city: 'Zurich', region: 'Zurich', country: 'CH', weight: 2 },
  { city: 'Tokyo', region: 'Tokyo', country: 'JP', weight: 1.2 },
  { city: 'Sydney', region: 'NSW', country: 'AU', weight: 1.2 },
  { city: 'Melbourne', region: 'VIC', country: 'AU', weight: 0.6 },
  { city: 'Warsaw', region: 'Masovia', country: 'PL', weight: 1.5 },
  { city: 'Krakow', region: 'Lesser Poland', country: 'PL', weight: 0.7 },
];
const PLACE_CUM = cumulative(PLACES.map((p) => p.weight));

/** Countries of remote postings (city and region stay null). */
const REMOTE_COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['US', 70],
  ['GB', 6],
  ['CA', 6],
  ['DE', 4],
  ['IN', 4],
  ['PL', 3],
  ['ES', 2],
  ['NL', 2],
  ['IE', 1],
  ['FR', 1],
  ['AU', 1],
];
const REMOTE_CUM = cumulative(REMOTE_COUNTRIES.map(([, w]) => w));

// ---------------------------------------------------------------------------------------------------
// Roles: volume, seniority, domains, salaries, titles, skills
// ---------------------------------------------------------------------------------------------------

const SENIORITY_ORDER: readonly Seniority[] = ['junior', 'mid', 'senior', 'staff', 'principal'];
/**
 * Pay by seniority relative to senior. Deliberately compressed: the article's per-role p10–p90 bands
 * are narrow (e.g. 190K–320K) and must also absorb the domain premium and a year and a half of growth.
 */
const SENIORITY_PAY = [0.85, 0.93, 1, 1.07, 1.14];

const DOMAIN_ORDER: readonly Domain[] = ['general', 'healthcare', 'finance', 'legal', 'security'];
/** Specialist premium over `general` for the same role and seniority (article: +30–50%). */
const DOMAIN_PAY = [1, 1.35, 1.38, 1.34, 1.36];
/** How specialist postings split over the four verticals. */
const SPECIALIST_CUM = cumulative([0.28, 0.32, 0.15, 0.25]);

const MIX_AI = [0.08, 0.3, 0.38, 0.17, 0.07];
const MIX_SOFTWARE = [0.14, 0.34, 0.34, 0.13, 0.05];
const MIX_BUSINESS = [0.3, 0.42, 0.2, 0.06, 0.02];

interface RoleModel {
  key: RoleKey;
  family: RoleFamily;
  /** Relative posting volume at the start of the window, and its growth factor over the window. */
  volume: number;
  volumeGrowth: number;
  seniorityMix: number[];
  /** Share of postings in a specialist domain. */
  specialistShare: number;
  /** Annual USD midpoint for a senior, general-domain posting at `until` (before noise). */
  basePay: number;
  /** Year-over-year pay growth factor. */
  payGrowth: number;
  /** Lognormal noise (sd of log pay). */
  paySigma: number;
  titles: readonly string[];
  skills: readonly string[];
  blurbs: readonly string[];
}

/*
 * Calibration (checked in test/tools/seed/generator.test.ts, tuned on 1M-row runs): base pay and noise per
 * AI role were solved by simulation so each role's p10/p90 of annual USD midpoints hit the article's
 * table even after the seniority, domain (+34–38%) and trend factors widen the spread. AI roles whose
 * demand the article calls fast-growing also get the faster pay growth, and their rising share lifts
 * the AI-wide mean to ≈ +38% YoY while steady roles (applied ML, MLOps, architects) keep their bands
 * tight. Software base pay is set so AI pays ≈ 1.67× software at each seniority.
 */
const ROLE_MODELS: RoleModel[] = [
  {
    key: 'llm_engineer',
    family: 'ai',
    volume: 22,
    volumeGrowth: 2.6,
    seniorityMix: MIX_AI,
    specialistShare: 0.4,
    basePay: 274_100,
    payGrowth: 1.4,
    paySigma: 0.1209,
    titles: ['LLM Engineer', 'LLM Engineer', 'Generative AI Engineer', 'LLM Applications Engineer'],
    skills: ['python', 'llm', 'rag', 'langchain', 'evals', 'vllm', 'typescript', 'fastapi', 'vector-search', 'pytorch', 'prompt-design', 'kubernetes'],
    blurbs: [
      'You will design, ship and operate product features built on large language models, from prompt and tool design to evaluation and monitoring in production.',
      'You will turn frontier models into dependable products: grounding, tool use, evaluation harnesses and the guardrails that keep answers correct.',
    ],
  },
  {
    key: 'llm_fine_tuning',
    family: 'ai',
    volume: 9,
    volumeGrowth: 2.8,
    seniorityMix: MIX_AI,
    specialistShare: 0.4,
    basePay: 267_400,
    payGrowth: 1.42,
    paySigma: 0.1083,
    titles: ['LLM Fine-Tuning Engineer', 'LLM Fine-Tuning Engineer', 'Model Training Engineer', 'LLM Post-Training Engineer'],
    skills: ['python', 'pytorch', 'lora', 'rlhf', 'deepspeed', 'fsdp', 'evals', 'data-curation', 'transformers', 'cuda', 'jax', 'distributed-training'],
    blurbs: [
      'You will adapt foundation models to proprietary data: curating datasets, running fine-tuning and preference-optimisation jobs, and proving the gains with rigorous evaluation.',
      'You will own post-training runs end to end, from data curation and training dynamics to the evaluations that decide what ships.',
    ],
  },
  {
    key: 'ml_infrastructure',
    family: 'ai',
    volume: 16,
    volumeGrowth: 2,
    seniorityMix: MIX_AI,
    specialistShare: 0.25,
    basePay: 227_300,
    payGrowth: 1.28,
    paySigma: 0.0983,
    titles: ['ML Infrastructure Engineer', 'ML Infrastructure Engineer', 'MLOps Engineer', 'ML Platform Engineer'],
    skills: ['python', 'kubernetes', 'cuda', 'triton', 'ray', 'vllm', 'terraform', 'mlflow', 'kubeflow', 'docker', 'go', 'observability'],
    blurbs: [
      'You will keep models running at scale: GPU clusters, training and serving pipelines, autoscaling and the observability that tells us when something drifts.',
      'You will build the platform our researchers and product teams train, deploy and monitor models on, with reliability and cost as first-class goals.',
    ],
  },
  {
    key: 'ai_safety_alignment',
    family: 'ai',
    volume: 6,
    volumeGrowth: 3,
    seniorityMix: [0.08, 0.3, 0.34, 0.18, 0.1],
    specialistShare: 0.3,
    basePay: 321_200,
    payGrowth: 1.45,
    paySigma: 0.1381,
    titles: ['AI Safety Researcher', 'AI Safety Researcher', 'Alignment Researcher', 'AI Safety Research Engineer'],
    skills: ['python', 'pytorch', 'evals', 'rlhf', 'interpretability', 'red-teaming', 'jax', 'statistics', 'reward-modeling', 'adversarial-testing'],
    blurbs: [
      'You will study how capable models behave, design evaluations for dangerous capabilities and build the guardrails and training methods that keep them aligned.',
      'You will run experiments on model behaviour, from interpretability to red-teaming, and turn the findings into safeguards that ship with every release.',
    ],
  },
  {
    key: 'rag_retrieval',
    family: 'ai',
    volume: 10,
    volumeGrowth: 2.4,
    seniorityMix: MIX_AI,
    specialistShare: 0.4,
    basePay: 234_400,
    payGrowth: 1.32,
    paySigma: 0.0873,
    titles: ['RAG Engineer', 'RAG Engineer', 'Retrieval Engineer', 'Search & Retrieval Engineer'],
    skills: ['python', 'rag', 'vector-search', 'embeddings', 'elasticsearch', 'pgvector', 'langchain', 'llamaindex', 'reranking', 'evals', 'information-retrieval', 'postgres'],
    blurbs: [
      'You will ground model answers in company data: ingestion, chunking, embeddings, hybrid search and reranking, measured with retrieval evaluations.',
      'You will build the retrieval-augmented generation pipelines that let customers trust answers drawn from their own documents.',
    ],
  },
  {
    key: 'applied_ml',
    family: 'ai',
    volume: 30,
    volumeGrowth: 1,
    seniorityMix: MIX_AI,
    specialistShare: 0.35,
    basePay: 206_100,
    payGrowth: 1.24,
    paySigma: 0.0786,
    titles: ['Applied ML Engineer', 'Applied ML Engineer', 'Machine Learning Engineer', 'Applied Scientist'],
    skills: ['python', 'pytorch', 'scikit-learn', 'tensorflow', 'sql', 'spark', 'xgboost', 'mlflow', 'recommendation-systems', 'experimentation', 'aws'],
    blurbs: [
      'You will ship machine-learning features into the product, from framing the problem and building datasets to online experiments and monitoring.',
      'You will work with product teams to turn data into models that customers feel every day: ranking, forecasting, classification and more.',
    ],
  },
  {
    key: 'ai_platform_architect',
    family: 'ai',
    volume: 3,
    volumeGrowth: 5,
    seniorityMix: [0, 0.08, 0.42, 0.36, 0.14],
    specialistShare: 0.25,
    basePay: 242_400,
    payGrowth: 1.26,
    paySigma: 0.0784,
    titles: ['AI Platform Architect', 'AI Platform Architect', 'AI Solutions Architect', 'Enterprise AI Architect'],
    skills: ['system-design', 'kubernetes', 'aws', 'gcp', 'azure', 'terraform', 'python', 'ray', 'vllm', 'governance', 'mlops', 'data-platforms'],
    blurbs: [
      'You will design the platforms AI systems run on across the organisation: model gateways, data access, evaluation, governance and cost controls.',
      'You will set the architecture for how teams build with models, balancing speed, security and spend, and guide them from prototype to production.',
    ],
  },
  {
    key: 'software_engineer',
    family: 'software',
    volume: 60,
    volumeGrowth: 0.9,
    seniorityMix: MIX_SOFTWARE,
    specialistShare: 0.38,
    basePay: 128_300,
    payGrowth: 1.04,
    paySigma: 0.15,
    titles: ['Software Engineer', 'Software Engineer', 'Backend Engineer', 'Full-Stack Engineer', 'Frontend Engineer'],
    skills: ['typescript', 'react', 'node', 'go', 'java', 'python', 'postgres', 'aws', 'graphql', 'kubernetes', 'rust', 'docker'],
    blurbs: [
      'You will build and run the services and interfaces our customers rely on, owning features from design review to production.',
      'You will write well-tested code across the stack, improve performance and reliability, and help shape our engineering practices.',
    ],
  },
  {
    key: 'devops_engineer',
    family: 'software',
    volume: 20,
    volumeGrowth: 1,
    seniorityMix: MIX_SOFTWARE,
    specialistShare: 0.35,
    basePay: 132_100,
    payGrowth: 1.04,
    paySigma: 0.15,
    titles: ['DevOps Engineer', 'DevOps Engineer', 'Site Reliability Engineer', 'Platform Engineer'],
    skills: ['kubernetes', 'terraform', 'aws', 'gcp', 'linux', 'prometheus', 'ci-cd', 'docker', 'go', 'bash', 'ansible', 'observability'],
    blurbs: [
      'You will keep our infrastructure fast, secure and boring: deployments, observability, incident response and capacity planning.',
      'You will automate how we build, ship and operate software, and raise the bar for reliability across teams.',
    ],
  },
  {
    key: 'data_engineer',
    family: 'software',
    volume: 18,
    volumeGrowth: 1.05,
    seniorityMix: MIX_SOFTWARE,
    specialistShare: 0.4,
    basePay: 128_300,
    payGrowth: 1.04,
    paySigma: 0.15,
    titles: ['Data Engineer', 'Data Engineer', 'Analytics Engineer', 'Data Platform Engineer'],
    skills: ['sql', 'python', 'spark', 'airflow', 'dbt', 'kafka', 'snowflake', 'bigquery', 'postgres', 'scala', 'data-modeling'],
    blurbs: [
      'You will build the pipelines and models that move data from our products into a warehouse the whole company trusts.',
      'You will design batch and streaming data flows, data contracts and the quality checks that keep them honest.',
    ],
  },
  {
    key: 'qa_engineer',
    family: 'software',
    volume: 16,
    volumeGrowth: 0.75,
    seniorityMix: MIX_SOFTWARE,
    specialistShare: 0.35,
    basePay: 105_100,
    payGrowth: 1.04,
    paySigma: 0.15,
    titles: ['QA Engineer', 'QA Engineer', 'Test Automation Engineer', 'Software Engineer in Test'],
    skills: ['playwright', 'selenium', 'cypress', 'python', 'typescript', 'test-automation', 'ci-cd', 'jira', 'api-testing', 'performance-testing'],
    blurbs: [
      'You will own the quality of our releases: automated test suites, release checks and the tooling that catches regressions early.',
      'You will build test automation across web and API layers and work with engineers to make quality everyone’s job.',
    ],
  },
  {
    key: 'data_analyst',
    family: 'business',
    volume: 30,
    volumeGrowth: 0.6,
    seniorityMix: MIX_BUSINESS,
    specialistShare: 0.45,
    basePay: 92_000,
    payGrowth: 1.02,
    paySigma: 0.17,
    titles: ['Data Analyst', 'Data Analyst', 'Business Intelligence Analyst', 'Reporting Analyst'],
    skills: ['sql', 'excel', 'tableau', 'looker', 'python', 'power-bi', 'statistics', 'dbt', 'reporting'],
    blurbs: [
      'You will answer business questions with data: recurring reports, dashboards and ad-hoc analysis for teams across the company.',
      'You will maintain our reporting and turn raw numbers into clear recommendations for stakeholders.',
    ],
  },
  {
    key: 'customer_support',
    family: 'business',
    volume: 36,
    volumeGrowth: 0.45,
    seniorityMix: MIX_BUSINESS,
    specialistShare: 0.4,
    basePay: 60_000,
    payGrowth: 1.02,
    paySigma: 0.17,
    titles: ['Customer Support Specialist', 'Customer Support Specialist', 'Customer Support Representative', 'Technical Support Specialist'],
    skills: ['zendesk', 'intercom', 'salesforce', 'jira', 'communication', 'troubleshooting', 'sql', 'knowledge-base'],
    blurbs: [
      'You will help customers get unstuck by email, chat and phone, resolve tier-1 and tier-2 issues and feed what you learn back to the product team.',
      'You will be the voice of our customers: answering questions, troubleshooting problems and keeping our help centre current.',
    ],
  },
  {
    key: 'content_moderation',
    family: 'business',
    volume: 21,
    volumeGrowth: 0.4,
    seniorityMix: MIX_BUSINESS,
    specialistShare: 0.3,
    basePay: 50_000,
    payGrowth: 1.02,
    paySigma: 0.17,
    titles: ['Content Moderator', 'Content Moderator', 'Trust & Safety Specialist', 'Content Review Specialist'],
    skills: ['trust-and-safety', 'policy-enforcement', 'content-review', 'escalation-handling', 'multilingual', 'zendesk', 'labeling'],
    blurbs: [
      'You will review user content against our policies, handle escalations with care and help refine the guidelines as new patterns emerge.',
      'You will keep our community safe by reviewing reports, applying policy consistently and flagging emerging abuse trends.',
    ],
  },
];

// Every taxonomy role needs a model, and no model may invent a role.
if (ROLE_MODELS.length !== ROLES.length || ROLES.some((r, i) => ROLE_MODELS[i]!.key !== r.key || ROLE_MODELS[i]!.family !== r.family)) {
  throw new Error('demo generator: ROLE_MODELS out of step with src/reference/taxonomy.ts ROLES');
}

const SENIORITY_PREFIX: Record<RoleFamily, readonly string[]> = {
  ai: ['Junior ', '', 'Senior ', 'Staff ', 'Principal '],
  software: ['Junior ', '', 'Senior ', 'Staff ', 'Principal '],
  business: ['Junior ', '', 'Senior ', 'Lead ', 'Principal '],
};
const DOMAIN_SUFFIX = ['', ', Healthcare', ', Finance', ', Legal', ', Security'];
const DOMAIN_SKILLS: readonly (readonly string[])[] = [
  [],
  ['hipaa', 'fhir', 'hl7', 'clinical-data'],
  ['risk-modeling', 'fraud-detection', 'pci-dss', 'kyc'],
  ['e-discovery', 'contract-analysis', 'regulatory-compliance'],
  ['threat-modeling', 'soc2', 'siem', 'appsec'],
];
const DOMAIN_BLURB = [
  '',
  ' You will work with clinical and patient data under HIPAA, alongside clinicians who use what you build.',
  ' You will work in a regulated financial setting where accuracy, auditability and risk controls matter.',
  ' You will partner with lawyers on contracts, discovery and compliance, where precision is non-negotiable.',
  ' You will work closely with our security team, where threat models and abuse resistance shape every design.',
];
const REQUIREMENTS = [
  'Production experience with ',
  'Solid working knowledge of ',
  'A track record of shipping with ',
  'Comfort going deep on ',
];
const CLOSINGS = [
  'We offer competitive pay, equity and a generous learning budget.',
  'Expect a small, senior team, real ownership and room to grow.',
  'We offer flexible hours, full health cover and time to learn.',
  'You will join a team that values clear writing, kindness and shipping.',
];

const SKILL_COUNT_CUM = cumulative([10, 20, 25, 20, 15, 10]); // 3..8 skills

// ---------------------------------------------------------------------------------------------------
// Companies
// ---------------------------------------------------------------------------------------------------

interface NamedCompany {
  name: string;
  website: string;
  hq: string;
  size: CompanySize;
  description: string;
}

const AI_NATIVE: NamedCompany[] = [
  { name: 'OpenAI', website: 'https://openai.com', hq: 'US', size: '1001-5000', description: 'AI research and deployment company behind ChatGPT and the GPT models.' },
  { name: 'Anthropic', website: 'https://www.anthropic.com', hq: 'US', size: '1001-5000', description: 'AI research company building reliable, interpretable and steerable AI systems.' },
  { name: 'xAI', website: 'https://x.ai', hq: 'US', size: '1001-5000', description: 'AI company building the Grok models.' },
  { name: 'Cohere', website: 'https://cohere.com', hq: 'CA', size: '201-1000', description: 'Enterprise AI platform for language models, search and retrieval.' },
  { name: 'Mistral AI', website: 'https://mistral.ai', hq: 'FR', size: '201-1000', description: 'European AI lab shipping open-weight and commercial language models.' },
  { name: 'Hugging Face', website: 'https://huggingface.co', hq: 'US', size: '201-1000', description: 'The open platform where the machine-learning community shares models and datasets.' },
  { name: 'Perplexity', website: 'https://www.perplexity.ai', hq: 'US', size: '201-1000', description: 'AI-powered answer engine.' },
  { name: 'Scale AI', website: 'https://scale.com', hq: 'US', size: '1001-5000', description: 'Data and evaluation infrastructure for training frontier AI models.' },
  { name: 'Together AI', website: 'https://www.together.ai', hq: 'US', size: '201-1000', description: 'Cloud platform for training, fine-tuning and serving open models.' },
  { name: 'Aleph Alpha', website: 'https://aleph-alpha.com', hq: 'DE', size: '201-1000', description: 'Sovereign generative AI for enterprises and governments.' },
];

const BIG_TECH: NamedCompany[] = [
  { name: 'Google', website: 'https://www.google.com', hq: 'US', size: '10001+', description: 'Search, cloud, Android and the Gemini models.' },
  { name: 'Microsoft', website: 'https://www.microsoft.com', hq: 'US', size: '10001+', description: 'Cloud, productivity software and Copilot.' },
  { name: 'Meta', website: 'https://www.meta.com', hq: 'US', size: '10001+', description: 'Social apps, the Llama models and reality hardware.' },
  { name: 'Amazon', website: 'https://www.amazon.com', hq: 'US', size: '10001+', description: 'E-commerce, AWS cloud and devices.' },
  { name: 'Apple', website: 'https://www.apple.com', hq: 'US', size: '10001+', description: 'Consumer hardware, software and services.' },
  { name: 'NVIDIA', website: 'https://www.nvidia.com', hq: 'US', size: '10001+', description: 'Accelerated computing: the GPUs and software stack AI runs on.' },
];

const LEGACY: NamedCompany[] = [
  { name: 'Oracle', website: 'https://www.oracle.com', hq: 'US', size: '10001+', description: 'Databases, enterprise applications and cloud infrastructure.' },
  { name: 'Dell', website: 'https://www.dell.com', hq: 'US', size: '10001+', description: 'PCs, servers and storage for consumers and enterprises.' },
  { name: 'Intel', website: 'https://www.intel.com', hq: 'US', size: '10001+', description: 'Semiconductor design and manufacturing.' },
  { name: 'IBM', website: 'https://www.ibm.com', hq: 'US', size: '10001+', description: 'Hybrid cloud, consulting and enterprise AI.' },
  { name: 'Cisco', website: 'https://www.cisco.com', hq: 'US', size: '10001+', description: 'Networking hardware, software and collaboration tools.' },
  { name: 'HP', website: 'https://www.hp.com', hq: 'US', size: '10001+', description: 'Personal computers, printers and workplace devices.' },
  { name: 'SAP', website: 'https://www.sap.com', hq: 'DE', size: '10001+', description: 'Enterprise resource planning and business software.' },
];

/** Fictional mid-tier SaaS vendors whose support, moderation and reporting teams AI is replacing. */
const NAMED_SAAS: NamedCompany[] = [
  { name: 'Helpwell', website: 'https://www.helpwell.com', hq: 'US', size: '1001-5000', description: 'Help-desk and customer-service software for mid-sized businesses.' },
  { name: 'Brightdesk', website: 'https://www.brightdesk.io', hq: 'US', size: '1001-5000', description: 'Omnichannel customer support platform.' },
  { name: 'Clearpath CRM', website: 'https://www.clearpathcrm.com', hq: 'US', size: '1001-5000', description: 'CRM and sales pipeline software.' },
  { name: 'Trustlayer', website: 'https://www.trustlayer.io', hq: 'US', size: '201-1000', description: 'Content moderation and community management tools.' },
  { name: 'Tallyhive', website: 'https://www.tallyhive.com', hq: 'GB', size: '201-1000', description: 'Self-serve reporting and dashboards for operations teams.' },
  { name: 'Pagewise', website: 'https://www.pagewise.com', hq: 'CA', size: '201-1000', description: 'Knowledge-base and documentation software.' },
];

/** Fictional non-tech employers: they hire AI talent for a vertical, so their postings lean to a domain. */
const OTHER: NamedCompany[] = [
  { name: 'Meridian Health System', website: 'https://www.meridianhealthsystem.org', hq: 'US', size: '10001+', description: 'Regional hospital network and health system.' },
  { name: 'Riverbend Medical Group', website: 'https://www.riverbendmedical.com', hq: 'US', size: '5001-10000', description: 'Multi-specialty medical practice and clinics.' },
  { name: 'Northbridge Bank', website: 'https://www.northbridgebank.com', hq: 'US', size: '10001+', description: 'Retail and commercial bank.' },
  { name: 'Halcyon Insurance Group', website: 'https://www.halcyoninsurance.com', hq: 'US', size: '5001-10000', description: 'Property, casualty and life insurance.' },
  { name: 'Keystone Capital Markets', website: 'https://www.keystonecm.com', hq: 'GB', size: '1001-5000', description: 'Investment bank and capital markets advisory.' },
  { name: 'Carver Holt LLP', website: 'https://www.carverholt.com', hq: 'US', size: '1001-5000', description: 'Corporate law firm.' },
  { name: 'Sterling Ashby Legal', website: 'https://www.sterlingashby.co.uk', hq: 'GB', size: '1001-5000', description: 'Law firm advising on litigation and regulation.' },
  { name: 'Bastion Cyber Defense', website: 'https://www.bastioncyber.com', hq: 'US', size: '1001-5000', description: 'Managed cybersecurity and incident response.' },
  { name: 'Crescent Logistics', website: 'https://www.crescentlogistics.com', hq: 'US', size: '10001+', description: 'Freight, warehousing and last-mile delivery.' },
  { name: 'Evergreen Retail Group', website: 'https://www.evergreenretail.com', hq: 'US', size: '10001+', description: 'Grocery and home-goods retailer.' },
];

const NAME_STEMS = [
  'Ledger', 'Pulse', 'Beacon', 'Harbor', 'Summit', 'Vector', 'Canopy', 'Quill', 'Relay', 'Tandem', 'Orbit', 'Lumen',
  'Cobalt', 'Juniper', 'Kestrel', 'Maple', 'Nimbus', 'Onyx', 'Prism', 'Quartz', 'Sable', 'Tidal', 'Verve', 'Willow',
  'Zephyr', 'Bramble', 'Cinder', 'Drift', 'Ember', 'Fathom', 'Granite', 'Hearth', 'Aurora', 'Basalt', 'Cedar', 'Fern',
  'Helix', 'Iris', 'Jasper', 'Kite', 'Lattice', 'Nova', 'Quanta', 'Ripple', 'Sierra', 'Terra', 'Vela', 'Wren', 'Yarrow',
  'Zenith', 'Crest', 'Dune', 'Echo', 'Flux', 'Halo', 'Loom', 'Mica', 'Opal', 'Quasar', 'Spire', 'Umbra', 'Vireo',
];
const SAAS_TAILS = ['desk', 'flow', 'stack', 'base', 'hub', 'works', 'grid', 'ly', 'metrics', 'sync', 'form', 'cloud', 'dock', 'board'];
const SAAS_PRODUCTS = [
  'help-desk', 'CRM', 'invoicing', 'HR and payroll', 'scheduling', 'product analytics', 'e-commerce', 'marketing automation',
  'survey', 'expense management', 'project management', 'customer messaging', 'community', 'e-signature', 'recruiting',
];
const SAAS_AUDIENCES = ['small businesses', 'mid-market companies', 'enterprise teams', 'agencies', 'online retailers', 'support teams'];
const STARTUP_TAILS = ['mind', 'forge', 'shift', 'path', 'point', 'field', 'bit', 'core', 'scale', 'sense', 'wave', 'light', 'gate', 'mark', 'loop', 'ray'];
const STARTUP_KINDS: ReadonlyArray<readonly [suffix: string, tld: string, description: string, weight: number]> = [
  [' AI', 'ai', 'Startup building AI agents for {x}.', 30],
  [' Labs', 'io', 'Seed-stage lab working on {x}.', 18],
  ['', 'io', 'Developer tools for {x}.', 12],
  [' Data', 'io', 'Data infrastructure for {x}.', 8],
  [' Health', 'com', 'AI for healthcare: clinical documentation and patient triage.', 10],
  [' Finance', 'com', 'AI for finance: fraud detection and risk analytics for banks and fintechs.', 8],
  [' Legal', 'com', 'AI for legal teams: contract review and discovery.', 5],
  [' Security', 'io', 'AI-native security: threat detection and response.', 9],
];
const STARTUP_TOPICS = [
  'customer support automation', 'code review', 'document understanding', 'voice agents', 'model evaluation', 'LLM observability',
  'synthetic data', 'enterprise search', 'inference optimisation', 'robotics software', 'sales automation', 'data labelling',
];
const STARTUP_KIND_CUM = cumulative(STARTUP_KINDS.map((k) => k[3]));
const GENERATED_HQ: ReadonlyArray<readonly [string, number]> = [
  ['US', 66],
  ['GB', 8],
  ['DE', 5],
  ['FR', 5],
  ['CA', 5],
  ['IN', 4],
  ['SG', 2],
  ['CH', 2],
  ['PL', 2],
  ['NL', 1],
];
const GENERATED_HQ_CUM = cumulative(GENERATED_HQ.map(([, w]) => w));

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The demo companies: the article's named players in their categories, fictional mid-tier SaaS and
 * startups (names drawn from the seed) and a few non-tech employers. Stable order, deterministic ids.
 */
export function demoCompanies(seed: number): DemoCompany[] {
  const rng = new Rng(seed, 1);
  const out: DemoCompany[] = [];
  const slugs = new Set<string>();
  const add = (category: CompanyCategory, c: NamedCompany): void => {
    const slug = slugify(c.name);
    if (slugs.has(slug)) return;
    slugs.add(slug);
    out.push({ id: rng.uuid(), slug, name: c.name, category, website: c.website, hqCountry: c.hq, size: c.size, description: c.description });
  };
  AI_NATIVE.forEach((c) => add('ai_native', c));
  BIG_TECH.forEach((c) => add('big_tech', c));
  LEGACY.forEach((c) => add('legacy_enterprise', c));
  NAMED_SAAS.forEach((c) => add('saas', c));
  OTHER.forEach((c) => add('other', c));

  const hq = (): string => GENERATED_HQ[pickCumulative(GENERATED_HQ_CUM, 0, GENERATED_HQ_CUM.length, rng.float())]![0];
  let saas = 0;
  for (let guard = 0; saas < 60 && guard < 10_000; guard++) {
    const stem = rng.pick(NAME_STEMS);
    const name = stem + rng.pick(SAAS_TAILS);
    if (slugs.has(slugify(name))) continue;
    const size: CompanySize = rng.pick(['201-1000', '201-1000', '1001-5000', '1001-5000', '5001-10000'] as const);
    const tld = rng.float() < 0.6 ? 'com' : 'io';
    add('saas', {
      name,
      website: `https://www.${slugify(name)}.${tld}`,
      hq: hq(),
      size,
      description: `${name} makes ${rng.pick(SAAS_PRODUCTS)} software for ${rng.pick(SAAS_AUDIENCES)}.`,
    });
    saas++;
  }
  let startups = 0;
  const bases = new Set<string>(); // one company per brand, so no two share a web host
  for (let guard = 0; startups < 120 && guard < 10_000; guard++) {
    const [suffix, tld, template] = STARTUP_KINDS[pickCumulative(STARTUP_KIND_CUM, 0, STARTUP_KIND_CUM.length, rng.float())]!;
    const base = rng.pick(NAME_STEMS) + rng.pick(STARTUP_TAILS);
    const name = base + suffix;
    if (bases.has(base) || slugs.has(slugify(name))) continue;
    bases.add(base);
    const size: CompanySize = rng.pick(['1-10', '11-50', '11-50', '11-50', '51-200', '51-200', '51-200'] as const);
    add('startup', {
      name,
      website: `https://${slugify(base)}.${tld}`,
      hq: hq(),
      size,
      description: template.replace('{x}', rng.pick(STARTUP_TOPICS)),
    });
    startups++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------------------------------

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
const PERIODS: readonly SalaryPeriod[] = ['year', 'month', 'week', 'day', 'hour'];
const PERIOD_CUM: Record<EmploymentType, Float64Array> = {
  full_time: cumulative([0.97, 0.03, 0, 0, 0]),
  contract: cumulative([0.1, 0.15, 0, 0.2, 0.55]),
  part_time: cumulative([0, 0, 0, 0, 1]),
  temporary: cumulative([0, 0, 0.3, 0, 0.7]),
  internship: cumulative([0, 0.6, 0, 0, 0.4]),
};
/** Rounding step per period in USD-like units; scaled for currencies with small units. */
const PERIOD_STEP: Record<SalaryPeriod, number> = { year: 1000, month: 100, week: 10, day: 10, hour: 1 };
const CURRENCY_STEP_SCALE: Record<string, number> = { JPY: 100, INR: 50 };

const CLOSE_REASON_CUM = cumulative([0.62, 0.18, 0.2]); // filled, cancelled, expired
const CLOSE_REASONS: readonly CloseReason[] = ['filled', 'cancelled', 'expired'];

/** 3–8 distinct skills: usually the role's core skill first, a random draw of the rest, maybe a domain one. */
function pickSkills(rng: Rng, pool: readonly string[], domain: number, count: number, scratch: number[]): string[] {
  scratch.length = 0;
  for (let i = 0; i < pool.length; i++) scratch.push(i);
  const domainSkill = domain !== 0 && rng.float() < 0.6 ? rng.pick(DOMAIN_SKILLS[domain]!) : null;
  const wanted = Math.min(pool.length, domainSkill ? count - 1 : count);
  const out: string[] = [];
  let from = 0;
  if (rng.float() < 0.85) {
    out.push(pool[0]!);
    from = 1;
  }
  // Partial Fisher–Yates over the remaining indexes.
  for (let i = from; out.length < wanted; i++) {
    const j = i + rng.int(scratch.length - i);
    const picked = scratch[j]!;
    scratch[j] = scratch[i]!;
    scratch[i] = picked;
    out.push(pool[picked]!);
  }
  if (domainSkill) out.push(domainSkill);
  return out;
}

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
