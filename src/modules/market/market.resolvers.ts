import type { FieldRules } from '../../graphql/access.js';
import type { QueryResolvers, Resolvers } from '../../graphql/generated.js';
import { camelize, renamed, restQuery } from '../../graphql/rest.js';
import { MarketQuery, RadarQuery } from './market.schemas.js';
import { marketSummary, parsePeriod, parseWeek, radar } from './market.service.js';

const Query: QueryResolvers = {
  market: async (_root, args, ctx) => {
    const query = restQuery<MarketQuery>(MarketQuery, { period: args.period });
    return camelize(await marketSummary(ctx.app.deps.db, renamed(() => parsePeriod(query.period))));
  },
  radar: async (_root, args, ctx) => {
    const query = restQuery<RadarQuery>(RadarQuery, { week: args.week });
    return camelize(await radar(ctx.app.deps.db, renamed(() => parseWeek(query.week))));
  },
};

export const marketResolvers: Resolvers = { Query };

const ANALYTICS = { scope: 'analytics:read', anonymous: true } as const;
export const marketRules: FieldRules = { 'Query.market': ANALYTICS, 'Query.radar': ANALYTICS };
