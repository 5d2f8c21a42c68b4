import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthRule } from '../../plugins/auth.js';
import {
  CompanyStats,
  CompanyStatsParams,
  CompanyStatsQuery,
  DEFAULT_WEEKS,
  LAST_LAYOFFS,
  MarketQuery,
  MarketSummary,
  MIN_COMPANY_SALARY_COUNT,
  MIN_SALARY_COUNT,
  Radar,
  RadarQuery,
  RADAR_EMERGING_LIMIT,
  RADAR_MIN_SUPPORT,
  RADAR_WINDOW_DAYS,
  TOP_COMPANIES,
  TOP_ROLES,
} from './market.schemas.js';
import { companyStats, marketSummary, parsePeriod, parseWeek, radar } from './market.service.js';

/** Market analytics: anonymous callers may read them, keys need `analytics:read`. */
const ANALYTICS: { auth: AuthRule } = { auth: { scope: 'analytics:read', anonymous: true } };

const TREND_LABEL_TEXT =
  '`trend` labels as `/v1/trends/emerging`: `new_category` (previous = 0), `growing_fast` (growth ≥ +50 %), `growing` (≥ +15 %), ' +
  '`steady` (between −15 % and +15 %), `declining` (≤ −15 %), from the exact counts.';

const marketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/trends/market',
    {
      config: ANALYTICS,
      schema: {
        tags: ['trends'],
        operationId: 'marketSummary',
        summary: 'The AI hiring paradox of one quarter or month: layoffs, AI hiring, AI salaries and the top roles',
        description: [
          '`period` is a calendar quarter (`2026-Q1`) or month (`2026-03`), UTC; default the last complete quarter. Every count is',
          'over all postings whatever their status; "new postings" are postings whose `posted_at` falls in the range. Growth and',
          'shares are fractions rounded to 4 decimals (0.25 is +25 %), null when their base is 0 or missing.',
          '',
          '- `partial`: true when the period has not ended yet (it holds today, UTC, or lies after it). Its figures are then',
          '  what happened so far, and its growth figures (`ai_postings.*.growth`, `top_roles[].growth` and `trend`) are null:',
          '  no pro-rating, as in every period series of the API.',
          '- `layoffs`: layoffs announced in the period (`announced_on` within `range`): total `headcount`, `ai_attributed_headcount`',
          '  (layoffs flagged `ai_attributed`), `ai_attributed_share` = AI-attributed / total headcount, and `events` (announcements).',
          '- `ai_postings`: new postings of the AI-family roles (family `ai` in `/v1/taxonomy`) at `ai_native` companies and at',
          '  every other company category (`others`): `current` (this period), `previous` (the calendar period before, `previous_range`),',
          '  `growth` = `current / previous − 1`.',
          '- `salaries`: medians (continuous 50th percentile, whole dollars) of the annual USD midpoints',
          '  `(salary_usd_min + salary_usd_max) / 2` of the postings with a salary posted in the period: `ai` (AI-family roles) and',
          '  `traditional` (software-family roles), with their `count`; `ai_premium` = the like-for-like AI premium of the postings',
          '  of the period, the very figure `GET /v1/salaries/premiums?posted_after=<first day>&posted_before=<day after the last>`',
          '  answers as `ai_premium.premium` (same service function, its defaults); `median_gap` = `ai.median / traditional.median − 1`,',
          '  the raw gap between the medians, which also reflects that AI postings are more senior (so it is not the premium);',
          '  `ai_year_ago` = the AI-family median of the same period one year earlier; `ai_yoy_growth` = `ai.median / ai_year_ago.median − 1`',
          '  (null when either side has no salaried posting).',
          `- \`top_roles\`: the ${TOP_ROLES} roles with the most new postings in the period (ties by key), each with the new postings`,
          '  in the window of the same number of days just before the period (`previous`), `growth` and the trend label.',
          `  ${TREND_LABEL_TEXT}`,
        ].join('\n'),
        querystring: MarketQuery,
        response: { 200: MarketSummary },
      },
    },
    async (request) => marketSummary(app.deps.db, parsePeriod(request.query.period)),
  );

  app.get(
    '/v1/companies/:slug/stats',
    {
      config: ANALYTICS,
      schema: {
        tags: ['companies', 'trends'],
        operationId: 'companyStats',
        summary: "A company's hiring and layoffs side by side",
        description: [
          'All as of today (UTC, `as_of`); 404 when no company has this slug.',
          '',
          '- `hiring.open_jobs`: its postings with status `open` now.',
          `- \`hiring.weekly_new_postings\`: its new postings (by \`posted_at\`, any status) per ISO week (Monday start, UTC) for the`,
          `  last \`weeks\` weeks (default ${DEFAULT_WEEKS}), the current (partial) week last, zeros included.`,
          '- `hiring.salary`: the median annual USD midpoint `(salary_usd_min + salary_usd_max) / 2` (continuous percentile, whole',
          `  dollars) of its postings with a salary posted in the last 365 days (today included), any status; null when fewer than`,
          `  ${MIN_COMPANY_SALARY_COUNT} (\`count\` says how many).`,
          '- `layoffs`: all its layoffs: total `headcount`, `ai_attributed_headcount` (layoffs flagged `ai_attributed`), `events`',
          `  (announcements) and the ${LAST_LAYOFFS} latest (newest \`announced_on\` first).`,
        ].join('\n'),
        params: CompanyStatsParams,
        querystring: CompanyStatsQuery,
        response: { 200: CompanyStats },
      },
    },
    async (request) => companyStats(app.deps, request.params.slug, request.query.weeks ?? DEFAULT_WEEKS),
  );

  app.get(
    '/v1/radar',
    {
      config: ANALYTICS,
      schema: {
        tags: ['trends'],
        operationId: 'weeklyRadar',
        summary: 'The week on the job market: new postings, top hiring companies, salary movement and emerging roles',
        description: [
          '`week` is an ISO week (`2026-W14`, Monday to Sunday, UTC); default the last complete one. A week the year does not have',
          '(`W00`, `W54`, `W53` of a 52-week year) is a 400. Postings count whatever their status.',
          '',
          '- `new_postings`: postings whose `posted_at` falls in the week (`current`) and in the week before (`previous`);',
          '  `growth` = `current / previous − 1` (null when `previous` is 0), 4 decimals.',
          '- `partial`: true when the week has not ended yet (it holds today, UTC, or lies after it); `new_postings.growth` and the',
          '  `growth` and `trend` of `emerging_roles` are then null (no pro-rating, as in every period series of the API).',
          `- \`top_companies\`: up to ${TOP_COMPANIES} companies with the most new postings in the week (at least one; ties by slug).`,
          '- `salary_movement`: per role of the taxonomy, the median annual USD midpoint of the postings with a salary posted in the',
          '  week against that of the four weeks (28 days) before it, with each side’s `count`; `change` = `week.median /',
          `  baseline.median − 1\`. A side with fewer than ${MIN_SALARY_COUNT} salaried postings has a null median and the role is`,
          '  `withheld` (`change` null; `reason` names the side that fell short, the week first).',
          `- \`emerging_roles\`: \`/v1/trends/emerging\` by role over the ${RADAR_WINDOW_DAYS} days ending on the week’s Sunday against`,
          `  the ${RADAR_WINDOW_DAYS} days before, roles with at least ${RADAR_MIN_SUPPORT} new postings, the first ${RADAR_EMERGING_LIMIT}`,
          `  by growth (new categories first). ${TREND_LABEL_TEXT}`,
        ].join('\n'),
        querystring: RadarQuery,
        response: { 200: Radar },
      },
    },
    async (request) => radar(app.deps.db, parseWeek(request.query.week)),
  );
};

export default marketRoutes;
