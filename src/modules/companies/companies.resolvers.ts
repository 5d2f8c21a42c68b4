import type { GraphQLContext } from '../../graphql/context.js';
import type { FieldRules } from '../../graphql/access.js';
import type { CompanyJobsArgs, CompanyLayoffsArgs, CompanySalaryStatsArgs, CompanyStatsArgs, QueryResolvers, Resolvers } from '../../graphql/generated.js';
import { argumentName, camelize, filterQuery, renamed, restQuery } from '../../graphql/rest.js';
import { jobConnection } from '../jobs/jobs.resolvers.js';
import { CompanyJobListQuery } from '../jobs/jobs.schemas.js';
import { parseJobSearch, searchJobsByCompany } from '../jobs/jobs.service.js';
import { layoffConnection } from '../layoffs/layoffs.resolvers.js';
import { LayoffListQuery } from '../layoffs/layoffs.schemas.js';
import { listLayoffs, parseLayoffSearch } from '../layoffs/layoffs.service.js';
import { CompanyStatsQuery, DEFAULT_WEEKS } from '../market/market.schemas.js';
import { companyStats } from '../market/market.service.js';
import { SalaryStatsQuery } from '../salaries/salaries.schemas.js';
import { parseSalaryStats, salaryStats } from '../salaries/salaries.service.js';
import { CompanyListQuery } from './companies.schemas.js';
import { getCompanyBySlug, listCompanies, parseCompanySearch } from './companies.service.js';

const COMPANY_FILTER_KEYS: ReadonlySet<string> = new Set(['q', 'category', 'hiring']);
const LAYOFF_FILTER_KEYS: ReadonlySet<string> = new Set(['company', 'company_category', 'ai_attributed', 'min_headcount', 'announced_after', 'announced_before']);

type CompanyParent = { id: string; slug: string };

const Query: QueryResolvers = {
  companies: async (_root, args, ctx) => {
    const rename = (n: string) => argumentName(n, COMPANY_FILTER_KEYS);
    const query = restQuery<CompanyListQuery>(CompanyListQuery, { ...filterQuery(args.filter), sort: args.sort, limit: args.first, cursor: args.after }, rename);
    const page = await renamed(() => listCompanies(ctx.app.deps, { ...parseCompanySearch(query), edgeCursors: true }), rename);
    const cursors = page.edge_cursors ?? [];
    return {
      edges: page.data.map((company, i) => ({ cursor: cursors[i]!, node: camelize(company) })),
      pageInfo: { hasNextPage: page.next_cursor !== null, endCursor: cursors.at(-1) ?? null },
      totalCount: page.total,
    } as never;
  },
  company: async (_root, args, ctx) => camelize(await getCompanyBySlug(ctx.app.deps.db, args.slug)) as never,
};

/** `GET /v1/companies/{slug}/jobs` for every company of the request at once, per distinct arguments. */
async function companyJobs(queries: { obj: CompanyParent; params: CompanyJobsArgs }[], ctx: GraphQLContext) {
  const groups = new Map<string, number[]>();
  queries.forEach((q, i) => {
    const key = JSON.stringify([q.params.filter ?? null, q.params.sort ?? null, q.params.first, q.params.after ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const results: unknown[] = new Array(queries.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const { params } = queries[indexes[0]!]!;
      try {
        const query = restQuery<CompanyJobListQuery>(CompanyJobListQuery, { ...filterQuery(params.filter), sort: params.sort, limit: params.first, cursor: params.after });
        const search = renamed(() => parseJobSearch(query));
        const companies = indexes.map((i) => ({ id: queries[i]!.obj.id, slug: queries[i]!.obj.slug }));
        // A cursor belongs to one company's list: with `after`, each company is searched on its own.
        const batches = params.after ? companies.map((c) => [{ ...c, cursor: params.after }]) : [companies];
        const pages = await Promise.all(batches.map((b) => renamed(() => searchJobsByCompany(ctx.app.deps, b, { ...search, edgeCursors: true }))));
        const byId = new Map(pages.flatMap((m) => [...m]));
        for (const i of indexes) results[i] = jobConnection(byId.get(queries[i]!.obj.id)!);
      } catch (err) {
        for (const i of indexes) results[i] = err;
      }
    }),
  );
  return results;
}

export const companiesResolvers: Resolvers = {
  Query,
  Company: {
    // Analytics of one company: their services answer for one company at a time (their cost says so).
    stats: async (parent, args: CompanyStatsArgs, ctx) => {
      const query = restQuery<CompanyStatsQuery>(CompanyStatsQuery, { weeks: args.weeks });
      return camelize(await companyStats(ctx.app.deps, (parent as CompanyParent).slug, query.weeks ?? DEFAULT_WEEKS)) as never;
    },
    salaryStats: async (parent, args: CompanySalaryStatsArgs, ctx) => {
      const query = restQuery<SalaryStatsQuery>(SalaryStatsQuery, {
        ...filterQuery(args.filter),
        company: (parent as CompanyParent).slug,
        group_by: args.groupBy?.length ? args.groupBy.join(',') : undefined,
        min_count: args.minCount,
      });
      return camelize(await salaryStats(ctx.app.deps.db, renamed(() => parseSalaryStats(query)))) as never;
    },
    layoffs: async (parent, args: CompanyLayoffsArgs, ctx) => {
      const rename = (n: string) => argumentName(n, LAYOFF_FILTER_KEYS);
      const query = restQuery<LayoffListQuery>(
        LayoffListQuery,
        { ...filterQuery(args.filter), company: (parent as CompanyParent).slug, sort: args.sort, limit: args.first, cursor: args.after },
        rename,
      );
      const search = renamed(() => parseLayoffSearch(query), rename);
      return layoffConnection(await renamed(() => listLayoffs(ctx.app.deps, search), rename)) as never;
    },
  },
};

export const companiesLoaders = {
  Company: { jobs: companyJobs },
};

const ANALYTICS = { scope: 'analytics:read', anonymous: true } as const;

export const companiesRules: FieldRules = {
  'Query.companies': { scope: 'jobs:read', anonymous: true },
  'Query.company': { scope: 'jobs:read', anonymous: true },
  'Company.stats': ANALYTICS,
  'Company.salaryStats': ANALYTICS,
  'Company.layoffs': ANALYTICS,
};

/** Cost per resolution: connections, and the per-company analytics (a few statements each). */
export const companiesCosts: Record<string, number> = {
  'Query.companies': 1,
  'Company.jobs': 1,
  'Company.stats': 5,
  'Company.salaryStats': 2,
  'Company.layoffs': 2,
};
