import { Type, type Static } from 'typebox';
import { ROLE_KEYS, SENIORITY_KEYS } from '../../reference/taxonomy.js';
import { Nullable, patternHints, StringEnum } from '../../lib/schemas.js';
import { jobFilterProperties } from '../jobs/jobs.schemas.js';

/** Dimensions `/v1/salaries` can group by (at most two at once). */
export const GROUP_DIMENSIONS = ['role', 'seniority', 'domain', 'country', 'workplace', 'company_category', 'month'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/** At most this many groups in one answer; more is a 400 that asks for fewer dimensions or narrower filters. */
export const MAX_GROUPS = 500;
/** At most this many histogram buckets when `bucket_width` sets their width. */
export const MAX_BUCKETS = 200;
export const SPECIALIST_DOMAINS = ['healthcare', 'finance', 'legal', 'security'] as const;
export type SpecialistDomain = (typeof SPECIALIST_DOMAINS)[number];

export const MEASURE = 'annual_usd_midpoint' as const;
const MEASURE_TEXT =
  'The value measured per posting is the midpoint of its normalised annual USD range, ' +
  '(`annual_usd_min` + `annual_usd_max`) / 2 (see the salary of a job); postings without a salary are left out.';
const STATUS_TEXT =
  'Unlike `/v1/jobs`, `status` defaults to `all`: a closed posting is still evidence of what the market paid, ' +
  'and the open ones alone are a recent, survivor-biased sample. Pass `status=open` for what is advertised now.';

// --- query -------------------------------------------------------------------------------------

const groupItem = `(?:${GROUP_DIMENSIONS.join('|')})`;
const GROUP_BY_PATTERN = `^${groupItem}(?:,${groupItem})?$`;
patternHints.set(GROUP_BY_PATTERN, `must be one or two of ${GROUP_DIMENSIONS.join(', ')} (comma-separated)`);

/** The filters of `/v1/jobs`, with `status` defaulting to `all` for analytics. */
export const salaryFilterProperties = {
  ...jobFilterProperties,
  status: Type.Optional(
    StringEnum(['open', 'closed', 'all'], { default: 'all', description: `Posting status. ${STATUS_TEXT}` }),
  ),
};

const minCount = (description: string) => Type.Integer({ minimum: 1, maximum: 1000, default: 5, description: `${description} 1 to 1,000, default 5.` });
const MinCount = minCount('Statistics of a group with fewer postings (with a salary) than this are withheld (null) as unreliable.');

export const SalaryStatsQuery = Type.Object(
  {
    ...salaryFilterProperties,
    group_by: Type.Optional(
      Type.String({
        pattern: GROUP_BY_PATTERN,
        maxLength: 100,
        description:
          `One or two dimensions to group by, comma-separated: ${GROUP_DIMENSIONS.map((d) => `\`${d}\``).join(', ')}. ` +
          '`month` is the UTC calendar month of `posted_at` (`YYYY-MM`). Without it, only `overall` is computed.',
      }),
    ),
    min_count: Type.Optional(MinCount),
  },
  { additionalProperties: false },
);
export type SalaryStatsQuery = Static<typeof SalaryStatsQuery>;

export const PREMIUM_STATISTICS = ['mean', 'median'] as const;
export type PremiumStatistic = (typeof PREMIUM_STATISTICS)[number];

export const SalaryPremiumsQuery = Type.Object(
  {
    ...salaryFilterProperties,
    statistic: Type.Optional(
      StringEnum(PREMIUM_STATISTICS, {
        default: 'mean',
        description: 'Which midpoint statistic of each cell is compared: `mean` (default) or `median` (continuous, like `percentile_cont(0.5)`).',
      }),
    ),
    min_count: Type.Optional(minCount('A cell is compared only when both of its sides have at least this many postings with a salary.')),
  },
  { additionalProperties: false },
);
export type SalaryPremiumsQuery = Static<typeof SalaryPremiumsQuery>;

export const SalaryHistogramQuery = Type.Object(
  {
    ...salaryFilterProperties,
    bucket_width: Type.Optional(
      Type.Integer({
        minimum: 1000,
        maximum: 1_000_000,
        description:
          `Bucket width in annual USD (1,000 to 1,000,000). Buckets are aligned on multiples of the width and half-open ` +
          `([lower, upper)); they span the filtered midpoints and may number at most ${MAX_BUCKETS} (otherwise 400: widen the ` +
          'buckets or narrow the filters). Not with `buckets`.',
      }),
    ),
    buckets: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description:
          'Number of equal buckets (1 to 100) from the lowest filtered midpoint (rounded down to a dollar) to the highest; ' +
          'the width is rounded up to whole dollars and the last bucket includes its upper edge. ' +
          'The default when neither `buckets` nor `bucket_width` is given is 20 buckets. Not with `bucket_width`.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SalaryHistogramQuery = Static<typeof SalaryHistogramQuery>;

export const ReportedBandsQuery = Type.Object(
  { ...salaryFilterProperties, min_count: Type.Optional(MinCount) },
  { additionalProperties: false },
);
export type ReportedBandsQuery = Static<typeof ReportedBandsQuery>;

// --- responses ---------------------------------------------------------------------------------

const usd = (description: string) => Nullable(Type.Integer({ description }));

const statProperties = {
  min: usd('Lowest midpoint.'),
  p10: usd('10th percentile (continuous).'),
  p25: usd('25th percentile (continuous).'),
  median: usd('50th percentile (continuous).'),
  p75: usd('75th percentile (continuous).'),
  p90: usd('90th percentile (continuous).'),
  max: usd('Highest midpoint.'),
  mean: usd('Arithmetic mean.'),
};

const withheldProperties = {
  count: Type.Integer({ minimum: 0, description: 'Postings with a salary in this group.' }),
  withheld: Type.Boolean({ description: 'True when `count` is below `min_count`: the statistics are then null.' }),
  reason: Type.Optional(
    StringEnum(['below_min_count'], { description: 'Why the statistics are withheld: `below_min_count` (fewer postings than `min_count`).' }),
  ),
};

export const SalaryStats = Type.Object(
  { ...withheldProperties, ...statProperties },
  { title: 'SalaryStats', description: 'Statistics of annual USD midpoints, rounded to whole dollars; null when withheld or empty.' },
);
export type SalaryStats = Static<typeof SalaryStats>;

const keyPart = (description: string) => Type.Optional(Nullable(Type.String({ description })));
const keyProperties = {
  role: keyPart('Role key.'),
  seniority: keyPart('Seniority key.'),
  domain: keyPart('Domain key.'),
  country: keyPart('ISO 3166-1 alpha-2 country of the job; null when the posting has none.'),
  workplace: keyPart('Workplace key.'),
  company_category: keyPart('Company category key.'),
  month: keyPart('UTC calendar month of `posted_at`, `YYYY-MM`.'),
} satisfies Record<GroupDimension, unknown>;

export const SalaryGroup = Type.Object({
  key: Type.Object(keyProperties, { description: 'The group: one entry per `group_by` dimension.' }),
  ...withheldProperties,
  ...statProperties,
}, { title: 'SalaryGroup', description: 'One group of `group_by` and its statistics.' });

export const SalaryStatsResponse = Type.Object({
  measure: Type.Literal(MEASURE, { description: MEASURE_TEXT }),
  status: StringEnum(['open', 'closed', 'all'], { description: 'The posting status the statistics cover.' }),
  group_by: Type.Array(StringEnum(GROUP_DIMENSIONS)),
  min_count: Type.Integer(),
  overall: SalaryStats,
  groups: Type.Array(SalaryGroup, {
    description:
      `Every non-empty group, at most ${MAX_GROUPS}, ordered by its key: dimensions in \`group_by\` order, each in taxonomy order ` +
      '(role, seniority, domain, workplace, company_category as `/v1/taxonomy` lists them), countries alphabetically (unknown last), months ascending.',
  }),
}, { title: 'SalaryDistribution', description: 'The salary distribution of the matching postings, overall and per group.' });
export type SalaryStatsResponse = Static<typeof SalaryStatsResponse>;

/** A multiplier: 1.25 is 25 % more than the baseline. */
const ratio = (description: string) => Nullable(Type.Number({ description: `${description} A multiplier (1.25 is 25 % more), rounded to 4 decimals.` }));
/**
 * A premium or relative difference: a fraction, as every premium, share and growth figure of the
 * API (REST and GraphQL) is — 0.25 is +25 %, never 25.
 */
const fraction = (description: string) =>
  Nullable(Type.Number({ description: `${description} A fraction (0.25 is +25 %, −0.1 is −10 %), rounded to 4 decimals.` }));

const PremiumCell = Type.Object({
  role: Type.Optional(StringEnum(ROLE_KEYS)),
  seniority: StringEnum(SENIORITY_KEYS),
  count: Type.Integer({ description: 'Postings with a salary on the compared side (specialist domain, or AI roles).' }),
  baseline_count: Type.Integer({ description: 'Postings with a salary on the baseline side (`general`, or software roles).' }),
  compared: Type.Boolean({ description: 'Both sides reach `min_count` (and the baseline value is positive).' }),
  value: usd('The side\'s mean or median midpoint (null unless compared).'),
  baseline_value: usd('The baseline\'s mean or median midpoint (null unless compared).'),
  ratio: ratio('value / baseline_value, from the unrounded values (null unless compared).'),
});

const premiumProperties = {
  ratio: ratio('Count-weighted mean over the compared cells of value / baseline value; null when no cell is compared.'),
  premium: fraction(
    'The premium: `ratio − 1` (from the unrounded ratio); null when no cell is compared. For the AI premium over a period, ' +
      '`/v1/trends/market` gives the same figure (`salaries.ai_premium`, the default `statistic` and `min_count`).',
  ),
  cells_compared: Type.Integer({ description: 'Cells where both sides reach `min_count`.' }),
  count: Type.Integer({ description: 'Postings behind the compared cells on the compared side: the weights.' }),
  baseline_count: Type.Integer({ description: 'Postings behind the compared cells on the baseline side.' }),
};

export const SalaryPremiumsResponse = Type.Object({
  measure: Type.Literal(MEASURE, { description: MEASURE_TEXT }),
  status: StringEnum(['open', 'closed', 'all']),
  statistic: StringEnum(PREMIUM_STATISTICS),
  min_count: Type.Integer(),
  domain_premiums: Type.Array(
    Type.Object({
      domain: StringEnum(SPECIALIST_DOMAINS),
      baseline: Type.Literal('general'),
      ...premiumProperties,
      cells: Type.Array(PremiumCell, { description: 'Every (role, seniority) with postings on both sides, by role then seniority.' }),
    }),
    { description: `One entry per specialist domain (${SPECIALIST_DOMAINS.join(', ')}), compared with \`general\` at the same role and seniority.` },
  ),
  ai_premium: Type.Object(
    {
      family: Type.Literal('ai'),
      baseline: Type.Literal('software'),
      ...premiumProperties,
      cells: Type.Array(PremiumCell, { description: 'One per seniority with postings on both sides (no `role`).' }),
    },
    { description: 'AI-family roles compared with software-family roles at the same seniority.' },
  ),
}, { title: 'SalaryPremiums', description: 'Domain-specialist and AI salary premiums, like for like.' });
export type SalaryPremiumsResponse = Static<typeof SalaryPremiumsResponse>;

export const SalaryHistogramResponse = Type.Object({
  measure: Type.Literal(MEASURE, { description: MEASURE_TEXT }),
  status: StringEnum(['open', 'closed', 'all']),
  count: Type.Integer({ description: 'Postings with a salary (the sum of the bucket counts).' }),
  min: usd('Lowest midpoint (rounded).'),
  max: usd('Highest midpoint (rounded).'),
  bucket_width: Nullable(Type.Integer({ description: 'Width of every bucket, annual USD (null when nothing matched and `buckets` was asked).' })),
  buckets: Type.Array(
    Type.Object({
      lower: Type.Integer({ description: 'Inclusive lower edge, annual USD.' }),
      upper: Type.Integer({ description: 'Exclusive upper edge (inclusive for the last bucket of `buckets`), annual USD.' }),
      count: Type.Integer({ minimum: 0 }),
    }),
    { description: 'Contiguous buckets from the lowest midpoint to the highest, empty ones included (count 0); none when nothing matched.' },
  ),
}, { title: 'SalaryHistogram', description: 'A histogram of salary midpoints.' });
export type SalaryHistogramResponse = Static<typeof SalaryHistogramResponse>;

export const ReportedBandsResponse = Type.Object({
  measure: Type.Literal(MEASURE, { description: MEASURE_TEXT }),
  status: StringEnum(['open', 'closed', 'all']),
  min_count: Type.Integer(),
  data: Type.Array(
    Type.Object({
      id: Type.String(),
      role: StringEnum(ROLE_KEYS),
      seniority: Nullable(StringEnum(SENIORITY_KEYS, { description: 'The seniority the source names, if any.' })),
      label: Type.String({ description: 'As published.' }),
      min_usd: Type.Integer({ description: 'Published lower end, annual USD.' }),
      max_usd: Type.Integer({ description: 'Published upper end, annual USD.' }),
      demand_trend: Nullable(Type.String()),
      source: Type.String(),
      published_on: Type.String({ format: 'date' }),
      observed: Type.Object(
        {
          count: Type.Integer({ description: 'Postings of the role with a salary (every seniority).' }),
          withheld: Type.Boolean(),
          reason: Type.Optional(StringEnum(['below_min_count'])),
          p10: usd('10th percentile of midpoints (continuous).'),
          median: usd('Median midpoint (continuous).'),
          p90: usd('90th percentile of midpoints (continuous).'),
          p10_vs_min: fraction('`p10 / min_usd − 1`: how far the observed p10 is above (or below) the published lower end.'),
          p90_vs_max: fraction('`p90 / max_usd − 1`: how far the observed p90 is above (or below) the published upper end.'),
        },
        {
          description:
            'What postings of the same role show, over every seniority even when the band names one: the published ' +
            'ranges are read as the p10–p90 of all postings of the role. The job filters apply.',
        },
      ),
    }),
  ),
}, { title: 'ReportedSalaryBands', description: 'Published salary ranges beside what postings show.' });
export type ReportedBandsResponse = Static<typeof ReportedBandsResponse>;

