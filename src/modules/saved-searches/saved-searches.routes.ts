import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { noContent, setNextLink } from '../../http/replies.js';
import { ownerOf } from '../../http/owner.js';
import { CursorParam, LimitParam } from '../../lib/schemas.js';
import type { AuthRule } from '../../plugins/auth.js';
import { SavedSearch, SavedSearchCreateBody, SavedSearchList, SavedSearchMatches, SavedSearchPatchBody } from './saved-searches.schemas.js';
import {
  createSavedSearch,
  deleteSavedSearch,
  getSavedSearch,
  listSavedSearches,
  listSavedSearchMatches,
  SAVED_SEARCH_QUOTA,
  checkSavedSearchQuery,
  updateSavedSearch,
} from './saved-searches.service.js';

const KEY: { auth: AuthRule } = { auth: { scope: 'jobs:read', anonymous: false } };
const IdParams = Type.Object({ id: Type.String({ maxLength: 64, description: 'Saved search id.' }) });
const ListQuery = Type.Object({ limit: Type.Optional(LimitParam), cursor: Type.Optional(CursorParam) }, { additionalProperties: false });
const MatchesQuery = Type.Object(
  {
    since: Type.Optional(Type.String({ maxLength: 2048, description: 'The `next_cursor` of the previous call; absent: from the first match.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Matches per call, 1 to 500.' })),
  },
  { additionalProperties: false },
);
const quotas = Object.entries(SAVED_SEARCH_QUOTA).map(([tier, n]) => `${tier} ${n}`).join(', ');

/** Saved searches: `GET /v1/jobs` filters kept by name, and the postings that newly match them. */
const savedSearchesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(SavedSearch);
  const tags = ['saved-searches'];

  // The filters are checked (and errors named `query.<param>`) before the body schema sees them.
  app.addHook('preValidation', async (request) => {
    if ((request.method === 'POST' || request.method === 'PATCH') && request.body && typeof request.body === 'object' && 'query' in request.body) {
      (request.body as { query: unknown }).query = checkSavedSearchQuery((request.body as { query: unknown }).query).query;
    }
  });

  app.post(
    '/v1/saved-searches',
    {
      config: KEY,
      schema: {
        tags,
        operationId: 'createSavedSearch',
        summary: 'Save a search',
        description: `\`query\` takes exactly the filters of \`GET /v1/jobs\` (a bad one is a 400 naming \`query.<param>\`). Saved searches per owner: ${quotas} (429 beyond).`,
        body: SavedSearchCreateBody,
        response: { 201: Type.Ref('SavedSearch') },
      },
    },
    async (request, reply) => {
      const search = await createSavedSearch(app.deps.db, ownerOf(request.principal), request.body);
      return reply.code(201).header('location', `/v1/saved-searches/${search.id}`).send(search);
    },
  );

  app.get(
    '/v1/saved-searches',
    { config: KEY, schema: { tags, operationId: 'listSavedSearches', summary: 'Your saved searches, newest first', querystring: ListQuery, response: { 200: SavedSearchList } } },
    async (request, reply) => {
      const page = await listSavedSearches(app.deps, ownerOf(request.principal), request.query);
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );

  app.get(
    '/v1/saved-searches/:id',
    { config: KEY, schema: { tags, operationId: 'getSavedSearch', summary: 'One saved search', params: IdParams, response: { 200: Type.Ref('SavedSearch') } } },
    async (request) => getSavedSearch(app.deps.db, ownerOf(request.principal), request.params.id),
  );

  app.patch(
    '/v1/saved-searches/:id',
    {
      config: KEY,
      schema: { tags, operationId: 'updateSavedSearch', summary: 'Rename a saved search or replace its filters', params: IdParams, body: SavedSearchPatchBody, response: { 200: Type.Ref('SavedSearch') } },
    },
    async (request) => updateSavedSearch(app.deps.db, ownerOf(request.principal), request.params.id, request.body),
  );

  app.delete(
    '/v1/saved-searches/:id',
    {
      config: KEY,
      schema: { tags, operationId: 'deleteSavedSearch', summary: 'Delete a saved search and its matches', params: IdParams, response: { 204: Type.Null({ description: 'Deleted.' }) } },
    },
    async (request, reply) => {
      await deleteSavedSearch(app.deps.db, ownerOf(request.principal), request.params.id);
      return noContent(reply);
    },
  );

  app.get(
    '/v1/saved-searches/:id/matches',
    {
      config: KEY,
      schema: {
        tags,
        operationId: 'listSavedSearchMatches',
        summary: 'Postings that newly match a saved search',
        description:
          'Postings that started matching since `since`: created, or changed into the match (a posting that matched all along is not new). In change-feed order; ' +
          'keep `next_cursor` and call again for what is new (a digest without a webhook). A posting that stops matching and matches again appears again.',
        params: IdParams,
        querystring: MatchesQuery,
        response: { 200: SavedSearchMatches },
      },
    },
    async (request) => listSavedSearchMatches(app.deps, ownerOf(request.principal), request.params.id, request.query),
  );
};

export default savedSearchesRoutes;
