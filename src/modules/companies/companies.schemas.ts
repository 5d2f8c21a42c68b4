import { Type, type Static } from 'typebox';
import { COMPANY_CATEGORY_KEYS, COMPANY_SIZE_KEYS } from '../../reference/taxonomy.js';
import { csvEnum, CursorParam, DateTime, LimitParam, listOf, NO_CONTROL_CHARS, Nullable, StringEnum } from '../../lib/schemas.js';

export const COMPANY_SORTS = ['name', 'open_jobs'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

export const Company = Type.Object(
  {
    id: Type.String({ description: 'Opaque id.' }),
    slug: Type.String({ description: 'Stable, URL-safe name; used in paths and filters.' }),
    name: Type.String(),
    category: StringEnum(COMPANY_CATEGORY_KEYS),
    website: Nullable(Type.String()),
    hq_country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2.' })),
    size: Nullable(StringEnum(COMPANY_SIZE_KEYS)),
    description: Nullable(Type.String()),
    open_jobs: Type.Integer({ minimum: 0, description: 'Open postings right now.' }),
    created_at: DateTime(),
    updated_at: DateTime(),
  },
  { $id: 'Company', title: 'Company', description: 'An employer.' },
);
export type Company = Static<typeof Company>;

export const CompanyListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, pattern: NO_CONTROL_CHARS, description: 'Part of the company name (case-insensitive).' }),
    ),
    category: Type.Optional(csvEnum(COMPANY_CATEGORY_KEYS, 'Company category.')),
    hiring: Type.Optional(Type.Boolean({ description: '`true`: only companies with open jobs; `false`: only those without.' })),
    sort: Type.Optional(
      StringEnum(COMPANY_SORTS, {
        default: 'name',
        description: '`name` (A–Z, default) or `open_jobs` (most first). Ties broken by id.',
      }),
    ),
    limit: Type.Optional(LimitParam),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type CompanyListQuery = Static<typeof CompanyListQuery>;

export const CompanySlugParams = Type.Object(
  { slug: Type.String({ minLength: 1, maxLength: 100, description: 'Company slug.' }) },
  { additionalProperties: false },
);

export const CompanyList = listOf(Type.Ref('Company'), {}, { title: 'CompanyList', description: 'A page of companies.' });

const companyWritable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  category: StringEnum(COMPANY_CATEGORY_KEYS),
  website: Nullable(Type.String({ format: 'uri', pattern: '^https://', maxLength: 500, description: 'https URL.' })),
  hq_country: Nullable(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2.' })),
  size: Nullable(StringEnum(COMPANY_SIZE_KEYS)),
  description: Nullable(Type.String({ maxLength: 2000 })),
};

export const CreateCompanyBody = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 2, maxLength: 100, description: 'Stable, URL-safe name.' }),
    name: companyWritable.name,
    category: companyWritable.category,
    website: Type.Optional(companyWritable.website),
    hq_country: Type.Optional(companyWritable.hq_country),
    size: Type.Optional(companyWritable.size),
    description: Type.Optional(companyWritable.description),
  },
  { title: 'CreateCompanyRequest', description: 'A new company.', additionalProperties: false },
);
export type CreateCompanyBody = Static<typeof CreateCompanyBody>;

export const UpdateCompanyBody = Type.Object(
  {
    name: Type.Optional(companyWritable.name),
    category: Type.Optional(companyWritable.category),
    website: Type.Optional(companyWritable.website),
    hq_country: Type.Optional(companyWritable.hq_country),
    size: Type.Optional(companyWritable.size),
    description: Type.Optional(companyWritable.description),
  },
  { title: 'UpdateCompanyRequest', description: 'The fields to change (at least one); the others keep their value.', additionalProperties: false, minProperties: 1 },
);
export type UpdateCompanyBody = Static<typeof UpdateCompanyBody>;
