import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelize } from '../../src/graphql/rest.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { codeOf, countStatements, gql } from '../helpers/graphql.js';
import { partnerPosting } from '../helpers/partner.js';

let ctx: TestContext;
let openai: Record<string, string>;
let anthropic: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ RATE_LIMIT_PARTNER: '1000000' });
  await seedTestJobs(ctx.database.db, 30, 9);
  const auth = async (company: string) => ({ authorization: `Bearer ${(await createKey(ctx.database.db, { name: `${company} ATS`, tier: 'partner', company })).secret}` });
  openai = await auth('openai');
  anthropic = await auth('anthropic');
}, 120_000);
afterAll(() => ctx?.close());

/** The shared partner posting in GraphQL's field names, with a script for the sanitiser to remove. */
const posting = (over: Record<string, unknown> = {}) => ({
  ...camelize<Record<string, unknown>>(partnerPosting({ description: '<p>Build <strong>evals</strong>.</p><script>alert(1)</script>' })),
  ...over,
});

const PAYLOAD = 'result externalId dryRun changedFields replayed partnerJob { externalId etag job { id title description status closeReason salary { annualUsdMin annualUsdMax } applyUrl } }';
const UPSERT = `mutation($id: String!, $job: JobInput!, $ifMatch: String, $dryRun: Boolean, $key: String) {
  upsertJob(externalId: $id, job: $job, ifMatch: $ifMatch, dryRun: $dryRun, idempotencyKey: $key) { ${PAYLOAD} } }`;
const PATCH = `mutation($id: String!, $patch: JobPatchInput!, $ifMatch: String) { patchJob(externalId: $id, patch: $patch, ifMatch: $ifMatch) { ${PAYLOAD} } }`;

describe('partner mutations: the REST writes', () => {
  it('patchJob changes only the fields it names (no defaults for domain or employmentType)', async () => {
    await gql(ctx.app, UPSERT, { id: 'GQL-PATCH', job: posting() }, openai);
    await gql(ctx.app, PATCH, { id: 'GQL-PATCH', patch: { domain: 'healthcare', employmentType: 'contract' } }, openai);
    const later = await gql(ctx.app, PATCH, { id: 'GQL-PATCH', patch: { skills: ['rag'] } }, openai);
    expect(later.errors).toBeUndefined();
    expect(later.data.patchJob.changedFields).toEqual(['skills']);
    const rest = await ctx.app.inject({ url: '/v1/partner/jobs/GQL-PATCH', headers: openai });
    expect(rest.json()).toMatchObject({ domain: 'healthcare', employment_type: 'contract', skills: ['rag'] });
  });

  it('create, patch, close, reopen, as REST sees them', async () => {
    const created = await gql(ctx.app, UPSERT, { id: 'GQL-1', job: posting() }, openai);
    expect(created.errors).toBeUndefined();
    const c = created.data.upsertJob;
    expect(c).toMatchObject({ result: 'created', externalId: 'GQL-1', dryRun: false, replayed: false, partnerJob: { etag: 'v1' } });
    expect(c.partnerJob.job.description).not.toContain('script');
    const rest = await ctx.app.inject({ url: '/v1/partner/jobs/GQL-1', headers: openai });
    expect(rest.json().id).toBe(c.partnerJob.job.id);
    expect(rest.headers.etag).toBe('"v1"');

    const same = await gql(ctx.app, UPSERT, { id: 'GQL-1', job: posting() }, openai);
    expect(same.data.upsertJob.result).toBe('unchanged');

    const patched = await gql(ctx.app, PATCH, { id: 'GQL-1', patch: { title: 'Staff LLM Engineer', applyUrl: null }, ifMatch: 'v1' }, openai);
    expect(patched.data.patchJob).toMatchObject({ result: 'updated', changedFields: ['title', 'apply_url'], partnerJob: { etag: 'v2', job: { title: 'Staff LLM Engineer', applyUrl: null } } });

    const stale = await gql(ctx.app, PATCH, { id: 'GQL-1', patch: { title: 'Principal LLM Engineer' }, ifMatch: 'v1' }, openai);
    expect(codeOf(stale)).toBe('PRECONDITION_FAILED');
    expect(stale.errors![0]!.extensions!.field).toBe('ifMatch');

    const closed = await gql(ctx.app, 'mutation { closeJob(externalId: "GQL-1", reason: cancelled) { result partnerJob { job { status closeReason } } } }', undefined, openai);
    expect(closed.data.closeJob).toEqual({ result: 'closed', partnerJob: { job: { status: 'closed', closeReason: 'cancelled' } } });
    const again = await gql(ctx.app, 'mutation { closeJob(externalId: "GQL-1") { result } }', undefined, openai);
    expect(again.data.closeJob.result).toBe('unchanged');
    const reopened = await gql(ctx.app, 'mutation { reopenJob(externalId: "GQL-1") { result partnerJob { job { status } } } }', undefined, openai);
    expect(reopened.data.reopenJob).toEqual({ result: 'reopened', partnerJob: { job: { status: 'open' } } });
  });

  it('validation errors name the input fields', async () => {
    const r = await gql(ctx.app, UPSERT, { id: 'GQL-BAD', job: posting({ title: 'x', salary: { min: 300000, max: 200000, currency: 'USD', period: 'year' }, skills: ['Not A Slug'] }) }, openai);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const names = (r.errors![0]!.extensions!.errors as { name: string }[]).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['job.title', 'job.skills.0']));
    const range = await gql(ctx.app, UPSERT, { id: 'GQL-BAD', job: posting({ salary: { min: 300000, max: 200000, currency: 'USD', period: 'year' } }) }, openai);
    expect(range.errors![0]!.extensions!.field).toBe('job.salary.max');
    const id = await gql(ctx.app, UPSERT, { id: 'bad id!', job: posting() }, openai);
    expect(codeOf(id)).toBe('BAD_USER_INPUT');
  });

  it("another partner's posting is NOT_FOUND, whatever the mutation", async () => {
    await gql(ctx.app, UPSERT, { id: 'OWNED-1', job: posting() }, openai);
    for (const m of [
      'mutation { closeJob(externalId: "OWNED-1") { result } }',
      'mutation { reopenJob(externalId: "OWNED-1") { result } }',
      'mutation { patchJob(externalId: "OWNED-1", patch: { title: "Taken over" }) { result } }',
    ]) {
      const r = await gql(ctx.app, m, undefined, anthropic);
      expect(codeOf(r)).toBe('NOT_FOUND');
    }
    // Upserting the same external id creates Anthropic's own posting; OpenAI's is untouched.
    const mine = await gql(ctx.app, UPSERT, { id: 'OWNED-1', job: posting({ title: 'Anthropic role' }) }, anthropic);
    expect(mine.data.upsertJob.result).toBe('created');
    expect((await ctx.app.inject({ url: '/v1/partner/jobs/OWNED-1', headers: openai })).json().title).toBe('Senior LLM Engineer');
  });

  it('dry runs report and write nothing', async () => {
    const r = await gql(ctx.app, UPSERT, { id: 'DRY-1', job: posting(), dryRun: true }, openai);
    expect(r.data.upsertJob).toMatchObject({ result: 'created', dryRun: true, partnerJob: null });
    expect((await ctx.app.inject({ url: '/v1/partner/jobs/DRY-1', headers: openai })).statusCode).toBe(404);
  });

  it('idempotency: a retry replays, another request under the key is refused; the header works too', async () => {
    const vars = { id: 'IDEM-1', job: posting(), key: 'idem-key-0001' };
    const first = await gql(ctx.app, UPSERT, vars, openai);
    expect(first.data.upsertJob).toMatchObject({ result: 'created', replayed: false });
    const { result: retry, statements } = await countStatements(ctx.database.db, () => gql(ctx.app, UPSERT, vars, openai));
    expect(retry.data.upsertJob).toEqual({ ...first.data.upsertJob, replayed: true });
    // Replayed from the stored answer: no write ran (the only statements read the key).
    expect(statements.some((s) => /insert into "jobs"|update "jobs"/i.test(s))).toBe(false);
    const other = await gql(ctx.app, UPSERT, { ...vars, job: posting({ title: 'Something else' }) }, openai);
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(other.errors![0]!.extensions!.status).toBe(422);

    const viaHeader = { ...openai, 'idempotency-key': 'idem-header-0001' };
    const h1 = await gql(ctx.app, 'mutation { closeJob(externalId: "IDEM-1") { result replayed } }', undefined, viaHeader);
    const h2 = await gql(ctx.app, 'mutation { closeJob(externalId: "IDEM-1") { result replayed } }', undefined, viaHeader);
    expect([h1.data.closeJob, h2.data.closeJob]).toEqual([
      { result: 'closed', replayed: false },
      { result: 'closed', replayed: true },
    ]);
    // A client error is stored and replayed as the same error.
    const missing = { ...openai, 'idempotency-key': 'idem-missing-0001' };
    expect(codeOf(await gql(ctx.app, 'mutation { reopenJob(externalId: "NOPE") { result } }', undefined, missing))).toBe('NOT_FOUND');
    expect(codeOf(await gql(ctx.app, 'mutation { reopenJob(externalId: "NOPE") { result } }', undefined, missing))).toBe('NOT_FOUND');
    expect(codeOf(await gql(ctx.app, 'mutation { closeJob(externalId: "X", idempotencyKey: "bad key with spaces") { result } }', undefined, openai))).toBe('BAD_USER_INPUT');
  });

  it('batch: valid items commit together, invalid ones are reported by their place in the arguments', async () => {
    const m = `mutation($items: [BatchItem!]!, $dryRun: Boolean) { upsertJobs(items: $items, dryRun: $dryRun) {
      dryRun summary { created updated unchanged closed error } results { externalId result id changedFields errors { name reason } } } }`;
    const items = [
      { op: 'upsert', externalId: 'B-1', job: posting({ title: 'Batch one' }) },
      { op: 'upsert', externalId: 'B-2', job: posting({ title: 'x' }) },
      { op: 'close', externalId: 'GQL-1', reason: 'filled' },
      { op: 'upsert', externalId: 'B-3' },
    ];
    const dry = await gql(ctx.app, m, { items, dryRun: true }, openai);
    expect(dry.data.upsertJobs.summary).toEqual({ created: 1, updated: 0, unchanged: 0, closed: 1, error: 2 });
    expect((await ctx.app.inject({ url: '/v1/partner/jobs/B-1', headers: openai })).statusCode).toBe(404);

    const r = await gql(ctx.app, m, { items }, openai);
    expect(r.data.upsertJobs.dryRun).toBe(false);
    const results = r.data.upsertJobs.results;
    expect(results.map((x: { result: string }) => x.result)).toEqual(['created', 'error', 'closed', 'error']);
    expect(results[1].errors.map((e: { name: string }) => e.name)).toEqual(['items.1.job.title']);
    expect(results[3].errors.map((e: { name: string }) => e.name)).toEqual(['items.3.job']);
    expect((await ctx.app.inject({ url: '/v1/partner/jobs/B-1', headers: openai })).json().title).toBe('Batch one');

    const empty = await gql(ctx.app, m, { items: [] }, openai);
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
  });
});
