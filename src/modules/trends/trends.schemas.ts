import { Type, type Static } from 'typebox';
import { Nullable, patternHints, StringEnum } from '../../lib/schemas.js';
import { jobFilterProperties } from '../jobs/jobs.schemas.js';
import { DATE_ONLY } from '../layoffs/layoffs.schemas.js';

export const POSTING_INTERVALS = ['day', 'week', 'month', 'quarter'] as const;
export type PostingInterval = (typeof POSTING_INTERVALS)[number];

export const POSTING_METRICS = ['new', 'closed', 'open'] as const;
export type PostingMetric = (typeof POSTING_METRICS)[number];

export const POSTING_GROUPS = ['role', 'domain', 'company', 'company_category', 'country', 'skill', 'seniority'] as const;
export type PostingGroup = (typeof POSTING_GROUPS)[number];

export const EMERGING_DIMENSIONS = ['role', 'skill', 'title'] as const;
export type EmergingDimension = (typeof EMERGING_DIMENSIONS)[number];

export const TREND_LABELS = ['new_category', 'growing_fast', 'growing', 'steady', 'declining'] as const;
export type TrendLabel = (typeof TREND_LABELS)[number];

/** Most periods one posting-trend request may show. */
export const MAX_PERIODS = 366;
/** Default number of periods when `from` is absent, per interval. */
export const DEFAULT_PERIODS: Record<PostingInterval, number> = { day: 90, week: 26, month: 18, quarter: 8 };
/** Most values that get a series of their own (`top`); the rest are summed in `_other`. */
export const MAX_TOP = 50;
export const DEFAULT_TOP = 10;
/** Dates accepted for `from`, `to` and `as_of`. */
export const MIN_DAY = '1970-01-01';
export const MAX_DAY = '2999-12-31';
export const MIN_WINDOW_DAYS = 7;
export const MAX_WINDOW_DAYS = 365;
/** Growth thresholds of the emerging labels (fractions: 0.5 is +50 %). */
export const GROWING_FAST = 0.5;
export const GROWING = 0.15;
export const DECLINING = -0.15;

const WINDOW = '^[0-9]{1,4}d$';
patternHints.set(WINDOW, 'must be a number of days like 90d');

const dateParam = (description: string) => Type.String({ pattern: DATE_ONLY, description });

/** The `/v1/jobs` filters, without `status`: on trends the metric decides which postings count. */
const { status: _status, ...trendFilterProperties } = jobFilterProperties;
export { trendFilterProperties };
export type TrendFilterKey = keyof typeof trendFilterProperties;

export const PostingTrendQuery = Type.Object(
  {
    metric: Type.Optional(
      StringEnum(POSTING_METRICS, {
        default: 'new',
        description:
          '`new` (default): postings whose `posted_at` falls in the period. `closed`: postings whose `closed_at` falls in the ' +
          'period. `open`: postings open at the end of the period, i.e. `posted_at` < period end and (`closed_at` is null or ' +
          '`closed_at` ≥ period end).',
      }),
    ),
    interval: Type.Optional(
      StringEnum(POSTING_INTERVALS, {
        default: 'month',
        description: 'Period length, UTC: `day`, `week` (ISO weeks, Monday to Sunday), `month` (default) or `quarter`.',
      }),
    ),
    from: Type.Optional(
      dateParam(
        `A day in the first period shown (YYYY-MM-DD, ${MIN_DAY} to ${MAX_DAY}). Default: the period ` +
          `${Object.entries(DEFAULT_PERIODS).map(([i, n]) => `${n} ${i}s`).join(', ')} before the one holding \`to\` (that many periods in all).`,
      ),
    ),
    to: Type.Optional(dateParam('A day in the last period shown (YYYY-MM-DD). Default: today (UTC).')),
    group_by: Type.Optional(
      StringEnum(POSTING_GROUPS, {
        description:
          'One series per value of `role`, `domain`, `seniority`, `company_category` (every value of the vocabulary), ' +
          '`company` (slug), `country` (ISO code; `_none` for postings without one) or `skill` (a posting counts once in ' +
          'each skill it lists, so skill series do not add up to the total). Absent: one series, key `all`.',
      }),
    ),
    top: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_TOP,
        default: DEFAULT_TOP,
        description:
          `With \`group_by\`: how many values get a series of their own (1 to ${MAX_TOP}, default ${DEFAULT_TOP}), the ` +
          'largest `total` first (ties by key); all other values are summed in one last series keyed `_other`.',
      }),
    ),
    ...trendFilterProperties,
  },
  { additionalProperties: false },
);
export type PostingTrendQuery = Static<typeof PostingTrendQuery>;

const growth = (description: string) =>
  Nullable(Type.Number({ description: `${description} A fraction (0.25 is +25 %), rounded to 4 decimals.` }));

/**
 * How every period series of the API (posting trends, layoff trends, the market summary, the radar,
 * REST and GraphQL) treats a period that has not ended: flagged, and
 * given no growth figure (null) rather than a pro-rated one.
 */
export const PARTIAL_TEXT =
  'True when the period has not ended yet (it holds today, UTC, or lies after it): its figures so far cover only part ' +
  'of it, so any growth figure it would have is null. False for every period that has ended.';
export const PARTIAL_GROWTH_TEXT = 'Null for a `partial` period (one that has not ended: no pro-rating).';

export const PostingTrendPoint = Type.Object({
  period_start: Type.String({ format: 'date', description: 'First day of the period (UTC).' }),
  period: Type.String({ description: 'The period: `2026-03-05` (day), `2026-W10` (ISO week), `2026-03` (month), `2026-Q1` (quarter).' }),
  partial: Type.Boolean({ description: PARTIAL_TEXT }),
  value: Type.Integer({ minimum: 0, description: 'The metric in this period (zero when nothing happened); for a `partial` period, so far.' }),
  previous_value: Type.Integer({ minimum: 0, description: 'The metric in the period before (computed even when it precedes `from`).' }),
  pop_growth: growth(`\`value / previous_value − 1\`; null when \`previous_value\` is 0. ${PARTIAL_GROWTH_TEXT}`),
  year_ago_value: Type.Integer({
    minimum: 0,
    description:
      'The metric in the same period one year earlier (the period starting 1 year earlier; for weeks, 52 weeks earlier; ' +
      'for 29 February, 28 February), computed even when it precedes `from`.',
  }),
  yoy_growth: growth(`\`value / year_ago_value − 1\`; null when \`year_ago_value\` is 0 (no data a year earlier). ${PARTIAL_GROWTH_TEXT}`),
});

export const PostingTrend = Type.Object(
  {
    metric: StringEnum(POSTING_METRICS),
    interval: StringEnum(POSTING_INTERVALS),
    from: Type.String({ format: 'date', description: 'First day of the first period shown.' }),
    to: Type.String({ format: 'date', description: 'Last day of the last period shown.' }),
    group_by: Nullable(StringEnum(POSTING_GROUPS)),
    series: Type.Array(
      Type.Object({
        key: Type.String({ description: 'The value grouped by (role key, company slug, country code, skill …), `_other` or `all`.' }),
        label: Type.String(),
        total: Type.Integer({
          minimum: 0,
          description: 'Sum of `value` over the points (for `open`, a sum of period-end counts: a ranking measure).',
        }),
        points: Type.Array(PostingTrendPoint, { description: 'Every period from `from` to `to`, zeros included.' }),
      }),
    ),
  },
  { title: 'PostingTrend', description: 'Postings per period, overall and optionally per group, with growth.' },
);
export type PostingTrend = Static<typeof PostingTrend>;

export const EmergingQuery = Type.Object(
  {
    dimension: Type.Optional(
      StringEnum(EMERGING_DIMENSIONS, {
        default: 'role',
        description:
          '`role` (default), `skill` (a posting counts once in each skill it lists) or `title` (the title lower-cased, ' +
          'with runs of white space collapsed and the ends trimmed).',
      }),
    ),
    window: Type.Optional(
      Type.String({
        pattern: WINDOW,
        default: '90d',
        description: `Window length in days, \`${MIN_WINDOW_DAYS}d\` to \`${MAX_WINDOW_DAYS}d\` (default \`90d\`).`,
      }),
    ),
    as_of: Type.Optional(dateParam('Last day of the current window (inclusive, UTC). Default: today (UTC).')),
    min_support: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100_000,
        default: 10,
        description: 'Only values with at least this many new postings in the current window (default 10).',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'How many values, 1 to 100 (default 20).' })),
    ...trendFilterProperties,
  },
  { additionalProperties: false },
);
export type EmergingQuery = Static<typeof EmergingQuery>;

const windowRange = (description: string) =>
  Type.Object(
    {
      from: Type.String({ format: 'date', description: 'First day (inclusive).' }),
      to: Type.String({ format: 'date', description: 'Last day (inclusive).' }),
    },
    { description },
  );

export const Emerging = Type.Object(
  {
    dimension: StringEnum(EMERGING_DIMENSIONS),
    window_days: Type.Integer({ minimum: MIN_WINDOW_DAYS, maximum: MAX_WINDOW_DAYS }),
    current_window: windowRange('The window ending on `as_of`.'),
    previous_window: windowRange('The window of the same length just before it.'),
    min_support: Type.Integer({ minimum: 1 }),
    total: Type.Integer({ minimum: 0, description: 'Values meeting `min_support` (`data` holds the first `limit` of them).' }),
    data: Type.Array(
      Type.Object({
        key: Type.String(),
        label: Type.String(),
        current: Type.Integer({ minimum: 0, description: 'New postings (by `posted_at`) in the current window.' }),
        previous: Type.Integer({ minimum: 0, description: 'New postings in the previous window.' }),
        growth: growth('`current / previous − 1`; null when `previous` is 0.'),
        trend: StringEnum(TREND_LABELS, {
          description:
            '`new_category`: previous is 0 (and current ≥ `min_support`); `growing_fast`: growth ≥ +50 %; `growing`: ' +
            'growth ≥ +15 %; `steady`: between −15 % and +15 % (exclusive); `declining`: growth ≤ −15 %. Thresholds ' +
            'compare the exact counts, not the rounded growth.',
        }),
      }),
    ),
  },
  { title: 'EmergingTrends', description: 'What grew fastest against the previous window.' },
);
export type Emerging = Static<typeof Emerging>;
