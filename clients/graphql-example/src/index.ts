import { GraphQLClient } from 'graphql-request';
import { HiringJobsQuery, TopCompaniesQuery } from './documents.js';
import type { HiringJobsQuery as HiringJobs, Role, TopCompaniesQuery as TopCompanies } from './gql/graphql.js';

export { HiringJobsQuery, TopCompaniesQuery };

/** A graphql-request client for `POST /graphql`, with an API key when given. */
export function createGraphQLClient(baseUrl: string, apiKey?: string, fetch?: typeof globalThis.fetch): GraphQLClient {
  return new GraphQLClient(`${baseUrl.replace(/\/$/, '')}/graphql`, {
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    ...(fetch ? { fetch } : {}),
  });
}

export interface Snapshot {
  /** How many open postings of the roles there are, and the best paid of them. */
  jobs: { total: number; top: HiringJobs['jobs']['edges'][number]['node'][] };
  companies: TopCompanies['companies']['edges'][number]['node'][];
}

/** The two typed documents in one go: variables and results are checked against the SDL. */
export async function hiringSnapshot(client: GraphQLClient, roles: Role[], first = 5): Promise<Snapshot> {
  const [jobs, companies] = await Promise.all([
    client.request(HiringJobsQuery, { role: roles, first }),
    client.request(TopCompaniesQuery, { first, jobs: 3 }),
  ]);
  return {
    jobs: { total: jobs.jobs.totalCount, top: jobs.jobs.edges.map((e) => e.node) },
    companies: companies.companies.edges.map((e) => e.node),
  };
}
