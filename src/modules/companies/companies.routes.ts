import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { setNextLink } from '../../http/replies.js';
import { CompanyJobListQuery, JobList } from '../jobs/jobs.schemas.js';
import { searchJobs } from '../jobs/jobs.service.js';
import { parseJobSearch } from '../jobs/jobs.input.js';
import { CompanyList, CompanyListQuery, CompanySlugParams } from './companies.schemas.js';
import { getCompanyBySlug, listCompanies } from './companies.service.js';
import { parseCompanySearch } from './companies.input.js';

const companiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/companies',
    {
      schema: {
        tags: ['companies'],
        operationId: 'listCompanies',
        summary: 'List companies',
        querystring: CompanyListQuery,
        response: { 200: CompanyList },
      },
    },
    async (request, reply) => {
      const page = await listCompanies(app.deps, parseCompanySearch(request.query));
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );

  app.get(
    '/v1/companies/:slug',
    {
      schema: {
        tags: ['companies'],
        operationId: 'getCompany',
        summary: 'One company',
        params: CompanySlugParams,
        response: { 200: Type.Ref('Company') },
      },
    },
    async (request) => getCompanyBySlug(app.deps.db, request.params.slug),
  );

  app.get(
    '/v1/companies/:slug/jobs',
    {
      schema: {
        tags: ['companies', 'jobs'],
        operationId: 'listCompanyJobs',
        summary: "A company's job postings",
        description: 'The same filters, sorts, paging and facets as `GET /v1/jobs`, within one company.',
        params: CompanySlugParams,
        querystring: CompanyJobListQuery,
        response: { 200: JobList },
      },
    },
    async (request, reply) => {
      const company = await getCompanyBySlug(app.deps.db, request.params.slug);
      const page = await searchJobs(app.deps, parseJobSearch({ ...request.query, company: company.slug }));
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );
};

export default companiesRoutes;
