import { Type, type Static } from 'typebox';
import { COMPANY_CATEGORY_KEYS, COMPANY_SIZE_KEYS } from '../../../schema/taxonomy.js';
import { csvEnum, CursorParam, DateTime, LimitParam, listOf, NO_CONTROL_CHARS, Nullable } from '../../lib/schemas.js';

export const COMPANY_SORTS = ['name', 'open_jobs'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

export const Company = Type.Object(
  {
    id: Type.String({ description: 'Opaque id.' }),
    slug: Type.String({ description: 'Stable, URL-safe name; used in paths and filters.' }),
    name: Type.String(),
    category: Type.Enum(COMPANY_CATEGORY_KEYS),
    website: Nullable(Type.String()),
    hq_country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2.' })),
    size: Nullable(Type.Enum(COMPANY_SIZE_KEYS)),
    description: Nullable(Type.String()),
    open_jobs: Type.Integer({ minimum: 0, description: 'Open postings right now.' }),
    created_at: DateTime(),
    updated_at: DateTime(),
  },
  { $id: 'Company', title: 'Company' },
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
      Type.Enum(COMPANY_SORTS, {
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

export const CompanyList = listOf(Type.Ref('Company'));
