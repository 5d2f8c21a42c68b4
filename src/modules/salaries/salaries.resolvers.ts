import type { FieldRules } from '../../graphql/access.js';
import type { QueryResolvers, Resolvers } from '../../graphql/generated.js';
import { camelize, filterQuery, renamed, restQuery } from '../../graphql/rest.js';
import { SalaryHistogramQuery, SalaryPremiumsQuery, SalaryStatsQuery } from './salaries.schemas.js';
import { readSalaryStats } from './salary-distribution.service.js';
import { salaryHistogram } from './salary-histogram.service.js';
import { salaryPremiums } from './salary-premiums.service.js';
import { parseSalaryHistogram, parseSalaryPremiums, parseSalaryStats } from './salaries.input.js';

const Query: QueryResolvers = {
  salaries: async (_root, args, ctx) => {
    const query = restQuery<SalaryStatsQuery>(SalaryStatsQuery, { ...filterQuery(args.filter), group_by: args.groupBy?.length ? args.groupBy.join(',') : undefined, min_count: args.minCount });
    return camelize(await readSalaryStats(ctx.app.deps.db, renamed(() => parseSalaryStats(query))));
  },
  salaryPremiums: async (_root, args, ctx) => {
    const query = restQuery<SalaryPremiumsQuery>(SalaryPremiumsQuery, { ...filterQuery(args.filter), statistic: args.statistic, min_count: args.minCount });
    return camelize(await salaryPremiums(ctx.app.deps.db, renamed(() => parseSalaryPremiums(query))));
  },
  salaryHistogram: async (_root, args, ctx) => {
    const query = restQuery<SalaryHistogramQuery>(SalaryHistogramQuery, { ...filterQuery(args.filter), bucket_width: args.bucketWidth, buckets: args.buckets });
    return camelize(await salaryHistogram(ctx.app.deps.db, renamed(() => parseSalaryHistogram(query))));
  },
};

export const salariesResolvers: Resolvers = { Query };

const ANALYTICS = { scope: 'analytics:read', anonymous: true } as const;
export const salariesRules: FieldRules = { 'Query.salaries': ANALYTICS, 'Query.salaryPremiums': ANALYTICS, 'Query.salaryHistogram': ANALYTICS };
