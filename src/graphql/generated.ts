import type { GraphQLResolveInfo } from 'graphql';
import type { JobModel, CompanyRefModel, CompanyModel, LayoffModel } from './models.js';
import type { GraphQLContext } from './context.js';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

export type AiPremium = {
  __typename?: 'AiPremium';
  baseline: Scalars['String']['output'];
  baselineCount: Scalars['Int']['output'];
  cells: Array<PremiumCell>;
  cellsCompared: Scalars['Int']['output'];
  count: Scalars['Int']['output'];
  family: Scalars['String']['output'];
  /** The premium, `ratio − 1`: a fraction (0.25 is +25 %), 4 decimals; null when no cell is compared. For the AI premium of a period, `market.salaries.aiPremium` is the same figure. */
  premium?: Maybe<Scalars['Float']['output']>;
  /** Count-weighted mean over the compared cells of value / baseline value: a multiplier (1.25 is 25 % more), 4 decimals; null when no cell is compared. */
  ratio?: Maybe<Scalars['Float']['output']>;
};

export type ApiKey = {
  __typename?: 'ApiKey';
  company?: Maybe<ApiKeyCompany>;
  createdAt: Scalars['String']['output'];
  expiresAt?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  prefix: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['String']['output']>;
  rotatedFrom?: Maybe<Scalars['String']['output']>;
  /** REST scope strings, e.g. `jobs:write`. */
  scopes: Array<Scalars['String']['output']>;
  status: Scalars['String']['output'];
  tier: KeyTier;
};

export type ApiKeyCompany = {
  __typename?: 'ApiKeyCompany';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
};

export type BatchItem = {
  externalId: Scalars['String']['input'];
  job?: InputMaybe<JobInput>;
  op: BatchOp;
  reason?: InputMaybe<CloseReason>;
};

export type BatchItemResult = {
  __typename?: 'BatchItemResult';
  changedFields?: Maybe<Array<Scalars['String']['output']>>;
  errors?: Maybe<Array<FieldError>>;
  externalId: Scalars['String']['output'];
  id?: Maybe<Scalars['ID']['output']>;
  /** `created`, `updated`, `unchanged`, `closed` or `error`. */
  result: Scalars['String']['output'];
};

export type BatchOp =
  | 'close'
  | 'upsert';

export type BatchPayload = {
  __typename?: 'BatchPayload';
  dryRun: Scalars['Boolean']['output'];
  replayed: Scalars['Boolean']['output'];
  results: Array<BatchItemResult>;
  summary: BatchSummary;
};

export type BatchSummary = {
  __typename?: 'BatchSummary';
  closed: Scalars['Int']['output'];
  created: Scalars['Int']['output'];
  error: Scalars['Int']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

export type CloseReason =
  | 'cancelled'
  | 'expired'
  | 'filled';

export type Company = {
  __typename?: 'Company';
  category: CompanyCategory;
  createdAt: Scalars['String']['output'];
  description?: Maybe<Scalars['String']['output']>;
  hqCountry?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** `GET /v1/companies/{slug}/jobs` (the `company` filter is refused). Batched across companies. */
  jobs: JobConnection;
  /** `GET /v1/layoffs?company={slug}`. */
  layoffs: LayoffConnection;
  name: Scalars['String']['output'];
  openJobs: Scalars['Int']['output'];
  /** `GET /v1/salaries?company={slug}`. */
  salaryStats: SalaryStats;
  /** Size band, e.g. `1001-5000`. */
  size?: Maybe<Scalars['String']['output']>;
  slug: Scalars['String']['output'];
  /** `GET /v1/companies/{slug}/stats`. */
  stats: CompanyStats;
  updatedAt: Scalars['String']['output'];
  website?: Maybe<Scalars['String']['output']>;
};


export type CompanyJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first: Scalars['Int']['input'];
  sort?: InputMaybe<JobSort>;
};


export type CompanyLayoffsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CompanyLayoffFilter>;
  first: Scalars['Int']['input'];
  sort?: InputMaybe<LayoffSort>;
};


export type CompanySalaryStatsArgs = {
  filter?: InputMaybe<JobFilter>;
  groupBy?: InputMaybe<Array<SalaryGroupDimension>>;
  minCount?: InputMaybe<Scalars['Int']['input']>;
};


export type CompanyStatsArgs = {
  weeks?: InputMaybe<Scalars['Int']['input']>;
};

export type CompanyCategory =
  | 'ai_native'
  | 'big_tech'
  | 'legacy_enterprise'
  | 'other'
  | 'saas'
  | 'startup';

export type CompanyConnection = {
  __typename?: 'CompanyConnection';
  edges: Array<CompanyEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
  /** Always `eq`: these lists are counted exactly. */
  totalCountRelation: TotalRelation;
};

export type CompanyEdge = {
  __typename?: 'CompanyEdge';
  cursor: Scalars['String']['output'];
  node: Company;
};

export type CompanyFilter = {
  category?: InputMaybe<Array<CompanyCategory>>;
  /** `true`: only companies with open jobs; `false`: only those without. */
  hiring?: InputMaybe<Scalars['Boolean']['input']>;
  /** Part of the company name (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
};

export type CompanyHiring = {
  __typename?: 'CompanyHiring';
  openJobs: Scalars['Int']['output'];
  salary: CompanySalary;
  weeklyNewPostings: Array<WeeklyNewPostings>;
};

export type CompanyLayoffEvent = {
  __typename?: 'CompanyLayoffEvent';
  aiAttributed: Scalars['Boolean']['output'];
  announcedOn: Scalars['String']['output'];
  headcount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  sourceUrl?: Maybe<Scalars['String']['output']>;
};

/** The layoff filters within one company. */
export type CompanyLayoffFilter = {
  aiAttributed?: InputMaybe<Scalars['Boolean']['input']>;
  announcedAfter?: InputMaybe<Scalars['String']['input']>;
  announcedBefore?: InputMaybe<Scalars['String']['input']>;
  minHeadcount?: InputMaybe<Scalars['Int']['input']>;
};

export type CompanyLayoffSummary = {
  __typename?: 'CompanyLayoffSummary';
  aiAttributedHeadcount: Scalars['Int']['output'];
  events: Scalars['Int']['output'];
  headcount: Scalars['Int']['output'];
  latest: Array<CompanyLayoffEvent>;
};

export type CompanyRef = {
  __typename?: 'CompanyRef';
  category: CompanyCategory;
  /** The whole company (batched: one statement for every job of the request). */
  company: Company;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
};

export type CompanySalary = {
  __typename?: 'CompanySalary';
  count: Scalars['Int']['output'];
  median?: Maybe<Scalars['Int']['output']>;
};

export type CompanySort =
  | 'name'
  | 'open_jobs';

export type CompanyStats = {
  __typename?: 'CompanyStats';
  asOf: Scalars['String']['output'];
  company: CompanyStatsCompany;
  hiring: CompanyHiring;
  layoffs: CompanyLayoffSummary;
};

export type CompanyStatsCompany = {
  __typename?: 'CompanyStatsCompany';
  category: Scalars['String']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
};

export type CreateKeyInput = {
  /** Company slug of a partner key. */
  company?: InputMaybe<Scalars['String']['input']>;
  expiresAt?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** REST scope strings. */
  scopes?: InputMaybe<Array<Scalars['String']['input']>>;
  tier: KeyTier;
};

export type DayRange = {
  __typename?: 'DayRange';
  from: Scalars['String']['output'];
  to: Scalars['String']['output'];
};

export type Domain =
  | 'finance'
  | 'general'
  | 'healthcare'
  | 'legal'
  | 'security';

export type DomainPremium = {
  __typename?: 'DomainPremium';
  baseline: Scalars['String']['output'];
  baselineCount: Scalars['Int']['output'];
  cells: Array<PremiumCell>;
  cellsCompared: Scalars['Int']['output'];
  count: Scalars['Int']['output'];
  domain: Domain;
  /** The premium, `ratio − 1`: a fraction (0.25 is +25 %), 4 decimals; null when no cell is compared. For the AI premium of a period, `market.salaries.aiPremium` is the same figure. */
  premium?: Maybe<Scalars['Float']['output']>;
  /** Count-weighted mean over the compared cells of value / baseline value: a multiplier (1.25 is 25 % more), 4 decimals; null when no cell is compared. */
  ratio?: Maybe<Scalars['Float']['output']>;
};

export type Emerging = {
  __typename?: 'Emerging';
  currentWindow: DayRange;
  data: Array<EmergingItem>;
  dimension: EmergingDimension;
  minSupport: Scalars['Int']['output'];
  previousWindow: DayRange;
  total: Scalars['Int']['output'];
  windowDays: Scalars['Int']['output'];
};

export type EmergingDimension =
  | 'role'
  | 'skill'
  | 'title';

export type EmergingItem = {
  __typename?: 'EmergingItem';
  current: Scalars['Int']['output'];
  /** `current / previous − 1`: a fraction (0.25 is +25 %), 4 decimals; null when `previous` is 0. */
  growth?: Maybe<Scalars['Float']['output']>;
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
  previous: Scalars['Int']['output'];
  trend: TrendLabel;
};

export type EmploymentType =
  | 'contract'
  | 'full_time'
  | 'internship'
  | 'part_time'
  | 'temporary';

export type Facet = {
  __typename?: 'Facet';
  field: JobFacetField;
  values: Array<FacetCount>;
};

export type FacetCount = {
  __typename?: 'FacetCount';
  count: Scalars['Int']['output'];
  value: Scalars['String']['output'];
};

export type FieldError = {
  __typename?: 'FieldError';
  name: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

export type HistogramBucket = {
  __typename?: 'HistogramBucket';
  count: Scalars['Int']['output'];
  lower: Scalars['Int']['output'];
  upper: Scalars['Int']['output'];
};

export type Job = {
  __typename?: 'Job';
  applyUrl?: Maybe<Scalars['String']['output']>;
  closeReason?: Maybe<CloseReason>;
  closedAt?: Maybe<Scalars['String']['output']>;
  company: CompanyRef;
  createdAt: Scalars['String']['output'];
  /** Sanitised HTML. */
  description: Scalars['String']['output'];
  domain: Domain;
  employmentType: EmploymentType;
  id: Scalars['ID']['output'];
  location: Location;
  postedAt: Scalars['String']['output'];
  role: Role;
  salary?: Maybe<Salary>;
  seniority: Seniority;
  skills: Array<Scalars['String']['output']>;
  status: JobStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
  validThrough?: Maybe<Scalars['String']['output']>;
  workplace: Workplace;
};

export type JobConnection = {
  __typename?: 'JobConnection';
  edges: Array<JobEdge>;
  /** Counts over the whole match for each field asked for in `facets` (null when none was asked); over the first matches up to the counting bound when more match. */
  facets?: Maybe<Array<Facet>>;
  /** `eq` when the facet counts are exact, `gte` when they were counted over the first matches only (never more than the true counts); null without `facets`. */
  facetsRelation?: Maybe<TotalRelation>;
  pageInfo: PageInfo;
  /** Matches over all pages: exact up to the counting bound (10,000 by default), that bound beyond it (see `totalCountRelation`). */
  totalCount: Scalars['Int']['output'];
  /** `eq` when `totalCount` is exact, `gte` when more match. */
  totalCountRelation: TotalRelation;
};

export type JobEdge = {
  __typename?: 'JobEdge';
  /** Opaque: pass as `after` to continue after this job. */
  cursor: Scalars['String']['output'];
  node: Job;
};

export type JobFacetField =
  | 'company'
  | 'company_category'
  | 'country'
  | 'domain'
  | 'employment_type'
  | 'role'
  | 'seniority'
  | 'workplace';

/** The filters of `GET /v1/jobs`, with the same meaning (lists match any of their values; `skills` needs all). */
export type JobFilter = {
  /** Company slugs. */
  company?: InputMaybe<Array<Scalars['String']['input']>>;
  companyCategory?: InputMaybe<Array<CompanyCategory>>;
  /** ISO 3166-1 alpha-2 codes. */
  country?: InputMaybe<Array<Scalars['String']['input']>>;
  domain?: InputMaybe<Array<Domain>>;
  employmentType?: InputMaybe<Array<EmploymentType>>;
  /** Date or RFC 3339 date-time, inclusive. */
  postedAfter?: InputMaybe<Scalars['String']['input']>;
  /** Date or RFC 3339 date-time, exclusive. */
  postedBefore?: InputMaybe<Scalars['String']['input']>;
  /** Full-text search in web-search syntax. */
  q?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<Array<Role>>;
  /** Annual USD: the salary range starts at or below this. */
  salaryMax?: InputMaybe<Scalars['Int']['input']>;
  /** Annual USD: the salary range reaches at least this much. */
  salaryMin?: InputMaybe<Scalars['Int']['input']>;
  seniority?: InputMaybe<Array<Seniority>>;
  /** Skills the job must list, all of them. */
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Default `open` for job searches, `all` for salary analytics; refused by trends (the metric decides). */
  status?: InputMaybe<JobStatusFilter>;
  workplace?: InputMaybe<Array<Workplace>>;
};

/** The posting as `PUT /v1/partner/jobs/{external_id}` takes it. */
export type JobInput = {
  applyUrl?: InputMaybe<Scalars['String']['input']>;
  /** HTML; unsafe markup is removed. */
  description: Scalars['String']['input'];
  domain?: InputMaybe<Domain>;
  employmentType?: InputMaybe<EmploymentType>;
  location?: InputMaybe<LocationInput>;
  postedAt?: InputMaybe<Scalars['String']['input']>;
  role: Role;
  salary?: InputMaybe<SalaryInput>;
  seniority: Seniority;
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  title: Scalars['String']['input'];
  validThrough?: InputMaybe<Scalars['String']['input']>;
  workplace: Workplace;
};

/** A JSON merge patch of a posting, as `PATCH /v1/partner/jobs/{external_id}`: absent fields stay, null clears. */
export type JobPatchInput = {
  applyUrl?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  domain?: InputMaybe<Domain>;
  employmentType?: InputMaybe<EmploymentType>;
  location?: InputMaybe<LocationInput>;
  postedAt?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<Role>;
  salary?: InputMaybe<SalaryInput>;
  seniority?: InputMaybe<Seniority>;
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
  validThrough?: InputMaybe<Scalars['String']['input']>;
  workplace?: InputMaybe<Workplace>;
};

export type JobSort =
  | 'newest'
  | 'oldest'
  | 'relevance'
  | 'salary_asc'
  | 'salary_desc';

export type JobStatus =
  | 'closed'
  | 'open';

/** Which postings a search covers. */
export type JobStatusFilter =
  | 'all'
  | 'closed'
  | 'open';

/** A posting announced or closed, as the change feed sees it. */
export type JobStreamFilter = {
  /** Company slugs. */
  company?: InputMaybe<Array<Scalars['String']['input']>>;
  companyCategory?: InputMaybe<Array<CompanyCategory>>;
  country?: InputMaybe<Array<Scalars['String']['input']>>;
  domain?: InputMaybe<Array<Domain>>;
  employmentType?: InputMaybe<Array<EmploymentType>>;
  role?: InputMaybe<Array<Role>>;
  salaryMax?: InputMaybe<Scalars['Int']['input']>;
  salaryMin?: InputMaybe<Scalars['Int']['input']>;
  seniority?: InputMaybe<Array<Seniority>>;
  skills?: InputMaybe<Array<Scalars['String']['input']>>;
  workplace?: InputMaybe<Array<Workplace>>;
};

export type KeyTier =
  | 'free'
  | 'internal'
  | 'partner';

export type Layoff = {
  __typename?: 'Layoff';
  aiAttributed: Scalars['Boolean']['output'];
  announcedOn: Scalars['String']['output'];
  company: CompanyRef;
  createdAt: Scalars['String']['output'];
  headcount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  sourceUrl?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['String']['output'];
};

export type LayoffConnection = {
  __typename?: 'LayoffConnection';
  nodes: Array<Layoff>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
  /** Always `eq`: these lists are counted exactly. */
  totalCountRelation: TotalRelation;
};

export type LayoffFilter = {
  aiAttributed?: InputMaybe<Scalars['Boolean']['input']>;
  /** Inclusive, YYYY-MM-DD. */
  announcedAfter?: InputMaybe<Scalars['String']['input']>;
  /** Exclusive, YYYY-MM-DD. */
  announcedBefore?: InputMaybe<Scalars['String']['input']>;
  /** Company slugs. */
  company?: InputMaybe<Array<Scalars['String']['input']>>;
  companyCategory?: InputMaybe<Array<CompanyCategory>>;
  minHeadcount?: InputMaybe<Scalars['Int']['input']>;
};

export type LayoffGroup =
  | 'ai_attributed'
  | 'company'
  | 'company_category';

export type LayoffInterval =
  | 'month'
  | 'quarter'
  | 'year';

export type LayoffMeasures = {
  __typename?: 'LayoffMeasures';
  aiAttributedHeadcount: Scalars['Int']['output'];
  /** `aiAttributedHeadcount / headcount`: a fraction (0.5 is 50 %), 4 decimals; null when `headcount` is 0. */
  aiAttributedShare?: Maybe<Scalars['Float']['output']>;
  events: Scalars['Int']['output'];
  headcount: Scalars['Int']['output'];
};

export type LayoffSort =
  | 'headcount'
  | 'newest'
  | 'oldest';

export type LayoffTrend = {
  __typename?: 'LayoffTrend';
  from: Scalars['String']['output'];
  groupBy?: Maybe<LayoffGroup>;
  interval: LayoffInterval;
  series: Array<LayoffTrendSeries>;
  to: Scalars['String']['output'];
  totals: LayoffMeasures;
};

export type LayoffTrendPoint = {
  __typename?: 'LayoffTrendPoint';
  aiAttributedHeadcount: Scalars['Int']['output'];
  /** `aiAttributedHeadcount / headcount`: a fraction (0.5 is 50 %), 4 decimals; null when `headcount` is 0. */
  aiAttributedShare?: Maybe<Scalars['Float']['output']>;
  events: Scalars['Int']['output'];
  headcount: Scalars['Int']['output'];
  /** True when the period has not ended yet (it holds today, UTC, or lies after it): its figures are the announcements so far. A first or last period cut by `from`/`to` is not partial in this sense. */
  partial: Scalars['Boolean']['output'];
  period: Scalars['String']['output'];
  periodStart: Scalars['String']['output'];
};

export type LayoffTrendSeries = {
  __typename?: 'LayoffTrendSeries';
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
  points: Array<LayoffTrendPoint>;
  totals: LayoffMeasures;
};

export type Location = {
  __typename?: 'Location';
  city?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2. */
  country?: Maybe<Scalars['String']['output']>;
  region?: Maybe<Scalars['String']['output']>;
};

export type LocationInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};

export type MarketAiPostings = {
  __typename?: 'MarketAiPostings';
  aiNative: PeriodCounts;
  others: PeriodCounts;
};

export type MarketLayoffs = {
  __typename?: 'MarketLayoffs';
  aiAttributedHeadcount: Scalars['Int']['output'];
  /** `aiAttributedHeadcount / headcount`: a fraction (0.5 is 50 %), 4 decimals; null when `headcount` is 0. */
  aiAttributedShare?: Maybe<Scalars['Float']['output']>;
  events: Scalars['Int']['output'];
  headcount: Scalars['Int']['output'];
};

export type MarketSalaries = {
  __typename?: 'MarketSalaries';
  ai: SalarySide;
  /** The like-for-like AI premium of the period: exactly `salaryPremiums(filter: {postedAfter: <first day>, postedBefore: <day after the last>, status: all}) { aiPremium { premium } }` (defaults: statistic mean, minCount 5). A fraction (0.25 is +25 %), 4 decimals. */
  aiPremium?: Maybe<Scalars['Float']['output']>;
  aiYearAgo: SalarySide;
  /** `ai.median / aiYearAgo.median − 1`: a fraction, 4 decimals. */
  aiYoyGrowth?: Maybe<Scalars['Float']['output']>;
  /** `ai.median / traditional.median − 1`: the raw gap between the medians, not a premium (the AI sample is more senior; medians, not means). A fraction, 4 decimals. */
  medianGap?: Maybe<Scalars['Float']['output']>;
  traditional: SalarySide;
};

export type MarketSummary = {
  __typename?: 'MarketSummary';
  aiPostings: MarketAiPostings;
  interval: Scalars['String']['output'];
  layoffs: MarketLayoffs;
  /** True when the period has not ended yet (it holds today, UTC, or lies after it): its figures cover only the part so far, and its growth figures are null (no pro-rating). False for every period that has ended. */
  partial: Scalars['Boolean']['output'];
  period: Scalars['String']['output'];
  previousRange: DayRange;
  range: DayRange;
  salaries: MarketSalaries;
  topRoles: Array<MarketTopRole>;
};

export type MarketTopRole = {
  __typename?: 'MarketTopRole';
  current: Scalars['Int']['output'];
  family: RoleFamily;
  /** `current / previous − 1`: a fraction (0.25 is +25 %), 4 decimals; null when `previous` is 0. Null for a `partial` period. */
  growth?: Maybe<Scalars['Float']['output']>;
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
  previous: Scalars['Int']['output'];
  /** Null for a `partial` period. */
  trend?: Maybe<TrendLabel>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** `DELETE /v1/partner/jobs/{external_id}` (idempotent). */
  closeJob: WritePayload;
  /** `POST /v1/admin/keys`. */
  createKey: NewApiKey;
  /** `POST /v1/saved-searches`: `filter` means what it means to `jobs` (a bad one is BAD_USER_INPUT naming `filter.<field>`). */
  createSavedSearch: SavedSearch;
  /**
   * `POST /v1/webhooks`: the URL must be `https` to a public address (BAD_USER_INPUT naming `url`).
   * The secret is shown only in this answer.
   */
  createWebhook: NewWebhook;
  /** `DELETE /v1/saved-searches/{id}` (and its matches); answers the id. */
  deleteSavedSearch: Scalars['ID']['output'];
  /** `DELETE /v1/webhooks/{id}` (and its deliveries); answers the id. */
  deleteWebhook: Scalars['ID']['output'];
  /** `PATCH /v1/partner/jobs/{external_id}`. */
  patchJob: WritePayload;
  /** `POST /v1/webhooks/{id}/ping`: queues a signed `webhook.ping` delivery. */
  pingWebhook: WebhookDelivery;
  /** `POST /v1/partner/jobs/{external_id}/reopen` (idempotent). */
  reopenJob: WritePayload;
  /** `POST /v1/webhooks/{id}/deliveries/{delivery_id}/retry`: CONFLICT while the endpoint is disabled. */
  retryWebhookDelivery: WebhookDelivery;
  /** `POST /v1/admin/keys/{id}/revoke`. */
  revokeKey: ApiKey;
  /** `POST /v1/admin/keys/{id}/rotate`: the old secret works until `oldKeyExpiresAt` (default 24 hours). */
  rotateKey: NewApiKey;
  /** `POST /v1/webhooks/{id}/rotate-secret`: the old secret keeps signing for 24 hours. */
  rotateWebhookSecret: WebhookSecretRotation;
  /** `PATCH /v1/saved-searches/{id}`: `filter` replaces the filters as a whole. */
  updateSavedSearch: SavedSearch;
  /** `PATCH /v1/webhooks/{id}`: absent arguments stay, `description: null` clears; `enabled: true` resumes a disabled endpoint. */
  updateWebhook: Webhook;
  /** `PUT /v1/partner/jobs/{external_id}`: create or replace. `ifMatch` is the `etag` of the version you read. */
  upsertJob: WritePayload;
  /**
   * `POST /v1/partner/jobs/batch`: up to 1,000 items in one transaction. Costs 1 of the rate-limit
   * budget per item (on top of the 1 every request counts), as the REST batch does.
   */
  upsertJobs: BatchPayload;
};


export type MutationCloseJobArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  externalId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  reason?: InputMaybe<CloseReason>;
};


export type MutationCreateKeyArgs = {
  input: CreateKeyInput;
};


export type MutationCreateSavedSearchArgs = {
  filter: JobFilter;
  name: Scalars['String']['input'];
};


export type MutationCreateWebhookArgs = {
  description?: InputMaybe<Scalars['String']['input']>;
  events: Array<WebhookEvent>;
  savedSearchIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  url: Scalars['String']['input'];
};


export type MutationDeleteSavedSearchArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPatchJobArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  externalId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  ifMatch?: InputMaybe<Scalars['String']['input']>;
  patch: JobPatchInput;
};


export type MutationPingWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReopenJobArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  externalId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRetryWebhookDeliveryArgs = {
  deliveryId: Scalars['ID']['input'];
  webhookId: Scalars['ID']['input'];
};


export type MutationRevokeKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateKeyArgs = {
  id: Scalars['ID']['input'];
  oldKeyExpiresAt?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateSavedSearchArgs = {
  filter?: InputMaybe<JobFilter>;
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateWebhookArgs = {
  description?: InputMaybe<Scalars['String']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  events?: InputMaybe<Array<WebhookEvent>>;
  id: Scalars['ID']['input'];
  savedSearchIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  url?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpsertJobArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  externalId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  ifMatch?: InputMaybe<Scalars['String']['input']>;
  job: JobInput;
};


export type MutationUpsertJobsArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  items: Array<BatchItem>;
};

export type NewApiKey = {
  __typename?: 'NewApiKey';
  key: ApiKey;
  /** Shown this once. */
  secret: Scalars['String']['output'];
};

export type NewWebhook = {
  __typename?: 'NewWebhook';
  /** The signing secret (`whsec_…`): shown only now. */
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to get the next page; null on the last page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PartnerJob = {
  __typename?: 'PartnerJob';
  /** `v<version>`, as the REST ETag (without quotes). */
  etag: Scalars['String']['output'];
  externalId: Scalars['String']['output'];
  job: Job;
};

export type PeriodCounts = {
  __typename?: 'PeriodCounts';
  current: Scalars['Int']['output'];
  /** `current / previous − 1`: a fraction (0.25 is +25 %), 4 decimals; null when `previous` is 0. Null for a `partial` period. */
  growth?: Maybe<Scalars['Float']['output']>;
  previous: Scalars['Int']['output'];
};

export type PostingGroup =
  | 'company'
  | 'company_category'
  | 'country'
  | 'domain'
  | 'role'
  | 'seniority'
  | 'skill';

export type PostingInterval =
  | 'day'
  | 'month'
  | 'quarter'
  | 'week';

export type PostingMetric =
  | 'closed'
  | 'new'
  | 'open';

export type PostingTrend = {
  __typename?: 'PostingTrend';
  from: Scalars['String']['output'];
  groupBy?: Maybe<PostingGroup>;
  interval: PostingInterval;
  metric: PostingMetric;
  series: Array<PostingTrendSeries>;
  to: Scalars['String']['output'];
};

export type PostingTrendPoint = {
  __typename?: 'PostingTrendPoint';
  /** True when the period has not ended yet (it holds today, UTC, or lies after it): its figures cover only the part so far, and its growth figures are null (no pro-rating). False for every period that has ended. */
  partial: Scalars['Boolean']['output'];
  period: Scalars['String']['output'];
  periodStart: Scalars['String']['output'];
  /** `value / previousValue − 1`: a fraction (0.25 is +25 %), 4 decimals; null when `previousValue` is 0. Null for a `partial` period. */
  popGrowth?: Maybe<Scalars['Float']['output']>;
  previousValue: Scalars['Int']['output'];
  value: Scalars['Int']['output'];
  yearAgoValue: Scalars['Int']['output'];
  /** `value / yearAgoValue − 1`: a fraction (0.25 is +25 %), 4 decimals; null when `yearAgoValue` is 0. Null for a `partial` period. */
  yoyGrowth?: Maybe<Scalars['Float']['output']>;
};

export type PostingTrendSeries = {
  __typename?: 'PostingTrendSeries';
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
  points: Array<PostingTrendPoint>;
  total: Scalars['Int']['output'];
};

export type PremiumCell = {
  __typename?: 'PremiumCell';
  baselineCount: Scalars['Int']['output'];
  baselineValue?: Maybe<Scalars['Int']['output']>;
  compared: Scalars['Boolean']['output'];
  count: Scalars['Int']['output'];
  /** `value / baselineValue`: a multiplier (1.25 is 25 % more), 4 decimals; null unless compared. */
  ratio?: Maybe<Scalars['Float']['output']>;
  role?: Maybe<Role>;
  seniority: Seniority;
  value?: Maybe<Scalars['Int']['output']>;
};

export type PremiumStatistic =
  | 'mean'
  | 'median';

export type Query = {
  __typename?: 'Query';
  /** `GET /v1/companies`. */
  companies: CompanyConnection;
  /** `GET /v1/companies/{slug}`; null when there is none (REST's 404), without an error. A slug REST refuses (400: empty or longer than 100 characters) is a BAD_USER_INPUT error. */
  company?: Maybe<Company>;
  /** `GET /v1/trends/emerging` (`window` in days). */
  emerging: Emerging;
  /** `GET /v1/jobs/{id}`; null when there is none (REST's 404), without an error. An id REST refuses (400: empty or longer than 100 characters) is a BAD_USER_INPUT error. */
  job?: Maybe<Job>;
  /** `GET /v1/jobs`: filters, sort and cursors mean the same; `first` is `limit` (1 to 100), `after` is `cursor`. */
  jobs: JobConnection;
  /** `GET /v1/trends/layoffs`. */
  layoffTrends: LayoffTrend;
  /** `GET /v1/layoffs`. */
  layoffs: LayoffConnection;
  /** `GET /v1/trends/market` (`2026-Q1` or `2026-03`). */
  market: MarketSummary;
  /** Always true: lets a client check that it reaches the API. */
  ok: Scalars['Boolean']['output'];
  /** `GET /v1/trends/postings`. */
  postingTrends: PostingTrend;
  /** `GET /v1/radar` (`2026-W14`). */
  radar: Radar;
  /** `GET /v1/salaries`. */
  salaries: SalaryStats;
  /** `GET /v1/salaries/histogram`. */
  salaryHistogram: SalaryHistogram;
  /** `GET /v1/salaries/premiums`. */
  salaryPremiums: SalaryPremiums;
  /** `GET /v1/saved-searches/{id}`: NOT_FOUND when it is not one of yours. */
  savedSearch: SavedSearch;
  /** `GET /v1/saved-searches/{id}/matches`: postings that started matching since `since` (the `nextCursor` of the previous call; absent: from the first match). */
  savedSearchMatches: SavedSearchMatches;
  /** `GET /v1/saved-searches`: yours, newest first. */
  savedSearches: SavedSearchConnection;
  /** `GET /v1/taxonomy`. */
  taxonomy: Taxonomy;
  /** `GET /v1/usage`. */
  usage: Usage;
  /** `GET /v1/webhooks/{id}`: NOT_FOUND when it is not one of yours. */
  webhook: Webhook;
  /** `GET /v1/webhooks/{id}/deliveries`: newest first. */
  webhookDeliveries: WebhookDeliveryConnection;
  /** `GET /v1/webhooks`: your endpoints, newest first. */
  webhooks: WebhookConnection;
};


export type QueryCompaniesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CompanyFilter>;
  first: Scalars['Int']['input'];
  sort?: InputMaybe<CompanySort>;
};


export type QueryCompanyArgs = {
  slug: Scalars['String']['input'];
};


export type QueryEmergingArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  dimension?: InputMaybe<EmergingDimension>;
  filter?: InputMaybe<JobFilter>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  minSupport?: InputMaybe<Scalars['Int']['input']>;
  windowDays?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  facets?: InputMaybe<Array<JobFacetField>>;
  filter?: InputMaybe<JobFilter>;
  first: Scalars['Int']['input'];
  sort?: InputMaybe<JobSort>;
};


export type QueryLayoffTrendsArgs = {
  filter?: InputMaybe<LayoffFilter>;
  from?: InputMaybe<Scalars['String']['input']>;
  groupBy?: InputMaybe<LayoffGroup>;
  interval?: InputMaybe<LayoffInterval>;
  to?: InputMaybe<Scalars['String']['input']>;
};


export type QueryLayoffsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<LayoffFilter>;
  first: Scalars['Int']['input'];
  sort?: InputMaybe<LayoffSort>;
};


export type QueryMarketArgs = {
  period?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPostingTrendsArgs = {
  filter?: InputMaybe<JobFilter>;
  from?: InputMaybe<Scalars['String']['input']>;
  groupBy?: InputMaybe<PostingGroup>;
  interval?: InputMaybe<PostingInterval>;
  metric?: InputMaybe<PostingMetric>;
  to?: InputMaybe<Scalars['String']['input']>;
  top?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRadarArgs = {
  week?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySalariesArgs = {
  filter?: InputMaybe<JobFilter>;
  groupBy?: InputMaybe<Array<SalaryGroupDimension>>;
  minCount?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySalaryHistogramArgs = {
  bucketWidth?: InputMaybe<Scalars['Int']['input']>;
  buckets?: InputMaybe<Scalars['Int']['input']>;
  filter?: InputMaybe<JobFilter>;
};


export type QuerySalaryPremiumsArgs = {
  filter?: InputMaybe<JobFilter>;
  minCount?: InputMaybe<Scalars['Int']['input']>;
  statistic?: InputMaybe<PremiumStatistic>;
};


export type QuerySavedSearchArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySavedSearchMatchesArgs = {
  first: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  since?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySavedSearchesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
};


export type QueryWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
  state?: InputMaybe<WebhookDeliveryState>;
  webhookId: Scalars['ID']['input'];
};


export type QueryWebhooksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
};

export type Radar = {
  __typename?: 'Radar';
  emergingRoles: RadarEmerging;
  newPostings: PeriodCounts;
  /** True when the period has not ended yet (it holds today, UTC, or lies after it): its figures cover only the part so far, and its growth figures are null (no pro-rating). False for every period that has ended. */
  partial: Scalars['Boolean']['output'];
  range: DayRange;
  salaryMovement: Array<RadarSalaryMovement>;
  topCompanies: Array<RadarCompany>;
  week: Scalars['String']['output'];
};

export type RadarCompany = {
  __typename?: 'RadarCompany';
  name: Scalars['String']['output'];
  newPostings: Scalars['Int']['output'];
  slug: Scalars['String']['output'];
};

export type RadarEmerging = {
  __typename?: 'RadarEmerging';
  currentWindow: DayRange;
  data: Array<RadarEmergingItem>;
  previousWindow: DayRange;
};

/** An emerging role of the radar: as `EmergingItem`, with `growth` and `trend` null while the week is `partial`. */
export type RadarEmergingItem = {
  __typename?: 'RadarEmergingItem';
  current: Scalars['Int']['output'];
  /** `current / previous − 1`: a fraction (0.25 is +25 %), 4 decimals; null when `previous` is 0. Null for a `partial` period. */
  growth?: Maybe<Scalars['Float']['output']>;
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
  previous: Scalars['Int']['output'];
  /** Null when the week is `partial`. */
  trend?: Maybe<TrendLabel>;
};

export type RadarSalaryMovement = {
  __typename?: 'RadarSalaryMovement';
  baseline: SalarySide;
  /** `week.median / baseline.median − 1`: a fraction, 4 decimals; null when withheld. */
  change?: Maybe<Scalars['Float']['output']>;
  label: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  role: Scalars['String']['output'];
  week: SalarySide;
  withheld: Scalars['Boolean']['output'];
};

export type RateLimitBudget = {
  __typename?: 'RateLimitBudget';
  limit: Scalars['Int']['output'];
  remaining: Scalars['Int']['output'];
  resetSeconds: Scalars['Int']['output'];
  windowSeconds: Scalars['Int']['output'];
};

export type Role =
  | 'ai_platform_architect'
  | 'ai_safety_alignment'
  | 'applied_ml'
  | 'content_moderation'
  | 'customer_support'
  | 'data_analyst'
  | 'data_engineer'
  | 'devops_engineer'
  | 'llm_engineer'
  | 'llm_fine_tuning'
  | 'ml_infrastructure'
  | 'qa_engineer'
  | 'rag_retrieval'
  | 'software_engineer';

export type RoleFamily =
  | 'ai'
  | 'business'
  | 'software';

export type RoleTerm = {
  __typename?: 'RoleTerm';
  description: Scalars['String']['output'];
  family: RoleFamily;
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
};

/** Posted salary and its annual USD normalisation. */
export type Salary = {
  __typename?: 'Salary';
  annualUsdMax: Scalars['Int']['output'];
  annualUsdMin: Scalars['Int']['output'];
  /** ISO 4217. */
  currency: Scalars['String']['output'];
  fxAsOf?: Maybe<Scalars['String']['output']>;
  max: Scalars['Float']['output'];
  min: Scalars['Float']['output'];
  period: SalaryPeriod;
};

/** Statistics of annual USD midpoints, whole dollars; null when withheld or empty. */
export type SalaryFigures = {
  __typename?: 'SalaryFigures';
  count: Scalars['Int']['output'];
  max?: Maybe<Scalars['Int']['output']>;
  mean?: Maybe<Scalars['Int']['output']>;
  median?: Maybe<Scalars['Int']['output']>;
  min?: Maybe<Scalars['Int']['output']>;
  p10?: Maybe<Scalars['Int']['output']>;
  p25?: Maybe<Scalars['Int']['output']>;
  p75?: Maybe<Scalars['Int']['output']>;
  p90?: Maybe<Scalars['Int']['output']>;
  /** `below_min_count` when withheld. */
  reason?: Maybe<Scalars['String']['output']>;
  withheld: Scalars['Boolean']['output'];
};

export type SalaryGroup = {
  __typename?: 'SalaryGroup';
  count: Scalars['Int']['output'];
  key: SalaryGroupKey;
  max?: Maybe<Scalars['Int']['output']>;
  mean?: Maybe<Scalars['Int']['output']>;
  median?: Maybe<Scalars['Int']['output']>;
  min?: Maybe<Scalars['Int']['output']>;
  p10?: Maybe<Scalars['Int']['output']>;
  p25?: Maybe<Scalars['Int']['output']>;
  p75?: Maybe<Scalars['Int']['output']>;
  p90?: Maybe<Scalars['Int']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  withheld: Scalars['Boolean']['output'];
};

export type SalaryGroupDimension =
  | 'company_category'
  | 'country'
  | 'domain'
  | 'month'
  | 'role'
  | 'seniority'
  | 'workplace';

export type SalaryGroupKey = {
  __typename?: 'SalaryGroupKey';
  companyCategory?: Maybe<Scalars['String']['output']>;
  country?: Maybe<Scalars['String']['output']>;
  domain?: Maybe<Scalars['String']['output']>;
  month?: Maybe<Scalars['String']['output']>;
  role?: Maybe<Scalars['String']['output']>;
  seniority?: Maybe<Scalars['String']['output']>;
  workplace?: Maybe<Scalars['String']['output']>;
};

export type SalaryHistogram = {
  __typename?: 'SalaryHistogram';
  bucketWidth?: Maybe<Scalars['Int']['output']>;
  buckets: Array<HistogramBucket>;
  count: Scalars['Int']['output'];
  max?: Maybe<Scalars['Int']['output']>;
  measure: Scalars['String']['output'];
  min?: Maybe<Scalars['Int']['output']>;
  status: JobStatusFilter;
};

export type SalaryInput = {
  currency: Scalars['String']['input'];
  max: Scalars['Float']['input'];
  min: Scalars['Float']['input'];
  period: SalaryPeriod;
};

export type SalaryPeriod =
  | 'day'
  | 'hour'
  | 'month'
  | 'week'
  | 'year';

export type SalaryPremiums = {
  __typename?: 'SalaryPremiums';
  aiPremium: AiPremium;
  domainPremiums: Array<DomainPremium>;
  measure: Scalars['String']['output'];
  minCount: Scalars['Int']['output'];
  statistic: PremiumStatistic;
  status: JobStatusFilter;
};

export type SalarySide = {
  __typename?: 'SalarySide';
  count: Scalars['Int']['output'];
  median?: Maybe<Scalars['Int']['output']>;
};

export type SalaryStats = {
  __typename?: 'SalaryStats';
  groupBy: Array<SalaryGroupDimension>;
  groups: Array<SalaryGroup>;
  measure: Scalars['String']['output'];
  minCount: Scalars['Int']['output'];
  overall: SalaryFigures;
  status: JobStatusFilter;
};

/** A named set of `GET /v1/jobs` filters whose new matches are kept for you. */
export type SavedSearch = {
  __typename?: 'SavedSearch';
  createdAt: Scalars['String']['output'];
  filter: SavedSearchFilter;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
};

export type SavedSearchConnection = {
  __typename?: 'SavedSearchConnection';
  nodes: Array<SavedSearch>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
  /** Always `eq`: these lists are counted exactly. */
  totalCountRelation: TotalRelation;
};

/** The filters of a saved search: `JobFilter`'s fields, as they were saved (defaults applied). */
export type SavedSearchFilter = {
  __typename?: 'SavedSearchFilter';
  /** Company slugs. */
  company?: Maybe<Array<Scalars['String']['output']>>;
  companyCategory?: Maybe<Array<CompanyCategory>>;
  /** ISO 3166-1 alpha-2 codes. */
  country?: Maybe<Array<Scalars['String']['output']>>;
  domain?: Maybe<Array<Domain>>;
  employmentType?: Maybe<Array<EmploymentType>>;
  postedAfter?: Maybe<Scalars['String']['output']>;
  postedBefore?: Maybe<Scalars['String']['output']>;
  q?: Maybe<Scalars['String']['output']>;
  role?: Maybe<Array<Role>>;
  salaryMax?: Maybe<Scalars['Int']['output']>;
  salaryMin?: Maybe<Scalars['Int']['output']>;
  seniority?: Maybe<Array<Seniority>>;
  skills?: Maybe<Array<Scalars['String']['output']>>;
  status?: Maybe<JobStatusFilter>;
  workplace?: Maybe<Array<Workplace>>;
};

/** A posting that started matching: created, or changed into the match. */
export type SavedSearchMatch = {
  __typename?: 'SavedSearchMatch';
  event: SavedSearchMatchEvent;
  job: Job;
  /** When the dispatcher saw the posting match (feed order). */
  matchedAt: Scalars['String']['output'];
};

export type SavedSearchMatchEvent = {
  __typename?: 'SavedSearchMatchEvent';
  /** The change-feed event (`GET /v1/jobs/changes`). */
  id: Scalars['ID']['output'];
  type: SavedSearchMatchEventType;
};

/** The change-feed event after which a posting matched. */
export type SavedSearchMatchEventType =
  | 'closed'
  | 'created'
  | 'reopened'
  | 'updated';

/** Postings that started matching since the cursor, in feed order. */
export type SavedSearchMatches = {
  __typename?: 'SavedSearchMatches';
  hasMore: Scalars['Boolean']['output'];
  /** Pass as `since` on the next call (also when `hasMore` is false: it is where you stopped). */
  nextCursor: Scalars['String']['output'];
  nodes: Array<SavedSearchMatch>;
};

export type Seniority =
  | 'junior'
  | 'mid'
  | 'principal'
  | 'senior'
  | 'staff';

export type Subscription = {
  __typename?: 'Subscription';
  /** Postings as they are closed, matching the filter. */
  jobClosed: Job;
  /** Postings as they are published (created or reopened), matching the filter. */
  jobPosted: Job;
};


export type SubscriptionJobClosedArgs = {
  filter?: InputMaybe<JobStreamFilter>;
};


export type SubscriptionJobPostedArgs = {
  filter?: InputMaybe<JobStreamFilter>;
};

export type Taxonomy = {
  __typename?: 'Taxonomy';
  closeReasons: Array<Term>;
  companyCategories: Array<Term>;
  companySizes: Array<Term>;
  domains: Array<Term>;
  employmentTypes: Array<Term>;
  jobStatuses: Array<Term>;
  roles: Array<RoleTerm>;
  salaryPeriods: Array<Term>;
  seniorities: Array<Term>;
  workplaces: Array<Term>;
};

export type Term = {
  __typename?: 'Term';
  key: Scalars['String']['output'];
  label: Scalars['String']['output'];
};

export type Tier =
  | 'anonymous'
  | 'free'
  | 'internal'
  | 'partner';

export type TierLimit = {
  __typename?: 'TierLimit';
  limit: Scalars['Int']['output'];
  tier: Tier;
};

/** How a count relates to the true number: `eq` exact, `gte` at least this many (the count stopped at its bound). */
export type TotalRelation =
  | 'eq'
  | 'gte';

export type TrendLabel =
  | 'declining'
  | 'growing'
  | 'growing_fast'
  | 'new_category'
  | 'steady';

export type Usage = {
  __typename?: 'Usage';
  caller: UsageCaller;
  /** The budget after this request was charged. */
  rateLimit: RateLimitBudget;
  tier: Tier;
  tiers: Array<TierLimit>;
};

export type UsageCaller = {
  __typename?: 'UsageCaller';
  key?: Maybe<UsageKey>;
  /** REST scope strings, e.g. `jobs:read`. `jobs:read`: jobs, companies, taxonomy and everything anonymous callers may read (analytics included); `analytics:read`: salaries, trends, market, radar, layoffs, company stats (alone, not jobs); `jobs:write`: the partner mutations for the key's company; `admin`: the admin mutations. Anonymous callers have `jobs:read` and `analytics:read`. */
  scopes: Array<Scalars['String']['output']>;
  subject?: Maybe<Scalars['String']['output']>;
  type: Scalars['String']['output'];
};

export type UsageKey = {
  __typename?: 'UsageKey';
  company?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  prefix: Scalars['String']['output'];
};

/** Where and what to deliver. */
export type Webhook = {
  __typename?: 'Webhook';
  createdAt: Scalars['String']['output'];
  description?: Maybe<Scalars['String']['output']>;
  disabledAt?: Maybe<Scalars['String']['output']>;
  disabledReason?: Maybe<Scalars['String']['output']>;
  /** False once disabled (410 Gone, 5 days of failures, or by you); `updateWebhook(enabled: true)` resumes it. */
  enabled: Scalars['Boolean']['output'];
  events: Array<WebhookEvent>;
  /** First failed attempt since the last success; after 5 days of failing the endpoint is disabled. */
  failingSince?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Until then, deliveries are signed with the previous secret too (after a rotation). */
  previousSecretExpiresAt?: Maybe<Scalars['String']['output']>;
  savedSearchIds: Array<Scalars['ID']['output']>;
  updatedAt: Scalars['String']['output'];
  url: Scalars['String']['output'];
};

export type WebhookConnection = {
  __typename?: 'WebhookConnection';
  nodes: Array<Webhook>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
  /** Always `eq`: these lists are counted exactly. */
  totalCountRelation: TotalRelation;
};

/** One message to the endpoint and its attempts. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  attemptCount: Scalars['Int']['output'];
  /** Every attempt, oldest first (the last 50). */
  attempts: Array<WebhookDeliveryAttempt>;
  createdAt: Scalars['String']['output'];
  deliveredAt?: Maybe<Scalars['String']['output']>;
  eventType: WebhookDeliveryEventType;
  /** The `webhook-id` of every attempt. */
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastStatus?: Maybe<Scalars['Int']['output']>;
  nextAttemptAt?: Maybe<Scalars['String']['output']>;
  state: WebhookDeliveryState;
};

export type WebhookDeliveryAttempt = {
  __typename?: 'WebhookDeliveryAttempt';
  attemptedAt: Scalars['String']['output'];
  error?: Maybe<Scalars['String']['output']>;
  latencyMs: Scalars['Int']['output'];
  /** The receiver's HTTP status; null when none came (refused, timed out, no connection). */
  statusCode?: Maybe<Scalars['Int']['output']>;
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  nodes: Array<WebhookDelivery>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
  /** Always `eq`: these lists are counted exactly. */
  totalCountRelation: TotalRelation;
};

/** What a delivery carries: a `WebhookEvent`, or `WEBHOOK_PING` (`webhook.ping`, sent by `pingWebhook`). */
export type WebhookDeliveryEventType =
  | 'JOB_CLOSED'
  | 'JOB_CREATED'
  | 'JOB_REOPENED'
  | 'JOB_UPDATED'
  | 'RADAR_PUBLISHED'
  | 'SAVED_SEARCH_MATCHED'
  | 'WEBHOOK_PING';

export type WebhookDeliveryState =
  | 'delivered'
  | 'failed'
  | 'pending';

/** Events an endpoint subscribes to: `JOB_CREATED` is `job.created` in REST, `SAVED_SEARCH_MATCHED` is `saved_search.matched` … */
export type WebhookEvent =
  | 'JOB_CLOSED'
  /** `job.*` report a partner's own postings: they need a partner key (bound to a company). */
  | 'JOB_CREATED'
  | 'JOB_REOPENED'
  | 'JOB_UPDATED'
  | 'RADAR_PUBLISHED'
  /** New matches of the endpoint's `savedSearchIds`. */
  | 'SAVED_SEARCH_MATCHED';

export type WebhookSecretRotation = {
  __typename?: 'WebhookSecretRotation';
  /** The old secret signs too until then (24 hours). */
  previousSecretExpiresAt: Scalars['String']['output'];
  /** The new signing secret: shown only now. */
  secret: Scalars['String']['output'];
};

export type WeeklyNewPostings = {
  __typename?: 'WeeklyNewPostings';
  newPostings: Scalars['Int']['output'];
  week: Scalars['String']['output'];
  weekStart: Scalars['String']['output'];
};

export type Workplace =
  | 'hybrid'
  | 'onsite'
  | 'remote';

export type WritePayload = {
  __typename?: 'WritePayload';
  changedFields: Array<Scalars['String']['output']>;
  dryRun: Scalars['Boolean']['output'];
  externalId: Scalars['String']['output'];
  /** The posting afterwards; null on a dry run. */
  partnerJob?: Maybe<PartnerJob>;
  /** True when the answer is a replay of an earlier call with the same idempotency key. */
  replayed: Scalars['Boolean']['output'];
  result: WriteResult;
};

export type WriteResult =
  | 'closed'
  | 'created'
  | 'reopened'
  | 'unchanged'
  | 'updated';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AiPremium: ResolverTypeWrapper<Partial<AiPremium>>;
  ApiKey: ResolverTypeWrapper<Partial<ApiKey>>;
  ApiKeyCompany: ResolverTypeWrapper<Partial<ApiKeyCompany>>;
  BatchItem: ResolverTypeWrapper<Partial<BatchItem>>;
  BatchItemResult: ResolverTypeWrapper<Partial<BatchItemResult>>;
  BatchOp: ResolverTypeWrapper<Partial<BatchOp>>;
  BatchPayload: ResolverTypeWrapper<Partial<BatchPayload>>;
  BatchSummary: ResolverTypeWrapper<Partial<BatchSummary>>;
  Boolean: ResolverTypeWrapper<Partial<Scalars['Boolean']['output']>>;
  CloseReason: ResolverTypeWrapper<Partial<CloseReason>>;
  Company: ResolverTypeWrapper<CompanyModel>;
  CompanyCategory: ResolverTypeWrapper<Partial<CompanyCategory>>;
  CompanyConnection: ResolverTypeWrapper<Partial<Omit<CompanyConnection, 'edges'> & { edges: Array<ResolversTypes['CompanyEdge']> }>>;
  CompanyEdge: ResolverTypeWrapper<Partial<Omit<CompanyEdge, 'node'> & { node: ResolversTypes['Company'] }>>;
  CompanyFilter: ResolverTypeWrapper<Partial<CompanyFilter>>;
  CompanyHiring: ResolverTypeWrapper<Partial<CompanyHiring>>;
  CompanyLayoffEvent: ResolverTypeWrapper<Partial<CompanyLayoffEvent>>;
  CompanyLayoffFilter: ResolverTypeWrapper<Partial<CompanyLayoffFilter>>;
  CompanyLayoffSummary: ResolverTypeWrapper<Partial<CompanyLayoffSummary>>;
  CompanyRef: ResolverTypeWrapper<CompanyRefModel>;
  CompanySalary: ResolverTypeWrapper<Partial<CompanySalary>>;
  CompanySort: ResolverTypeWrapper<Partial<CompanySort>>;
  CompanyStats: ResolverTypeWrapper<Partial<CompanyStats>>;
  CompanyStatsCompany: ResolverTypeWrapper<Partial<CompanyStatsCompany>>;
  CreateKeyInput: ResolverTypeWrapper<Partial<CreateKeyInput>>;
  DayRange: ResolverTypeWrapper<Partial<DayRange>>;
  Domain: ResolverTypeWrapper<Partial<Domain>>;
  DomainPremium: ResolverTypeWrapper<Partial<DomainPremium>>;
  Emerging: ResolverTypeWrapper<Partial<Emerging>>;
  EmergingDimension: ResolverTypeWrapper<Partial<EmergingDimension>>;
  EmergingItem: ResolverTypeWrapper<Partial<EmergingItem>>;
  EmploymentType: ResolverTypeWrapper<Partial<EmploymentType>>;
  Facet: ResolverTypeWrapper<Partial<Facet>>;
  FacetCount: ResolverTypeWrapper<Partial<FacetCount>>;
  FieldError: ResolverTypeWrapper<Partial<FieldError>>;
  Float: ResolverTypeWrapper<Partial<Scalars['Float']['output']>>;
  HistogramBucket: ResolverTypeWrapper<Partial<HistogramBucket>>;
  ID: ResolverTypeWrapper<Partial<Scalars['ID']['output']>>;
  Int: ResolverTypeWrapper<Partial<Scalars['Int']['output']>>;
  Job: ResolverTypeWrapper<JobModel>;
  JobConnection: ResolverTypeWrapper<Partial<Omit<JobConnection, 'edges'> & { edges: Array<ResolversTypes['JobEdge']> }>>;
  JobEdge: ResolverTypeWrapper<Partial<Omit<JobEdge, 'node'> & { node: ResolversTypes['Job'] }>>;
  JobFacetField: ResolverTypeWrapper<Partial<JobFacetField>>;
  JobFilter: ResolverTypeWrapper<Partial<JobFilter>>;
  JobInput: ResolverTypeWrapper<Partial<JobInput>>;
  JobPatchInput: ResolverTypeWrapper<Partial<JobPatchInput>>;
  JobSort: ResolverTypeWrapper<Partial<JobSort>>;
  JobStatus: ResolverTypeWrapper<Partial<JobStatus>>;
  JobStatusFilter: ResolverTypeWrapper<Partial<JobStatusFilter>>;
  JobStreamFilter: ResolverTypeWrapper<Partial<JobStreamFilter>>;
  KeyTier: ResolverTypeWrapper<Partial<KeyTier>>;
  Layoff: ResolverTypeWrapper<LayoffModel>;
  LayoffConnection: ResolverTypeWrapper<Partial<Omit<LayoffConnection, 'nodes'> & { nodes: Array<ResolversTypes['Layoff']> }>>;
  LayoffFilter: ResolverTypeWrapper<Partial<LayoffFilter>>;
  LayoffGroup: ResolverTypeWrapper<Partial<LayoffGroup>>;
  LayoffInterval: ResolverTypeWrapper<Partial<LayoffInterval>>;
  LayoffMeasures: ResolverTypeWrapper<Partial<LayoffMeasures>>;
  LayoffSort: ResolverTypeWrapper<Partial<LayoffSort>>;
  LayoffTrend: ResolverTypeWrapper<Partial<LayoffTrend>>;
  LayoffTrendPoint: ResolverTypeWrapper<Partial<LayoffTrendPoint>>;
  LayoffTrendSeries: ResolverTypeWrapper<Partial<LayoffTrendSeries>>;
  Location: ResolverTypeWrapper<Partial<Location>>;
  LocationInput: ResolverTypeWrapper<Partial<LocationInput>>;
  MarketAiPostings: ResolverTypeWrapper<Partial<MarketAiPostings>>;
  MarketLayoffs: ResolverTypeWrapper<Partial<MarketLayoffs>>;
  MarketSalaries: ResolverTypeWrapper<Partial<MarketSalaries>>;
  MarketSummary: ResolverTypeWrapper<Partial<MarketSummary>>;
  MarketTopRole: ResolverTypeWrapper<Partial<MarketTopRole>>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NewApiKey: ResolverTypeWrapper<Partial<NewApiKey>>;
  NewWebhook: ResolverTypeWrapper<Partial<NewWebhook>>;
  PageInfo: ResolverTypeWrapper<Partial<PageInfo>>;
  PartnerJob: ResolverTypeWrapper<Partial<Omit<PartnerJob, 'job'> & { job: ResolversTypes['Job'] }>>;
  PeriodCounts: ResolverTypeWrapper<Partial<PeriodCounts>>;
  PostingGroup: ResolverTypeWrapper<Partial<PostingGroup>>;
  PostingInterval: ResolverTypeWrapper<Partial<PostingInterval>>;
  PostingMetric: ResolverTypeWrapper<Partial<PostingMetric>>;
  PostingTrend: ResolverTypeWrapper<Partial<PostingTrend>>;
  PostingTrendPoint: ResolverTypeWrapper<Partial<PostingTrendPoint>>;
  PostingTrendSeries: ResolverTypeWrapper<Partial<PostingTrendSeries>>;
  PremiumCell: ResolverTypeWrapper<Partial<PremiumCell>>;
  PremiumStatistic: ResolverTypeWrapper<Partial<PremiumStatistic>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Radar: ResolverTypeWrapper<Partial<Radar>>;
  RadarCompany: ResolverTypeWrapper<Partial<RadarCompany>>;
  RadarEmerging: ResolverTypeWrapper<Partial<RadarEmerging>>;
  RadarEmergingItem: ResolverTypeWrapper<Partial<RadarEmergingItem>>;
  RadarSalaryMovement: ResolverTypeWrapper<Partial<RadarSalaryMovement>>;
  RateLimitBudget: ResolverTypeWrapper<Partial<RateLimitBudget>>;
  Role: ResolverTypeWrapper<Partial<Role>>;
  RoleFamily: ResolverTypeWrapper<Partial<RoleFamily>>;
  RoleTerm: ResolverTypeWrapper<Partial<RoleTerm>>;
  Salary: ResolverTypeWrapper<Partial<Salary>>;
  SalaryFigures: ResolverTypeWrapper<Partial<SalaryFigures>>;
  SalaryGroup: ResolverTypeWrapper<Partial<SalaryGroup>>;
  SalaryGroupDimension: ResolverTypeWrapper<Partial<SalaryGroupDimension>>;
  SalaryGroupKey: ResolverTypeWrapper<Partial<SalaryGroupKey>>;
  SalaryHistogram: ResolverTypeWrapper<Partial<SalaryHistogram>>;
  SalaryInput: ResolverTypeWrapper<Partial<SalaryInput>>;
  SalaryPeriod: ResolverTypeWrapper<Partial<SalaryPeriod>>;
  SalaryPremiums: ResolverTypeWrapper<Partial<SalaryPremiums>>;
  SalarySide: ResolverTypeWrapper<Partial<SalarySide>>;
  SalaryStats: ResolverTypeWrapper<Partial<SalaryStats>>;
  SavedSearch: ResolverTypeWrapper<Partial<SavedSearch>>;
  SavedSearchConnection: ResolverTypeWrapper<Partial<SavedSearchConnection>>;
  SavedSearchFilter: ResolverTypeWrapper<Partial<SavedSearchFilter>>;
  SavedSearchMatch: ResolverTypeWrapper<Partial<Omit<SavedSearchMatch, 'job'> & { job: ResolversTypes['Job'] }>>;
  SavedSearchMatchEvent: ResolverTypeWrapper<Partial<SavedSearchMatchEvent>>;
  SavedSearchMatchEventType: ResolverTypeWrapper<Partial<SavedSearchMatchEventType>>;
  SavedSearchMatches: ResolverTypeWrapper<Partial<Omit<SavedSearchMatches, 'nodes'> & { nodes: Array<ResolversTypes['SavedSearchMatch']> }>>;
  Seniority: ResolverTypeWrapper<Partial<Seniority>>;
  String: ResolverTypeWrapper<Partial<Scalars['String']['output']>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Taxonomy: ResolverTypeWrapper<Partial<Taxonomy>>;
  Term: ResolverTypeWrapper<Partial<Term>>;
  Tier: ResolverTypeWrapper<Partial<Tier>>;
  TierLimit: ResolverTypeWrapper<Partial<TierLimit>>;
  TotalRelation: ResolverTypeWrapper<Partial<TotalRelation>>;
  TrendLabel: ResolverTypeWrapper<Partial<TrendLabel>>;
  Usage: ResolverTypeWrapper<Partial<Usage>>;
  UsageCaller: ResolverTypeWrapper<Partial<UsageCaller>>;
  UsageKey: ResolverTypeWrapper<Partial<UsageKey>>;
  Webhook: ResolverTypeWrapper<Partial<Webhook>>;
  WebhookConnection: ResolverTypeWrapper<Partial<WebhookConnection>>;
  WebhookDelivery: ResolverTypeWrapper<Partial<WebhookDelivery>>;
  WebhookDeliveryAttempt: ResolverTypeWrapper<Partial<WebhookDeliveryAttempt>>;
  WebhookDeliveryConnection: ResolverTypeWrapper<Partial<WebhookDeliveryConnection>>;
  WebhookDeliveryEventType: ResolverTypeWrapper<Partial<WebhookDeliveryEventType>>;
  WebhookDeliveryState: ResolverTypeWrapper<Partial<WebhookDeliveryState>>;
  WebhookEvent: ResolverTypeWrapper<Partial<WebhookEvent>>;
  WebhookSecretRotation: ResolverTypeWrapper<Partial<WebhookSecretRotation>>;
  WeeklyNewPostings: ResolverTypeWrapper<Partial<WeeklyNewPostings>>;
  Workplace: ResolverTypeWrapper<Partial<Workplace>>;
  WritePayload: ResolverTypeWrapper<Partial<Omit<WritePayload, 'partnerJob'> & { partnerJob?: Maybe<ResolversTypes['PartnerJob']> }>>;
  WriteResult: ResolverTypeWrapper<Partial<WriteResult>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AiPremium: Partial<AiPremium>;
  ApiKey: Partial<ApiKey>;
  ApiKeyCompany: Partial<ApiKeyCompany>;
  BatchItem: Partial<BatchItem>;
  BatchItemResult: Partial<BatchItemResult>;
  BatchPayload: Partial<BatchPayload>;
  BatchSummary: Partial<BatchSummary>;
  Boolean: Partial<Scalars['Boolean']['output']>;
  Company: CompanyModel;
  CompanyConnection: Partial<Omit<CompanyConnection, 'edges'> & { edges: Array<ResolversParentTypes['CompanyEdge']> }>;
  CompanyEdge: Partial<Omit<CompanyEdge, 'node'> & { node: ResolversParentTypes['Company'] }>;
  CompanyFilter: Partial<CompanyFilter>;
  CompanyHiring: Partial<CompanyHiring>;
  CompanyLayoffEvent: Partial<CompanyLayoffEvent>;
  CompanyLayoffFilter: Partial<CompanyLayoffFilter>;
  CompanyLayoffSummary: Partial<CompanyLayoffSummary>;
  CompanyRef: CompanyRefModel;
  CompanySalary: Partial<CompanySalary>;
  CompanyStats: Partial<CompanyStats>;
  CompanyStatsCompany: Partial<CompanyStatsCompany>;
  CreateKeyInput: Partial<CreateKeyInput>;
  DayRange: Partial<DayRange>;
  DomainPremium: Partial<DomainPremium>;
  Emerging: Partial<Emerging>;
  EmergingItem: Partial<EmergingItem>;
  Facet: Partial<Facet>;
  FacetCount: Partial<FacetCount>;
  FieldError: Partial<FieldError>;
  Float: Partial<Scalars['Float']['output']>;
  HistogramBucket: Partial<HistogramBucket>;
  ID: Partial<Scalars['ID']['output']>;
  Int: Partial<Scalars['Int']['output']>;
  Job: JobModel;
  JobConnection: Partial<Omit<JobConnection, 'edges'> & { edges: Array<ResolversParentTypes['JobEdge']> }>;
  JobEdge: Partial<Omit<JobEdge, 'node'> & { node: ResolversParentTypes['Job'] }>;
  JobFilter: Partial<JobFilter>;
  JobInput: Partial<JobInput>;
  JobPatchInput: Partial<JobPatchInput>;
  JobStreamFilter: Partial<JobStreamFilter>;
  Layoff: LayoffModel;
  LayoffConnection: Partial<Omit<LayoffConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Layoff']> }>;
  LayoffFilter: Partial<LayoffFilter>;
  LayoffMeasures: Partial<LayoffMeasures>;
  LayoffTrend: Partial<LayoffTrend>;
  LayoffTrendPoint: Partial<LayoffTrendPoint>;
  LayoffTrendSeries: Partial<LayoffTrendSeries>;
  Location: Partial<Location>;
  LocationInput: Partial<LocationInput>;
  MarketAiPostings: Partial<MarketAiPostings>;
  MarketLayoffs: Partial<MarketLayoffs>;
  MarketSalaries: Partial<MarketSalaries>;
  MarketSummary: Partial<MarketSummary>;
  MarketTopRole: Partial<MarketTopRole>;
  Mutation: Record<PropertyKey, never>;
  NewApiKey: Partial<NewApiKey>;
  NewWebhook: Partial<NewWebhook>;
  PageInfo: Partial<PageInfo>;
  PartnerJob: Partial<Omit<PartnerJob, 'job'> & { job: ResolversParentTypes['Job'] }>;
  PeriodCounts: Partial<PeriodCounts>;
  PostingTrend: Partial<PostingTrend>;
  PostingTrendPoint: Partial<PostingTrendPoint>;
  PostingTrendSeries: Partial<PostingTrendSeries>;
  PremiumCell: Partial<PremiumCell>;
  Query: Record<PropertyKey, never>;
  Radar: Partial<Radar>;
  RadarCompany: Partial<RadarCompany>;
  RadarEmerging: Partial<RadarEmerging>;
  RadarEmergingItem: Partial<RadarEmergingItem>;
  RadarSalaryMovement: Partial<RadarSalaryMovement>;
  RateLimitBudget: Partial<RateLimitBudget>;
  RoleTerm: Partial<RoleTerm>;
  Salary: Partial<Salary>;
  SalaryFigures: Partial<SalaryFigures>;
  SalaryGroup: Partial<SalaryGroup>;
  SalaryGroupKey: Partial<SalaryGroupKey>;
  SalaryHistogram: Partial<SalaryHistogram>;
  SalaryInput: Partial<SalaryInput>;
  SalaryPremiums: Partial<SalaryPremiums>;
  SalarySide: Partial<SalarySide>;
  SalaryStats: Partial<SalaryStats>;
  SavedSearch: Partial<SavedSearch>;
  SavedSearchConnection: Partial<SavedSearchConnection>;
  SavedSearchFilter: Partial<SavedSearchFilter>;
  SavedSearchMatch: Partial<Omit<SavedSearchMatch, 'job'> & { job: ResolversParentTypes['Job'] }>;
  SavedSearchMatchEvent: Partial<SavedSearchMatchEvent>;
  SavedSearchMatches: Partial<Omit<SavedSearchMatches, 'nodes'> & { nodes: Array<ResolversParentTypes['SavedSearchMatch']> }>;
  String: Partial<Scalars['String']['output']>;
  Subscription: Record<PropertyKey, never>;
  Taxonomy: Partial<Taxonomy>;
  Term: Partial<Term>;
  TierLimit: Partial<TierLimit>;
  Usage: Partial<Usage>;
  UsageCaller: Partial<UsageCaller>;
  UsageKey: Partial<UsageKey>;
  Webhook: Partial<Webhook>;
  WebhookConnection: Partial<WebhookConnection>;
  WebhookDelivery: Partial<WebhookDelivery>;
  WebhookDeliveryAttempt: Partial<WebhookDeliveryAttempt>;
  WebhookDeliveryConnection: Partial<WebhookDeliveryConnection>;
  WebhookSecretRotation: Partial<WebhookSecretRotation>;
  WeeklyNewPostings: Partial<WeeklyNewPostings>;
  WritePayload: Partial<Omit<WritePayload, 'partnerJob'> & { partnerJob?: Maybe<ResolversParentTypes['PartnerJob']> }>;
};

export type AiPremiumResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AiPremium'] = ResolversParentTypes['AiPremium']> = {
  baseline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  baselineCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cells?: Resolver<Array<ResolversTypes['PremiumCell']>, ParentType, ContextType>;
  cellsCompared?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  family?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  premium?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ratio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type ApiKeyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  company?: Resolver<Maybe<ResolversTypes['ApiKeyCompany']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rotatedFrom?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['KeyTier'], ParentType, ContextType>;
};

export type ApiKeyCompanyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKeyCompany'] = ResolversParentTypes['ApiKeyCompany']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BatchItemResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BatchItemResult'] = ResolversParentTypes['BatchItemResult']> = {
  changedFields?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  errors?: Resolver<Maybe<Array<ResolversTypes['FieldError']>>, ParentType, ContextType>;
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  result?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BatchPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BatchPayload'] = ResolversParentTypes['BatchPayload']> = {
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  results?: Resolver<Array<ResolversTypes['BatchItemResult']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['BatchSummary'], ParentType, ContextType>;
};

export type BatchSummaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BatchSummary'] = ResolversParentTypes['BatchSummary']> = {
  closed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  created?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  error?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CompanyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Company'] = ResolversParentTypes['Company']> = {
  category?: Resolver<ResolversTypes['CompanyCategory'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hqCountry?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<CompanyJobsArgs, 'first'>>;
  layoffs?: Resolver<ResolversTypes['LayoffConnection'], ParentType, ContextType, RequireFields<CompanyLayoffsArgs, 'first'>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  openJobs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  salaryStats?: Resolver<ResolversTypes['SalaryStats'], ParentType, ContextType, Partial<CompanySalaryStatsArgs>>;
  size?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stats?: Resolver<ResolversTypes['CompanyStats'], ParentType, ContextType, Partial<CompanyStatsArgs>>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  website?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CompanyConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanyConnection'] = ResolversParentTypes['CompanyConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CompanyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCountRelation?: Resolver<ResolversTypes['TotalRelation'], ParentType, ContextType>;
};

export type CompanyEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanyEdge'] = ResolversParentTypes['CompanyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
};

export type CompanyHiringResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanyHiring'] = ResolversParentTypes['CompanyHiring']> = {
  openJobs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  salary?: Resolver<ResolversTypes['CompanySalary'], ParentType, ContextType>;
  weeklyNewPostings?: Resolver<Array<ResolversTypes['WeeklyNewPostings']>, ParentType, ContextType>;
};

export type CompanyLayoffEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanyLayoffEvent'] = ResolversParentTypes['CompanyLayoffEvent']> = {
  aiAttributed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  announcedOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  headcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sourceUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CompanyLayoffSummaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanyLayoffSummary'] = ResolversParentTypes['CompanyLayoffSummary']> = {
  aiAttributedHeadcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  headcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  latest?: Resolver<Array<ResolversTypes['CompanyLayoffEvent']>, ParentType, ContextType>;
};

export type CompanyRefResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanyRef'] = ResolversParentTypes['CompanyRef']> = {
  category?: Resolver<ResolversTypes['CompanyCategory'], ParentType, ContextType>;
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CompanySalaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanySalary'] = ResolversParentTypes['CompanySalary']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  median?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type CompanyStatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanyStats'] = ResolversParentTypes['CompanyStats']> = {
  asOf?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  company?: Resolver<ResolversTypes['CompanyStatsCompany'], ParentType, ContextType>;
  hiring?: Resolver<ResolversTypes['CompanyHiring'], ParentType, ContextType>;
  layoffs?: Resolver<ResolversTypes['CompanyLayoffSummary'], ParentType, ContextType>;
};

export type CompanyStatsCompanyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CompanyStatsCompany'] = ResolversParentTypes['CompanyStatsCompany']> = {
  category?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DayRangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DayRange'] = ResolversParentTypes['DayRange']> = {
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DomainPremiumResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DomainPremium'] = ResolversParentTypes['DomainPremium']> = {
  baseline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  baselineCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cells?: Resolver<Array<ResolversTypes['PremiumCell']>, ParentType, ContextType>;
  cellsCompared?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['Domain'], ParentType, ContextType>;
  premium?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ratio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type EmergingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Emerging'] = ResolversParentTypes['Emerging']> = {
  currentWindow?: Resolver<ResolversTypes['DayRange'], ParentType, ContextType>;
  data?: Resolver<Array<ResolversTypes['EmergingItem']>, ParentType, ContextType>;
  dimension?: Resolver<ResolversTypes['EmergingDimension'], ParentType, ContextType>;
  minSupport?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  previousWindow?: Resolver<ResolversTypes['DayRange'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  windowDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EmergingItemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EmergingItem'] = ResolversParentTypes['EmergingItem']> = {
  current?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  growth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previous?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trend?: Resolver<ResolversTypes['TrendLabel'], ParentType, ContextType>;
};

export type FacetResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Facet'] = ResolversParentTypes['Facet']> = {
  field?: Resolver<ResolversTypes['JobFacetField'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['FacetCount']>, ParentType, ContextType>;
};

export type FacetCountResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FacetCount'] = ResolversParentTypes['FacetCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FieldErrorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FieldError'] = ResolversParentTypes['FieldError']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HistogramBucketResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['HistogramBucket'] = ResolversParentTypes['HistogramBucket']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lower?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upper?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type JobResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  applyUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  closeReason?: Resolver<Maybe<ResolversTypes['CloseReason']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  company?: Resolver<ResolversTypes['CompanyRef'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['Domain'], ParentType, ContextType>;
  employmentType?: Resolver<ResolversTypes['EmploymentType'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  postedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  salary?: Resolver<Maybe<ResolversTypes['Salary']>, ParentType, ContextType>;
  seniority?: Resolver<ResolversTypes['Seniority'], ParentType, ContextType>;
  skills?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validThrough?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workplace?: Resolver<ResolversTypes['Workplace'], ParentType, ContextType>;
};

export type JobConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['JobEdge']>, ParentType, ContextType>;
  facets?: Resolver<Maybe<Array<ResolversTypes['Facet']>>, ParentType, ContextType>;
  facetsRelation?: Resolver<Maybe<ResolversTypes['TotalRelation']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCountRelation?: Resolver<ResolversTypes['TotalRelation'], ParentType, ContextType>;
};

export type JobEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobEdge'] = ResolversParentTypes['JobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type LayoffResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Layoff'] = ResolversParentTypes['Layoff']> = {
  aiAttributed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  announcedOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  company?: Resolver<ResolversTypes['CompanyRef'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  headcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sourceUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LayoffConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LayoffConnection'] = ResolversParentTypes['LayoffConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Layoff']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCountRelation?: Resolver<ResolversTypes['TotalRelation'], ParentType, ContextType>;
};

export type LayoffMeasuresResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LayoffMeasures'] = ResolversParentTypes['LayoffMeasures']> = {
  aiAttributedHeadcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  aiAttributedShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  headcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LayoffTrendResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LayoffTrend'] = ResolversParentTypes['LayoffTrend']> = {
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  groupBy?: Resolver<Maybe<ResolversTypes['LayoffGroup']>, ParentType, ContextType>;
  interval?: Resolver<ResolversTypes['LayoffInterval'], ParentType, ContextType>;
  series?: Resolver<Array<ResolversTypes['LayoffTrendSeries']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['LayoffMeasures'], ParentType, ContextType>;
};

export type LayoffTrendPointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LayoffTrendPoint'] = ResolversParentTypes['LayoffTrendPoint']> = {
  aiAttributedHeadcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  aiAttributedShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  headcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  partial?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  periodStart?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LayoffTrendSeriesResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LayoffTrendSeries'] = ResolversParentTypes['LayoffTrendSeries']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['LayoffTrendPoint']>, ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['LayoffMeasures'], ParentType, ContextType>;
};

export type LocationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = {
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MarketAiPostingsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MarketAiPostings'] = ResolversParentTypes['MarketAiPostings']> = {
  aiNative?: Resolver<ResolversTypes['PeriodCounts'], ParentType, ContextType>;
  others?: Resolver<ResolversTypes['PeriodCounts'], ParentType, ContextType>;
};

export type MarketLayoffsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MarketLayoffs'] = ResolversParentTypes['MarketLayoffs']> = {
  aiAttributedHeadcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  aiAttributedShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  headcount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MarketSalariesResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MarketSalaries'] = ResolversParentTypes['MarketSalaries']> = {
  ai?: Resolver<ResolversTypes['SalarySide'], ParentType, ContextType>;
  aiPremium?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  aiYearAgo?: Resolver<ResolversTypes['SalarySide'], ParentType, ContextType>;
  aiYoyGrowth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  medianGap?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  traditional?: Resolver<ResolversTypes['SalarySide'], ParentType, ContextType>;
};

export type MarketSummaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MarketSummary'] = ResolversParentTypes['MarketSummary']> = {
  aiPostings?: Resolver<ResolversTypes['MarketAiPostings'], ParentType, ContextType>;
  interval?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  layoffs?: Resolver<ResolversTypes['MarketLayoffs'], ParentType, ContextType>;
  partial?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previousRange?: Resolver<ResolversTypes['DayRange'], ParentType, ContextType>;
  range?: Resolver<ResolversTypes['DayRange'], ParentType, ContextType>;
  salaries?: Resolver<ResolversTypes['MarketSalaries'], ParentType, ContextType>;
  topRoles?: Resolver<Array<ResolversTypes['MarketTopRole']>, ParentType, ContextType>;
};

export type MarketTopRoleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MarketTopRole'] = ResolversParentTypes['MarketTopRole']> = {
  current?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  family?: Resolver<ResolversTypes['RoleFamily'], ParentType, ContextType>;
  growth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previous?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trend?: Resolver<Maybe<ResolversTypes['TrendLabel']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  closeJob?: Resolver<ResolversTypes['WritePayload'], ParentType, ContextType, RequireFields<MutationCloseJobArgs, 'externalId'>>;
  createKey?: Resolver<ResolversTypes['NewApiKey'], ParentType, ContextType, RequireFields<MutationCreateKeyArgs, 'input'>>;
  createSavedSearch?: Resolver<ResolversTypes['SavedSearch'], ParentType, ContextType, RequireFields<MutationCreateSavedSearchArgs, 'filter' | 'name'>>;
  createWebhook?: Resolver<ResolversTypes['NewWebhook'], ParentType, ContextType, RequireFields<MutationCreateWebhookArgs, 'events' | 'url'>>;
  deleteSavedSearch?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteSavedSearchArgs, 'id'>>;
  deleteWebhook?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteWebhookArgs, 'id'>>;
  patchJob?: Resolver<ResolversTypes['WritePayload'], ParentType, ContextType, RequireFields<MutationPatchJobArgs, 'externalId' | 'patch'>>;
  pingWebhook?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType, RequireFields<MutationPingWebhookArgs, 'id'>>;
  reopenJob?: Resolver<ResolversTypes['WritePayload'], ParentType, ContextType, RequireFields<MutationReopenJobArgs, 'externalId'>>;
  retryWebhookDelivery?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType, RequireFields<MutationRetryWebhookDeliveryArgs, 'deliveryId' | 'webhookId'>>;
  revokeKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeKeyArgs, 'id'>>;
  rotateKey?: Resolver<ResolversTypes['NewApiKey'], ParentType, ContextType, RequireFields<MutationRotateKeyArgs, 'id'>>;
  rotateWebhookSecret?: Resolver<ResolversTypes['WebhookSecretRotation'], ParentType, ContextType, RequireFields<MutationRotateWebhookSecretArgs, 'id'>>;
  updateSavedSearch?: Resolver<ResolversTypes['SavedSearch'], ParentType, ContextType, RequireFields<MutationUpdateSavedSearchArgs, 'id'>>;
  updateWebhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType, RequireFields<MutationUpdateWebhookArgs, 'id'>>;
  upsertJob?: Resolver<ResolversTypes['WritePayload'], ParentType, ContextType, RequireFields<MutationUpsertJobArgs, 'externalId' | 'job'>>;
  upsertJobs?: Resolver<ResolversTypes['BatchPayload'], ParentType, ContextType, RequireFields<MutationUpsertJobsArgs, 'items'>>;
};

export type NewApiKeyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['NewApiKey'] = ResolversParentTypes['NewApiKey']> = {
  key?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type NewWebhookResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['NewWebhook'] = ResolversParentTypes['NewWebhook']> = {
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PartnerJobResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PartnerJob'] = ResolversParentTypes['PartnerJob']> = {
  etag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type PeriodCountsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PeriodCounts'] = ResolversParentTypes['PeriodCounts']> = {
  current?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  growth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  previous?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PostingTrendResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PostingTrend'] = ResolversParentTypes['PostingTrend']> = {
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  groupBy?: Resolver<Maybe<ResolversTypes['PostingGroup']>, ParentType, ContextType>;
  interval?: Resolver<ResolversTypes['PostingInterval'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['PostingMetric'], ParentType, ContextType>;
  series?: Resolver<Array<ResolversTypes['PostingTrendSeries']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PostingTrendPointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PostingTrendPoint'] = ResolversParentTypes['PostingTrendPoint']> = {
  partial?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  periodStart?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  popGrowth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  previousValue?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  yearAgoValue?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  yoyGrowth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type PostingTrendSeriesResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PostingTrendSeries'] = ResolversParentTypes['PostingTrendSeries']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['PostingTrendPoint']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PremiumCellResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PremiumCell'] = ResolversParentTypes['PremiumCell']> = {
  baselineCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  baselineValue?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  compared?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ratio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  seniority?: Resolver<ResolversTypes['Seniority'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  companies?: Resolver<ResolversTypes['CompanyConnection'], ParentType, ContextType, RequireFields<QueryCompaniesArgs, 'first'>>;
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType, RequireFields<QueryCompanyArgs, 'slug'>>;
  emerging?: Resolver<ResolversTypes['Emerging'], ParentType, ContextType, Partial<QueryEmergingArgs>>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<QueryJobsArgs, 'first'>>;
  layoffTrends?: Resolver<ResolversTypes['LayoffTrend'], ParentType, ContextType, Partial<QueryLayoffTrendsArgs>>;
  layoffs?: Resolver<ResolversTypes['LayoffConnection'], ParentType, ContextType, RequireFields<QueryLayoffsArgs, 'first'>>;
  market?: Resolver<ResolversTypes['MarketSummary'], ParentType, ContextType, Partial<QueryMarketArgs>>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  postingTrends?: Resolver<ResolversTypes['PostingTrend'], ParentType, ContextType, Partial<QueryPostingTrendsArgs>>;
  radar?: Resolver<ResolversTypes['Radar'], ParentType, ContextType, Partial<QueryRadarArgs>>;
  salaries?: Resolver<ResolversTypes['SalaryStats'], ParentType, ContextType, Partial<QuerySalariesArgs>>;
  salaryHistogram?: Resolver<ResolversTypes['SalaryHistogram'], ParentType, ContextType, Partial<QuerySalaryHistogramArgs>>;
  salaryPremiums?: Resolver<ResolversTypes['SalaryPremiums'], ParentType, ContextType, Partial<QuerySalaryPremiumsArgs>>;
  savedSearch?: Resolver<ResolversTypes['SavedSearch'], ParentType, ContextType, RequireFields<QuerySavedSearchArgs, 'id'>>;
  savedSearchMatches?: Resolver<ResolversTypes['SavedSearchMatches'], ParentType, ContextType, RequireFields<QuerySavedSearchMatchesArgs, 'first' | 'id'>>;
  savedSearches?: Resolver<ResolversTypes['SavedSearchConnection'], ParentType, ContextType, RequireFields<QuerySavedSearchesArgs, 'first'>>;
  taxonomy?: Resolver<ResolversTypes['Taxonomy'], ParentType, ContextType>;
  usage?: Resolver<ResolversTypes['Usage'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType, RequireFields<QueryWebhookArgs, 'id'>>;
  webhookDeliveries?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, RequireFields<QueryWebhookDeliveriesArgs, 'first' | 'webhookId'>>;
  webhooks?: Resolver<ResolversTypes['WebhookConnection'], ParentType, ContextType, RequireFields<QueryWebhooksArgs, 'first'>>;
};

export type RadarResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Radar'] = ResolversParentTypes['Radar']> = {
  emergingRoles?: Resolver<ResolversTypes['RadarEmerging'], ParentType, ContextType>;
  newPostings?: Resolver<ResolversTypes['PeriodCounts'], ParentType, ContextType>;
  partial?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  range?: Resolver<ResolversTypes['DayRange'], ParentType, ContextType>;
  salaryMovement?: Resolver<Array<ResolversTypes['RadarSalaryMovement']>, ParentType, ContextType>;
  topCompanies?: Resolver<Array<ResolversTypes['RadarCompany']>, ParentType, ContextType>;
  week?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RadarCompanyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RadarCompany'] = ResolversParentTypes['RadarCompany']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  newPostings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RadarEmergingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RadarEmerging'] = ResolversParentTypes['RadarEmerging']> = {
  currentWindow?: Resolver<ResolversTypes['DayRange'], ParentType, ContextType>;
  data?: Resolver<Array<ResolversTypes['RadarEmergingItem']>, ParentType, ContextType>;
  previousWindow?: Resolver<ResolversTypes['DayRange'], ParentType, ContextType>;
};

export type RadarEmergingItemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RadarEmergingItem'] = ResolversParentTypes['RadarEmergingItem']> = {
  current?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  growth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previous?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trend?: Resolver<Maybe<ResolversTypes['TrendLabel']>, ParentType, ContextType>;
};

export type RadarSalaryMovementResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RadarSalaryMovement'] = ResolversParentTypes['RadarSalaryMovement']> = {
  baseline?: Resolver<ResolversTypes['SalarySide'], ParentType, ContextType>;
  change?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  week?: Resolver<ResolversTypes['SalarySide'], ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type RateLimitBudgetResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RateLimitBudget'] = ResolversParentTypes['RateLimitBudget']> = {
  limit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  resetSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  windowSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RoleTermResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RoleTerm'] = ResolversParentTypes['RoleTerm']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  family?: Resolver<ResolversTypes['RoleFamily'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SalaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Salary'] = ResolversParentTypes['Salary']> = {
  annualUsdMax?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  annualUsdMin?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fxAsOf?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  min?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['SalaryPeriod'], ParentType, ContextType>;
};

export type SalaryFiguresResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SalaryFigures'] = ResolversParentTypes['SalaryFigures']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  mean?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  median?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p10?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p25?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p75?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p90?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SalaryGroupResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SalaryGroup'] = ResolversParentTypes['SalaryGroup']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['SalaryGroupKey'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  mean?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  median?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p10?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p25?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p75?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p90?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  withheld?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SalaryGroupKeyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SalaryGroupKey'] = ResolversParentTypes['SalaryGroupKey']> = {
  companyCategory?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  domain?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  month?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seniority?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workplace?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SalaryHistogramResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SalaryHistogram'] = ResolversParentTypes['SalaryHistogram']> = {
  bucketWidth?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  buckets?: Resolver<Array<ResolversTypes['HistogramBucket']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  measure?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatusFilter'], ParentType, ContextType>;
};

export type SalaryPremiumsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SalaryPremiums'] = ResolversParentTypes['SalaryPremiums']> = {
  aiPremium?: Resolver<ResolversTypes['AiPremium'], ParentType, ContextType>;
  domainPremiums?: Resolver<Array<ResolversTypes['DomainPremium']>, ParentType, ContextType>;
  measure?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  minCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  statistic?: Resolver<ResolversTypes['PremiumStatistic'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatusFilter'], ParentType, ContextType>;
};

export type SalarySideResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SalarySide'] = ResolversParentTypes['SalarySide']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  median?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SalaryStatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SalaryStats'] = ResolversParentTypes['SalaryStats']> = {
  groupBy?: Resolver<Array<ResolversTypes['SalaryGroupDimension']>, ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['SalaryGroup']>, ParentType, ContextType>;
  measure?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  minCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  overall?: Resolver<ResolversTypes['SalaryFigures'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatusFilter'], ParentType, ContextType>;
};

export type SavedSearchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SavedSearch'] = ResolversParentTypes['SavedSearch']> = {
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  filter?: Resolver<ResolversTypes['SavedSearchFilter'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SavedSearchConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SavedSearchConnection'] = ResolversParentTypes['SavedSearchConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['SavedSearch']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCountRelation?: Resolver<ResolversTypes['TotalRelation'], ParentType, ContextType>;
};

export type SavedSearchFilterResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SavedSearchFilter'] = ResolversParentTypes['SavedSearchFilter']> = {
  company?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  companyCategory?: Resolver<Maybe<Array<ResolversTypes['CompanyCategory']>>, ParentType, ContextType>;
  country?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  domain?: Resolver<Maybe<Array<ResolversTypes['Domain']>>, ParentType, ContextType>;
  employmentType?: Resolver<Maybe<Array<ResolversTypes['EmploymentType']>>, ParentType, ContextType>;
  postedAfter?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postedBefore?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  q?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<Maybe<Array<ResolversTypes['Role']>>, ParentType, ContextType>;
  salaryMax?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  salaryMin?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  seniority?: Resolver<Maybe<Array<ResolversTypes['Seniority']>>, ParentType, ContextType>;
  skills?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['JobStatusFilter']>, ParentType, ContextType>;
  workplace?: Resolver<Maybe<Array<ResolversTypes['Workplace']>>, ParentType, ContextType>;
};

export type SavedSearchMatchResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SavedSearchMatch'] = ResolversParentTypes['SavedSearchMatch']> = {
  event?: Resolver<ResolversTypes['SavedSearchMatchEvent'], ParentType, ContextType>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  matchedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SavedSearchMatchEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SavedSearchMatchEvent'] = ResolversParentTypes['SavedSearchMatchEvent']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['SavedSearchMatchEventType'], ParentType, ContextType>;
};

export type SavedSearchMatchesResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SavedSearchMatches'] = ResolversParentTypes['SavedSearchMatches']> = {
  hasMore?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nextCursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['SavedSearchMatch']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  jobClosed?: SubscriptionResolver<ResolversTypes['Job'], "jobClosed", ParentType, ContextType, Partial<SubscriptionJobClosedArgs>>;
  jobPosted?: SubscriptionResolver<ResolversTypes['Job'], "jobPosted", ParentType, ContextType, Partial<SubscriptionJobPostedArgs>>;
};

export type TaxonomyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Taxonomy'] = ResolversParentTypes['Taxonomy']> = {
  closeReasons?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
  companyCategories?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
  companySizes?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
  domains?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
  employmentTypes?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
  jobStatuses?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['RoleTerm']>, ParentType, ContextType>;
  salaryPeriods?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
  seniorities?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
  workplaces?: Resolver<Array<ResolversTypes['Term']>, ParentType, ContextType>;
};

export type TermResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Term'] = ResolversParentTypes['Term']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TierLimitResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TierLimit'] = ResolversParentTypes['TierLimit']> = {
  limit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
};

export type UsageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Usage'] = ResolversParentTypes['Usage']> = {
  caller?: Resolver<ResolversTypes['UsageCaller'], ParentType, ContextType>;
  rateLimit?: Resolver<ResolversTypes['RateLimitBudget'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
  tiers?: Resolver<Array<ResolversTypes['TierLimit']>, ParentType, ContextType>;
};

export type UsageCallerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UsageCaller'] = ResolversParentTypes['UsageCaller']> = {
  key?: Resolver<Maybe<ResolversTypes['UsageKey']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UsageKeyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UsageKey'] = ResolversParentTypes['UsageKey']> = {
  company?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Webhook'] = ResolversParentTypes['Webhook']> = {
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  disabledAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  disabledReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['WebhookEvent']>, ParentType, ContextType>;
  failingSince?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  previousSecretExpiresAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  savedSearchIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookConnection'] = ResolversParentTypes['WebhookConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Webhook']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCountRelation?: Resolver<ResolversTypes['TotalRelation'], ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attemptCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  attempts?: Resolver<Array<ResolversTypes['WebhookDeliveryAttempt']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['WebhookDeliveryEventType'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['WebhookDeliveryState'], ParentType, ContextType>;
};

export type WebhookDeliveryAttemptResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDeliveryAttempt'] = ResolversParentTypes['WebhookDeliveryAttempt']> = {
  attemptedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  statusCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type WebhookDeliveryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['WebhookDelivery']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCountRelation?: Resolver<ResolversTypes['TotalRelation'], ParentType, ContextType>;
};

export type WebhookSecretRotationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookSecretRotation'] = ResolversParentTypes['WebhookSecretRotation']> = {
  previousSecretExpiresAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WeeklyNewPostingsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WeeklyNewPostings'] = ResolversParentTypes['WeeklyNewPostings']> = {
  newPostings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  week?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weekStart?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WritePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WritePayload'] = ResolversParentTypes['WritePayload']> = {
  changedFields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  partnerJob?: Resolver<Maybe<ResolversTypes['PartnerJob']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['WriteResult'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  AiPremium?: AiPremiumResolvers<ContextType>;
  ApiKey?: ApiKeyResolvers<ContextType>;
  ApiKeyCompany?: ApiKeyCompanyResolvers<ContextType>;
  BatchItemResult?: BatchItemResultResolvers<ContextType>;
  BatchPayload?: BatchPayloadResolvers<ContextType>;
  BatchSummary?: BatchSummaryResolvers<ContextType>;
  Company?: CompanyResolvers<ContextType>;
  CompanyConnection?: CompanyConnectionResolvers<ContextType>;
  CompanyEdge?: CompanyEdgeResolvers<ContextType>;
  CompanyHiring?: CompanyHiringResolvers<ContextType>;
  CompanyLayoffEvent?: CompanyLayoffEventResolvers<ContextType>;
  CompanyLayoffSummary?: CompanyLayoffSummaryResolvers<ContextType>;
  CompanyRef?: CompanyRefResolvers<ContextType>;
  CompanySalary?: CompanySalaryResolvers<ContextType>;
  CompanyStats?: CompanyStatsResolvers<ContextType>;
  CompanyStatsCompany?: CompanyStatsCompanyResolvers<ContextType>;
  DayRange?: DayRangeResolvers<ContextType>;
  DomainPremium?: DomainPremiumResolvers<ContextType>;
  Emerging?: EmergingResolvers<ContextType>;
  EmergingItem?: EmergingItemResolvers<ContextType>;
  Facet?: FacetResolvers<ContextType>;
  FacetCount?: FacetCountResolvers<ContextType>;
  FieldError?: FieldErrorResolvers<ContextType>;
  HistogramBucket?: HistogramBucketResolvers<ContextType>;
  Job?: JobResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  Layoff?: LayoffResolvers<ContextType>;
  LayoffConnection?: LayoffConnectionResolvers<ContextType>;
  LayoffMeasures?: LayoffMeasuresResolvers<ContextType>;
  LayoffTrend?: LayoffTrendResolvers<ContextType>;
  LayoffTrendPoint?: LayoffTrendPointResolvers<ContextType>;
  LayoffTrendSeries?: LayoffTrendSeriesResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  MarketAiPostings?: MarketAiPostingsResolvers<ContextType>;
  MarketLayoffs?: MarketLayoffsResolvers<ContextType>;
  MarketSalaries?: MarketSalariesResolvers<ContextType>;
  MarketSummary?: MarketSummaryResolvers<ContextType>;
  MarketTopRole?: MarketTopRoleResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NewApiKey?: NewApiKeyResolvers<ContextType>;
  NewWebhook?: NewWebhookResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PartnerJob?: PartnerJobResolvers<ContextType>;
  PeriodCounts?: PeriodCountsResolvers<ContextType>;
  PostingTrend?: PostingTrendResolvers<ContextType>;
  PostingTrendPoint?: PostingTrendPointResolvers<ContextType>;
  PostingTrendSeries?: PostingTrendSeriesResolvers<ContextType>;
  PremiumCell?: PremiumCellResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Radar?: RadarResolvers<ContextType>;
  RadarCompany?: RadarCompanyResolvers<ContextType>;
  RadarEmerging?: RadarEmergingResolvers<ContextType>;
  RadarEmergingItem?: RadarEmergingItemResolvers<ContextType>;
  RadarSalaryMovement?: RadarSalaryMovementResolvers<ContextType>;
  RateLimitBudget?: RateLimitBudgetResolvers<ContextType>;
  RoleTerm?: RoleTermResolvers<ContextType>;
  Salary?: SalaryResolvers<ContextType>;
  SalaryFigures?: SalaryFiguresResolvers<ContextType>;
  SalaryGroup?: SalaryGroupResolvers<ContextType>;
  SalaryGroupKey?: SalaryGroupKeyResolvers<ContextType>;
  SalaryHistogram?: SalaryHistogramResolvers<ContextType>;
  SalaryPremiums?: SalaryPremiumsResolvers<ContextType>;
  SalarySide?: SalarySideResolvers<ContextType>;
  SalaryStats?: SalaryStatsResolvers<ContextType>;
  SavedSearch?: SavedSearchResolvers<ContextType>;
  SavedSearchConnection?: SavedSearchConnectionResolvers<ContextType>;
  SavedSearchFilter?: SavedSearchFilterResolvers<ContextType>;
  SavedSearchMatch?: SavedSearchMatchResolvers<ContextType>;
  SavedSearchMatchEvent?: SavedSearchMatchEventResolvers<ContextType>;
  SavedSearchMatches?: SavedSearchMatchesResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Taxonomy?: TaxonomyResolvers<ContextType>;
  Term?: TermResolvers<ContextType>;
  TierLimit?: TierLimitResolvers<ContextType>;
  Usage?: UsageResolvers<ContextType>;
  UsageCaller?: UsageCallerResolvers<ContextType>;
  UsageKey?: UsageKeyResolvers<ContextType>;
  Webhook?: WebhookResolvers<ContextType>;
  WebhookConnection?: WebhookConnectionResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryAttempt?: WebhookDeliveryAttemptResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WebhookSecretRotation?: WebhookSecretRotationResolvers<ContextType>;
  WeeklyNewPostings?: WeeklyNewPostingsResolvers<ContextType>;
  WritePayload?: WritePayloadResolvers<ContextType>;
};

