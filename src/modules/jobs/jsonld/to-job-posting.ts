/**
 * Our posting as schema.org JobPosting JSON-LD: what `GET /v1/jobs/{id}` answers with
 * `Accept: application/ld+json`. The properties are the ones Google for Jobs reads; our own dimensions
 * that JobPosting lacks travel as `hiringRadar:*` extension properties, so a document we write maps
 * back to the same posting (see `from-job-posting.ts`). Pure functions: no I/O.
 */
import { Type } from 'typebox';
import {
  DOMAIN_KEYS,
  JOB_STATUS_KEYS,
  ROLE_KEYS,
  SALARY_PERIOD_KEYS,
  SENIORITY_KEYS,
  WORKPLACE_KEYS,
} from '../../../reference/taxonomy.js';
import { StringEnum } from '../../../lib/schemas.js';
import type { Job } from '../jobs.schemas.js';
import { EMPLOYMENT_TYPE_OUT, HIRING_RADAR_NS, jobPostingContext } from './vocabulary.js';

/** What `toJobPosting` writes, as a schema: the `JobPostingLd` component of the OpenAPI document. */
export const JobPostingLd = Type.Object(
  {
    '@context': Type.Unsafe<ReturnType<typeof jobPostingContext>>({
      type: 'array',
      prefixItems: [Type.Literal('https://schema.org'), Type.Object({ hiringRadar: Type.Literal(HIRING_RADAR_NS) })],
      minItems: 2,
      maxItems: 2,
      description: 'schema.org as the vocabulary, and the `hiringRadar:` prefix of our extension properties.',
    }),
    '@type': Type.Literal('JobPosting'),
    '@id': Type.Optional(Type.String({ format: 'uri', description: 'The posting\'s URL on this API (when the server knows its public origin).' })),
    title: Type.String(),
    description: Type.String({ description: 'Sanitised HTML.' }),
    datePosted: Type.String({ format: 'date-time' }),
    validThrough: Type.Optional(
      Type.String({ format: 'date-time', description: 'When applications close; for a closed posting, at the latest its closing time.' }),
    ),
    employmentType: StringEnum(Object.values(EMPLOYMENT_TYPE_OUT) as ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN'], {
      description: "Google for Jobs' employment type.",
    }),
    hiringOrganization: Type.Object({
      '@type': Type.Literal('Organization'),
      '@id': Type.Optional(Type.String({ format: 'uri' })),
      name: Type.String(),
      identifier: Type.String({ description: 'Company slug.' }),
      url: Type.Optional(Type.String({ format: 'uri', description: 'The company on this API.' })),
    }),
    jobLocation: Type.Optional(
      Type.Object(
        {
          '@type': Type.Literal('Place'),
          address: Type.Object({
            '@type': Type.Literal('PostalAddress'),
            addressLocality: Type.Optional(Type.String()),
            addressRegion: Type.Optional(Type.String()),
            addressCountry: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2.' })),
          }),
        },
        { description: 'Where the work is; absent for a remote job without a city or region.' },
      ),
    ),
    jobLocationType: Type.Optional(Type.Literal('TELECOMMUTE', { description: 'Remote jobs only.' })),
    applicantLocationRequirements: Type.Optional(
      Type.Object(
        { '@type': Type.Literal('Country'), name: Type.String({ description: 'ISO 3166-1 alpha-2.' }) },
        { description: 'Remote jobs with a country: where applicants must live.' },
      ),
    ),
    baseSalary: Type.Optional(
      Type.Object(
        {
          '@type': Type.Literal('MonetaryAmount'),
          currency: Type.String({ description: 'ISO 4217 code.' }),
          value: Type.Object({
            '@type': Type.Literal('QuantitativeValue'),
            minValue: Type.Number(),
            maxValue: Type.Number(),
            unitText: StringEnum(SALARY_PERIOD_KEYS.map((k) => k.toUpperCase()) as ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR']),
          }),
        },
        { description: 'The salary as posted (not normalised).' },
      ),
    ),
    identifier: Type.Object(
      { '@type': Type.Literal('PropertyValue'), name: Type.String({ description: 'The company name.' }), value: Type.String() },
      { description: "The posting's id: the partner's own id where one is shown, else our job id." },
    ),
    directApply: Type.Boolean({ description: 'Whether `url` is where to apply.' }),
    url: Type.Optional(Type.String({ description: 'Where to apply.' })),
    skills: Type.Optional(Type.String({ description: 'Comma-separated.' })),
    'hiringRadar:role': StringEnum(ROLE_KEYS),
    'hiringRadar:seniority': StringEnum(SENIORITY_KEYS),
    'hiringRadar:domain': StringEnum(DOMAIN_KEYS),
    'hiringRadar:workplace': StringEnum(WORKPLACE_KEYS),
    'hiringRadar:status': StringEnum(JOB_STATUS_KEYS),
  },
  {
    $id: 'JobPostingLd',
    additionalProperties: false,
    title: 'JobPostingLd',
    description:
      'A posting as schema.org JobPosting JSON-LD (`Accept: application/ld+json`): the properties Google for Jobs reads, and our own ' +
      'dimensions as `hiringRadar:*` extension properties.',
  },
);

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export interface JobPostingOptions {
  /** The partner's id of the posting; `identifier.value` falls back to our job id. */
  externalId?: string | null;
  /** Public origin of the API (e.g. `https://api.hiringradar.dev`): adds `@id` and the company's `url`. */
  baseUrl?: string;
}

/** Our posting as a schema.org JobPosting with every Google-required and -recommended property we hold. */
export function toJobPosting(job: Job, options: JobPostingOptions = {}): Record<string, unknown> {
  const base = options.baseUrl?.replace(/\/+$/, '');
  const { city, region, country } = job.location;
  const remote = job.workplace === 'remote';

  const address = compact({
    '@type': 'PostalAddress',
    addressLocality: city,
    addressRegion: region,
    addressCountry: country,
  });
  // Google wants jobLocation for every job with a physical place; a 100% remote job may have one as well.
  const hasPlace = remote ? city != null || region != null : city != null || region != null || country != null;

  const validThrough = effectiveValidThrough(job);

  return compact({
    '@context': jobPostingContext(),
    '@type': 'JobPosting',
    '@id': base ? `${base}/v1/jobs/${encodeURIComponent(job.id)}` : undefined,
    title: job.title,
    description: job.description,
    datePosted: job.posted_at,
    validThrough,
    employmentType: EMPLOYMENT_TYPE_OUT[job.employment_type],
    hiringOrganization: compact({
      '@type': 'Organization',
      '@id': base ? `${base}/v1/companies/${encodeURIComponent(job.company.slug)}` : undefined,
      name: job.company.name,
      identifier: job.company.slug,
      url: base ? `${base}/v1/companies/${encodeURIComponent(job.company.slug)}` : undefined,
    }),
    jobLocation: hasPlace ? { '@type': 'Place', address } : undefined,
    jobLocationType: remote ? 'TELECOMMUTE' : undefined,
    applicantLocationRequirements: remote && country != null ? { '@type': 'Country', name: country } : undefined,
    baseSalary: job.salary
      ? {
          '@type': 'MonetaryAmount',
          currency: job.salary.currency,
          value: {
            '@type': 'QuantitativeValue',
            minValue: job.salary.min,
            maxValue: job.salary.max,
            unitText: job.salary.period.toUpperCase(),
          },
        }
      : undefined,
    identifier: { '@type': 'PropertyValue', name: job.company.name, value: options.externalId ?? job.id },
    directApply: job.apply_url != null,
    url: job.apply_url ?? undefined,
    skills: job.skills.length > 0 ? job.skills.join(', ') : undefined,
    'hiringRadar:role': job.role,
    'hiringRadar:seniority': job.seniority,
    'hiringRadar:domain': job.domain,
    'hiringRadar:workplace': job.workplace,
    'hiringRadar:status': job.status,
  });
}

/** validThrough, capped at the closing time of a closed job so that Google sees it as expired. */
function effectiveValidThrough(job: Job): string | undefined {
  if (job.status !== 'closed') return job.valid_through ?? undefined;
  const closedAt = job.closed_at ?? job.updated_at;
  if (job.valid_through != null && Date.parse(job.valid_through) <= Date.parse(closedAt)) return job.valid_through;
  return closedAt;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

/**
 * JSON text that stays inert inside an HTML `<script type="application/ld+json">` element, where
 * publishers embed JobPosting: `<`, `>` and `&` (and the JavaScript line separators) are written as
 * \u escapes, which JSON parsers read back as the same characters.
 */
export function htmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
