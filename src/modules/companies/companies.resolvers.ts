import type { GraphQLContext, GraphQLLoaders, LoaderQuery as BatchQuery } from '../../graphql/context.js';
import { NotFoundProblem } from '../../lib/errors.js';
import type { FieldRules } from '../../graphql/access.js';
import type { CompanyJobsArgs, CompanyLayoffsArgs, CompanySalaryStatsArgs, CompanyStatsArgs, QueryResolvers, Resolvers } from '../../graphql/generated.js';
import { selects } from '../../graphql/selection.js';
import { argumentName, camelize, filterQuery, renamed, restQuery } from '../../graphql/rest.js';
import { jobConnection, once } from '../jobs/jobs.resolvers.js';
import { CompanyJobListQuery } from '../jobs/jobs.schemas.js';
import { countJobsByCompany, searchJobsByCompany } from '../jobs/jobs.service.js';
import { parseJobSearch } from '../jobs/jobs.input.js';
import { layoffConnection } from '../layoffs/layoffs.resolvers.js';
import { LayoffListQuery } from '../layoffs/layoffs.schemas.js';
import { listLayoffsByCompany } from '../layoffs/layoffs.service.js';
import { parseLayoffSearch } from '../layoffs/layoffs.input.js';
import { CompanyStatsQuery, DEFAULT_WEEKS } from '../market/market.schemas.js';
import { companyStatsMany } from '../market/market.service.js';
import { SalaryStatsQuery } from '../salaries/salaries.schemas.js';
import { salaryStatsByCompany } from '../salaries/salary-distribution-by-company.service.js';
import { parseSalaryStats } from '../salaries/salaries.input.js';
import { CompanyListQuery, CompanySlugParams } from './companies.schemas.js';
import { getCompanyBySlug, listCompanies } from './companies.service.js';
import { parseCompanySearch } from './companies.input.js';

const COMPANY_FILTER_KEYS: ReadonlySet<string> = new Set(['q', 'category', 'hiring']);
const LAYOFF_FILTER_KEYS: ReadonlySet<string> = new Set(['company', 'company_category', 'ai_attributed', 'min_headcount', 'announced_after', 'announced_before']);

type CompanyParent = { id: string; slug: string; name: string; category: string };

/** A service's problem as `renamed` would have thrown it (GraphQL argument names), to answer one query with. */
function renamedError(err: Error): unknown {
  try {
    return renamed(() => {
      throw err;
    });
  } catch (converted) {
    return converted;
  }
}

const Query: QueryResolvers = {
  companies: async (_root, args, ctx, info) => {
    const rename = (n: string) => argumentName(n, COMPANY_FILTER_KEYS);
    const query = restQuery<CompanyListQuery>(CompanyListQuery, { ...filterQuery(args.filter), sort: args.sort, limit: args.first, cursor: args.after }, rename);
    const page = await renamed(() => listCompanies(ctx.app.deps, { ...parseCompanySearch(query), edgeCursors: true, openJobs: selects(info, 'openJobs') }), rename);
    const cursors = page.edge_cursors ?? [];
    return {
      edges: page.data.map((company, i) => ({ cursor: cursors[i]!, node: camelize(company) })),
      pageInfo: { hasNextPage: page.next_cursor !== null, endCursor: cursors.at(-1) ?? null },
      totalCount: page.total,
      totalCountRelation: 'eq',
    };
  },
  // The SDL's contract: null when there is none (REST's 404), no error; a slug REST refuses (400) is an error.
  company: async (_root, args, ctx) => {
    const { slug } = restQuery<{ slug: string }>(CompanySlugParams, { slug: args.slug });
    try {
      return camelize(await getCompanyBySlug(ctx.app.deps.db, slug));
    } catch (err) {
      if (err instanceof NotFoundProblem) return null;
      throw err;
    }
  },
};

type LoaderQuery<Args> = BatchQuery<CompanyParent, Args>;

/**
 * A loader's answers: the queries grouped by identical arguments (`key`), each group answered by one
 * call of `answer` for all its companies (an answer may be an Error, that company's alone); an error
 * thrown for a group is the answer of each of its queries.
 */
async function byArguments<Args>(
  queries: LoaderQuery<Args>[],
  key: (params: Args) => unknown[],
  answer: (params: Args, companies: CompanyParent[]) => Promise<unknown[]>,
): Promise<unknown[]> {
  const groups = new Map<string, number[]>();
  queries.forEach((q, i) => {
    const k = JSON.stringify(key(q.params));
    groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  const results: unknown[] = new Array(queries.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      try {
        const answers = await answer(queries[indexes[0]!]!.params, indexes.map((i) => queries[i]!.obj));
        indexes.forEach((i, n) => (results[i] = answers[n]));
      } catch (err) {
        for (const i of indexes) results[i] = err;
      }
    }),
  );
  return results;
}

/** A page, or the error that stands for it. */
type PageOrError<P> = { page: P } | { error: unknown };

const orError = <P>(answer: PageOrError<P>, connection: (page: P) => unknown) => ('error' in answer ? answer.error : connection(answer.page));

/**
 * Each company's page from a batched service call. A cursor belongs to one company's list: with
 * `after`, each company is paged on its own, and a cursor that is not its own fails for it alone.
 */
async function pagesByCompany<P>(
  parents: CompanyParent[],
  after: string | null | undefined,
  fetch: (batch: { id: string; slug: string; cursor?: string }[]) => Promise<Map<string, P>>,
): Promise<Map<string, PageOrError<P>>> {
  const companies = parents.map((c) => ({ id: c.id, slug: c.slug }));
  if (!after) return new Map([...(await fetch(companies))].map(([id, page]) => [id, { page }]));
  const answers = await Promise.all(
    companies.map(async (c): Promise<[string, PageOrError<P>]> => {
      try {
        return [c.id, { page: (await fetch([{ ...c, cursor: after }])).get(c.id)! }];
      } catch (error) {
        return [c.id, { error }];
      }
    }),
  );
  return new Map(answers);
}

/** `GET /v1/companies/{slug}/jobs` for every company of the request at once, per distinct arguments. */
async function companyJobs(queries: LoaderQuery<CompanyJobsArgs>[], ctx: GraphQLContext) {
  return byArguments(
    queries,
    (p) => [p.filter ?? null, p.sort ?? null, p.first, p.after ?? null],
    async (params, parents) => {
      const query = restQuery<CompanyJobListQuery>(CompanyJobListQuery, { ...filterQuery(params.filter), sort: params.sort, limit: params.first, cursor: params.after });
      const search = renamed(() => parseJobSearch(query));
      const pages = await pagesByCompany(parents, params.after, (batch) => renamed(() => searchJobsByCompany(ctx.app.deps, batch, { ...search, edgeCursors: true })));
      // Counted only if a selection asks for totalCount, then for every company of the group at once.
      const counts = once(() => countJobsByCompany(ctx.app.deps, parents.map((c) => c.id), search.filters));
      return parents.map((c) => orError(pages.get(c.id)!, (page) => jobConnection(page, async () => (await counts()).get(c.id)!)));
    },
  );
}

/** `GET /v1/companies/{slug}/stats` for every company of the request at once, per distinct `weeks`. */
async function companyStatsLoader(queries: LoaderQuery<CompanyStatsArgs>[], ctx: GraphQLContext) {
  return byArguments(
    queries,
    (p) => [p.weeks ?? null],
    async (params, parents) => {
      const query = restQuery<CompanyStatsQuery>(CompanyStatsQuery, { weeks: params.weeks });
      const stats = await companyStatsMany(ctx.app.deps, parents, query.weeks ?? DEFAULT_WEEKS);
      return parents.map((c) => camelize(stats.get(c.id)!));
    },
  );
}

/** `GET /v1/salaries?company={slug}` for every company of the request at once, per distinct arguments. */
async function companySalaryStats(queries: LoaderQuery<CompanySalaryStatsArgs>[], ctx: GraphQLContext) {
  return byArguments(
    queries,
    (p) => [p.filter ?? null, p.groupBy ?? null, p.minCount ?? null],
    async (params, parents) => {
      // The REST request of the first company stands for all: only `company` differs between them.
      const query = restQuery<SalaryStatsQuery>(SalaryStatsQuery, {
        ...filterQuery(params.filter),
        company: parents[0]!.slug,
        group_by: params.groupBy?.length ? params.groupBy.join(',') : undefined,
        min_count: params.minCount,
      });
      const answers = await salaryStatsByCompany(ctx.app.deps.db, parents, renamed(() => parseSalaryStats(query)));
      return parents.map((c) => {
        const answer = answers.get(c.id)!;
        return answer instanceof Error ? renamedError(answer) : camelize(answer);
      });
    },
  );
}

/** `GET /v1/layoffs?company={slug}` for every company of the request at once, per distinct arguments. */
async function companyLayoffs(queries: LoaderQuery<CompanyLayoffsArgs>[], ctx: GraphQLContext) {
  const rename = (n: string) => argumentName(n, LAYOFF_FILTER_KEYS);
  return byArguments(
    queries,
    (p) => [p.filter ?? null, p.sort ?? null, p.first, p.after ?? null],
    async (params, parents) => {
      const query = restQuery<LayoffListQuery>(
        LayoffListQuery,
        { ...filterQuery(params.filter), company: parents[0]!.slug, sort: params.sort, limit: params.first, cursor: params.after },
        rename,
      );
      const { cursor: _cursor, ...search } = renamed(() => parseLayoffSearch(query), rename);
      const pages = await pagesByCompany(parents, params.after, (batch) => renamed(() => listLayoffsByCompany(ctx.app.deps, batch, search), rename));
      return parents.map((c) => orError(pages.get(c.id)!, layoffConnection));
    },
  );
}

export const companiesResolvers: Resolvers = { Query };

/** Nested fields of companies, batched: statements per request do not grow with the number of companies. */
export const companiesLoaders = {
  Company: { jobs: companyJobs, stats: companyStatsLoader, salaryStats: companySalaryStats, layoffs: companyLayoffs },
} satisfies GraphQLLoaders;

const ANALYTICS = { scope: 'analytics:read', anonymous: true } as const;

export const companiesRules: FieldRules = {
  'Query.companies': { scope: 'jobs:read', anonymous: true },
  'Query.company': { scope: 'jobs:read', anonymous: true },
  'Company.stats': ANALYTICS,
  'Company.salaryStats': ANALYTICS,
  'Company.layoffs': ANALYTICS,
};

/**
 * Cost per resolution: connections, and the per-company analytics. These are batched (statements do
 * not grow with the companies), but each company adds its share of rows to aggregate.
 */
export const companiesCosts: Record<string, number> = {
  'Query.companies': 1,
  'Company.jobs': 1,
  'Company.stats': 5,
  'Company.salaryStats': 2,
  'Company.layoffs': 2,
};
