import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { StringEnum } from '../../lib/schemas.js';
import { ifNoneMatch, notModified, setNextLink } from '../../http/replies.js';
import { JobIdParams, JobList, JobListQuery } from './jobs.schemas.js';
import { listChanges } from './changes.service.js';
import { htmlSafeJson, toJobPosting } from './jsonld/to-job-posting.js';
import { JOB_POSTING_CONTENT_TYPE } from './jsonld/vocabulary.js';
import { getJob, searchJobs } from './jobs.service.js';
import { parseJobSearch } from './jobs.input.js';

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
    '/v1/jobs/changes',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'listJobChanges',
        summary: 'Change feed of postings, for mirrors',
        description:
          'Events (`created`, `updated` with the changed field names, `closed`, `reopened`) in commit order. Start without ' +
          '`since`, then poll with the returned `next_cursor` (also when `data` is empty): no event is ever skipped or ' +
          'repeated, even while partners write concurrently. An upsert that changes nothing emits no event. A feed is not ' +
          'a list: it has no `total`; `has_more` says whether to poll again at once.',
        querystring: Type.Object(
          {
            since: Type.Optional(Type.String({ maxLength: 500, description: 'The `next_cursor` of the previous call.' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Events per call, 1 to 1,000.' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                id: Type.String(),
                type: StringEnum(['created', 'updated', 'closed', 'reopened']),
                job_id: Type.String(),
                company: Type.String({ description: 'Company slug.' }),
                changed_fields: Type.Array(Type.String()),
                occurred_at: Type.String({ format: 'date-time' }),
              }, { title: 'JobChange', description: 'One change of a posting.' }),
            ),
            next_cursor: Type.String({ description: 'Pass as `since` on the next call.' }),
            has_more: Type.Boolean(),
          }, { title: 'JobChangeFeed', description: 'A page of the change feed: events in commit order, and the cursor to poll with next.' }),
        },
      },
    },
    async (request) => listChanges(app.deps, request.query.since, request.query.limit ?? 100),
  );

  app.get(
    '/v1/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'getJob',
        summary: 'One job posting',
        params: JobIdParams,
        description: 'With `Accept: application/ld+json`, the posting as a schema.org JobPosting (the properties Google for Jobs uses).',
        response: {
          200: {
            description: 'The job.',
            content: {
              'application/json': { schema: Type.Ref('Job') },
              [JOB_POSTING_CONTENT_TYPE]: { schema: Type.Ref('JobPostingLd') },
            },
          },
          304: Type.Null({ description: 'Not modified (If-None-Match matched the ETag).' }),
        },
      },
    },
    async (request, reply) => {
      const { job, etag } = await getJob(app.deps.db, request.params.id);
      // One URL, two representations: JSON, or schema.org JobPosting JSON-LD when asked for.
      const jsonLd = request.headers.accept?.includes(JOB_POSTING_CONTENT_TYPE) ?? false;
      const tag = jsonLd ? etag.replace(/"$/, '-ld"') : etag;
      reply.header('etag', tag).header('vary', 'Accept');
      if (ifNoneMatch(request.headers['if-none-match'], tag)) return notModified(reply);
      if (!jsonLd) return job;
      // Absolute URLs only from the configured public origin (a Host header is the caller's to forge),
      // and no partner's own id on a public read; the text is safe inside an HTML <script> element.
      const posting = toJobPosting(job, app.config.publicBaseUrl ? { baseUrl: app.config.publicBaseUrl } : {});
      return reply.type(JOB_POSTING_CONTENT_TYPE).send(htmlSafeJson(posting));
    },
  );
};

export default jobsRoutes;
