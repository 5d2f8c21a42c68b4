import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../lib/paths.js';
import { createOpenApiCompletion } from './openapi-responses.js';

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

export const OPENAPI_INFO = {
  title: 'Hiring Radar API',
  version: pkg.version,
  summary: 'AI job-market data: jobs, companies, salaries, trends and layoffs.',
  description: [
    'Hiring Radar serves AI job-market data over REST.',
    '',
    '- Lists answer `{ data, next_cursor, total }` and a `Link: <…>; rel="next"` header. Paging is keyset: pass',
    '  `next_cursor` back as `cursor` with the same other parameters; walking all pages returns every match once.',
    '- Errors are RFC 9457 `application/problem+json`; validation errors list each bad input in `errors`.',
    '- Times are RFC 3339 UTC; countries ISO 3166-1 alpha-2; currencies ISO 4217; ids are opaque strings.',
    '- Salaries keep what was posted and add an annual USD range: amount × 2,080 hours, 260 days, 52 weeks or',
    '  12 months × the USD rate of the currency on `fx_as_of`.',
    '- Units: premiums, shares and growth figures are fractions, in REST and GraphQL alike (0.25 is +25 %, −0.1 is −10 %, never',
    '  25), rounded to 4 decimals; money is annual USD in whole dollars unless a field says otherwise.',
    '- Every response carries `X-Request-Id`; metered routes (everything under `/v1`) carry `RateLimit-Limit`, `RateLimit-Remaining`',
    '  and `RateLimit-Reset`, and a 429 adds `Retry-After`. Each operation lists every status it answers, with the problem `type`',
    '  URNs each can carry.',
  ].join('\n'),
  license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
  contact: { name: 'Hiring Radar API team' },
};

/** The OpenAPI document is generated from the route schemas; /docs renders it. */
export default fp(
  async function openapi(app: FastifyInstance) {
    // Statuses, problem types, headers and named schemas the route files do not spell out.
    const completion = createOpenApiCompletion();
    await app.register(swagger, {
      transform: completion.transform,
      transformObject: completion.transformObject,
      openapi: {
        openapi: '3.1.0',
        info: OPENAPI_INFO,
        servers: [{ url: '/', description: 'This server' }],
        // Public reads need no credentials.
        security: [{}],
        components: {
          securitySchemes: {
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'hr_live_…',
              description: 'An API key: `Authorization: Bearer hr_live_…`. Ask an admin for one (they are shown once).',
            },
            apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The same API key, in its own header.' },
            internalJwt: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description: 'Internal frontends: a JWT from our identity provider with a `role` claim (`admin`, `analyst`) and `exp`.',
            },
          },
        },
        tags: [
          { name: 'jobs', description: 'Job postings: search, filter, facets.' },
          { name: 'companies', description: 'Employers and their postings.' },
          { name: 'taxonomy', description: 'The closed vocabularies used by filters.' },
          { name: 'salaries', description: 'Salary analytics: distributions, premiums, histograms and published bands (scope `analytics:read`).' },
          { name: 'layoffs', description: 'Layoff announcements: who cut how many people when, and whether AI was the stated cause.' },
          { name: 'trends', description: 'Aggregates over time.' },
          { name: 'partner', description: 'Partner employers push their postings (key scope `jobs:write`, bound to one company).' },
          {
            name: 'saved-searches',
            description: 'Named `GET /v1/jobs` filters whose new matches are kept (`GET /v1/saved-searches/{id}/matches`) and can be delivered by webhook.',
          },
          {
            name: 'webhooks',
            description:
              'Signed HTTPS deliveries of events (Standard Webhooks): manage endpoints here; what each event delivers is in the top-level `webhooks` section.',
          },
          { name: 'access', description: 'Your tier and remaining rate-limit budget.' },
          { name: 'admin', description: 'API keys and companies (JWT role `admin` or a key with the `admin` scope).' },
          { name: 'ops', description: 'Health and readiness.' },
        ],
      },
      // Shared schemas keep their $id as their component name.
      refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null, displayRequestDuration: true },
      staticCSP: false,
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  // The document's error responses refer to the Problem schema.
  { name: 'openapi', dependencies: ['problems'] },
);
