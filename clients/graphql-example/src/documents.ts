import { graphql } from './gql/index.js';

/** The best-paid open roles of some role families, with their company's open jobs. */
export const HiringJobsQuery = graphql(`
  query HiringJobs($role: [Role!], $first: Int!, $after: String) {
    jobs(first: $first, after: $after, sort: salary_desc, filter: { role: $role }) {
      totalCount
      totalCountRelation
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          role
          seniority
          postedAt
          salary {
            annualUsdMin
            annualUsdMax
          }
          company {
            slug
            name
            company {
              openJobs
            }
          }
        }
      }
    }
  }
`);

/** The companies with the most open jobs and their newest postings. */
export const TopCompaniesQuery = graphql(`
  query TopCompanies($first: Int!, $jobs: Int!) {
    companies(first: $first, sort: open_jobs) {
      edges {
        node {
          slug
          name
          category
          openJobs
          jobs(first: $jobs, sort: newest) {
            edges {
              node {
                title
                postedAt
              }
            }
          }
        }
      }
    }
  }
`);
