import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { StringEnum } from '../../lib/schemas.js';
import { setNextLink } from '../../http/replies.js';
import type { AuthRule } from '../../plugins/auth.js';
import { Company, CompanySlugParams, CreateCompanyBody, UpdateCompanyBody } from '../companies/companies.schemas.js';
import { companySearchRefresh, createCompany, SearchRefresher, updateCompany } from '../companies/companies.service.js';
import { ApiKeyList, CreateKeyBody, KeyIdParams, KeyListQuery, RotateKeyBody } from '../keys/keys.schemas.js';
import { createKey, getKey, listKeys, revokeKey, rotateKey, toApiKey } from '../keys/keys.service.js';

const ADMIN: { auth: AuthRule } = { auth: { scope: 'admin', anonymous: false } };

const SearchRefresh = Type.Object(
  {
    status: StringEnum(['done', 'pending'], {
      description: '`done`: every posting of the company is found by its current name. `pending`: some are still being re-indexed, in the background.',
    }),
    pending: Type.Integer({ minimum: 0, description: 'Postings whose search text still carries an earlier name (searches find them by that name until re-indexed).' }),
  },
  { title: 'SearchRefresh', description: 'Re-indexing of the postings\' search text after a rename.' },
);

const UpdatedCompany = Type.Object(
  {
    ...Company.properties,
    search_refresh: Type.Object(SearchRefresh.properties, {
      description:
        'A new name reaches the postings\' search text in chunks: in this request for a moment (a small company is done when it answers), ' +
        'then in the background. PATCH the same name again, or GET …/search-refresh, to see where it stands; the PATCH also resumes one cut short.',
    }),
  },
  { title: 'UpdatedCompany', description: 'The company as updated, and where re-indexing its postings for search stands.' },
);

/** Key and company administration: JWT role `admin` or an API key with the `admin` scope. */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['admin'];
  const { chunkSize, inlineMs } = app.config.searchRefresh;
  // Started now, outside any request: what it runs is not cancelled when a request ends.
  const refresher = new SearchRefresher(app.deps.db, app.log, chunkSize);
  app.addHook('preClose', () => refresher.close());

  app.post(
    '/v1/admin/keys',
    {
      config: ADMIN,
      schema: {
        tags,
        operationId: 'createApiKey',
        summary: 'Create an API key (its secret is shown once)',
        body: CreateKeyBody,
        response: { 201: Type.Ref('NewApiKey') },
      },
    },
    async (request, reply) => {
      const { key, secret } = await createKey(app.deps.db, request.body);
      reply.code(201).header('location', `/v1/admin/keys/${key.id}`);
      return { key: toApiKey(key), secret };
    },
  );

  app.get(
    '/v1/admin/keys',
    {
      config: ADMIN,
      schema: { tags, operationId: 'listApiKeys', summary: 'List API keys, newest first', querystring: KeyListQuery, response: { 200: ApiKeyList } },
    },
    async (request, reply) => {
      const page = await listKeys(app.deps, request.query);
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );

  app.get(
    '/v1/admin/keys/:id',
    {
      config: ADMIN,
      schema: { tags, operationId: 'getApiKey', summary: 'One API key', params: KeyIdParams, response: { 200: Type.Ref('ApiKey') } },
    },
    async (request) => toApiKey(await getKey(app.deps.db, request.params.id)),
  );

  const revoke = async (id: string) => {
    const key = await revokeKey(app.deps.db, id);
    app.invalidateKey(key.prefix);
    return toApiKey(key);
  };
  const revokeSchema = (operationId: string, summary: string) => ({
    config: ADMIN,
    schema: { tags, operationId, summary, params: KeyIdParams, response: { 200: Type.Ref('ApiKey') } },
  });
  app.post('/v1/admin/keys/:id/revoke', revokeSchema('revokeApiKey', 'Revoke an API key (idempotent)'), async (request) => revoke(request.params.id));
  app.delete('/v1/admin/keys/:id', revokeSchema('deleteApiKey', 'Revoke an API key (same as POST …/revoke)'), async (request) => revoke(request.params.id));

  app.post(
    '/v1/admin/keys/:id/rotate',
    {
      config: ADMIN,
      schema: {
        tags,
        operationId: 'rotateApiKey',
        summary: 'Issue a new secret; the old one works until old_key_expires_at',
        params: KeyIdParams,
        body: Type.Optional(RotateKeyBody),
        response: { 201: Type.Ref('NewApiKey') },
      },
    },
    async (request, reply) => {
      const until = request.body?.old_key_expires_at ? new Date(request.body.old_key_expires_at) : undefined;
      const { key, secret, oldPrefix } = await rotateKey(app.deps.db, request.params.id, until);
      app.invalidateKey(oldPrefix);
      reply.code(201).header('location', `/v1/admin/keys/${key.id}`);
      return { key: toApiKey(key), secret };
    },
  );

  app.post(
    '/v1/admin/companies',
    {
      config: ADMIN,
      schema: { tags, operationId: 'createCompany', summary: 'Create a company', body: CreateCompanyBody, response: { 201: Type.Ref('Company') } },
    },
    async (request, reply) => {
      const company = await createCompany(app.deps.db, request.body);
      reply.code(201).header('location', `/v1/companies/${company.slug}`);
      return company;
    },
  );

  app.patch(
    '/v1/admin/companies/:slug',
    {
      config: ADMIN,
      schema: {
        tags,
        operationId: 'updateCompany',
        summary: 'Update a company',
        description:
          'Changes only the fields given. The rename itself commits at once; the postings are then re-indexed for search under the new name, ' +
          'a chunk per statement (SEARCH_REFRESH_CHUNK), for a moment before this answers (SEARCH_REFRESH_INLINE_MS) and in the background after: ' +
          'see `search_refresh`. If the client goes away, the request stops and the background finishes.',
        params: CompanySlugParams,
        body: UpdateCompanyBody,
        response: { 200: UpdatedCompany },
      },
    },
    async (request, reply) => {
      // Aborted when the client disconnects before the answer: no further chunk is started for it.
      const gone = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) gone.abort();
      };
      reply.raw.once('close', onClose);
      try {
        return await updateCompany(app.deps.db, request.params.slug, request.body, { refresher, inlineMs, signal: gone.signal });
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );

  app.get(
    '/v1/admin/companies/:slug/search-refresh',
    {
      config: ADMIN,
      schema: {
        tags,
        operationId: 'getCompanySearchRefresh',
        summary: "Where re-indexing a renamed company's postings stands",
        params: CompanySlugParams,
        response: { 200: SearchRefresh },
      },
    },
    async (request) => companySearchRefresh(app.deps.db, request.params.slug),
  );
};

export default adminRoutes;
