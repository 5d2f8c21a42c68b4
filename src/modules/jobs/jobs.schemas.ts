import { Type, type Static } from 'typebox';
import {
  CLOSE_REASON_KEYS,
  COMPANY_CATEGORY_KEYS,
  DOMAIN_KEYS,
  EMPLOYMENT_TYPE_KEYS,
  JOB_STATUS_KEYS,
  ROLE_KEYS,
  SALARY_PERIOD_KEYS,
  SENIORITY_KEYS,
  WORKPLACE_KEYS,
} from '../../reference/taxonomy.js';
import {
  csvEnum,
  csvPattern,
  CursorParam,
  DATE_OR_DATETIME,
  DateTime,
  LimitParam,
  listOf,
  NO_CONTROL_CHARS,
  Nullable,
  SLUG_ITEM,
  StringEnum,
  TOTAL_RELATIONS,
} from '../../lib/schemas.js';

export const JOB_SORTS = ['relevance', 'newest', 'oldest', 'salary_desc', 'salary_asc'] as const;
export type JobSort = (typeof JOB_SORTS)[number];

export const FACET_FIELDS = [
  'role',
  'seniority',
  'domain',
  'company',
  'company_category',
  'workplace',
  'country',
  'employment_type',
] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** Filters shared by every job search (`/v1/jobs`, `/v1/companies/{slug}/jobs`, analytics later). */
export const jobFilterProperties = {
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      pattern: NO_CONTROL_CHARS,
      description:
        'Full-text search in web-search syntax: words are ANDed, `"quoted phrases"`, `-exclude`, `or`. ' +
        'A posting matches when the title, skills, company name and description together hold the terms; `sort=relevance` ' +
        'puts matches in the title first (see `sort`).',
    }),
  ),
  role: Type.Optional(csvEnum(ROLE_KEYS, 'Role family.')),
  seniority: Type.Optional(csvEnum(SENIORITY_KEYS, 'Seniority.')),
  domain: Type.Optional(csvEnum(DOMAIN_KEYS, 'Industry domain.')),
  company: Type.Optional(csvPattern(SLUG_ITEM, 'company slugs', 'Company slugs.')),
  company_category: Type.Optional(csvEnum(COMPANY_CATEGORY_KEYS, 'Company category.')),
  workplace: Type.Optional(csvEnum(WORKPLACE_KEYS, 'Workplace.')),
  employment_type: Type.Optional(csvEnum(EMPLOYMENT_TYPE_KEYS, 'Employment type.')),
  country: Type.Optional(
    csvPattern('[A-Za-z]{2}', 'ISO 3166-1 alpha-2 country codes', 'ISO 3166-1 alpha-2 country codes of the job location.'),
  ),
  skills: Type.Optional(
    csvPattern('[A-Za-z0-9][A-Za-z0-9+#.-]{0,39}', 'skill slugs', 'Skills the job must list, all of them (e.g. `python,pytorch`).', 20),
  ),
  salary_min: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description: 'Annual USD: jobs whose normalised salary range reaches at least this much. Jobs without a salary are excluded.',
    }),
  ),
  salary_max: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description: 'Annual USD: jobs whose normalised salary range starts at or below this. Jobs without a salary are excluded.',
    }),
  ),
  posted_after: Type.Optional(
    Type.String({ pattern: DATE_OR_DATETIME, description: 'Posted at or after this date or date-time (UTC when no offset).' }),
  ),
  posted_before: Type.Optional(
    Type.String({ pattern: DATE_OR_DATETIME, description: 'Posted strictly before this date or date-time (UTC when no offset).' }),
  ),
  status: Type.Optional(
    StringEnum(['open', 'closed', 'all'], { default: 'open', description: 'Posting status; `all` for both.' }),
  ),
};

export const jobPageProperties = {
  sort: Type.Optional(
    StringEnum(JOB_SORTS, {
      description:
        'Order: `relevance` (default with `q`; needs `q`), `newest` (default otherwise) and `oldest` by `posted_at`, ' +
        '`relevance` ranks in three tiers: first postings with every term of `q` in the title, then those with every ' +
        'term in the title, skills or company name, then those that match only with the description; newest first within ' +
        'a tier. ' +
        '`salary_desc` by the top of the annual USD range, `salary_asc` by its bottom (jobs without a salary last). ' +
        'Ties are broken by `id`, so the order is total and paging is stable.',
    }),
  ),
  limit: Type.Optional(LimitParam),
  cursor: Type.Optional(CursorParam),
  facets: Type.Optional(
    csvEnum(
      FACET_FIELDS,
      'Fields to count (top 50 values each, by count): over the whole match when at most the counting bound (10,000) ' +
        'match, otherwise over that many matches, flagged `facets_relation: "gte"`.',
    ),
  ),
};

export const JobListQuery = Type.Object({ ...jobFilterProperties, ...jobPageProperties }, { additionalProperties: false });
export type JobListQuery = Static<typeof JobListQuery>;

const { company: _company, ...companyJobFilterProperties } = jobFilterProperties;
export const CompanyJobListQuery = Type.Object(
  { ...companyJobFilterProperties, ...jobPageProperties },
  { additionalProperties: false },
);
export type CompanyJobListQuery = Static<typeof CompanyJobListQuery>;

export const JobIdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100, description: 'Job id.' }) },
  { additionalProperties: false },
);

export const CompanyRef = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  category: StringEnum(COMPANY_CATEGORY_KEYS),
}, { title: 'CompanyRef', description: 'The company of a posting.' });

export const Salary = Type.Object(
  {
    min: Type.Number({ description: 'As posted, in `currency` per `period`.' }),
    max: Type.Number({ description: 'As posted, in `currency` per `period`.' }),
    currency: Type.String({ description: 'ISO 4217 code.' }),
    period: StringEnum(SALARY_PERIOD_KEYS),
    annual_usd_min: Type.Integer({
      description: 'Normalised: min × periods per year (2,080 hours, 260 days, 52 weeks, 12 months) × USD per unit on `fx_as_of`.',
    }),
    annual_usd_max: Type.Integer({ description: 'Normalised like `annual_usd_min`.' }),
    fx_as_of: Nullable(Type.String({ format: 'date', description: 'Date of the exchange rate used.' })),
  },
  { title: 'Salary', description: 'Posted salary and its annual USD normalisation.' },
);

export const Job = Type.Object(
  {
    id: Type.String({ description: 'Opaque id.' }),
    title: Type.String(),
    company: CompanyRef,
    role: StringEnum(ROLE_KEYS),
    seniority: StringEnum(SENIORITY_KEYS),
    domain: StringEnum(DOMAIN_KEYS),
    skills: Type.Array(Type.String()),
    description: Type.String({ description: 'Sanitised HTML.' }),
    employment_type: StringEnum(EMPLOYMENT_TYPE_KEYS),
    workplace: StringEnum(WORKPLACE_KEYS),
    location: Type.Object({
      city: Nullable(Type.String()),
      region: Nullable(Type.String()),
      country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2.' })),
    }),
    salary: Nullable(Salary),
    posted_at: DateTime(),
    valid_through: Nullable(DateTime()),
    status: StringEnum(JOB_STATUS_KEYS),
    close_reason: Nullable(StringEnum(CLOSE_REASON_KEYS)),
    closed_at: Nullable(DateTime()),
    apply_url: Nullable(Type.String()),
    created_at: DateTime(),
    updated_at: DateTime(),
  },
  { $id: 'Job', title: 'Job', description: 'A job posting.' },
);
export type Job = Static<typeof Job>;

const FacetCounts = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }, { title: 'FacetCount', description: 'How many matches have this value.' }));

export const JobList = listOf(
  Type.Ref('Job'),
  {
  facets: Type.Optional(
    Type.Object(Object.fromEntries(FACET_FIELDS.map((f) => [f, Type.Optional(FacetCounts)])), {
      description:
        'Counts for each field named in `facets`: over the whole match when it is within the counting bound, otherwise over ' +
        'the first matches up to the bound (see `facets_relation`).',
    }),
  ),
  facets_relation: Type.Optional(
    StringEnum(TOTAL_RELATIONS, {
      description:
        'With `facets`: `eq` when the counts are over the whole match, `gte` when they are over the first matches up to the ' +
        'counting bound only (each count is then at most the true count).',
    }),
  ),
  },
  { title: 'JobList', description: 'A page of job postings, with facet counts when asked for.' },
);
