import type { FieldRules } from '../../graphql/access.js';
import type { Resolvers } from '../../graphql/generated.js';

export const usageResolvers: Resolvers = {
  Query: {
    usage: (_root, _args, ctx) => {
      const p = ctx.principal;
      // The budget as the charge of this request left it (the RateLimit headers of the answer).
      const header = (name: string) => Number(ctx.reply.getHeader(name) ?? 0);
      const config = ctx.app.config.rateLimit;
      return {
        tier: p.tier,
        caller: {
          type: p.type,
          key: p.type === 'api_key' ? { id: p.key.id, prefix: p.key.prefix, name: p.key.name, company: p.key.companySlug } : null,
          subject: p.type === 'jwt' ? p.subject : null,
          scopes: [...p.scopes],
        },
        rateLimit: {
          limit: header('ratelimit-limit'),
          remaining: header('ratelimit-remaining'),
          resetSeconds: header('ratelimit-reset'),
          windowSeconds: config.windowSeconds,
        },
        tiers: Object.entries(config.perTier).map(([tier, limit]) => ({ tier, limit })),
      } as never;
    },
  },
};

export const usageRules: FieldRules = { 'Query.usage': { anonymous: true } };
