/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query HiringJobs($role: [Role!], $first: Int!, $after: String) {\n    jobs(first: $first, after: $after, sort: salary_desc, filter: { role: $role }) {\n      totalCount\n      totalCountRelation\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          role\n          seniority\n          postedAt\n          salary {\n            annualUsdMin\n            annualUsdMax\n          }\n          company {\n            slug\n            name\n            company {\n              openJobs\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.HiringJobsDocument,
    "\n  query TopCompanies($first: Int!, $jobs: Int!) {\n    companies(first: $first, sort: open_jobs) {\n      edges {\n        node {\n          slug\n          name\n          category\n          openJobs\n          jobs(first: $jobs, sort: newest) {\n            edges {\n              node {\n                title\n                postedAt\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TopCompaniesDocument,
};
const documents: Documents = {
    "\n  query HiringJobs($role: [Role!], $first: Int!, $after: String) {\n    jobs(first: $first, after: $after, sort: salary_desc, filter: { role: $role }) {\n      totalCount\n      totalCountRelation\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          role\n          seniority\n          postedAt\n          salary {\n            annualUsdMin\n            annualUsdMax\n          }\n          company {\n            slug\n            name\n            company {\n              openJobs\n            }\n          }\n        }\n      }\n    }\n  }\n": types.HiringJobsDocument,
    "\n  query TopCompanies($first: Int!, $jobs: Int!) {\n    companies(first: $first, sort: open_jobs) {\n      edges {\n        node {\n          slug\n          name\n          category\n          openJobs\n          jobs(first: $jobs, sort: newest) {\n            edges {\n              node {\n                title\n                postedAt\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TopCompaniesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HiringJobs($role: [Role!], $first: Int!, $after: String) {\n    jobs(first: $first, after: $after, sort: salary_desc, filter: { role: $role }) {\n      totalCount\n      totalCountRelation\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          role\n          seniority\n          postedAt\n          salary {\n            annualUsdMin\n            annualUsdMax\n          }\n          company {\n            slug\n            name\n            company {\n              openJobs\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HiringJobs($role: [Role!], $first: Int!, $after: String) {\n    jobs(first: $first, after: $after, sort: salary_desc, filter: { role: $role }) {\n      totalCount\n      totalCountRelation\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          role\n          seniority\n          postedAt\n          salary {\n            annualUsdMin\n            annualUsdMax\n          }\n          company {\n            slug\n            name\n            company {\n              openJobs\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopCompanies($first: Int!, $jobs: Int!) {\n    companies(first: $first, sort: open_jobs) {\n      edges {\n        node {\n          slug\n          name\n          category\n          openJobs\n          jobs(first: $jobs, sort: newest) {\n            edges {\n              node {\n                title\n                postedAt\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TopCompanies($first: Int!, $jobs: Int!) {\n    companies(first: $first, sort: open_jobs) {\n      edges {\n        node {\n          slug\n          name\n          category\n          openJobs\n          jobs(first: $jobs, sort: newest) {\n            edges {\n              node {\n                title\n                postedAt\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;