import { HttpProblem, NotFoundProblem, ValidationProblem } from '../../lib/errors.js';
import { fromProblem } from '../../graphql/errors.js';
import type { GraphQLContext, GraphQLLoaders, LoaderQuery } from '../../graphql/context.js';
import type { CompanyRefModel } from '../../graphql/models.js';
import type { JobStreamFilter, QueryResolvers, Resolvers, SubscriptionResolvers } from '../../graphql/generated.js';
import { camelize, entries, filterQuery, renamed, restQuery } from '../../graphql/rest.js';
import type { FieldRules } from '../../graphql/access.js';
import { getCompaniesByIds } from '../companies/companies.service.js';
import type { JobStreamEvent, JobStreamSource } from './job-stream.js';
import { jobMatches } from './jobs.filter.js';
import { JobIdParams, JobListQuery, type Job } from './jobs.schemas.js';
import { getJob, searchJobs, type BoundedCount, type CompanyJobPage, type JobPage } from './jobs.service.js';
import { parseJobSearch } from './jobs.input.js';
import type { JobFilters } from './jobs.query.js';

/** A REST job as GraphQL shows it (camelCase; `company` keeps its id for the nested Company). */
export function toGqlJob(job: Job) {
  return camelize(job);
}

/** What a connection counts, computed only when `totalCount` or `totalCountRelation` is asked for. */
interface LazyCount {
  count(): Promise<BoundedCount>;
}

/**
 * A REST page as a Relay connection: the cursors are the REST cursors. A page without its total
 * (a company's jobs) counts when asked, through `count`.
 */
export function jobConnection(page: JobPage | CompanyJobPage, count?: () => Promise<BoundedCount>) {
  const cursors = page.edge_cursors ?? [];
  const counted = 'total' in page ? Promise.resolve({ total: page.total, relation: page.total_relation }) : undefined;
  const connection = {
    edges: page.data.map((job, i) => ({ cursor: cursors[i]!, node: toGqlJob(job) })),
    pageInfo: { hasNextPage: page.next_cursor !== null, endCursor: cursors.at(-1) ?? null },
    facets: 'facets' in page && page.facets ? entries(page.facets).map(([field, values]) => ({ field, values })) : null,
    facetsRelation: 'facets_relation' in page ? page.facets_relation : null,
    count: (): Promise<BoundedCount> => counted ?? count!(),
  };
  return connection;
}

const lazyCount = (connection: unknown) => (connection as LazyCount).count();

/** Memoises `fetch`: the first caller starts it, every later one shares its answer. */
export function once<T>(fetch: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fetch());
}

/** Events pushed by `subscribe`, pulled as an async iterator; `return()` (the client leaving) unsubscribes. */
export function eventIterator<T>(subscribe: (listener: (e: T) => void) => () => void, accept: (e: T) => boolean, maxQueued = 1000): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | null = null;
  let done = false;
  const unsubscribe = subscribe((e) => {
    if (done || !accept(e)) return;
    if (waiting) {
      const w = waiting;
      waiting = null;
      w({ value: e, done: false });
      return;
    }
    // A client that does not keep up loses the oldest events rather than our memory.
    if (queue.length >= maxQueued) queue.shift();
    queue.push(e);
  });
  const finish = (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      unsubscribe();
      waiting?.({ value: undefined, done: true });
      waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: (err: unknown) => {
      void finish();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The stream filter as the REST job filters (validated and parsed by the `/v1/jobs` rules), every status. */
export function streamFilters(filter: JobStreamFilter | null | undefined) {
  const query = restQuery<JobListQuery>(JobListQuery, { ...filterQuery(filter), status: 'all' });
  return renamed(() => parseJobSearch(query)).filters;
}

function streamField(type: JobStreamEvent['type']) {
  return {
    subscribe: (_root: unknown, args: { filter?: JobStreamFilter | null }, ctx: GraphQLContext) => {
      let filters: JobFilters;
      try {
        filters = streamFilters(args.filter);
      } catch (err) {
        // Errors raised while subscribing reach the client unformatted: give them their code here.
        throw err instanceof HttpProblem ? fromProblem(err) : err;
      }
      const app = ctx.app as unknown as { jobStream?: JobStreamSource; hasDecorator(name: string): boolean };
      if (!app.hasDecorator('jobStream') || !app.jobStream) {
        throw fromProblem(new ValidationProblem([{ name: type === 'posted' ? 'jobPosted' : 'jobClosed', reason: 'live postings are not available on this server' }]));
      }
      return eventIterator(app.jobStream.subscribe.bind(app.jobStream), (e) => e.type === type && jobMatches(filters, e.job));
    },
    resolve: (event: JobStreamEvent) => toGqlJob(event.job),
  };
}

const Query: QueryResolvers = {
  jobs: async (_root, args, ctx) => {
    const query = restQuery<JobListQuery>(JobListQuery, {
      ...filterQuery(args.filter),
      sort: args.sort,
      limit: args.first,
      cursor: args.after,
      facets: args.facets?.join(','),
    });
    const search = renamed(() => parseJobSearch(query));
    return jobConnection(await renamed(() => searchJobs(ctx.app.deps, { ...search, edgeCursors: true })));
  },
  // The SDL's contract: null when there is no such job (REST's 404), no error; an id REST refuses (400) is an error.
  job: async (_root, args, ctx) => {
    const { id } = restQuery<{ id: string }>(JobIdParams, { id: args.id });
    try {
      return toGqlJob((await getJob(ctx.app.deps.db, id)).job);
    } catch (err) {
      if (err instanceof NotFoundProblem) return null;
      throw err;
    }
  },
};

export const jobsResolvers: Resolvers = {
  Query,
  JobConnection: {
    totalCount: async (connection) => (await lazyCount(connection)).total,
    totalCountRelation: async (connection) => (await lazyCount(connection)).relation,
  },
  Subscription: { jobPosted: streamField('posted'), jobClosed: streamField('closed') } satisfies SubscriptionResolvers,
};

/** Nested fields resolved in one statement per request (mercurius loaders). */
export const jobsLoaders = {
  CompanyRef: {
    company: async (queries: LoaderQuery<CompanyRefModel>[], ctx: GraphQLContext) => {
      const companies = await getCompaniesByIds(ctx.app.deps.db, queries.map((q) => q.obj.id));
      return queries.map((q) => {
        const company = companies.get(q.obj.id);
        return company ? camelize(company) : new Error(`company ${q.obj.id} vanished`);
      });
    },
  },
} satisfies GraphQLLoaders;

/** Reads are public as in REST (`jobs:read`, anonymous allowed). */
export const jobsRules: FieldRules = {
  'Query.jobs': { scope: 'jobs:read', anonymous: true },
  'Query.job': { scope: 'jobs:read', anonymous: true },
  'Subscription.jobPosted': { scope: 'jobs:read', anonymous: true },
  'Subscription.jobClosed': { scope: 'jobs:read', anonymous: true },
};
