import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SCOPES, TIERS } from '../../reference/taxonomy.js';
import { Nullable, StringEnum } from '../../lib/schemas.js';
import { describeCaller, remainingBudget } from './usage.service.js';

const Usage = Type.Object({
  tier: StringEnum(TIERS),
  caller: Type.Object({
    type: StringEnum(['anonymous', 'api_key', 'jwt']),
    key: Nullable(Type.Object({ id: Type.String(), prefix: Type.String(), name: Type.String(), company: Nullable(Type.String()) })),
    subject: Nullable(Type.String({ description: 'The JWT subject.' })),
    scopes: Type.Array(StringEnum(SCOPES)),
  }),
  rate_limit: Type.Object({
    limit: Type.Integer({ description: 'Requests allowed per window (this request included).' }),
    remaining: Type.Integer(),
    reset_seconds: Type.Integer({ description: 'Seconds until the window resets.' }),
    window_seconds: Type.Integer(),
  }),
  tiers: Type.Record(Type.String(), Type.Integer(), { description: 'Requests per window of every tier.' }),
}, { title: 'Usage', description: 'The caller\'s tier, identity and rate-limit budget.' });

const usageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/usage',
    {
      config: { auth: { anonymous: true } },
      schema: {
        tags: ['access'],
        operationId: 'getUsage',
        summary: 'Your tier, limits and what is left of the current window',
        description:
          'Every response carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds); a 429 adds ' +
          '`Retry-After`. This call counts as a request too; it needs no scope.\n\n' +
          'Scopes (`caller.scopes`) and what they grant, REST and GraphQL alike:\n\n' +
          '| Scope | Grants |\n| --- | --- |\n' +
          '| *(none: anonymous, per IP)* | every public read: jobs, companies (and their stats), taxonomy, layoffs, salaries, trends, market, radar, usage |\n' +
          '| `jobs:read` | jobs, companies, taxonomy, and everything anonymous callers may read (analytics included, without `analytics:read`) |\n' +
          '| `analytics:read` | salaries, trends, market, radar, layoffs, company stats; alone it does not read jobs or companies |\n' +
          '| `jobs:write` | `/v1/partner/…` and the partner mutations, for the key\'s own company |\n' +
          '| `admin` | `/v1/admin/…` and the admin mutations (reads only with `jobs:read` too) |\n\n' +
          'A GraphQL WebSocket is charged at `connection_init` (one request) and per subscription (its cost) to the key of ' +
          '`connectionParams`, else to the key of the upgrade\'s headers, else to the IP.',
        response: { 200: Usage },
      },
    },
    async (request, reply) => {
      const budget = remainingBudget({
        limit: reply.getHeader('ratelimit-limit'),
        remaining: reply.getHeader('ratelimit-remaining'),
        reset: reply.getHeader('ratelimit-reset'),
      });
      return {
        tier: request.principal.tier,
        caller: describeCaller(request.principal),
        rate_limit: {
          limit: budget.limit,
          remaining: budget.remaining,
          reset_seconds: budget.resetSeconds,
          window_seconds: app.config.rateLimit.windowSeconds,
        },
        tiers: { ...app.config.rateLimit.perTier },
      };
    },
  );
};

export default usageRoutes;
