import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../../src/reference/countries.js';
import {
  COMPANY_CATEGORY_KEYS,
  DOMAIN_KEYS,
  EMPLOYMENT_TYPE_KEYS,
  ROLE_KEYS,
  SALARY_PERIOD_KEYS,
  SENIORITY_KEYS,
  WORKPLACE_KEYS,
} from '../../../src/reference/taxonomy.js';
import { ValidationProblem } from '../../../src/lib/errors.js';
import { jobInputFromJobPosting, jobPostingPointer, seniorityFromTitle, skillSlug, toInstant } from '../../../src/modules/jobs/jsonld/from-job-posting.js';
import { toJobPosting } from '../../../src/modules/jobs/jsonld/to-job-posting.js';
import { JOB_POSTING_CONTENT_TYPE } from '../../../src/modules/jobs/jsonld/vocabulary.js';
import type { Job } from '../../../src/modules/jobs/jobs.schemas.js';
import { JobInput } from '../../../src/modules/partner/partner.schemas.js';

function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: '0193a5c4-7e2b-7c1d-9f00-5b1e2d3c4a5b',
    title: 'Senior LLM Engineer, Healthcare',
    company: { id: 'c-1', slug: 'acme-ai', name: 'Acme AI', category: 'ai_native' },
    role: 'llm_engineer',
    seniority: 'senior',
    domain: 'healthcare',
    skills: ['python', 'pytorch', 'c++', 'node.js', 'fhir'],
    description: '<p>Build <strong>clinical</strong> copilots.</p><ul><li>RAG</li><li>Evals</li></ul>',
    employment_type: 'full_time',
    workplace: 'hybrid',
    location: { city: 'San Francisco', region: 'CA', country: 'US' },
    salary: {
      min: 180_000,
      max: 240_000,
      currency: 'USD',
      period: 'year',
      annual_usd_min: 180_000,
      annual_usd_max: 240_000,
      fx_as_of: '2026-03-01',
    },
    posted_at: '2026-03-02T09:30:00.000Z',
    valid_through: '2026-05-01T00:00:00.000Z',
    status: 'open',
    close_reason: null,
    closed_at: null,
    apply_url: 'https://jobs.acme.ai/apply/123',
    created_at: '2026-03-02T09:30:00.000Z',
    updated_at: '2026-03-02T09:30:00.000Z',
    ...overrides,
  };
}

/** The fields a partner owns, as JobInput would carry them. */
function partnerFields(job: Job): JobInput {
  return {
    title: job.title,
    description: job.description,
    role: job.role,
    seniority: job.seniority,
    domain: job.domain,
    skills: job.skills,
    employment_type: job.employment_type,
    workplace: job.workplace,
    location: job.location,
    salary: job.salary ? { min: job.salary.min, max: job.salary.max, currency: job.salary.currency, period: job.salary.period } : null,
    posted_at: job.posted_at,
    valid_through: job.valid_through,
    apply_url: job.apply_url,
  };
}

/** Through the wire: what a client would send back is the JSON text of what we answered. */
const viaJson = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc));

function problemOf(fn: () => unknown): ValidationProblem {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationProblem) return e;
    throw e;
  }
  throw new Error('expected a ValidationProblem');
}
const names = (p: ValidationProblem) => p.errors!.map((e) => e.name);

describe('JobPosting JSON-LD', () => {
  it('exports the media type', () => {
    expect(JOB_POSTING_CONTENT_TYPE).toBe('application/ld+json');
  });

  describe('round trip: toJobPosting → jobInputFromJobPosting', () => {
    const cases: Array<[string, Job]> = [
      ['hybrid, annual salary', makeJob()],
      [
        'remote, hourly, contract, no apply URL',
        makeJob({
          workplace: 'remote',
          location: { city: null, region: null, country: 'DE' },
          employment_type: 'contract',
          salary: { min: 95, max: 95, currency: 'EUR', period: 'hour', annual_usd_min: 1, annual_usd_max: 1, fx_as_of: null },
          apply_url: null,
          valid_through: null,
        }),
      ],
      [
        'remote with an office city',
        makeJob({ workplace: 'remote', location: { city: 'London', region: null, country: 'GB' } }),
      ],
      [
        'on-site, no salary, no skills, no location',
        makeJob({ workplace: 'onsite', salary: null, skills: [], location: { city: null, region: null, country: null }, domain: 'general' }),
      ],
      ['internship', makeJob({ employment_type: 'internship', seniority: 'junior', title: 'ML Intern', domain: 'general' })],
    ];

    it.each(cases)('%s', (_name, job) => {
      const { externalId, input } = jobInputFromJobPosting(viaJson(toJobPosting(job, { externalId: 'REQ-2026-001' })));
      expect(externalId).toBe('REQ-2026-001');
      expect(input).toEqual(partnerFields(job));
      expect(Value.Check(JobInput, input)).toBe(true);
    });

    it('identifier falls back to our job id without an external id', () => {
      const job = makeJob();
      expect(jobInputFromJobPosting(viaJson(toJobPosting(job, {}))).externalId).toBe(job.id);
    });

    it('property: any open job survives the trip', () => {
      const text = fc.string({ minLength: 1, maxLength: 30 });
      const nullableText = fc.option(text, { nil: null });
      const instant = fc
        .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
      const arbJob = fc
        .record({
          title: fc.string({ minLength: 1, maxLength: 80 }),
          description: fc.string({ minLength: 1, maxLength: 200 }),
          role: fc.constantFrom(...ROLE_KEYS),
          seniority: fc.constantFrom(...SENIORITY_KEYS),
          domain: fc.constantFrom(...DOMAIN_KEYS),
          skills: fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9+#.-]{0,39}$/), { maxLength: 8 }),
          employment_type: fc.constantFrom(...EMPLOYMENT_TYPE_KEYS),
          workplace: fc.constantFrom(...WORKPLACE_KEYS),
          location: fc.record({ city: nullableText, region: nullableText, country: fc.option(fc.constantFrom(...COUNTRY_CODES), { nil: null }) }),
          salary: fc.option(
            fc.record({
              min: fc.double({ min: 0.01, max: 1e8, noNaN: true }),
              max: fc.double({ min: 0.01, max: 1e8, noNaN: true }),
              currency: fc.stringMatching(/^[A-Z]{3}$/),
              period: fc.constantFrom(...SALARY_PERIOD_KEYS),
            }),
            { nil: null },
          ),
          posted_at: instant,
          valid_through: fc.option(instant, { nil: null }),
          apply_url: fc.option(fc.webUrl({ validSchemes: ['https'] }), { nil: null }),
          category: fc.constantFrom(...COMPANY_CATEGORY_KEYS),
          externalId: fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/), { nil: null }),
        })
        .map(({ salary, category, externalId, ...fields }) => ({
          externalId,
          job: makeJob({
            ...fields,
            company: { id: 'c-9', slug: 'x', name: 'X', category },
            salary: salary && { ...salary, annual_usd_min: 0, annual_usd_max: 0, fx_as_of: null },
          }),
        }));
      fc.assert(
        fc.property(arbJob, ({ job, externalId }) => {
          const out = jobInputFromJobPosting(viaJson(toJobPosting(job, { externalId, baseUrl: 'https://api.example.test' })));
          expect(out.input).toEqual(partnerFields(job));
          expect(out.externalId).toBe(externalId ?? job.id);
        }),
        { numRuns: 300 },
      );
    });

    it('names the JSON-LD property behind each mapped field', () => {
      const { sources } = jobInputFromJobPosting(viaJson(toJobPosting(makeJob(), {})));
      expect(jobPostingPointer(sources, '/title')).toBe('/title');
      expect(jobPostingPointer(sources, '/role')).toBe('/hiringRadar:role');
      expect(jobPostingPointer(sources, '/skills/3')).toBe('/skills');
      expect(jobPostingPointer(sources, '/salary/min')).toBe('/baseSalary/value/minValue');
      expect(jobPostingPointer(sources, '/salary/currency')).toBe('/baseSalary/currency');
      expect(jobPostingPointer(sources, '/salary')).toBe('/baseSalary');
      expect(jobPostingPointer(sources, '/location/city')).toBe('/jobLocation/address/addressLocality');
      expect(jobPostingPointer(sources, '/location/country')).toBe('/jobLocation/address/addressCountry');
      expect(jobPostingPointer(sources, '/posted_at')).toBe('/datePosted');
      expect(jobPostingPointer(sources, '/apply_url')).toBe('/url');
      expect(jobPostingPointer(sources, '/external_id')).toBe('/identifier');
    });
  });

  describe('toJobPosting', () => {
    it("has Google's required and recommended properties (on-site job)", () => {
      const doc = toJobPosting(makeJob({ workplace: 'onsite' }), { externalId: 'REQ-1', baseUrl: 'https://api.example.test/' });
      expect(doc['@context']).toEqual(['https://schema.org', { hiringRadar: 'https://hiringradar.dev/ns#' }]);
      expect(doc['@type']).toBe('JobPosting');
      expect(doc['@id']).toBe('https://api.example.test/v1/jobs/0193a5c4-7e2b-7c1d-9f00-5b1e2d3c4a5b');
      // required
      expect(doc.title).toBe('Senior LLM Engineer, Healthcare');
      expect(doc.description).toContain('<strong>clinical</strong>');
      expect(doc.datePosted).toBe('2026-03-02T09:30:00.000Z');
      expect(doc.hiringOrganization).toEqual({
        '@type': 'Organization',
        '@id': 'https://api.example.test/v1/companies/acme-ai',
        name: 'Acme AI',
        identifier: 'acme-ai',
        url: 'https://api.example.test/v1/companies/acme-ai',
      });
      expect(doc.jobLocation).toEqual({
        '@type': 'Place',
        address: { '@type': 'PostalAddress', addressLocality: 'San Francisco', addressRegion: 'CA', addressCountry: 'US' },
      });
      // recommended
      expect(doc.validThrough).toBe('2026-05-01T00:00:00.000Z');
      expect(doc.employmentType).toBe('FULL_TIME');
      expect(doc.baseSalary).toEqual({
        '@type': 'MonetaryAmount',
        currency: 'USD',
        value: { '@type': 'QuantitativeValue', minValue: 180_000, maxValue: 240_000, unitText: 'YEAR' },
      });
      expect(doc.identifier).toEqual({ '@type': 'PropertyValue', name: 'Acme AI', value: 'REQ-1' });
      expect(doc.directApply).toBe(true);
      expect(doc.url).toBe('https://jobs.acme.ai/apply/123');
      expect(doc).not.toHaveProperty('jobLocationType');
      expect(doc).not.toHaveProperty('applicantLocationRequirements');
      // ours
      expect(doc.skills).toBe('python, pytorch, c++, node.js, fhir');
      expect(doc['hiringRadar:role']).toBe('llm_engineer');
      expect(doc['hiringRadar:seniority']).toBe('senior');
      expect(doc['hiringRadar:domain']).toBe('healthcare');
      expect(doc['hiringRadar:workplace']).toBe('onsite');
      expect(doc['hiringRadar:status']).toBe('open');
    });

    it('marks a remote job TELECOMMUTE with the applicant country and no jobLocation', () => {
      const doc = toJobPosting(makeJob({ workplace: 'remote', location: { city: null, region: null, country: 'CA' } }), {});
      expect(doc.jobLocationType).toBe('TELECOMMUTE');
      expect(doc.applicantLocationRequirements).toEqual({ '@type': 'Country', name: 'CA' });
      expect(doc).not.toHaveProperty('jobLocation');
      expect(doc.hiringOrganization).toEqual({ '@type': 'Organization', name: 'Acme AI', identifier: 'acme-ai' });
    });

    it('uses the posted salary, not the normalised one, and leaves out what we do not hold', () => {
      const doc = toJobPosting(
        makeJob({
          salary: { min: 5000, max: 6500, currency: 'GBP', period: 'month', annual_usd_min: 76_000, annual_usd_max: 99_000, fx_as_of: '2026-03-01' },
          valid_through: null,
          apply_url: null,
          skills: [],
        }),
        {},
      );
      expect(doc.baseSalary).toEqual({
        '@type': 'MonetaryAmount',
        currency: 'GBP',
        value: { '@type': 'QuantitativeValue', minValue: 5000, maxValue: 6500, unitText: 'MONTH' },
      });
      expect(doc.directApply).toBe(false);
      for (const key of ['validThrough', 'url', 'skills']) expect(doc).not.toHaveProperty(key);
      expect(toJobPosting(makeJob({ salary: null }), {})).not.toHaveProperty('baseSalary');
    });

    it('ends a closed job no later than its closing time, so Google sees it expired', () => {
      const closed = { status: 'closed' as const, close_reason: 'filled' as const, closed_at: '2026-03-20T12:00:00.000Z' };
      expect(toJobPosting(makeJob(closed), {}).validThrough).toBe('2026-03-20T12:00:00.000Z');
      expect(toJobPosting(makeJob({ ...closed, valid_through: null }), {}).validThrough).toBe('2026-03-20T12:00:00.000Z');
      expect(toJobPosting(makeJob({ ...closed, valid_through: '2026-03-10T00:00:00.000Z' }), {}).validThrough).toBe(
        '2026-03-10T00:00:00.000Z',
      );
      expect(toJobPosting(makeJob(closed), {})['hiringRadar:status']).toBe('closed');
    });

    it('maps every employment type to a Google value', () => {
      const google = EMPLOYMENT_TYPE_KEYS.map((t) => toJobPosting(makeJob({ employment_type: t }), {}).employmentType);
      expect(google).toEqual(['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'INTERN', 'TEMPORARY']);
    });
  });

  describe('jobInputFromJobPosting: documents written elsewhere', () => {
    /** Modelled on the examples in Google's JobPosting structured-data documentation. */
    const googleSample = {
      '@context': 'https://schema.org/',
      '@type': 'JobPosting',
      title: 'Software Engineer',
      description: '<p>Google aspires to be an organization that reflects the globally diverse audience that our products and technology serve.</p>',
      identifier: { '@type': 'PropertyValue', name: 'Google', value: '1234567' },
      datePosted: '2017-01-18',
      validThrough: '2017-03-18T00:00',
      employmentType: ['CONTRACTOR', 'FULL_TIME'],
      hiringOrganization: { '@type': 'Organization', name: 'Google', sameAs: 'https://www.google.com', logo: 'https://www.example.com/images/logo.png' },
      jobLocation: [
        {
          '@type': 'Place',
          address: {
            '@type': 'PostalAddress',
            streetAddress: '1600 Amphitheatre Pkwy',
            addressLocality: 'Mountain View',
            addressRegion: 'CA',
            postalCode: '94043',
            addressCountry: 'US',
          },
        },
        {
          '@type': 'Place',
          address: {
            '@type': 'PostalAddress',
            streetAddress: '111 8th Ave',
            addressLocality: 'New York',
            addressRegion: 'NY',
            postalCode: '10011',
            addressCountry: 'US',
          },
        },
      ],
      baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', value: 40.0, unitText: 'HOUR' } },
      skills: 'Python, Machine Learning, Kubernetes',
      url: 'https://careers.example.com/jobs/1234567',
      directApply: true,
      'hiringRadar:role': 'software_engineer',
    };

    it('maps a Google-style posting with several places (the first is ours)', () => {
      const { externalId, input } = jobInputFromJobPosting(googleSample);
      expect(externalId).toBe('1234567');
      expect(input).toEqual({
        title: 'Software Engineer',
        description: googleSample.description,
        role: 'software_engineer',
        seniority: 'mid',
        skills: ['python', 'machine-learning', 'kubernetes'],
        employment_type: 'contract',
        workplace: 'onsite',
        location: { city: 'Mountain View', region: 'CA', country: 'US' },
        salary: { min: 40, max: 40, currency: 'USD', period: 'hour' },
        posted_at: '2017-01-18T00:00:00.000Z',
        valid_through: '2017-03-18T00:00:00.000Z',
        apply_url: 'https://careers.example.com/jobs/1234567',
      });
      expect(Value.Check(JobInput, input)).toBe(true);
    });

    it('maps a Google-style remote (TELECOMMUTE) posting', () => {
      const { externalId, input } = jobInputFromJobPosting({
        '@context': 'http://schema.org',
        '@type': 'JobPosting',
        title: 'Staff ML Infrastructure Engineer',
        description: '<p>100% remote, anywhere in the USA.</p>',
        identifier: 'ATS-42',
        datePosted: '2026-02-10T08:00:00-05:00',
        validThrough: '2026-04-10',
        employmentType: 'FULL_TIME',
        hiringOrganization: { '@type': 'Organization', name: 'Example Co', sameAs: 'https://example.com' },
        jobLocationType: 'TELECOMMUTE',
        applicantLocationRequirements: { '@type': 'Country', name: 'USA' },
        baseSalary: {
          '@type': 'MonetaryAmount',
          currency: 'usd',
          value: { '@type': 'QuantitativeValue', minValue: 210000, maxValue: 260000, unitText: 'YEAR' },
        },
        skills: ['Kubernetes', 'CUDA', 'Ray Serve'],
        sameAs: ['http://insecure.example.com/job/42', 'https://example.com/job/42'],
        'hiringRadar:role': 'ml_infrastructure',
      });
      expect(externalId).toBe('ATS-42');
      expect(input).toMatchObject({
        seniority: 'staff',
        workplace: 'remote',
        employment_type: 'full_time',
        location: { city: null, region: null, country: 'US' },
        salary: { min: 210000, max: 260000, currency: 'USD', period: 'year' },
        skills: ['kubernetes', 'cuda', 'ray-serve'],
        posted_at: '2026-02-10T13:00:00.000Z',
        valid_through: '2026-04-10T00:00:00.000Z',
        apply_url: 'https://example.com/job/42',
      });
      expect(input).not.toHaveProperty('domain');
    });

    it('reads applicant countries given as codes, names or objects, and ignores areas that are not countries', () => {
      const base = { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'RAG Engineer', description: 'x', 'hiringRadar:role': 'rag_retrieval', jobLocationType: ['TELECOMMUTE'] };
      const countryOf = (requirements: unknown) =>
        jobInputFromJobPosting({ ...base, applicantLocationRequirements: requirements }).input.location?.country;
      expect(countryOf({ '@type': 'Country', name: 'DE' })).toBe('DE');
      expect(countryOf({ '@type': 'Country', name: 'Germany' })).toBe('DE');
      expect(countryOf([{ '@type': 'State', name: 'California' }, { '@type': 'Country', name: 'us' }])).toBe('US');
      expect(countryOf({ '@type': 'Country', name: 'Atlantis' })).toBeNull();
      expect(countryOf('FR')).toBe('FR');
    });

    it('lets hiringRadar:workplace say hybrid, and defaults to on-site', () => {
      const base = { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Data Engineer', description: 'x', 'hiringRadar:role': 'data_engineer' };
      expect(jobInputFromJobPosting(base).input.workplace).toBe('onsite');
      expect(jobInputFromJobPosting({ ...base, 'hiringRadar:workplace': 'hybrid' }).input.workplace).toBe('hybrid');
      expect(jobInputFromJobPosting({ ...base, jobLocationType: 'TELECOMMUTE' }).input.workplace).toBe('remote');
    });

    it('accepts the @context forms that bring in schema.org', () => {
      const base = { '@type': 'JobPosting', title: 'QA Engineer', description: 'x', 'hiringRadar:role': 'qa_engineer' };
      for (const context of [
        'https://schema.org',
        'https://schema.org/',
        'http://schema.org',
        'http://schema.org/',
        { '@vocab': 'https://schema.org/' },
        ['https://schema.org', { hiringRadar: 'https://hiringradar.dev/ns#' }],
        [{ hiringRadar: 'https://hiringradar.dev/ns#' }, { '@vocab': 'http://schema.org/' }],
      ]) {
        expect(() => jobInputFromJobPosting({ ...base, '@context': context }), JSON.stringify(context)).not.toThrow();
      }
      for (const context of [undefined, null, 'https://example.org', 'schema.org', 42, [], [['https://schema.org']], { schema: 'https://schema.org/' }]) {
        expect(names(problemOf(() => jobInputFromJobPosting({ ...base, '@context': context }))), JSON.stringify(context)).toEqual(['/@context']);
      }
      expect(() => jobInputFromJobPosting({ ...base, '@context': 'https://schema.org', '@type': ['Thing', 'JobPosting'] })).not.toThrow();
      for (const type of [undefined, 'Job', ['Thing'], 7, { '@id': 'JobPosting' }]) {
        expect(names(problemOf(() => jobInputFromJobPosting({ ...base, '@context': 'https://schema.org', '@type': type })))).toEqual(['/@type']);
      }
    });

    it('collects every error into one ValidationProblem named by JSON pointers into the document', () => {
      const problem = problemOf(() =>
        jobInputFromJobPosting({
          '@context': 'https://schema.org',
          '@type': 'JobPosting',
          'hiringRadar:seniority': 'intern',
          datePosted: '2026-02-30',
          validThrough: 17,
          employmentType: ['FULL_TIME', 3],
          jobLocation: { '@type': 'Place', address: { addressLocality: ['A', 'B'], addressCountry: 'Narnia' } },
          baseSalary: { currency: 'USD', value: { minValue: 'lots', unitText: 'FORTNIGHT' } },
          identifier: { '@type': 'PropertyValue', value: { nested: true } },
        }),
      );
      expect(problem.status).toBe(400);
      expect(names(problem).sort()).toEqual(
        [
          '/title',
          '/description',
          '/hiringRadar:role',
          '/hiringRadar:seniority',
          '/datePosted',
          '/validThrough',
          '/employmentType/1',
          '/jobLocation/address/addressLocality',
          '/jobLocation/address/addressCountry',
          '/baseSalary/value/minValue',
          '/baseSalary/value/unitText',
          '/identifier',
        ].sort(),
      );
      const role = problem.errors!.find((e) => e.name === '/hiringRadar:role')!;
      for (const key of ROLE_KEYS) expect(role.reason).toContain(key);
    });

    it('requires hiringRadar:role and lists the allowed values', () => {
      const { ['hiringRadar:role']: _role, ...withoutRole } = googleSample;
      const problem = problemOf(() => jobInputFromJobPosting(withoutRole));
      expect(problem.errors).toEqual([{ name: '/hiringRadar:role', reason: expect.stringContaining('llm_engineer, llm_fine_tuning') }]);
      expect(names(problemOf(() => jobInputFromJobPosting({ ...googleSample, 'hiringRadar:role': 'wizard' })))).toEqual(['/hiringRadar:role']);
    });

    it('refuses anything that is not an object', () => {
      for (const doc of [null, undefined, [], [googleSample], 'JobPosting', 42, true]) {
        expect(names(problemOf(() => jobInputFromJobPosting(doc)))).toEqual(['']);
      }
    });

    it('reads JSON-LD value objects, single-element arrays and the expanded extension IRIs', () => {
      const { input } = jobInputFromJobPosting({
        '@context': 'https://schema.org',
        '@type': 'JobPosting',
        title: { '@value': 'Principal AI Platform Architect', '@language': 'en' },
        description: ['<p>x</p>'],
        'https://hiringradar.dev/ns#role': 'ai_platform_architect',
        skills: [{ '@type': 'DefinedTerm', name: 'LangChain' }, 'C#, .NET, CI/CD'],
        identifier: 12345,
      });
      expect(input.title).toBe('Principal AI Platform Architect');
      expect(input.description).toBe('<p>x</p>');
      expect(input.role).toBe('ai_platform_architect');
      expect(input.seniority).toBe('principal');
      expect(input.skills).toEqual(['langchain', 'c#', 'net', 'ci-cd']);
    });

    it('keeps only https apply URLs and prefers url to sameAs', () => {
      const base = { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Data Analyst', description: 'x', 'hiringRadar:role': 'data_analyst' };
      const applyUrl = (extra: object) => jobInputFromJobPosting({ ...base, ...extra }).input.apply_url;
      expect(applyUrl({ url: 'https://a.example/1', sameAs: 'https://b.example/1' })).toBe('https://a.example/1');
      expect(applyUrl({ url: 'http://a.example/1', sameAs: 'https://b.example/1' })).toBe('https://b.example/1');
      expect(applyUrl({ url: 'javascript:alert(1)' })).toBeNull();
      expect(applyUrl({ url: 42, sameAs: [null, {}, 'ftp://x'] })).toBeNull();
      expect(applyUrl({})).toBeNull();
    });

    it('reads salary shapes: a single value, an open range, salaryCurrency, numeric strings', () => {
      const base = { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Applied ML Engineer', description: 'x', 'hiringRadar:role': 'applied_ml' };
      const salary = (baseSalary: unknown, extra: object = {}) => jobInputFromJobPosting({ ...base, baseSalary, ...extra }).input.salary;
      expect(salary({ currency: 'EUR', value: { value: 500, unitText: 'day' } })).toEqual({ min: 500, max: 500, currency: 'EUR', period: 'day' });
      expect(salary({ currency: 'EUR', value: { minValue: 4000, unitText: 'MONTH' } })).toEqual({ min: 4000, max: 4000, currency: 'EUR', period: 'month' });
      expect(salary({ value: { minValue: '1000', maxValue: '1200.50', unitText: 'WEEK' } }, { salaryCurrency: 'CHF' })).toEqual({
        min: 1000,
        max: 1200.5,
        currency: 'CHF',
        period: 'week',
      });
      expect(salary(null)).toBeNull();
      expect(names(problemOf(() => salary({ currency: 'USD', value: 100000 })))).toEqual(['/baseSalary/value']);
      expect(names(problemOf(() => salary(100000)))).toEqual(['/baseSalary']);
      expect(names(problemOf(() => salary({ value: { value: 1, unitText: 'YEAR' } })))).toEqual(['/baseSalary/currency']);
      expect(names(problemOf(() => salary({ currency: 'USD', value: { unitText: 'YEAR' } })))).toEqual(['/baseSalary/value']);
    });

    it('leaves the default employment type when no value has an equivalent', () => {
      const base = { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Content Moderator', description: 'x', 'hiringRadar:role': 'content_moderation' };
      expect(jobInputFromJobPosting({ ...base, employmentType: ['VOLUNTEER', 'PER_DIEM'] }).input).not.toHaveProperty('employment_type');
      expect(jobInputFromJobPosting({ ...base, employmentType: ['OTHER', 'PART_TIME', 'FULL_TIME'] }).input.employment_type).toBe('part_time');
      expect(jobInputFromJobPosting({ ...base, employmentType: 'Full-time' }).input.employment_type).toBe('full_time');
    });
  });

  describe('helpers', () => {
    it('infers seniority from the title', () => {
      expect(seniorityFromTitle('Junior Data Analyst')).toBe('junior');
      expect(seniorityFromTitle('Sr. Software Engineer')).toBe('senior');
      expect(seniorityFromTitle('Senior Staff Engineer')).toBe('staff');
      expect(seniorityFromTitle('Lead Customer Support Specialist')).toBe('staff');
      expect(seniorityFromTitle('Principal Engineer')).toBe('principal');
      expect(seniorityFromTitle('Applied ML Engineer Intern')).toBe('junior');
      expect(seniorityFromTitle('Applied Scientist', 'internship')).toBe('junior');
      expect(seniorityFromTitle('LLM Engineer')).toBe('mid');
      expect(seniorityFromTitle('Seniority Analyst')).toBe('mid');
    });

    it('turns skill names into slugs', () => {
      expect(skillSlug(' Machine   Learning ')).toBe('machine-learning');
      expect(skillSlug('C++')).toBe('c++');
      expect(skillSlug('Node.js')).toBe('node.js');
      expect(skillSlug('Café Ops')).toBe('cafe-ops');
      expect(skillSlug('  ')).toBe('');
    });

    it('normalises dates and refuses impossible ones', () => {
      expect(toInstant('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
      expect(toInstant('2026-03-01T09:00')).toBe('2026-03-01T09:00:00.000Z');
      expect(toInstant('2026-03-01T09:00:00+01:00')).toBe('2026-03-01T08:00:00.000Z');
      expect(toInstant('2026-03-01T09:00:00.123456-0230')).toBe('2026-03-01T11:30:00.123Z');
      for (const bad of ['2026-02-30', '2026-13-01', '2026-01-01T24:00', '2026-01-01T10:00+25:00', '0000-01-01T00:00+01:00', '01/03/2026', 'yesterday', '']) {
        expect(toInstant(bad), bad).toBeUndefined();
      }
    });
  });

  describe('no input throws anything but a ValidationProblem', () => {
    const attempt = (doc: unknown): 'mapped' | 'refused' => {
      try {
        const out = jobInputFromJobPosting(doc);
        // What it returns has the types it promises.
        expect(typeof out.input.title).toBe('string');
        expect(typeof out.input.description).toBe('string');
        expect(ROLE_KEYS).toContain(out.input.role);
        expect(SENIORITY_KEYS).toContain(out.input.seniority);
        expect(WORKPLACE_KEYS).toContain(out.input.workplace);
        expect(Array.isArray(out.input.skills)).toBe(true);
        expect(out.externalId === null || typeof out.externalId === 'string').toBe(true);
        return 'mapped';
      } catch (e) {
        if (!(e instanceof ValidationProblem)) throw e;
        expect(e.errors!.length).toBeGreaterThan(0);
        for (const err of e.errors!) expect(typeof err.name === 'string' && typeof err.reason === 'string').toBe(true);
        return 'refused';
      }
    };

    it('property: arbitrary JSON', () => {
      fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (doc) => void attempt(doc)), { numRuns: 500 });
    });

    /** JobPosting-shaped documents whose values are right, or random JSON one time in `1 + rightWeight`. */
    function jobPostingish(rightWeight: number) {
      const junk = fc.jsonValue({ maxDepth: 3 });
      const or = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: rightWeight }, { arbitrary: junk as fc.Arbitrary<unknown>, weight: 1 });
      const text = or(fc.oneof({ arbitrary: fc.string(), weight: 4 }, { arbitrary: fc.record({ '@value': or(fc.string()) }), weight: 1 }));
      const rarely = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
        fc.oneof({ arbitrary: usual as fc.Arbitrary<T | U>, weight: 4 }, { arbitrary: odd as fc.Arbitrary<T | U>, weight: 1 });
      const country = or(rarely(fc.constantFrom('US', 'de', 'Germany', 'USA'), fc.oneof(fc.constant('ZZ'), fc.record({ '@type': fc.constant('Country'), name: or(fc.constantFrom('FR', 'Japan')) }))));
      const address = or(fc.record({ addressLocality: text, addressRegion: text, addressCountry: country }, { requiredKeys: [] }));
      const place = or(fc.record({ '@type': fc.constant('Place'), address: or(fc.oneof(address, fc.array(address, { maxLength: 2 }))) }));
      const money = or(rarely(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('1000', '12.5')), fc.constantFrom('1e3', '-1')));
      const quantitative = or(
        fc.record({ minValue: money, maxValue: money, value: money, unitText: or(rarely(fc.constantFrom('HOUR', 'year'), fc.constant('DECADE'))) }, { requiredKeys: ['unitText'] }),
      );
      return fc.record(
        {
          '@context': or(fc.constantFrom('https://schema.org', ['https://schema.org', { hiringRadar: 'https://hiringradar.dev/ns#' }])),
          '@type': or(fc.constantFrom('JobPosting', ['JobPosting'])),
          title: text,
          description: text,
          datePosted: or(rarely(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.oneof(fc.string(), fc.constantFrom('2026-01-01', '+275760-09-13')))),
          validThrough: or(rarely(fc.constantFrom('2026-12-31', '2026-12-31T23:59:59+14:00'), fc.string())),
          employmentType: or(fc.oneof(fc.constantFrom('FULL_TIME', 'INTERN', 'OTHER'), fc.array(fc.constantFrom('PART_TIME', 'VOLUNTEER')))),
          jobLocation: or(fc.oneof(place, fc.array(place, { maxLength: 3 }))),
          jobLocationType: or(fc.constantFrom('TELECOMMUTE', ['TELECOMMUTE'])),
          applicantLocationRequirements: or(fc.oneof(country, fc.array(country, { maxLength: 3 }))),
          baseSalary: or(fc.record({ currency: text, value: quantitative }, { requiredKeys: ['value'] })),
          salaryCurrency: text,
          identifier: or(fc.oneof(fc.string(), fc.record({ '@type': fc.constant('PropertyValue'), value: or(fc.string()) }))),
          url: text,
          sameAs: or(fc.array(text)),
          directApply: junk,
          skills: or(fc.oneof(fc.string(), fc.array(or(fc.oneof(fc.string(), fc.record({ name: text }))), { maxLength: 4 }))),
          'hiringRadar:role': or(fc.constantFrom(...ROLE_KEYS)),
          'hiringRadar:seniority': or(fc.constantFrom(...SENIORITY_KEYS)),
          'hiringRadar:domain': or(fc.constantFrom(...DOMAIN_KEYS)),
          'hiringRadar:workplace': or(fc.constantFrom(...WORKPLACE_KEYS)),
        },
        { requiredKeys: ['@context', '@type', 'title', 'description', 'hiringRadar:role'] },
      );
    }

    it('property: JobPosting-shaped documents with random values', () => {
      fc.assert(fc.property(jobPostingish(1), (doc) => void attempt(doc)), { numRuns: 1000 });
    });

    it('property: nearly right JobPosting documents (and some of them map)', () => {
      const outcomes = { mapped: 0, refused: 0 };
      fc.assert(fc.property(jobPostingish(20), (doc) => void outcomes[attempt(doc)]++), { numRuns: 1000 });
      expect(outcomes.mapped).toBeGreaterThan(20);
    });

    it('survives deep nesting and objects without a prototype', () => {
      let deep: unknown = 'JobPosting';
      for (let i = 0; i < 10_000; i++) deep = i % 2 ? [deep] : { '@value': deep, jobLocation: deep };
      attempt(deep);
      attempt({ '@context': deep, '@type': deep, title: deep, jobLocation: deep, baseSalary: deep, skills: deep, identifier: deep });
      const bare = Object.assign(Object.create(null) as object, { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Data Engineer' });
      attempt(bare);
      attempt(JSON.parse('{"__proto__": {"title": "x"}, "@context": "https://schema.org", "@type": "JobPosting"}'));
    });
  });
});
