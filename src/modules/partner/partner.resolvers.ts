import type { FieldRules } from '../../graphql/access.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { MutationResolvers, Resolvers } from '../../graphql/generated.js';
import { camelize, pointerToPath, restBody, restQuery, snake } from '../../graphql/rest.js';
import { ApiError, HttpProblem } from '../../lib/errors.js';
import { checkIdempotencyKey, claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, requestFingerprint } from '../idempotency/idempotency.service.js';
import { toGqlJob } from '../jobs/jobs.resolvers.js';
import { BatchBody } from './partner.routes.js';
import { ExternalIdParams, JobInput, JobPatchInput } from './partner.schemas.js';
import { applyBatch, applyWrites, getPartnerJob, problemOf, type BatchItem, type PartnerCaller, type WriteOp } from './partner.service.js';

/** GraphQL input (camelCase) as the REST body (snake_case), nested objects included. */
export function toRestBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toRestBody);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), toRestBody(v)]));
  return value;
}

/** The external id as the REST path parameter takes it. */
function externalId(value: string): string {
  return restQuery<{ external_id: string }>(ExternalIdParams, { external_id: value }, () => 'externalId').external_id;
}

function callerOf(ctx: GraphQLContext): PartnerCaller {
  const p = ctx.principal;
  if (p.type !== 'api_key' || !p.key.companyId) {
    throw new ApiError('forbidden', 'Partner writes need an API key bound to a company.');
  }
  return { companyId: p.key.companyId };
}

/** The REST problem with its field names as GraphQL arguments (`/salary/max` → `job.salary.max`). */
function renameProblem(problem: HttpProblem, argument: string): HttpProblem {
  if (!problem.errors) return problem;
  const errors = problem.errors.map((e) => ({
    ...e,
    name: e.name === 'If-Match' ? 'ifMatch' : e.name === '/external_id' ? 'externalId' : e.name.startsWith('/') ? pointerToPath(argument, e.name) : e.name,
  }));
  return problem.withErrors(errors);
}

/** `v3` or `"v3"` (the REST ETag) as the If-Match value the service compares. */
const ifMatchOf = (value: string | null | undefined) =>
  value === null || value === undefined ? undefined : value === '*' || value.startsWith('"') ? value : `"${value}"`;

/**
 * Runs a write under an idempotency key (the `idempotencyKey` argument, or the Idempotency-Key
 * header) with the storage REST uses: a retry with the same key and arguments replays the first
 * answer (`replayed: true`), other arguments under the key are refused. Client errors are stored
 * and replayed too; a failure on our side is not, so the retry runs again.
 */
async function idempotent<T extends object>(ctx: GraphQLContext, field: string, args: { idempotencyKey?: string | null }, run: () => Promise<T>): Promise<T & { replayed: boolean }> {
  const header = ctx.request.headers['idempotency-key'];
  const given = args.idempotencyKey ?? header;
  if (given === undefined || given === null) return { ...(await run()), replayed: false };
  const key = checkIdempotencyKey(given, args.idempotencyKey ? 'idempotencyKey' : 'Idempotency-Key');
  const db = ctx.app.deps.db;
  const owner = ctx.principal.rateKey;
  const { idempotencyKey: _key, ...rest } = args;
  const claim = await claimIdempotencyKey(db, owner, key, requestFingerprint(`graphql ${field}\n${JSON.stringify(rest)}`));
  if (claim.kind === 'replay') {
    const stored = JSON.parse(claim.body) as { data?: T; error?: { status: number; title: string; detail: string; type: string; errors?: HttpProblem['errors'] } };
    if (stored.error) throw HttpProblem.replay(stored.error);
    return { ...stored.data!, replayed: true };
  }
  try {
    const data = await run();
    await completeIdempotencyKey(db, owner, key, { status: 200, body: JSON.stringify({ data }), headers: {} });
    return { ...data, replayed: false };
  } catch (err) {
    if (err instanceof HttpProblem && err.status < 500) {
      const error = { status: err.status, title: err.title, detail: err.message, type: err.type, errors: err.errors };
      await completeIdempotencyKey(db, owner, key, { status: err.status, body: JSON.stringify({ error }), headers: {} });
    } else {
      await releaseIdempotencyKey(db, owner, key);
    }
    throw err;
  }
}

/** One write, as the REST partner routes run it; answers the posting afterwards (none on a dry run). */
async function single(ctx: GraphQLContext, caller: PartnerCaller, op: WriteOp, dryRun: boolean, argument: string) {
  const [outcome] = await applyWrites(ctx.app.deps.db, caller, [op], { dryRun });
  if (!outcome || outcome.result === 'error') throw renameProblem(problemOf(outcome!), argument);
  const base = { result: outcome.result, externalId: outcome.externalId, dryRun, changedFields: outcome.changedFields ?? [] };
  if (dryRun) return { ...base, partnerJob: null };
  const { job, etag } = await getPartnerJob(ctx.app.deps.db, caller, outcome.externalId);
  return { ...base, partnerJob: { externalId: outcome.externalId, etag: etag.replace(/"/g, ''), job: toGqlJob(job) } };
}

const Mutation: MutationResolvers = {
  upsertJob: async (_root, args, ctx) => {
    const caller = callerOf(ctx);
    return (await idempotent(ctx, 'upsertJob', args, async () => {
      const input = restBody<JobInput>(JobInput, toRestBody(args.job), 'job');
      return single(ctx, caller, { kind: 'replace', externalId: externalId(args.externalId), input, ifMatch: ifMatchOf(args.ifMatch) }, args.dryRun ?? false, 'job');
    }));
  },
  patchJob: async (_root, args, ctx) => {
    const caller = callerOf(ctx);
    return (await idempotent(ctx, 'patchJob', args, async () => {
      const patch = restBody<JobPatchInput>(JobPatchInput, toRestBody(args.patch), 'patch');
      return single(ctx, caller, { kind: 'patch', externalId: externalId(args.externalId), patch, ifMatch: ifMatchOf(args.ifMatch) }, args.dryRun ?? false, 'patch');
    }));
  },
  closeJob: async (_root, args, ctx) => {
    const caller = callerOf(ctx);
    return (await idempotent(ctx, 'closeJob', args, () =>
      single(ctx, caller, { kind: 'close', externalId: externalId(args.externalId), reason: args.reason ?? 'filled' }, args.dryRun ?? false, 'job'),
    ));
  },
  reopenJob: async (_root, args, ctx) => {
    const caller = callerOf(ctx);
    return (await idempotent(ctx, 'reopenJob', args, () => single(ctx, caller, { kind: 'reopen', externalId: externalId(args.externalId) }, args.dryRun ?? false, 'job')));
  },
  upsertJobs: async (_root, args, ctx) => {
    const caller = callerOf(ctx);
    return (await idempotent(ctx, 'upsertJobs', args, async () => {
      const body = restBody<{ items: BatchItem[] }>(BatchBody, { items: toRestBody(args.items) }, '');
      const result = await applyBatch(ctx.app.deps.db, caller, body.items, args.dryRun ?? false);
      // Item errors point into the arguments, as REST's point into its body.
      const results = result.results.map((r) => ({ ...r, ...(r.errors ? { errors: r.errors.map((e) => ({ ...e, name: pointerToPath('', e.name) })) } : {}) }));
      return camelize<object>({ ...result, results });
    }));
  },
};

export const partnerResolvers: Resolvers = { Mutation };

const WRITE = { scope: 'jobs:write', anonymous: false } as const;
export const partnerRules: FieldRules = {
  'Mutation.upsertJob': WRITE,
  'Mutation.patchJob': WRITE,
  'Mutation.closeJob': WRITE,
  'Mutation.reopenJob': WRITE,
  'Mutation.upsertJobs': WRITE,
};

/**
 * Writes cost more than reads. A batch costs 1 per item, as `POST /v1/partner/jobs/batch` does on
 * REST (the request itself counts 1 on both): per item, never per call, so splitting a batch into
 * aliased or batched calls saves nothing and one call of 1,000 items is not charged as one.
 */
export const partnerCosts: Record<string, number | ((args: Record<string, unknown>) => number)> = {
  'Mutation.upsertJob': 5,
  'Mutation.patchJob': 5,
  'Mutation.closeJob': 5,
  'Mutation.reopenJob': 5,
  'Mutation.upsertJobs': (args) => (Array.isArray(args.items) ? Math.max(1, args.items.length) : 1),
};
