/** schema.org JobPosting vocabulary shared by both directions: the media type, our extension namespace, the term maps. */
import type { EmploymentType, SalaryPeriod } from '../../../reference/taxonomy.js';

export const JOB_POSTING_CONTENT_TYPE = 'application/ld+json';

/** Namespace IRI of the `hiringRadar:` extension properties. */
export const HIRING_RADAR_NS = 'https://hiringradar.dev/ns#';

/** The `@context` we write: schema.org as the vocabulary, plus our prefix (a fresh copy each call). */
export function jobPostingContext(): [string, { hiringRadar: string }] {
  return ['https://schema.org', { hiringRadar: HIRING_RADAR_NS }];
}

/** Our employment types as Google's `employmentType` values. */
export const EMPLOYMENT_TYPE_OUT: Record<EmploymentType, string> = {
  full_time: 'FULL_TIME',
  part_time: 'PART_TIME',
  contract: 'CONTRACTOR',
  temporary: 'TEMPORARY',
  internship: 'INTERN',
};

/** Google's `employmentType` values (and a few common spellings) that have an equivalent here. */
export const EMPLOYMENT_TYPE_IN: Record<string, EmploymentType> = {
  FULL_TIME: 'full_time',
  FULLTIME: 'full_time',
  PART_TIME: 'part_time',
  PARTTIME: 'part_time',
  CONTRACTOR: 'contract',
  CONTRACT: 'contract',
  TEMPORARY: 'temporary',
  INTERN: 'internship',
  INTERNSHIP: 'internship',
};
export const GOOGLE_EMPLOYMENT_TYPES = ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN', 'VOLUNTEER', 'PER_DIEM', 'OTHER'];

export const UNIT_TEXT: Record<string, SalaryPeriod> = { HOUR: 'hour', DAY: 'day', WEEK: 'week', MONTH: 'month', YEAR: 'year' };
export const UNIT_TEXT_LIST = 'HOUR, DAY, WEEK, MONTH or YEAR';

export const SCHEMA_ORG = /^https?:\/\/schema\.org\/?$/;
export const JOB_POSTING_TYPES = new Set(['JobPosting', 'schema:JobPosting', 'https://schema.org/JobPosting', 'http://schema.org/JobPosting']);
