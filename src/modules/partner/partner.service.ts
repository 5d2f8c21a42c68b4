import { randomUUID } from 'node:crypto';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { COUNTRY_CODES } from '../../reference/countries.js';
import { companies, fxRates, jobs } from '../../db/tables.js';
import type { CloseReason, SalaryPeriod } from '../../reference/taxonomy.js';
import { queryRows, type Database, type Executor } from '../../db/index.js';
import { ApiError, HttpProblem, NotFoundProblem, ValidationProblem, type FieldError } from '../../lib/errors.js';
import { findUnstorableText } from '../../lib/text.js';
import { sanitizeDescription } from '../../lib/html.js';
import { createAjv } from '../../lib/ajv.js';
import { fieldErrors, type AjvError } from '../../lib/field-errors.js';
import { jobEtag, jobColumns, toJob, type JobRow } from '../jobs/jobs.service.js';
import { insertJobRows, updateJobRows, type StoredJob } from '../jobs/jobs.store.js';
import type { Job } from '../jobs/jobs.schemas.js';
import { annualUsd } from '../salaries/normalise.js';
import { JobInput, type JobPatchInput } from './partner.schemas.js';

/** The company a partner key acts for. */
export interface PartnerCaller {
  companyId: string;
}

export type WriteOp =
  | { kind: 'create'; externalId: string; input: JobInput }
  | { kind: 'replace'; externalId: string; input: JobInput; ifMatch?: string | undefined }
  | { kind: 'patch'; externalId: string; patch: JobPatchInput; ifMatch?: string | undefined }
  | { kind: 'close'; externalId: string; reason: CloseReason }
  | { kind: 'reopen'; externalId: string };

export type OpResult = 'created' | 'updated' | 'unchanged' | 'closed' | 'reopened' | 'error';

export interface OpOutcome {
  externalId: string;
  result: OpResult;
  id: string | null;
  /** Version after the write (the ETag is derived from it). */
  version: number | null;
  /** For errors: 400 (invalid), 404 (no such posting of this partner), 409 (exists), 412 (If-Match). */
  status?: number;
  errors?: FieldError[];
  changedFields?: string[];
}

export const MAX_BATCH = 1000;

/**
 * Checking and sanitising a posting takes up to a few milliseconds (long descriptions): a batch
 * lets other requests run every few items, so a maximal one never holds the event loop for long.
 */
const ITEMS_PER_TURN = 25;
async function yieldNowAndThen(i: number): Promise<void> {
  if (i > 0 && i % ITEMS_PER_TURN === 0) await setImmediatePromise();
}

// Batch items are JSON as sent: no type coercion.
const ajv = createAjv({ coerceTypes: false });
const validateJobInput = ajv.compile(JobInput);
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Validates one item's posting against the JobInput schema (batch items are not validated by the route). */
export function checkJobInput(value: unknown, pointer: string): FieldError[] {
  // Text the database cannot store is this item's error, before the schema (whose checks it would pass).
  const unstorable = findUnstorableText(value, pointer);
  if (unstorable) return [unstorable];
  if (validateJobInput(value)) return [];
  return fieldErrors(validateJobInput.errors as AjvError[], 'body', pointer);
}

type Stored = StoredJob & { version: number };
type Fields = Omit<StoredJob, 'id' | 'companyId' | 'externalId' | 'status' | 'closeReason' | 'closedAt'>;
type Rates = Map<string, { usdPerUnit: number; asOf: string }>;

/** Normalises a posting: sanitised HTML, annual USD salary, checks the schema cannot express. */
function normalise(input: JobInput, rates: Rates, pointer: string, keepPostedAt: Date | null): { fields?: Fields; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const description = sanitizeDescription(input.description);
  if (!description.replace(/<[^>]*>/g, '').trim()) errors.push({ name: `${pointer}/description`, reason: 'has no text left once unsafe HTML is removed' });
  const country = input.location?.country ?? null;
  if (country && !COUNTRY_CODES.has(country)) errors.push({ name: `${pointer}/location/country`, reason: `unknown ISO 3166-1 alpha-2 country code ${country}` });
  let salaryUsd: { min: number; max: number } | null = null;
  let fxAsOf: string | null = null;
  const salary = input.salary ?? null;
  if (salary) {
    if (salary.min > salary.max) errors.push({ name: `${pointer}/salary/max`, reason: 'must be greater than or equal to salary.min' });
    if (!CURRENCIES.has(salary.currency)) errors.push({ name: `${pointer}/salary/currency`, reason: `${salary.currency} is not an ISO 4217 currency` });
    else {
      const rate = rates.get(salary.currency);
      if (!rate) errors.push({ name: `${pointer}/salary/currency`, reason: `no exchange rate for ${salary.currency}; supported: ${[...rates.keys()].sort().join(', ')}` });
      else {
        salaryUsd = annualUsd({ ...salary, period: salary.period as SalaryPeriod }, rate.usdPerUnit);
        fxAsOf = rate.asOf;
        if (salaryUsd.max > 2_000_000_000) errors.push({ name: `${pointer}/salary/max`, reason: 'is out of range once annualised' });
      }
    }
  }
  const postedAt = input.posted_at ? new Date(input.posted_at) : (keepPostedAt ?? new Date());
  const validThrough = input.valid_through ? new Date(input.valid_through) : null;
  if (validThrough && validThrough <= postedAt) errors.push({ name: `${pointer}/valid_through`, reason: 'must be after posted_at' });
  if (errors.length) return { errors };
  return {
    errors,
    fields: {
      title: input.title.trim(),
      role: input.role,
      seniority: input.seniority,
      domain: input.domain ?? 'general',
      skills: input.skills ?? [],
      description,
      employmentType: input.employment_type ?? 'full_time',
      workplace: input.workplace,
      city: input.location?.city ?? null,
      region: input.location?.region ?? null,
      country,
      salaryMin: salary?.min ?? null,
      salaryMax: salary?.max ?? null,
      salaryCurrency: salary?.currency ?? null,
      salaryPeriod: salary?.period ?? null,
      salaryUsdMin: salaryUsd?.min ?? null,
      salaryUsdMax: salaryUsd?.max ?? null,
      salaryFxAsOf: fxAsOf,
      postedAt,
      validThrough,
      applyUrl: input.apply_url ?? null,
    },
  };
}

/** The stored posting as a partner would send it (for PATCH merges). */
function toInput(s: Stored): JobInput {
  return {
    title: s.title,
    description: s.description,
    role: s.role as JobInput['role'],
    seniority: s.seniority as JobInput['seniority'],
    domain: s.domain as JobInput['domain'],
    skills: s.skills,
    employment_type: s.employmentType as JobInput['employment_type'],
    workplace: s.workplace as JobInput['workplace'],
    location: { city: s.city, region: s.region, country: s.country },
    salary:
      s.salaryMin !== null && s.salaryMax !== null && s.salaryCurrency && s.salaryPeriod
        ? { min: s.salaryMin, max: s.salaryMax, currency: s.salaryCurrency, period: s.salaryPeriod as SalaryPeriod }
        : null,
    posted_at: s.postedAt.toISOString(),
    valid_through: s.validThrough?.toISOString() ?? null,
    apply_url: s.applyUrl,
  };
}

/** JSON merge patch (RFC 7396) of a posting: objects merge, null clears. */
function mergePatch(base: JobInput, patch: JobPatchInput): JobInput {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'location' && v && typeof v === 'object') out.location = { ...(base.location ?? {}), ...(v as object) };
    else out[k] = v;
  }
  return out as JobInput;
}

const COMPARED: [string, (f: Fields) => unknown][] = [
  ['title', (f) => f.title],
  ['description', (f) => f.description],
  ['role', (f) => f.role],
  ['seniority', (f) => f.seniority],
  ['domain', (f) => f.domain],
  ['skills', (f) => f.skills.join('\u0000')],
  ['employment_type', (f) => f.employmentType],
  ['workplace', (f) => f.workplace],
  ['location', (f) => [f.city, f.region, f.country].join('\u0000')],
  ['salary', (f) => [f.salaryMin, f.salaryMax, f.salaryCurrency, f.salaryPeriod].join('\u0000')],
  ['posted_at', (f) => f.postedAt.getTime()],
  ['valid_through', (f) => f.validThrough?.getTime() ?? null],
  ['apply_url', (f) => f.applyUrl],
];

function changedFields(before: Fields, after: Fields): string[] {
  return COMPARED.filter(([, get]) => get(before) !== get(after)).map(([name]) => name);
}

async function loadRates(db: Executor): Promise<Rates> {
  const rows = await queryRows<{ currency: string; as_of: string; usd_per_unit: string }>(
    db,
    sql`select distinct on (${fxRates.currency}) ${fxRates.currency} as currency, ${fxRates.asOf}::text as as_of,
          ${fxRates.usdPerUnit}::text as usd_per_unit
        from ${fxRates} order by ${fxRates.currency}, ${fxRates.asOf} desc`,
  );
  return new Map(rows.map((r) => [r.currency.trim(), { usdPerUnit: Number(r.usd_per_unit), asOf: r.as_of }]));
}

async function loadStored(db: Executor, companyId: string, externalIds: string[]): Promise<Map<string, Stored>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.companyId, companyId), inArray(jobs.externalId, externalIds)));
  return new Map(
    rows.map((r) => [
      r.externalId!,
      {
        id: r.id,
        companyId: r.companyId,
        externalId: r.externalId,
        title: r.title,
        role: r.role,
        seniority: r.seniority,
        domain: r.domain,
        skills: r.skills,
        description: r.description,
        employmentType: r.employmentType,
        workplace: r.workplace,
        city: r.city,
        region: r.region,
        country: r.country?.trim() ?? null,
        salaryMin: r.salaryMin,
        salaryMax: r.salaryMax,
        salaryCurrency: r.salaryCurrency?.trim() ?? null,
        salaryPeriod: r.salaryPeriod,
        salaryUsdMin: r.salaryUsdMin,
        salaryUsdMax: r.salaryUsdMax,
        salaryFxAsOf: r.salaryFxAsOf,
        postedAt: r.postedAt,
        validThrough: r.validThrough,
        status: r.status,
        closeReason: r.closeReason,
        closedAt: r.closedAt,
        applyUrl: r.applyUrl,
        version: r.version,
      },
    ]),
  );
}

class DryRun extends Error {
  constructor(readonly outcomes: OpOutcome[]) {
    super('dry run');
  }
}

/**
 * Applies a partner's writes in one transaction: every op is checked first, invalid ones are
 * reported and skipped, and the valid ones are written together with set-based statements (one
 * INSERT for new postings, one UPDATE for changed ones, their events in the same statements). A
 * per-company advisory lock serialises concurrent writers of one partner, so concurrent upserts
 * of an external id never make two rows. With `dryRun` everything runs and is rolled back.
 */
export async function applyWrites(
  db: Database,
  caller: PartnerCaller,
  ops: WriteOp[],
  options: { dryRun: boolean; itemPointer?: (i: number) => string; jobPointer?: (i: number) => string },
): Promise<OpOutcome[]> {
  // Where an op's errors point: the item (external id) and its posting fields; the body root for single writes.
  const pointer = options.itemPointer ?? (() => '');
  const jobPointer = options.jobPointer ?? pointer;
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${caller.companyId}, 0))`);
      const rates = await loadRates(tx);
      const stored = await loadStored(tx, caller.companyId, [...new Set(ops.map((o) => o.externalId))]);
      const inserts: StoredJob[] = [];
      const updates: { job: StoredJob; event: string; changedFields: string[] }[] = [];
      const outcomes: OpOutcome[] = [];
      const seen = new Set<string>();
      const now = new Date();

      const decide = (op: WriteOp, i: number) => {
        const error = (status: number, errors: FieldError[]): OpOutcome => ({ externalId: op.externalId, result: 'error', id: null, version: null, status, errors });
        if (seen.has(op.externalId)) {
          outcomes.push(error(400, [{ name: `${pointer(i)}/external_id`, reason: 'appears more than once in this request' }]));
          return;
        }
        const current = stored.get(op.externalId);
        if (op.kind === 'create' && current) {
          outcomes.push(error(409, [{ name: `${pointer(i)}/external_id`, reason: `a posting with external_id ${op.externalId} exists already (use PUT to replace it)` }]));
          return;
        }
        if (op.kind !== 'create' && op.kind !== 'replace' && !current) {
          outcomes.push(error(404, [{ name: `${pointer(i)}/external_id`, reason: `no posting with external_id ${op.externalId}` }]));
          return;
        }
        if ((op.kind === 'replace' || op.kind === 'patch') && op.ifMatch !== undefined) {
          const etag = current ? jobEtag(current.version) : null;
          const matches = op.ifMatch.split(',').some((t) => (t.trim() === '*' && etag) || t.trim() === etag);
          if (!matches) {
            outcomes.push(error(412, [{ name: 'If-Match', reason: current ? `the posting is at ${etag}` : 'the posting does not exist' }]));
            return;
          }
        }
        seen.add(op.externalId);

        if (op.kind === 'close' || op.kind === 'reopen') {
          const s = current!;
          const closing = op.kind === 'close';
          if ((s.status === 'closed') === closing) {
            outcomes.push({ externalId: op.externalId, result: 'unchanged', id: s.id, version: s.version });
            return;
          }
          const job: StoredJob = closing
            ? { ...s, status: 'closed', closeReason: op.reason, closedAt: now }
            : { ...s, status: 'open', closeReason: null, closedAt: null };
          updates.push({ job, event: closing ? 'closed' : 'reopened', changedFields: ['status'] });
          outcomes.push({ externalId: op.externalId, result: closing ? 'closed' : 'reopened', id: s.id, version: s.version + 1 });
          return;
        }

        const input = op.kind === 'patch' ? mergePatch(toInput(current!), op.patch) : op.input;
        if (op.kind === 'patch') {
          // The merged posting must still be a valid whole posting.
          const schemaErrors = checkJobInput(input, jobPointer(i));
          if (schemaErrors.length) {
            outcomes.push(error(400, schemaErrors));
            return;
          }
        }
        const { fields, errors } = normalise(input, rates, jobPointer(i), current?.postedAt ?? null);
        if (!fields) {
          outcomes.push(error(400, errors));
          return;
        }
        if (!current) {
          const id = randomUUID();
          inserts.push({ ...fields, id, companyId: caller.companyId, externalId: op.externalId, status: 'open', closeReason: null, closedAt: null });
          outcomes.push({ externalId: op.externalId, result: 'created', id, version: 1 });
          return;
        }
        const changed = changedFields(current, fields);
        if (changed.length === 0) {
          outcomes.push({ externalId: op.externalId, result: 'unchanged', id: current.id, version: current.version });
          return;
        }
        updates.push({ job: { ...current, ...fields }, event: 'updated', changedFields: changed });
        outcomes.push({ externalId: op.externalId, result: 'updated', id: current.id, version: current.version + 1, changedFields: changed });
      };
      for (let i = 0; i < ops.length; i++) {
        await yieldNowAndThen(i);
        decide(ops[i]!, i);
      }

      await insertJobRows(tx, inserts);
      await updateJobRows(tx, updates);
      if (options.dryRun) throw new DryRun(outcomes);
      return outcomes;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.outcomes;
    throw err;
  }
}

/** One item of a batch, as `POST /v1/partner/jobs/batch` takes it (`job` is checked here, per item). */
export interface BatchItem {
  op: 'upsert' | 'close';
  external_id: string;
  job?: unknown;
  reason?: CloseReason | undefined;
}

/**
 * A batch of upserts and closes: each item is checked on its own (errors point into the batch body:
 * `/items/3/job/title`), the valid ones are written together by `applyWrites`.
 */
export async function applyBatch(db: Database, caller: PartnerCaller, items: readonly BatchItem[], dryRun: boolean) {
  const ops: (WriteOp | null)[] = [];
  const early = new Map<number, OpOutcome>();
  const check = (item: BatchItem, i: number) => {
    if (item.op === 'close') return ops.push({ kind: 'close', externalId: item.external_id, reason: item.reason ?? 'filled' });
    const errors = item.job === undefined ? [{ name: `/items/${i}/job`, reason: 'is required for upsert' }] : checkJobInput(item.job, `/items/${i}/job`);
    if (errors.length) {
      early.set(i, { externalId: item.external_id, result: 'error', id: null, version: null, status: 400, errors });
      return ops.push(null);
    }
    return ops.push({ kind: 'replace', externalId: item.external_id, input: item.job as JobInput });
  };
  for (let i = 0; i < items.length; i++) {
    await yieldNowAndThen(i);
    check(items[i]!, i);
  }
  const valid = ops.map((op, i) => ({ op, i })).filter((x): x is { op: WriteOp; i: number } => x.op !== null);
  const outcomes = await applyWrites(db, caller, valid.map((v) => v.op), {
    dryRun,
    itemPointer: (k) => `/items/${valid[k]!.i}`,
    jobPointer: (k) => `/items/${valid[k]!.i}/job`,
  });
  valid.forEach((v, k) => early.set(v.i, outcomes[k]!));
  const results = items.map((_, i) => {
    const o = early.get(i)!;
    // A close that finds the posting closed already reports `closed`: the item's intent holds.
    const result = o.result === 'reopened' ? 'updated' : o.result === 'unchanged' && items[i]!.op === 'close' ? 'closed' : o.result;
    return {
      external_id: o.externalId,
      result,
      id: o.id,
      ...(o.changedFields ? { changed_fields: o.changedFields } : {}),
      ...(o.errors ? { errors: o.errors } : {}),
    };
  });
  const summary: Record<string, number> = { created: 0, updated: 0, unchanged: 0, closed: 0, error: 0 };
  for (const r of results) summary[r.result] = (summary[r.result] ?? 0) + 1;
  return { dry_run: dryRun, summary, results };
}

/** Turns a single op's error outcome into the HTTP problem it stands for. */
export function problemOf(outcome: OpOutcome): HttpProblem {
  const errors = outcome.errors ?? [];
  switch (outcome.status) {
    case 404:
      return new NotFoundProblem(`No posting with external_id ${JSON.stringify(outcome.externalId)} for this partner.`);
    case 409:
      return new ApiError('conflict', errors[0]?.reason ?? 'Conflict.', errors);
    case 412:
      return new ApiError('precondition', `If-Match does not match: ${errors[0]?.reason ?? ''}.`, errors);
    default:
      return new ValidationProblem(errors);
  }
}

/** One of the caller's own postings (others' answer 404: existence is not leaked). */
export async function getPartnerJob(db: Database, caller: PartnerCaller, externalId: string): Promise<{ job: Job & { external_id: string | null }; etag: string }> {
  const [row] = await db
    .select(jobColumns)
    .from(jobs)
    .innerJoin(companies, eq(companies.id, jobs.companyId))
    .where(and(eq(jobs.companyId, caller.companyId), eq(jobs.externalId, externalId)))
    .limit(1);
  if (!row) throw new NotFoundProblem(`No posting with external_id ${JSON.stringify(externalId)} for this partner.`);
  return { job: toJob(row as JobRow), etag: jobEtag(row.version) };
}

