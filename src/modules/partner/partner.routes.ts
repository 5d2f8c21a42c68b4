import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CLOSE_REASON_KEYS } from '../../reference/taxonomy.js';
import { ApiError, ValidationProblem } from '../../lib/errors.js';
import { jobInputFromJobPosting, jobPostingPointer } from '../jobs/jsonld/from-job-posting.js';
import { JOB_POSTING_CONTENT_TYPE } from '../jobs/jsonld/vocabulary.js';
import { ifNoneMatch, notModified, setNextLink } from '../../http/replies.js';
import { CursorParam, LimitParam, listOf, StringEnum } from '../../lib/schemas.js';
import type { AuthRule } from '../../plugins/auth.js';
import { Job } from '../jobs/jobs.schemas.js';
import { searchJobs } from '../jobs/jobs.service.js';
import {
  CloseQuery,
  DryRunQuery,
  ExternalIdParams,
  JobCreateInput,
  JobInput,
  JobPatchInput,
  EXTERNAL_ID_PATTERN,
} from './partner.schemas.js';
import { applyBatch, applyWrites, checkJobInput, getPartnerJob, MAX_BATCH, problemOf, type PartnerCaller, type WriteOp } from './partner.service.js';

const WRITE: { auth: AuthRule } = { auth: { scope: 'jobs:write', anonymous: false } };

export const PartnerJob = Type.Object(
  { ...Job.properties, external_id: Type.String({ description: "The partner's own id." }) },
  { $id: 'PartnerJob', title: 'PartnerJob', description: "One of the partner's postings, with the partner's own id." },
);

const BatchItem = Type.Object(
  {
    op: StringEnum(['upsert', 'close'], { description: '`upsert` creates or replaces the posting (`job` required); `close` closes it.' }),
    external_id: Type.String({ pattern: EXTERNAL_ID_PATTERN }),
    job: Type.Optional(Type.Unknown({ description: 'The posting (JobInput), for `upsert`. Checked per item.' })),
    reason: Type.Optional(StringEnum(CLOSE_REASON_KEYS, { description: 'For `close`; default `filled`.' })),
  },
  { title: 'PartnerJobBatchItem', description: 'One operation of a batch.', additionalProperties: false },
);

export const BatchBody = Type.Object(
  { items: Type.Array(BatchItem, { minItems: 1, maxItems: MAX_BATCH, description: `1 to ${MAX_BATCH} operations.` }) },
  { title: 'PartnerJobBatch', description: 'Up to the batch limit of upserts and closes, applied in one transaction.', additionalProperties: false },
);

const BatchResult = Type.Object({
  dry_run: Type.Boolean(),
  summary: Type.Record(Type.String(), Type.Integer(), { description: 'How many items had each result.' }),
  results: Type.Array(
    Type.Object({
      external_id: Type.String(),
      result: StringEnum(['created', 'updated', 'unchanged', 'closed', 'error']),
      id: Type.Union([Type.String(), Type.Null()]),
      changed_fields: Type.Optional(Type.Array(Type.String())),
      errors: Type.Optional(Type.Array(Type.Object({ name: Type.String(), reason: Type.String() }))),
    }),
  ),
}, { title: 'PartnerJobBatchResult', description: 'What each item of the batch did (or would do, on a dry run).' });

const PartnerListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['open', 'closed', 'all'], { default: 'all' })),
    sort: Type.Optional(StringEnum(['newest', 'oldest'], { default: 'newest' })),
    limit: Type.Optional(LimitParam),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);

const jobResponse = { 200: Type.Ref('PartnerJob') };

/**
 * Partner postings, keyed by the partner's own external id and confined to the company its key
 * is bound to. Every write takes `?dry_run=true`; POSTs honour `Idempotency-Key`.
 */
const partnerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(PartnerJob);
  const tags = ['partner'];

  // schema.org JobPosting in: JSON-LD bodies are mapped to a JobInput before validation, and any
  // error is named by its place in the partner's document (e.g. /baseSalary/value/minValue).
  app.addContentTypeParser(JOB_POSTING_CONTENT_TYPE, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addHook('preValidation', async (request) => {
    if (!request.headers['content-type']?.startsWith(JOB_POSTING_CONTENT_TYPE)) return;
    const creating = request.method === 'POST' && request.routeOptions.url === '/v1/partner/jobs';
    if (!creating && request.method !== 'PUT') {
      throw new ApiError('unsupportedMediaType', 'JSON-LD JobPosting bodies are accepted by POST /v1/partner/jobs and PUT /v1/partner/jobs/{external_id}.');
    }
    const { externalId, input, sources } = jobInputFromJobPosting(request.body);
    const errors = checkJobInput(structuredClone(input), '').map((e) => ({ ...e, name: jobPostingPointer(sources, e.name) }));
    if (creating && !externalId) errors.push({ name: '/identifier', reason: 'is required to create a posting (it becomes the external_id)' });
    if (errors.length) throw new ValidationProblem(errors);
    request.body = creating ? { external_id: externalId, ...input } : input;
  });

  function callerOf(request: FastifyRequest): PartnerCaller {
    const p = request.principal;
    if (p.type !== 'api_key' || !p.key.companyId) {
      throw new ApiError('forbidden', 'Partner routes need an API key bound to a company.');
    }
    return { companyId: p.key.companyId };
  }

  /** Runs one write and answers with the posting as it is afterwards (as it would be, on a dry run). */
  async function single(request: FastifyRequest, reply: FastifyReply, op: WriteOp, dryRun: boolean, createdStatus = 201) {
    const caller = callerOf(request);
    const [outcome] = await applyWrites(app.deps.db, caller, [op], { dryRun });
    if (!outcome || outcome.result === 'error') throw problemOf(outcome!);
    reply.header('x-result', outcome.result);
    if (dryRun) {
      reply.header('x-dry-run', 'true');
      return reply.code(outcome.result === 'created' ? createdStatus : 200).send({ dry_run: true, external_id: outcome.externalId, result: outcome.result, changed_fields: outcome.changedFields ?? [] });
    }
    const { job, etag } = await getPartnerJob(app.deps.db, caller, outcome.externalId);
    reply.header('etag', etag);
    if (outcome.result === 'created') reply.code(createdStatus).header('location', `/v1/partner/jobs/${encodeURIComponent(outcome.externalId)}`);
    return job;
  }

  const DryRunResult = Type.Object({
    dry_run: Type.Literal(true),
    external_id: Type.String(),
    result: StringEnum(['created', 'updated', 'unchanged', 'closed', 'reopened']),
    changed_fields: Type.Array(Type.String()),
  }, { title: 'PartnerJobDryRun', description: 'What the write would do; nothing was written.' });
  const writeResult = (description: string) =>
    Type.Union([Type.Ref('PartnerJob'), DryRunResult], { description: `${description} With \`dry_run=true\`: what the write would do.` });
  const writeResponses = { 200: writeResult('The posting as it is now.'), 201: writeResult('The posting, created.') };

  app.post(
    '/v1/partner/jobs',
    {
      config: { ...WRITE, idempotent: true },
      schema: {
        tags,
        operationId: 'createPartnerJob',
        summary: 'Create a posting (409 if the external id exists)',
        querystring: DryRunQuery,
        body: JobCreateInput,
        response: { 201: writeResponses[201], 409: conflictResponse() },
      },
    },
    async (request, reply) => {
      const { external_id, ...input } = request.body;
      return single(request, reply, { kind: 'create', externalId: external_id, input: input as JobInput }, request.query.dry_run ?? false);
    },
  );

  app.put(
    '/v1/partner/jobs/:external_id',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'putPartnerJob',
        summary: 'Create or replace a posting (201 when created)',
        description: 'Absent optional fields take their defaults; `posted_at` keeps its value when absent. `If-Match` answers 412 on mismatch.',
        params: ExternalIdParams,
        querystring: DryRunQuery,
        body: JobInput,
        response: { ...writeResponses, 412: preconditionResponse() },
      },
    },
    async (request, reply) =>
      single(request, reply, { kind: 'replace', externalId: request.params.external_id, input: request.body, ifMatch: request.headers['if-match'] }, request.query.dry_run ?? false),
  );

  app.patch(
    '/v1/partner/jobs/:external_id',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'patchPartnerJob',
        summary: 'Change some fields of a posting (JSON merge patch: null clears)',
        params: ExternalIdParams,
        querystring: DryRunQuery,
        body: JobPatchInput,
        response: { 200: writeResponses[200], 412: preconditionResponse() },
      },
    },
    async (request, reply) =>
      single(request, reply, { kind: 'patch', externalId: request.params.external_id, patch: request.body, ifMatch: request.headers['if-match'] }, request.query.dry_run ?? false),
  );

  app.delete(
    '/v1/partner/jobs/:external_id',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'closePartnerJob',
        summary: 'Close a posting (idempotent)',
        params: ExternalIdParams,
        querystring: CloseQuery,
        response: { 200: writeResponses[200] },
      },
    },
    async (request, reply) =>
      single(request, reply, { kind: 'close', externalId: request.params.external_id, reason: request.query.reason ?? 'filled' }, request.query.dry_run ?? false),
  );

  app.post(
    '/v1/partner/jobs/:external_id/reopen',
    {
      config: { ...WRITE, idempotent: true },
      schema: {
        tags,
        operationId: 'reopenPartnerJob',
        summary: 'Reopen a closed posting (idempotent)',
        params: ExternalIdParams,
        querystring: DryRunQuery,
        response: { 200: writeResponses[200] },
      },
    },
    async (request, reply) => single(request, reply, { kind: 'reopen', externalId: request.params.external_id }, request.query.dry_run ?? false),
  );

  app.get(
    '/v1/partner/jobs',
    {
      config: { auth: { scope: 'jobs:write', anonymous: false } },
      schema: { tags, operationId: 'listPartnerJobs', summary: 'Your postings, open and closed', querystring: PartnerListQuery, response: { 200: listOf(Type.Ref('PartnerJob'), {}, { title: 'PartnerJobList', description: 'A page of your postings.' }) } },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const page = await searchJobs(app.deps, {
        filters: { status: request.query.status ?? 'all', companyId: caller.companyId },
        sort: request.query.sort ?? 'newest',
        limit: request.query.limit ?? 20,
        cursor: request.query.cursor,
      });
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );

  app.get(
    '/v1/partner/jobs/:external_id',
    {
      config: { auth: { scope: 'jobs:write', anonymous: false } },
      schema: {
        tags,
        operationId: 'getPartnerJob',
        summary: 'One of your postings',
        params: ExternalIdParams,
        response: { ...jobResponse, 304: Type.Null({ description: 'Not modified.' }) },
      },
    },
    async (request, reply) => {
      const { job, etag } = await getPartnerJob(app.deps.db, callerOf(request), request.params.external_id);
      reply.header('etag', etag);
      if (ifNoneMatch(request.headers['if-none-match'], etag)) return notModified(reply);
      return job;
    },
  );

  app.post(
    '/v1/partner/jobs/batch',
    {
      config: { ...WRITE, idempotent: true, textCheckedPerItem: true },
      bodyLimit: app.config.batchBodyLimit,
      schema: {
        tags,
        operationId: 'batchPartnerJobs',
        summary: `Upsert or close up to ${MAX_BATCH} postings in one transaction`,
        description:
          'Each item is checked on its own: invalid items are reported with their errors (JSON pointers into this body) ' +
          'and not written; all valid items commit together, in one transaction, so a failure commits nothing and a retry is safe. ' +
          'A batch costs one unit of the rate-limit budget per item on top of the request (N items: N + 1), as GraphQL `upsertJobs` does.',
        querystring: DryRunQuery,
        body: BatchBody,
        response: { 200: BatchResult },
      },
    },
    async (request, reply) => {
      await chargeBatchItems(request, reply, request.body.items.length);
      return applyBatch(app.deps.db, callerOf(request), request.body.items, request.query.dry_run ?? false);
    },
  );

  /**
   * A batch costs one unit of the rate-limit budget per item on top of the request's own, exactly as
   * GraphQL's upsertJobs does (N items: N + 1). Charged before any work, so a batch over budget writes nothing.
   */
  async function chargeBatchItems(request: FastifyRequest, reply: FastifyReply, items: number) {
    if (!app.config.rateLimit.enabled || items < 1) return;
    const budget = await app.chargeRateLimit(request, reply, items);
    if (budget.current > budget.limit) {
      reply.header('retry-after', String(budget.resetSeconds));
      throw new ApiError(
        'rateLimited',
        `The ${request.principal.tier} tier allows ${budget.limit} requests (batch items) per ${app.config.rateLimit.windowSeconds} s; this batch of ${items} items is over it; retry in ${budget.resetSeconds} s. GET /v1/usage shows your budget.`,
      );
    }
  }

};

function conflictResponse() {
  return { description: 'A posting with this external id exists.', content: { 'application/problem+json': { schema: { $ref: 'Problem' } } } };
}
function preconditionResponse() {
  return { description: 'If-Match does not match the current ETag.', content: { 'application/problem+json': { schema: { $ref: 'Problem' } } } };
}

export default partnerRoutes;
