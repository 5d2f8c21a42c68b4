import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SCOPES, TIERS } from '../../../schema/taxonomy.js';
import { Nullable } from '../../lib/schemas.js';
import { describeCaller, remainingBudget } from './usage.service.js';

const Usage = Type.Object({
  tier: Type.Enum(TIERS),
  caller: Type.Object({
    type: Type.Enum(['anonymous', 'api_key', 'jwt']),
    key: Nullable(Type.Object({ id: Type.String(), prefix: Type.String(), name: Type.String(), company: Nullable(Type.String()) })),
    subject: Nullable(Type.String({ description: 'The JWT subject.' })),
    scopes: Type.Array(Type.Enum(SCOPES)),
  }),
  rate_limit: Type.Object({
    limit: Type.Integer({ description: 'Requests allowed per window (this request included).' }),
    remaining: Type.Integer(),
    reset_seconds: Type.Integer({ description: 'Seconds until the window resets.' }),
    window_seconds: Type.Integer(),
  }),
  tiers: Type.Record(Type.String(), Type.Integer(), { description: 'Requests per window of every tier.' }),
});

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
          '`Retry-After`. This call counts as a request too.',
        response: { 200: Usage },
      },
    },
    async (request, reply) => {
      const budget = remainingBudget(reply);
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
