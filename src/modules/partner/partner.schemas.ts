import { Type, type Static } from 'typebox';
import {
  CLOSE_REASON_KEYS,
  DOMAIN_KEYS,
  EMPLOYMENT_TYPE_KEYS,
  ROLE_KEYS,
  SALARY_PERIOD_KEYS,
  SENIORITY_KEYS,
  WORKPLACE_KEYS,
} from '../../reference/taxonomy.js';
import { DateTime, Nullable, StringEnum } from '../../lib/schemas.js';

export const EXTERNAL_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$';

export const ExternalIdParams = Type.Object(
  { external_id: Type.String({ pattern: EXTERNAL_ID_PATTERN, description: "The partner's own id of the posting (its ATS requisition id)." }) },
  { additionalProperties: false },
);

export const SalaryInput = Type.Object(
  {
    min: Type.Number({ exclusiveMinimum: 0, maximum: 100_000_000, description: 'Lower bound, in `currency` per `period`.' }),
    max: Type.Number({ exclusiveMinimum: 0, maximum: 100_000_000, description: 'Upper bound (≥ min).' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code with a known exchange rate (USD, EUR, GBP, …).' }),
    period: StringEnum(SALARY_PERIOD_KEYS),
  },
  { additionalProperties: false },
);

export const LocationInput = Type.Object(
  {
    city: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    region: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' }))),
  },
  { additionalProperties: false },
);

/** The fields a partner owns. Everything else (company, status, ids, timestamps, normalised salary) is the server's. */
export const jobInputProperties = {
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.String({
    minLength: 1,
    maxLength: 20_000,
    description: 'HTML. Kept: p, br, ul, ol, li, strong, em, b, i, a (http/https/mailto), h2–h4, blockquote, code, pre. Scripts, event handlers and javascript: URLs are removed.',
  }),
  role: StringEnum(ROLE_KEYS),
  seniority: StringEnum(SENIORITY_KEYS),
  domain: Type.Optional(StringEnum(DOMAIN_KEYS, { default: 'general' })),
  skills: Type.Optional(
    Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9+#.-]{0,39}$', description: 'Lowercase skill slug.' }), { maxItems: 30, uniqueItems: true }),
  ),
  employment_type: Type.Optional(StringEnum(EMPLOYMENT_TYPE_KEYS, { default: 'full_time' })),
  workplace: StringEnum(WORKPLACE_KEYS),
  location: Type.Optional(LocationInput),
  salary: Type.Optional(Nullable(SalaryInput)),
  posted_at: Type.Optional(DateTime('Default: now.')),
  valid_through: Type.Optional(Nullable(DateTime('After posted_at.'))),
  apply_url: Type.Optional(Nullable(Type.String({ pattern: '^https://[^\\s]+$', maxLength: 2000, description: 'https URL.' }))),
};

/** PUT body: the whole posting. */
export const JobInput = Type.Object(jobInputProperties, { additionalProperties: false, $id: 'JobInput', title: 'JobInput', description: 'A whole posting (PUT): absent optional fields take their defaults.' });
export type JobInput = Static<typeof JobInput>;

/** POST body: the posting and its external id. */
export const JobCreateInput = Type.Object(
  { external_id: Type.String({ pattern: EXTERNAL_ID_PATTERN }), ...jobInputProperties },
  { title: 'JobCreateInput', description: 'A new posting and the partner\'s own id for it.', additionalProperties: false },
);
export type JobCreateInput = Static<typeof JobCreateInput>;

/** A schema without its `default`: validation must not fill in what a PATCH did not name. */
function withoutDefault<T extends object>(schema: T): T {
  // Copies the descriptors too: TypeBox keeps its kind and optional markers as hidden properties.
  const copy = Object.create(Object.getPrototypeOf(schema) as object, Object.getOwnPropertyDescriptors(schema)) as T & { default?: unknown };
  delete copy.default;
  return copy;
}

/** PATCH body: any subset; null clears an optional field; fields not named keep their stored value (no defaults). */
export const JobPatchInput = Type.Object(
  Object.fromEntries(Object.entries(jobInputProperties).map(([k, v]) => [k, Type.Optional(withoutDefault(v))])) as {
    [K in keyof typeof jobInputProperties]: ReturnType<typeof Type.Optional<(typeof jobInputProperties)[K]>>;
  },
  { title: 'JobPatchInput', description: 'A JSON merge patch of a posting: the fields named change, `null` clears an optional field.', additionalProperties: false, minProperties: 1 },
);
export type JobPatchInput = Partial<JobInput>;

export const CloseQuery = Type.Object(
  {
    reason: Type.Optional(StringEnum(CLOSE_REASON_KEYS, { default: 'filled' })),
    dry_run: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

export const DryRunQuery = Type.Object(
  { dry_run: Type.Optional(Type.Boolean({ default: false, description: 'Validate and report what would happen; write nothing.' })) },
  { additionalProperties: false },
);
