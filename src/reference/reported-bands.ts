/**
 * Curated, published salary ranges: the table of the market article in `seed/` ("The AI Hiring
 * Paradox", 2026). Reference data like the role taxonomy: migrate() keeps `reported_salary_bands`
 * in step with this list (see `syncReportedBands`), and `GET /v1/salaries/reported` shows each band
 * beside the p10–p90 observed in postings of the same role.
 */
import type { RoleKey, Seniority } from './taxonomy.js';

export interface ReportedBand {
  /** Stable id: `<source slug>:<role>[-<seniority>]`. */
  id: string;
  role: RoleKey;
  /** The seniority the source names, if any (the article names one only for LLM engineers). */
  seniority: Seniority | null;
  /** The row's label as published. */
  label: string;
  /** Annual USD. */
  minUsd: number;
  maxUsd: number;
  demandTrend: string | null;
  source: string;
  /** YYYY-MM-DD. */
  publishedOn: string;
}

export const AI_HIRING_PARADOX_SOURCE = 'The AI Hiring Paradox (2026)';

/**
 * The article is undated; it reports Q1 2026 layoffs "between January and April 2026" and gives advice
 * for Q2 2026, so it is dated here at the start of May 2026.
 */
export const AI_HIRING_PARADOX_PUBLISHED_ON = '2026-05-01';

const band = (
  role: RoleKey,
  seniority: Seniority | null,
  label: string,
  minUsd: number,
  maxUsd: number,
  demandTrend: string,
): ReportedBand => ({
  id: `ai-hiring-paradox-2026:${role}${seniority ? `-${seniority}` : ''}`,
  role,
  seniority,
  label,
  minUsd,
  maxUsd,
  demandTrend,
  source: AI_HIRING_PARADOX_SOURCE,
  publishedOn: AI_HIRING_PARADOX_PUBLISHED_ON,
});

/** "Current ranges for in-demand AI roles", in the article's order. */
export const REPORTED_SALARY_BANDS: readonly ReportedBand[] = [
  band('llm_engineer', 'senior', 'Senior LLM Engineer', 180_000, 350_000, 'Growing fast'),
  band('ml_infrastructure', null, 'ML Infrastructure / MLOps', 160_000, 280_000, 'Bottleneck role'),
  band('ai_safety_alignment', null, 'AI Safety Researcher', 200_000, 400_000, 'Expanding rapidly'),
  band('applied_ml', null, 'Applied ML Engineer', 150_000, 260_000, 'Steady'),
  band('ai_platform_architect', null, 'AI Platform Architect', 190_000, 320_000, 'New category'),
];
