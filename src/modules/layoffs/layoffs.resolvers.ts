import type { FieldRules } from '../../graphql/access.js';
import type { QueryResolvers, Resolvers } from '../../graphql/generated.js';
import { argumentName, camelize, filterQuery, listConnection, renamed, restQuery } from '../../graphql/rest.js';
import { LayoffListQuery, LayoffTrendQuery, type Layoff } from './layoffs.schemas.js';
import { listLayoffs } from './layoffs.service.js';
import { parseLayoffSearch } from './layoffs.input.js';
import { layoffTrend } from './layoff-trends.service.js';
import { parseTrendQuery } from './layoff-trends.input.js';

const LAYOFF_FILTER_KEYS: ReadonlySet<string> = new Set(['company', 'company_category', 'ai_attributed', 'min_headcount', 'announced_after', 'announced_before']);
const rename = (n: string) => argumentName(n, LAYOFF_FILTER_KEYS);

/** A REST page of layoffs as a connection (`nodes`; `endCursor` continues after the page). */
export function layoffConnection(page: { data: Layoff[]; next_cursor: string | null; total: number }) {
  return listConnection(page, (l) => camelize(l));
}

const Query: QueryResolvers = {
  layoffs: async (_root, args, ctx) => {
    const query = restQuery<LayoffListQuery>(LayoffListQuery, { ...filterQuery(args.filter), sort: args.sort, limit: args.first, cursor: args.after }, rename);
    const search = renamed(() => parseLayoffSearch(query), rename);
    return layoffConnection(await renamed(() => listLayoffs(ctx.app.deps, search), rename));
  },
  layoffTrends: async (_root, args, ctx) => {
    const query = restQuery<LayoffTrendQuery>(
      LayoffTrendQuery,
      { ...filterQuery(args.filter), interval: args.interval, from: args.from, to: args.to, group_by: args.groupBy },
      rename,
    );
    return camelize(await layoffTrend(ctx.app.deps.db, renamed(() => parseTrendQuery(query), rename)));
  },
};

export const layoffsResolvers: Resolvers = { Query };

const ANALYTICS = { scope: 'analytics:read', anonymous: true } as const;
export const layoffsRules: FieldRules = { 'Query.layoffs': ANALYTICS, 'Query.layoffTrends': ANALYTICS };
