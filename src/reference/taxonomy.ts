/**
 * The closed vocabularies of the job market. One list per dimension drives the database enums,
 * the request validation, the OpenAPI enums and `GET /v1/taxonomy`.
 */

export const ROLE_FAMILIES = ['ai', 'software', 'business'] as const;
export type RoleFamily = (typeof ROLE_FAMILIES)[number];

export interface RoleDefinition {
  key: string;
  label: string;
  family: RoleFamily;
  description: string;
}

export const ROLES = [
  { key: 'llm_engineer', label: 'LLM Engineer', family: 'ai', description: 'Builds products and systems on large language models.' },
  { key: 'llm_fine_tuning', label: 'LLM Fine-Tuning Engineer', family: 'ai', description: 'Trains and adapts models on proprietary data: training dynamics, data curation, evaluation.' },
  { key: 'ml_infrastructure', label: 'ML Infrastructure / MLOps Engineer', family: 'ai', description: 'Keeps models running at scale: serving, pipelines, GPUs, observability.' },
  { key: 'ai_safety_alignment', label: 'AI Safety & Alignment Researcher', family: 'ai', description: 'Evaluates model behaviour and builds guardrails.' },
  { key: 'rag_retrieval', label: 'RAG & Retrieval Engineer', family: 'ai', description: 'Grounds model answers in company data: search, embeddings, retrieval pipelines.' },
  { key: 'applied_ml', label: 'Applied ML Engineer', family: 'ai', description: 'Ships machine-learning features into products.' },
  { key: 'ai_platform_architect', label: 'AI Platform Architect', family: 'ai', description: 'Designs the platforms that AI systems run on across an organisation.' },
  { key: 'software_engineer', label: 'Software Engineer', family: 'software', description: 'General back-end, front-end or full-stack software engineering.' },
  { key: 'devops_engineer', label: 'DevOps / Site Reliability Engineer', family: 'software', description: 'Infrastructure, deployment and reliability of conventional software.' },
  { key: 'data_engineer', label: 'Data Engineer', family: 'software', description: 'Data pipelines and warehouses.' },
  { key: 'qa_engineer', label: 'QA / Test Engineer', family: 'software', description: 'Testing and quality assurance of software.' },
  { key: 'data_analyst', label: 'Data Analyst', family: 'business', description: 'Reporting and basic data analysis.' },
  { key: 'customer_support', label: 'Customer Support Specialist', family: 'business', description: 'Tier-1 and tier-2 customer support.' },
  { key: 'content_moderation', label: 'Content Moderator', family: 'business', description: 'Reviews user content against policy.' },
] as const satisfies readonly RoleDefinition[];

export const ROLE_KEYS = ROLES.map((r) => r.key) as [RoleKey, ...RoleKey[]];
export type RoleKey = (typeof ROLES)[number]['key'];

/** A dimension value with its human label, in display order. */
export interface Term<K extends string = string> {
  key: K;
  label: string;
}

function keysOf<const T extends readonly Term[]>(terms: T): [T[number]['key'], ...T[number]['key'][]] {
  return terms.map((t) => t.key) as [T[number]['key'], ...T[number]['key'][]];
}

export const SENIORITIES = [
  { key: 'junior', label: 'Junior' },
  { key: 'mid', label: 'Mid-level' },
  { key: 'senior', label: 'Senior' },
  { key: 'staff', label: 'Staff' },
  { key: 'principal', label: 'Principal' },
] as const;
export const SENIORITY_KEYS = keysOf(SENIORITIES);
export type Seniority = (typeof SENIORITY_KEYS)[number];

export const DOMAINS = [
  { key: 'general', label: 'General' },
  { key: 'healthcare', label: 'Healthcare' },
  { key: 'finance', label: 'Finance' },
  { key: 'legal', label: 'Legal' },
  { key: 'security', label: 'Security' },
] as const;
export const DOMAIN_KEYS = keysOf(DOMAINS);
export type Domain = (typeof DOMAIN_KEYS)[number];

export const COMPANY_CATEGORIES = [
  { key: 'ai_native', label: 'AI-native' },
  { key: 'big_tech', label: 'Big Tech' },
  { key: 'legacy_enterprise', label: 'Legacy enterprise' },
  { key: 'saas', label: 'SaaS' },
  { key: 'startup', label: 'Startup' },
  { key: 'other', label: 'Other' },
] as const;
export const COMPANY_CATEGORY_KEYS = keysOf(COMPANY_CATEGORIES);
export type CompanyCategory = (typeof COMPANY_CATEGORY_KEYS)[number];

export const WORKPLACES = [
  { key: 'onsite', label: 'On-site' },
  { key: 'hybrid', label: 'Hybrid' },
  { key: 'remote', label: 'Remote' },
] as const;
export const WORKPLACE_KEYS = keysOf(WORKPLACES);
export type Workplace = (typeof WORKPLACE_KEYS)[number];

export const EMPLOYMENT_TYPES = [
  { key: 'full_time', label: 'Full-time' },
  { key: 'part_time', label: 'Part-time' },
  { key: 'contract', label: 'Contract' },
  { key: 'internship', label: 'Internship' },
  { key: 'temporary', label: 'Temporary' },
] as const;
export const EMPLOYMENT_TYPE_KEYS = keysOf(EMPLOYMENT_TYPES);
export type EmploymentType = (typeof EMPLOYMENT_TYPE_KEYS)[number];

export const COMPANY_SIZES = [
  { key: '1-10', label: '1–10 employees' },
  { key: '11-50', label: '11–50 employees' },
  { key: '51-200', label: '51–200 employees' },
  { key: '201-1000', label: '201–1,000 employees' },
  { key: '1001-5000', label: '1,001–5,000 employees' },
  { key: '5001-10000', label: '5,001–10,000 employees' },
  { key: '10001+', label: 'More than 10,000 employees' },
] as const;
export const COMPANY_SIZE_KEYS = keysOf(COMPANY_SIZES);
export type CompanySize = (typeof COMPANY_SIZE_KEYS)[number];

export const SALARY_PERIODS = [
  { key: 'hour', label: 'Per hour' },
  { key: 'day', label: 'Per day' },
  { key: 'week', label: 'Per week' },
  { key: 'month', label: 'Per month' },
  { key: 'year', label: 'Per year' },
] as const;
export const SALARY_PERIOD_KEYS = keysOf(SALARY_PERIODS);
export type SalaryPeriod = (typeof SALARY_PERIOD_KEYS)[number];

/** Multipliers from a posted period to a year: 2,080 working hours, 260 days, 52 weeks, 12 months. */
export const ANNUALISE: Record<SalaryPeriod, number> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

export const JOB_STATUSES = [
  { key: 'open', label: 'Open' },
  { key: 'closed', label: 'Closed' },
] as const;
export const JOB_STATUS_KEYS = keysOf(JOB_STATUSES);
export type JobStatus = (typeof JOB_STATUS_KEYS)[number];

export const CLOSE_REASONS = [
  { key: 'filled', label: 'Filled' },
  { key: 'cancelled', label: 'Cancelled' },
  { key: 'expired', label: 'Expired' },
] as const;
export const CLOSE_REASON_KEYS = keysOf(CLOSE_REASONS);
export type CloseReason = (typeof CLOSE_REASON_KEYS)[number];

export const JOB_EVENT_TYPES = ['created', 'updated', 'closed', 'reopened'] as const;
export type JobEventType = (typeof JOB_EVENT_TYPES)[number];

/** Access tiers: `anonymous` (no credentials, by client IP) is never stored on a key. */
export const KEY_TIERS = ['free', 'partner', 'internal'] as const;
export type KeyTier = (typeof KEY_TIERS)[number];
export const TIERS = ['anonymous', ...KEY_TIERS] as const;
export type Tier = (typeof TIERS)[number];

export const SCOPES = ['jobs:read', 'jobs:write', 'analytics:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];
