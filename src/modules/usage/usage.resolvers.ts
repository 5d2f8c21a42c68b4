import type { FieldRules } from '../../graphql/access.js';
import type { Resolvers } from '../../graphql/generated.js';
import { describeCaller, remainingBudget } from './usage.service.js';

export const usageResolvers: Resolvers = {
  Query: {
    usage: (_root, _args, ctx) => {
      const config = ctx.app.config.rateLimit;
      return {
        tier: ctx.principal.tier,
        caller: describeCaller(ctx.principal),
        // The budget as the charge of this request left it (the RateLimit headers of the answer).
        rateLimit: { ...remainingBudget(ctx.reply), windowSeconds: config.windowSeconds },
        tiers: Object.entries(config.perTier).map(([tier, limit]) => ({ tier, limit })),
      } as never;
    },
  },
};

export const usageRules: FieldRules = { 'Query.usage': { anonymous: true } };
