import { Type, type Static } from 'typebox';
import { ROLE_FAMILIES } from '../../reference/taxonomy.js';
import { Nullable, patternHints, StringEnum } from '../../lib/schemas.js';
import { PARTIAL_GROWTH_TEXT, PARTIAL_TEXT, TREND_LABELS } from '../trends/trends.schemas.js';

/** A calendar quarter `2026-Q1` or month `2026-03`. */
export const PERIOD = '^[0-9]{4}-(?:Q[1-4]|0[1-9]|1[0-2])$';
patternHints.set(PERIOD, 'must be a quarter like 2026-Q1 or a month like 2026-03');
/** An ISO week `2026-W14` (the week number is range-checked against the year when parsed). */
export const ISO_WEEK = '^[0-9]{4}-W[0-9]{2}$';
patternHints.set(ISO_WEEK, 'must be an ISO week like 2026-W14');

/** Top roles shown by the market summary. */
export const TOP_ROLES = 5;
/** Top hiring companies shown by the radar. */
export const TOP_COMPANIES = 10;
/** Fewest salaried postings (on each side) for a role's salary movement to be shown. */
export const MIN_SALARY_COUNT = 5;
/** Fewest salaried postings in the last 12 months for a company's median salary to be shown. */
export const MIN_COMPANY_SALARY_COUNT = 5;
/** Emerging roles on the radar: window, support and length. */
export const RADAR_WINDOW_DAYS = 28;
export const RADAR_MIN_SUPPORT = 5;
export const RADAR_EMERGING_LIMIT = 10;
/** Company stats: weeks of new postings (default, bounds) and the latest layoff events shown. */
export const DEFAULT_WEEKS = 26;
export const MIN_WEEKS = 4;
export const MAX_WEEKS = 104;
export const LAST_LAYOFFS = 5;

/** Every growth, share and premium of the API is a fraction: 0.25 is +25 % (never 25). */
const growth = (description: string) =>
  Nullable(Type.Number({ description: `${description} A fraction (0.25 is +25 %), rounded to 4 decimals.` }));
/** A growth figure of a period series: null while the period has not ended. */
const periodGrowth = (description: string) => growth(`${description} ${PARTIAL_GROWTH_TEXT}`);
const usd = (description: string) => Nullable(Type.Integer({ description: `${description} Annual USD, whole dollars.` }));
const day = (description: string) => Type.String({ format: 'date', description });
const count = (description: string) => Type.Integer({ minimum: 0, description });

const range = (description: string) =>
  Type.Object({ from: day('First day (inclusive, UTC).'), to: day('Last day (inclusive, UTC).') }, { description });

// ---------------------------------------------------------------------------------------------------
// GET /v1/trends/market
// ---------------------------------------------------------------------------------------------------

export const MarketQuery = Type.Object(
  {
    period: Type.Optional(
      Type.String({
        pattern: PERIOD,
        description: 'A calendar quarter (`2026-Q1`) or month (`2026-03`), UTC. Default: the last complete quarter.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MarketQuery = Static<typeof MarketQuery>;

const periodCounts = Type.Object({
  current: count('New postings (by `posted_at`) in the period.'),
  previous: count('New postings in the previous period (the calendar quarter or month before).'),
  growth: periodGrowth('`current / previous − 1`; null when `previous` is 0.'),
});

const salarySide = (description: string) =>
  Type.Object(
    {
      count: count('Postings with a salary (`posted_at` in the range, any status).'),
      median: usd('Median of the annual USD midpoints `(salary_usd_min + salary_usd_max) / 2` (continuous percentile); null when `count` is 0.'),
    },
    { description },
  );

export const MarketSummary = Type.Object(
  {
    period: Type.String({ description: 'The period: `2026-Q1` or `2026-03`.' }),
    interval: StringEnum(['quarter', 'month']),
    partial: Type.Boolean({ description: PARTIAL_TEXT }),
    range: range('The period’s days.'),
    previous_range: range('The previous calendar period (quarter or month).'),
    layoffs: Type.Object(
      {
        headcount: count('Sum of `headcount` of the layoffs announced in the period.'),
        ai_attributed_headcount: count('The part of `headcount` from layoffs flagged `ai_attributed`.'),
        ai_attributed_share: growth('`ai_attributed_headcount / headcount`; null when `headcount` is 0.'),
        events: count('Layoff announcements in the period.'),
      },
      { description: 'Layoffs announced in the period (`announced_on` within `range`).' },
    ),
    ai_postings: Type.Object(
      {
        ai_native: periodCounts,
        others: periodCounts,
      },
      {
        description:
          'New postings of AI-family roles (family `ai` in `/v1/taxonomy`), any status, at `ai_native` companies and at every other ' +
          'company category, in the period and the previous one.',
      },
    ),
    salaries: Type.Object(
      {
        ai: salarySide('AI-family roles.'),
        traditional: salarySide('Software-family roles (the traditional engineering baseline).'),
        ai_premium: growth(
          'The AI premium of the period, like for like: exactly `ai_premium.premium` of `GET /v1/salaries/premiums` for ' +
            'postings of the period (`posted_after` = first day, `posted_before` = the day after the last, `status=all`, the ' +
            'default `statistic` mean and `min_count` 5): per seniority, the mean midpoint of AI-family roles over that of ' +
            'software-family roles, weighted by the AI postings; null when no seniority has 5 salaried postings on both sides.',
        ),
        median_gap: growth(
          '`ai.median / traditional.median − 1`: the raw gap between the two medians, not a premium. It differs from ' +
            '`ai_premium` because it compares the whole AI and software samples, whose seniority mix differs (AI postings ' +
            'are more senior), and medians rather than means; null when either median is null.',
        ),
        ai_year_ago: salarySide('AI-family roles in the same period one year earlier.'),
        ai_yoy_growth: growth('`ai.median / ai_year_ago.median − 1`; null when either median is null (no data).'),
      },
      { description: 'Salaries of postings whose `posted_at` falls in the period, any status.' },
    ),
    top_roles: Type.Array(
      Type.Object({
        key: Type.String({ description: 'Role key.' }),
        label: Type.String(),
        family: StringEnum(ROLE_FAMILIES),
        current: count('New postings in the period.'),
        previous: count('New postings in the window of the same number of days just before the period.'),
        growth: periodGrowth('`current / previous − 1`; null when `previous` is 0.'),
        trend: Nullable(
          StringEnum(TREND_LABELS, { description: 'The label of `/v1/trends/emerging` for these counts; null for a `partial` period (as `growth`).' }),
        ),
      }),
      { maxItems: TOP_ROLES, description: `The ${TOP_ROLES} roles with the most new postings in the period (ties by key).` },
    ),
  },
  { title: 'MarketSummary', description: 'The AI hiring paradox of one period: layoffs, AI hiring, AI salaries and the top roles.' },
);
export type MarketSummary = Static<typeof MarketSummary>;

// ---------------------------------------------------------------------------------------------------
// GET /v1/companies/{slug}/stats
// ---------------------------------------------------------------------------------------------------

export const CompanyStatsParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100, description: 'Company slug.' }) });

export const CompanyStatsQuery = Type.Object(
  {
    weeks: Type.Optional(
      Type.Integer({
        minimum: MIN_WEEKS,
        maximum: MAX_WEEKS,
        default: DEFAULT_WEEKS,
        description: `How many ISO weeks of new postings, ${MIN_WEEKS} to ${MAX_WEEKS} (default ${DEFAULT_WEEKS}), ending with the current week.`,
      }),
    ),
  },
  { additionalProperties: false },
);
export type CompanyStatsQuery = Static<typeof CompanyStatsQuery>;

const LayoffEvent = Type.Object({
  id: Type.String({ format: 'uuid' }),
  announced_on: day('Announcement day.'),
  headcount: count('People laid off.'),
  ai_attributed: Type.Boolean(),
  reason: Nullable(Type.String()),
  source_url: Nullable(Type.String()),
});

export const CompanyStats = Type.Object(
  {
    company: Type.Object({ slug: Type.String(), name: Type.String(), category: Type.String() }),
    as_of: day('Today (UTC): the day the statistics were computed for.'),
    hiring: Type.Object({
      open_jobs: count('Postings with status `open` now.'),
      weekly_new_postings: Type.Array(
        Type.Object({
          week: Type.String({ description: 'ISO week, `2026-W14`.' }),
          week_start: day('Its Monday.'),
          new_postings: count('Postings whose `posted_at` falls in the week (any status).'),
        }),
        { maxItems: MAX_WEEKS, description: 'Every week, oldest first, zeros included; the last one is the current (partial) week.' },
      ),
      salary: Type.Object({
        count: count('Postings with a salary posted in the last 365 days (any status).'),
        median: usd(`Median annual USD midpoint of those postings; null when \`count\` < ${MIN_COMPANY_SALARY_COUNT}.`),
      }),
    }),
    layoffs: Type.Object({
      headcount: count('Sum of `headcount` of all its layoffs.'),
      ai_attributed_headcount: count('The part from layoffs flagged `ai_attributed`.'),
      events: count('Layoff announcements.'),
      latest: Type.Array(LayoffEvent, { maxItems: LAST_LAYOFFS, description: `The ${LAST_LAYOFFS} latest, newest first.` }),
    }),
  },
  { title: 'CompanyStats', description: "A company's hiring and layoffs side by side." },
);
export type CompanyStats = Static<typeof CompanyStats>;

// ---------------------------------------------------------------------------------------------------
// GET /v1/radar
// ---------------------------------------------------------------------------------------------------

export const RadarQuery = Type.Object(
  {
    week: Type.Optional(
      Type.String({ pattern: ISO_WEEK, description: 'ISO week (`2026-W14`, Monday to Sunday, UTC). Default: the last complete ISO week.' }),
    ),
  },
  { additionalProperties: false },
);
export type RadarQuery = Static<typeof RadarQuery>;

const salaryWindow = (description: string) =>
  Type.Object({ count: count('Postings with a salary.'), median: usd(`Median annual USD midpoint; null when \`count\` < ${MIN_SALARY_COUNT}.`) }, { description });

export const Radar = Type.Object(
  {
    week: Type.String({ description: 'The ISO week.' }),
    partial: Type.Boolean({ description: PARTIAL_TEXT }),
    range: range('Its days, Monday to Sunday.'),
    new_postings: Type.Object({
      current: count('Postings whose `posted_at` falls in the week (any status).'),
      previous: count('The same in the week before.'),
      growth: periodGrowth('`current / previous − 1`; null when `previous` is 0.'),
    }),
    top_companies: Type.Array(
      Type.Object({ slug: Type.String(), name: Type.String(), new_postings: Type.Integer({ minimum: 1 }) }),
      { maxItems: TOP_COMPANIES, description: `Up to ${TOP_COMPANIES} companies with the most new postings in the week (ties by slug).` },
    ),
    salary_movement: Type.Array(
      Type.Object({
        role: Type.String(),
        label: Type.String(),
        week: salaryWindow('Postings of the week.'),
        baseline: salaryWindow('Postings of the four weeks before it.'),
        change: growth('`week.median / baseline.median − 1`; null when withheld.'),
        withheld: Type.Boolean({ description: `True when either side has fewer than ${MIN_SALARY_COUNT} salaried postings.` }),
        reason: Nullable(
          StringEnum(['too_few_postings_this_week', 'too_few_postings_in_baseline'], { description: 'Why it is withheld (the week is checked first).' }),
        ),
      }),
      { maxItems: 50, description: 'Every role of the taxonomy, in taxonomy order.' },
    ),
    emerging_roles: Type.Object({
      current_window: range(`The ${RADAR_WINDOW_DAYS} days ending on the week’s Sunday.`),
      previous_window: range('The same number of days just before.'),
      data: Type.Array(
        Type.Object({
          key: Type.String(),
          label: Type.String(),
          current: count('New postings in the current window.'),
          previous: count('New postings in the previous window.'),
          growth: periodGrowth('`current / previous − 1`; null when `previous` is 0.'),
          trend: Nullable(StringEnum(TREND_LABELS, { description: 'As `/v1/trends/emerging`; null when the week is `partial` (as `growth`).' })),
        }),
        { maxItems: RADAR_EMERGING_LIMIT },
      ),
    }),
  },
  { title: 'Radar', description: 'The week on the job market.' },
);
export type Radar = Static<typeof Radar>;
