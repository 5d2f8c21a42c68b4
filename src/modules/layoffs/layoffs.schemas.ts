import { Type, type Static } from 'typebox';
import { COMPANY_CATEGORY_KEYS } from '../../reference/taxonomy.js';
import {
  csvEnum,
  csvPattern,
  CursorParam,
  DateTime,
  LimitParam,
  listOf,
  NO_CONTROL_CHARS,
  Nullable,
  patternHints,
  SLUG_ITEM,
  StringEnum,
} from '../../lib/schemas.js';
import { CompanyRef } from '../jobs/jobs.schemas.js';

/** A calendar date; impossible ones (2026-02-30) are refused when parsed. */
export const DATE_ONLY = '^\\d{4}-\\d{2}-\\d{2}$';
patternHints.set(DATE_ONLY, 'must be a date YYYY-MM-DD');
const HTTPS_URL = '^https://[^\\s]+$';
patternHints.set(HTTPS_URL, 'must be an https:// URL');

const dateParam = (description: string) => Type.String({ pattern: DATE_ONLY, description });

export const LAYOFF_SORTS = ['newest', 'oldest', 'headcount'] as const;
export type LayoffSort = (typeof LAYOFF_SORTS)[number];

export const TREND_INTERVALS = ['month', 'quarter', 'year'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

export const TREND_GROUPS = ['company_category', 'company', 'ai_attributed'] as const;
export type TrendGroup = (typeof TREND_GROUPS)[number];

/** Most periods one trend request may span. */
export const MAX_PERIODS = 240;
/** Most companies that get a series of their own with `group_by=company`; the rest are summed in `_other`. */
export const MAX_COMPANY_SERIES = 50;

export const Layoff = Type.Object(
  {
    id: Type.String({ description: 'Opaque id.' }),
    company: CompanyRef,
    announced_on: Type.String({ format: 'date', description: 'Day the layoff was announced (calendar date, YYYY-MM-DD).' }),
    headcount: Type.Integer({ minimum: 1, description: 'People affected, as announced (the announced figure, not an estimate).' }),
    ai_attributed: Type.Boolean({
      description:
        'True when the company or the reporting attributes the cut to AI: work automated by AI (support, moderation, ' +
        'reporting) or roles cut to fund AI investment.',
    }),
    reason: Nullable(Type.String({ description: 'The stated reason, in a few words.' })),
    source_url: Nullable(Type.String({ description: 'Where the announcement was reported (https).' })),
    created_at: DateTime('When the record was added here.'),
    updated_at: DateTime('When the record last changed here.'),
  },
  { title: 'Layoff', description: 'One layoff announcement.', additionalProperties: false },
);
export type Layoff = Static<typeof Layoff>;

/** Filters shared by the list and the trend aggregates. */
const layoffFilterProperties = {
  company: Type.Optional(csvPattern(SLUG_ITEM, 'company slugs', 'Company slugs (any of).')),
  company_category: Type.Optional(csvEnum(COMPANY_CATEGORY_KEYS, 'Company category.')),
  ai_attributed: Type.Optional(Type.Boolean({ description: '`true`: only cuts attributed to AI; `false`: only the others.' })),
  min_headcount: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Only announcements of at least this many people.' }),
  ),
};

export const LayoffListQuery = Type.Object(
  {
    ...layoffFilterProperties,
    announced_after: Type.Optional(dateParam('Announced on or after this date (inclusive).')),
    announced_before: Type.Optional(dateParam('Announced before this date (exclusive).')),
    sort: Type.Optional(
      StringEnum(LAYOFF_SORTS, {
        default: 'newest',
        description:
          '`newest` (default) or `oldest` by `announced_on`, `headcount` (largest first). Ties are broken by `id`, so ' +
          'the order is total and paging is stable.',
      }),
    ),
    limit: Type.Optional(LimitParam),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type LayoffListQuery = Static<typeof LayoffListQuery>;

export const LayoffList = listOf(Layoff, {}, { title: 'LayoffList', description: 'A page of layoff announcements.' });

export const LayoffIdParams = Type.Object(
  // No length bound here: anything that is not an id is a 404, not a 400.
  { id: Type.String({ minLength: 1, description: 'Layoff id.' }) },
  { additionalProperties: false },
);

const writable = {
  company: Type.String({ pattern: `^${SLUG_ITEM}$`, maxLength: 100, description: 'Slug of the company that announced it.' }),
  announced_on: Type.String({ pattern: DATE_ONLY, description: 'Day of the announcement, YYYY-MM-DD; not in the future.' }),
  headcount: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'People affected, as announced.' }),
  ai_attributed: Type.Boolean({ description: 'Whether the cut is attributed to AI.' }),
  reason: Nullable(Type.String({ minLength: 1, maxLength: 500, pattern: NO_CONTROL_CHARS, description: 'The stated reason.' })),
  source_url: Nullable(Type.String({ format: 'uri', pattern: HTTPS_URL, maxLength: 2000, description: 'https URL of the report.' })),
};

export const CreateLayoffBody = Type.Object(
  {
    company: writable.company,
    announced_on: writable.announced_on,
    headcount: writable.headcount,
    ai_attributed: writable.ai_attributed,
    reason: Type.Optional(writable.reason),
    source_url: Type.Optional(writable.source_url),
  },
  { title: 'CreateLayoffRequest', description: 'A layoff announcement to record.', additionalProperties: false },
);
export type CreateLayoffBody = Static<typeof CreateLayoffBody>;

export const UpdateLayoffBody = Type.Object(
  {
    company: Type.Optional(writable.company),
    announced_on: Type.Optional(writable.announced_on),
    headcount: Type.Optional(writable.headcount),
    ai_attributed: Type.Optional(writable.ai_attributed),
    reason: Type.Optional(writable.reason),
    source_url: Type.Optional(writable.source_url),
  },
  { title: 'UpdateLayoffRequest', description: 'The fields to change (at least one); `null` clears `reason` or `source_url`.', additionalProperties: false, minProperties: 1 },
);
export type UpdateLayoffBody = Static<typeof UpdateLayoffBody>;

export const LayoffTrendQuery = Type.Object(
  {
    interval: Type.Optional(
      StringEnum(TREND_INTERVALS, { default: 'quarter', description: 'Period length: `month`, `quarter` (default) or `year` (UTC calendar periods).' }),
    ),
    from: Type.Optional(dateParam('First day counted (inclusive). Default: 18 months before `to` (the day after it, so 18 whole months).')),
    to: Type.Optional(dateParam('Last day counted (inclusive). Default: today (UTC).')),
    group_by: Type.Optional(
      StringEnum(TREND_GROUPS, {
        description:
          'One series per value: `company_category` (every category, in taxonomy order), `ai_attributed` (`true`, then ' +
          `\`false\`) or \`company\` (the ${MAX_COMPANY_SERIES} companies with the largest headcount in range, largest first, ` +
          'ties by slug; every other company is summed in one series with key `_other`). Absent: one series, key `all`.',
      }),
    ),
    ...layoffFilterProperties,
  },
  { additionalProperties: false },
);
export type LayoffTrendQuery = Static<typeof LayoffTrendQuery>;

const measures = {
  headcount: Type.Integer({ minimum: 0, description: 'People in the announcements counted.' }),
  ai_attributed_headcount: Type.Integer({ minimum: 0, description: 'Of them, people in announcements attributed to AI.' }),
  ai_attributed_share: Nullable(
    Type.Number({ minimum: 0, maximum: 1, description: '`ai_attributed_headcount / headcount`: a fraction (0.5 is 50 %, as every share and premium of the API), 4 decimals; null when headcount is 0.' }),
  ),
  events: Type.Integer({ minimum: 0, description: 'Announcements counted.' }),
};

export const LayoffTrend = Type.Object(
  {
    interval: StringEnum(TREND_INTERVALS),
    from: Type.String({ format: 'date', description: 'First day counted (inclusive).' }),
    to: Type.String({ format: 'date', description: 'Last day counted (inclusive).' }),
    group_by: Nullable(StringEnum(TREND_GROUPS)),
    totals: Type.Object(measures, { description: 'Over the whole range and every series (announcements matching the filters).' }),
    series: Type.Array(
      Type.Object({
        key: Type.String({ description: 'Category key, company slug, `true`/`false`, `_other` or `all`.' }),
        label: Type.String(),
        totals: Type.Object(measures, { description: 'This series over the whole range.' }),
        points: Type.Array(
          Type.Object({
            period_start: Type.String({ format: 'date', description: 'First day of the calendar period.' }),
            period: Type.String({ description: 'The period: `2026-03` (month), `2026-Q1` (quarter), `2026` (year).' }),
            partial: Type.Boolean({
              description:
                'True when the period has not ended yet (it holds today, UTC, or lies after it): its figures cover only the ' +
                'announcements so far (layoff trends give no growth figure; had they one, it would be null here, as in every ' +
                'period series). False for every period that has ended. A first or last period cut by `from`/`to` is not ' +
                'partial in this sense: `from` and `to` say which of its days are counted.',
            }),
            ...measures,
          }),
          { description: 'Every period from the one holding `from` to the one holding `to`, zeros included.' },
        ),
      }),
    ),
  },
  { title: 'LayoffTrend', description: 'Layoffs per period, overall and optionally per group.' },
);
export type LayoffTrend = Static<typeof LayoffTrend>;
