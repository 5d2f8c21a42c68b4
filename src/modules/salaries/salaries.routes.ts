import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { KeptAnswerHeaders, wantsFresh } from '../../http/replies.js';
import type { AuthRule } from '../../plugins/auth.js';
import {
  MAX_BUCKETS,
  MAX_GROUPS,
  ReportedBandsQuery,
  ReportedBandsResponse,
  SalaryHistogramQuery,
  SalaryHistogramResponse,
  SalaryPremiumsQuery,
  SalaryPremiumsResponse,
  SalaryStatsQuery,
  SalaryStatsResponse,
} from './salaries.schemas.js';
import { reportedBands } from './reported-bands.service.js';
import { readSalaryStats } from './salary-distribution.service.js';
import { salaryHistogram } from './salary-histogram.service.js';
import { salaryPremiums } from './salary-premiums.service.js';
import { parseReportedBands, parseSalaryHistogram, parseSalaryPremiums, parseSalaryStats } from './salaries.input.js';

const ANALYTICS: { auth: AuthRule } = { auth: { scope: 'analytics:read', anonymous: true } };

const COMMON =
  'The value measured per posting is the midpoint of its normalised annual USD range, (`annual_usd_min` + `annual_usd_max`) / 2; ' +
  'postings without a salary are left out. The filters are those of `/v1/jobs` and mean the same, except that `status` ' +
  'defaults to `all` (closed postings are evidence of pay too; `status=open` for what is advertised now).';

/** Salary analytics: distributions, premiums, histograms and published bands (scope `analytics:read`). */
const salariesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['salaries'];

  app.get(
    '/v1/salaries',
    {
      config: ANALYTICS,
      schema: {
        tags,
        operationId: 'getSalaryStats',
        summary: 'Salary distribution of matching postings, overall and by group',
        description:
          `${COMMON} Per group: \`count\`, \`min\`, \`p10\`, \`p25\`, \`median\`, \`p75\`, \`p90\`, \`max\`, \`mean\` in annual USD, ` +
          'rounded to whole dollars. Percentiles are continuous (linear interpolation between the two closest ranks, as ' +
          "PostgreSQL's `percentile_cont`). Groups with fewer postings than `min_count` are still listed, with their `count`, " +
          '`withheld: true`, `reason: below_min_count` and null statistics (the same holds for `overall`). ' +
          `At most ${MAX_GROUPS} groups: more is a 400 on \`group_by\` (group by fewer dimensions or narrow the filters).`,
        querystring: SalaryStatsQuery,
        headers: KeptAnswerHeaders,
        response: { 200: SalaryStatsResponse },
      },
    },
    async (request) => readSalaryStats(app.deps.db, parseSalaryStats(request.query), { fresh: wantsFresh(request) }),
  );

  app.get(
    '/v1/salaries/premiums',
    {
      config: ANALYTICS,
      schema: {
        tags,
        operationId: 'getSalaryPremiums',
        summary: 'Domain-specialist and AI salary premiums, like for like',
        description:
          `${COMMON} Domain premium: for each specialist domain (healthcare, finance, legal, security), each (role, seniority) ` +
          'cell compares the domain\'s `statistic` (mean by default, or median) of midpoints with that of `general` postings of ' +
          'the same role and seniority. AI premium: each seniority compares AI-family roles with software-family roles ' +
          '(families as in `/v1/taxonomy`). A cell counts only when both sides have at least `min_count` postings; the premium ' +
          'is the mean of the compared cells\' ratios weighted by the compared side\'s postings (so it is what the typical ' +
          'specialist, or AI, posting earns over its like-for-like baseline). `ratio` is null when no cell is compared — ' +
          'e.g. when the filters leave no baseline (`domain=healthcare` removes `general`).',
        querystring: SalaryPremiumsQuery,
        response: { 200: SalaryPremiumsResponse },
      },
    },
    async (request) => salaryPremiums(app.deps.db, parseSalaryPremiums(request.query)),
  );

  app.get(
    '/v1/salaries/histogram',
    {
      config: ANALYTICS,
      schema: {
        tags,
        operationId: 'getSalaryHistogram',
        summary: 'Histogram of salary midpoints',
        description:
          `${COMMON} Either \`bucket_width\` (buckets aligned on multiples of the width) or \`buckets\` (that many equal ` +
          'buckets over the filtered range; 20 when neither is given). Buckets run from the lowest midpoint to the highest ' +
          `without gaps, empty ones included with count 0; at most ${MAX_BUCKETS} (400 otherwise).`,
        querystring: SalaryHistogramQuery,
        response: { 200: SalaryHistogramResponse },
      },
    },
    async (request) => salaryHistogram(app.deps.db, parseSalaryHistogram(request.query)),
  );

  app.get(
    '/v1/salaries/reported',
    {
      config: ANALYTICS,
      schema: {
        tags,
        operationId: 'listReportedSalaryBands',
        summary: 'Published salary ranges beside what postings show',
        description:
          `${COMMON} Curated ranges published by market reports (their source and date), each with the p10, median and p90 of ` +
          'midpoints of postings of the same role over every seniority — even when the band names one, since the published ' +
          'ranges are read as the p10–p90 of all postings of the role. `role` also narrows the bands listed; the other ' +
          'filters narrow the postings observed. Observed figures below `min_count` postings are withheld.',
        querystring: ReportedBandsQuery,
        response: { 200: ReportedBandsResponse },
      },
    },
    async (request) => reportedBands(app.deps.db, parseReportedBands(request.query)),
  );
};

export default salariesRoutes;
