import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ifNoneMatch, noContent, notModified, setNextLink } from '../../http/replies.js';
import type { AuthRule } from '../../plugins/auth.js';
import {
  CreateLayoffBody,
  Layoff,
  LayoffIdParams,
  LayoffList,
  LayoffListQuery,
  LayoffTrend,
  LayoffTrendQuery,
  MAX_COMPANY_SERIES,
  MAX_PERIODS,
  UpdateLayoffBody,
} from './layoffs.schemas.js';
import { createLayoff, deleteLayoff, getLayoff, layoffEtag, listLayoffs, updateLayoff, type ExpectedVersion } from './layoffs.service.js';
import { parseLayoffSearch } from './layoffs.input.js';
import { layoffTrend } from './layoff-trends.service.js';
import { parseTrendQuery } from './layoff-trends.input.js';

/** Layoff data is market analytics: anonymous callers may read it, keys need `analytics:read`. */
const ANALYTICS: { auth: AuthRule } = { auth: { scope: 'analytics:read', anonymous: true } };
const ADMIN: { auth: AuthRule } = { auth: { scope: 'admin', anonymous: false } };

const WHAT_A_LAYOFF_IS =
  'Each item is one announcement: a company said (or was reported) to cut `headcount` people on `announced_on`. ' +
  '`headcount` is the announced figure, not an estimate of later attrition; `ai_attributed` is true when the cut is ' +
  'attributed to AI — work automated by AI (support, moderation, reporting) or roles cut to fund AI investment.';

const preconditionFailed = {
  description: 'If-Match does not match the current ETag.',
  content: { 'application/problem+json': { schema: { $ref: 'Problem' } } },
};

/** The versions an `If-Match` header lets a write change: any without one or with `*`, else the ETags it lists (strong comparison). */
function expectedVersion(ifMatch: string | undefined): ExpectedVersion {
  if (ifMatch === undefined) return 'any';
  const tags = ifMatch.split(',').map((t) => t.trim());
  return tags.includes('*') ? 'any' : tags;
}

const layoffsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/layoffs',
    {
      config: ANALYTICS,
      schema: {
        tags: ['layoffs'],
        operationId: 'listLayoffs',
        summary: 'List layoff announcements',
        description:
          `${WHAT_A_LAYOFF_IS}\n\nFilters combine with AND; comma lists match any of their values. ` +
          '`announced_after` is inclusive and `announced_before` exclusive. `total` counts every match over all pages.',
        querystring: LayoffListQuery,
        response: { 200: LayoffList },
      },
    },
    async (request, reply) => {
      const page = await listLayoffs(app.deps, parseLayoffSearch(request.query));
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );

  app.get(
    '/v1/layoffs/:id',
    {
      config: ANALYTICS,
      schema: {
        tags: ['layoffs'],
        operationId: 'getLayoff',
        summary: 'One layoff announcement',
        description: `${WHAT_A_LAYOFF_IS}\n\nAnswers an \`ETag\`; \`If-None-Match\` with it answers 304.`,
        params: LayoffIdParams,
        response: { 200: Layoff, 304: Type.Null({ description: 'Not modified.' }) },
      },
    },
    async (request, reply) => {
      const layoff = await getLayoff(app.deps.db, request.params.id);
      const etag = layoffEtag(layoff);
      reply.header('etag', etag);
      if (ifNoneMatch(request.headers['if-none-match'], etag)) return notModified(reply);
      return layoff;
    },
  );

  app.get(
    '/v1/trends/layoffs',
    {
      config: ANALYTICS,
      schema: {
        tags: ['trends', 'layoffs'],
        operationId: 'layoffTrends',
        summary: 'Layoffs per period, optionally per group',
        description: [
          'Sums the layoff announcements (see `GET /v1/layoffs`) made from `from` to `to` (both inclusive, UTC calendar days)',
          'that match the filters, per calendar `interval` (`month`, `quarter` or `year`, UTC).',
          '',
          '- `headcount`: people in those announcements; `ai_attributed_headcount`: of them, in announcements attributed to AI;',
          '  `ai_attributed_share`: their ratio, a fraction (0.5 is 50 %), 4 decimals, null when `headcount` is 0; `events`: how many announcements.',
          '- `points` has every period from the one holding `from` to the one holding `to`, with zeros where nothing was',
          '  announced. The first and last periods count only the days inside the range.',
          '- `partial` is true for a period that has not ended yet (the one holding today, UTC, or a later one): its figures are',
          '  the announcements so far. As in every period series of the API, such a period would get no growth figure (null).',
          `- At most ${MAX_PERIODS} periods per request (400 otherwise). Default range: the 18 months ending today.`,
          `- \`group_by=company\` gives the ${MAX_COMPANY_SERIES} companies with the largest headcount in range a series each`,
          '  (largest first, ties by slug) and sums all the others in one series keyed `_other`, so series always add up to `totals`.',
        ].join('\n'),
        querystring: LayoffTrendQuery,
        response: { 200: LayoffTrend },
      },
    },
    async (request) => layoffTrend(app.deps.db, parseTrendQuery(request.query)),
  );

  const adminTags = ['admin', 'layoffs'];

  app.post(
    '/v1/admin/layoffs',
    {
      config: { ...ADMIN, idempotent: true },
      schema: {
        tags: adminTags,
        operationId: 'createLayoff',
        summary: 'Record a layoff announcement',
        description:
          '`company` is a company slug; `announced_on` a date that is not in the future; `headcount` at least 1; ' +
          '`source_url` an https URL. Retry-safe with an `Idempotency-Key`.',
        body: CreateLayoffBody,
        response: { 201: Layoff },
      },
    },
    async (request, reply) => {
      const layoff = await createLayoff(app.deps.db, request.body);
      reply.code(201).header('location', `/v1/layoffs/${layoff.id}`).header('etag', layoffEtag(layoff));
      return layoff;
    },
  );

  app.patch(
    '/v1/admin/layoffs/:id',
    {
      config: ADMIN,
      schema: {
        tags: adminTags,
        operationId: 'updateLayoff',
        summary: 'Change a layoff announcement',
        description: 'Absent fields keep their value; `null` clears `reason` or `source_url`. `If-Match` answers 412 on mismatch.',
        params: LayoffIdParams,
        body: UpdateLayoffBody,
        response: { 200: Layoff, 412: preconditionFailed },
      },
    },
    async (request, reply) => {
      const layoff = await updateLayoff(app.deps.db, request.params.id, request.body, expectedVersion(request.headers['if-match']));
      reply.header('etag', layoffEtag(layoff));
      return layoff;
    },
  );

  app.delete(
    '/v1/admin/layoffs/:id',
    {
      config: ADMIN,
      schema: {
        tags: adminTags,
        operationId: 'deleteLayoff',
        summary: 'Delete a layoff announcement',
        description: '404 when there is no such layoff (also when it was deleted already). `If-Match` answers 412 on mismatch.',
        params: LayoffIdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), 412: preconditionFailed },
      },
    },
    async (request, reply) => {
      await deleteLayoff(app.deps.db, request.params.id, expectedVersion(request.headers['if-match']));
      return noContent(reply);
    },
  );
};

export default layoffsRoutes;
