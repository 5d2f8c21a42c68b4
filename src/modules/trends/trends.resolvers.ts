import type { FieldRules } from '../../graphql/access.js';
import type { QueryResolvers, Resolvers } from '../../graphql/generated.js';
import { argumentName, camelize, filterQuery, renamed, restQuery } from '../../graphql/rest.js';
import { EmergingQuery, PostingTrendQuery } from './trends.schemas.js';
import { emergingTrends, readPostingTrend } from './trends.service.js';
import { parseEmergingQuery, parsePostingTrendQuery } from './trends.input.js';

// `window=90d` in REST is `windowDays: 90` here.
const rename = (n: string) => (n === 'window' ? 'windowDays' : argumentName(n));

const Query: QueryResolvers = {
  postingTrends: async (_root, args, ctx) => {
    const query = restQuery<PostingTrendQuery>(PostingTrendQuery, {
      ...filterQuery(args.filter),
      metric: args.metric,
      interval: args.interval,
      from: args.from,
      to: args.to,
      group_by: args.groupBy,
      top: args.top,
    });
    return camelize(await readPostingTrend(ctx.app.deps.db, renamed(() => parsePostingTrendQuery(query))));
  },
  emerging: async (_root, args, ctx) => {
    const query = restQuery<EmergingQuery>(
      EmergingQuery,
      {
        ...filterQuery(args.filter),
        dimension: args.dimension,
        window: args.windowDays === undefined || args.windowDays === null ? undefined : `${args.windowDays}d`,
        as_of: args.asOf,
        min_support: args.minSupport,
        limit: args.limit,
      },
      rename,
    );
    return camelize(await emergingTrends(ctx.app.deps.db, renamed(() => parseEmergingQuery(query), rename)));
  },
};

export const trendsResolvers: Resolvers = { Query };

const ANALYTICS = { scope: 'analytics:read', anonymous: true } as const;
export const trendsRules: FieldRules = { 'Query.postingTrends': ANALYTICS, 'Query.emerging': ANALYTICS };
