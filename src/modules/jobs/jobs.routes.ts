import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { setNextLink } from '../../lib/http.js';
import { JobIdParams, JobList, JobListQuery } from './jobs.schemas.js';
import { getJob, parseJobSearch, searchJobs } from './jobs.service.js';

const jobsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/jobs',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'listJobs',
        summary: 'Search and filter job postings',
        description:
          'Full-text search and filters over postings (open ones unless `status` says otherwise). Every list ' +
          'parameter takes comma-separated values (any of them matches); `skills` needs all. ' +
          '`facets` adds counts over the whole match.',
        querystring: JobListQuery,
        response: { 200: JobList },
      },
    },
    async (request, reply) => {
      const page = await searchJobs(app.deps, parseJobSearch(request.query));
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );

  app.get(
    '/v1/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'getJob',
        summary: 'One job posting',
        params: JobIdParams,
        response: { 200: Type.Ref('Job') },
      },
    },
    async (request) => getJob(app.deps.db, request.params.id),
  );
};

export default jobsRoutes;
