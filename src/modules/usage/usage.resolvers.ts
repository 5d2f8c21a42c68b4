import type { FieldRules } from '../../graphql/access.js';
import type { Resolvers } from '../../graphql/generated.js';
import { entries } from '../../graphql/rest.js';
import { describeCaller, remainingBudget } from './usage.service.js';

export const usageResolvers: Resolvers = {
  Query: {
    usage: (_root, _args, ctx) => {
      const config = ctx.app.config.rateLimit;
      const { reply } = ctx;
      const headers = { limit: reply.getHeader('ratelimit-limit'), remaining: reply.getHeader('ratelimit-remaining'), reset: reply.getHeader('ratelimit-reset') };
      return {
        tier: ctx.principal.tier,
        caller: describeCaller(ctx.principal),
        // The budget as the charge of this request left it (the RateLimit headers of the answer).
        rateLimit: { ...remainingBudget(headers), windowSeconds: config.windowSeconds },
        tiers: entries(config.perTier).map(([tier, limit]) => ({ tier, limit })),
      };
    },
  },
};

export const usageRules: FieldRules = { 'Query.usage': { anonymous: true } };
