import { KeptAnswerHeaders, wantsFresh } from '../../http/replies.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthRule } from '../../plugins/auth.js';
import {
  DEFAULT_TOP,
  Emerging,
  EmergingQuery,
  MAX_DAY,
  MAX_PERIODS,
  MAX_WINDOW_DAYS,
  MIN_DAY,
  MIN_WINDOW_DAYS,
  PostingTrend,
  PostingTrendQuery,
} from './trends.schemas.js';
import { emergingTrends, readPostingTrend } from './trends.service.js';
import { parseEmergingQuery, parsePostingTrendQuery } from './trends.input.js';

/** Market analytics: anonymous callers may read them, keys need `analytics:read`. */
const ANALYTICS: { auth: AuthRule } = { auth: { scope: 'analytics:read', anonymous: true } };

const trendsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/trends/postings',
    {
      config: ANALYTICS,
      schema: {
        tags: ['trends'],
        operationId: 'postingTrends',
        summary: 'Postings per period (new, closed or open), optionally per group, with growth',
        description: [
          'Counts the postings matching the filters per `interval` (UTC periods; weeks are ISO weeks, Monday start).',
          '',
          '- `metric=new`: postings whose `posted_at` falls in the period; `closed`: postings whose `closed_at` falls in the period;',
          '  `open`: postings open at the end of the period (`posted_at` < end and (`closed_at` is null or `closed_at` ≥ end)).',
          '- `points` has every period from the one holding `from` to the one holding `to`, with zeros where nothing happened.',
          '  Periods are whole: the first and last count their full length (so growth compares like with like), and',
          '  the answer’s `from`/`to` are the first and last days of the periods shown.',
          '- `pop_growth` = `value / previous_value − 1` (the period before, even when it precedes `from`); `yoy_growth` =',
          '  `value / year_ago_value − 1` (the period one year earlier: same calendar period, or 52 weeks earlier for weeks);',
          '  both null when the base is 0, 4 decimals (fractions: 0.25 is +25 %).',
          '- `partial` is true for a period that has not ended yet (the one holding today, UTC, or a later one): its `value` is',
          '  the count so far, and its `pop_growth` and `yoy_growth` are null (no pro-rating), so a period one day old does not',
          '  read as a collapse. Every period that has ended is `partial: false` with its growth as above.',
          `- At most ${MAX_PERIODS} periods (400 otherwise, naming \`from\`); dates from ${MIN_DAY} to ${MAX_DAY}.`,
          `- With \`group_by\`, the \`top\` (default ${DEFAULT_TOP}) values with the largest \`total\` get a series each (ties by key;`,
          '  values of a closed vocabulary — role, domain, seniority, company_category — always compete, even at zero; others',
          '  when they have a non-zero count in the range or the year before it) and everything else is summed in `_other`,',
          '  so series add up to the ungrouped counts (except `skill`, where a posting counts once per skill it lists).',
          '- The `/v1/jobs` filters apply with the same meaning; `status` is refused (400): the metric decides.',
        ].join('\n'),
        querystring: PostingTrendQuery,
        headers: KeptAnswerHeaders,
        response: { 200: PostingTrend },
      },
    },
    async (request) => readPostingTrend(app.deps.db, parsePostingTrendQuery(request.query), { fresh: wantsFresh(request) }),
  );

  app.get(
    '/v1/trends/emerging',
    {
      config: ANALYTICS,
      schema: {
        tags: ['trends'],
        operationId: 'emergingTrends',
        summary: 'What grew fastest: new postings per role, skill or title against the previous window',
        description: [
          `Counts new postings (by \`posted_at\`) per value of \`dimension\` in the \`window\` (${MIN_WINDOW_DAYS}d to ${MAX_WINDOW_DAYS}d)`,
          'ending on `as_of` (inclusive, UTC days) and in the window of the same length just before it. Values with fewer',
          'than `min_support` postings in the current window are left out.',
          '',
          '`growth` = `current / previous − 1` (null when `previous` is 0). `trend` labels, from the exact counts:',
          '`new_category` (previous = 0), `growing_fast` (growth ≥ +50 %), `growing` (≥ +15 %), `steady` (between −15 % and',
          '+15 %), `declining` (≤ −15 %).',
          '',
          'Sorted by growth, largest first, with new categories first; ties by `current` (largest first), then key.',
          'The `/v1/jobs` filters apply with the same meaning; `status` is refused (400): every posting counts.',
        ].join('\n'),
        querystring: EmergingQuery,
        response: { 200: Emerging },
      },
    },
    async (request) => emergingTrends(app.deps.db, parseEmergingQuery(request.query)),
  );
};

export default trendsRoutes;
