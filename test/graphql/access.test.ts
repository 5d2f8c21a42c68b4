import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ClientError, GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { codeOf, gql } from '../helpers/graphql.js';
import { inSeconds, signJwt } from '../helpers/jwt.js';

const JWT_SECRET = 'graphql-test-secret-long-enough-for-hs256!';
// With REDIS_URL set (the CI leg with Redis), the budget lives in Redis.
const redis: Record<string, string> = process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, RATE_LIMIT_REDIS_PREFIX: `hr:gqltest:${randomBytes(4).toString('hex')}:` } : {};

let ctx: TestContext;
let partnerKey: string;
let readOnlyKey: string;
const adminJwt = signJwt({ sub: 'admin-1', role: 'admin', exp: inSeconds(600) }, JWT_SECRET);
const analystJwt = signJwt({ sub: 'analyst-1', role: 'analyst', exp: inSeconds(600) }, JWT_SECRET);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  ctx = await createTestApp({ JWT_SECRET, RATE_LIMIT_ANONYMOUS: '1000000', RATE_LIMIT_FREE: '300', ...redis });
  await seedTestJobs(ctx.database.db, 200, 5);
  partnerKey = (await createKey(ctx.database.db, { name: 'OpenAI ATS', tier: 'partner', company: 'openai' })).secret;
  readOnlyKey = (await createKey(ctx.database.db, { name: 'Reader', tier: 'free', scopes: ['jobs:read'] })).secret;
}, 120_000);
afterAll(() => ctx?.close());

describe('access: the REST rules, field by field', () => {
  it('anonymous callers read jobs and analytics', async () => {
    const r = await gql(ctx.app, '{ jobs(first: 1) { totalCount } salaries { overall { count } } taxonomy { seniorities { key } } }');
    expect(r.errors).toBeUndefined();
  });

  it('a jobs:read key without analytics:read reads public analytics as anonymous callers do, also nested', async () => {
    const r = await gql(ctx.app, '{ company(slug: "openai") { slug stats { asOf } } }', undefined, bearer(readOnlyKey));
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(r.data.company.stats.asOf).toBeTruthy();
    expect((await gql(ctx.app, '{ jobs(first: 1) { totalCount } }', undefined, bearer(readOnlyKey))).errors).toBeUndefined();
  });

  it('partner writes: UNAUTHENTICATED anonymous, FORBIDDEN without jobs:write', async () => {
    const m = 'mutation { closeJob(externalId: "X-1") { result } }';
    const anonymous = await gql(ctx.app, m);
    expect([anonymous.status, codeOf(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
    const reader = await gql(ctx.app, m, undefined, bearer(readOnlyKey));
    expect([reader.status, codeOf(reader)]).toEqual([403, 'FORBIDDEN']);
    // An admin token has every scope but no company: refused as by REST.
    const admin = await gql(ctx.app, m, undefined, bearer(adminJwt));
    expect(codeOf(admin)).toBe('FORBIDDEN');
  });

  it('key mutations: admin only', async () => {
    const create = 'mutation($input: CreateKeyInput!) { createKey(input: $input) { secret key { id prefix tier scopes status company { slug } } } }';
    const input = { name: 'Acme app', tier: 'free' };
    expect(codeOf(await gql(ctx.app, create, { input }, bearer(analystJwt)))).toBe('FORBIDDEN');
    expect(codeOf(await gql(ctx.app, create, { input }, bearer(partnerKey)))).toBe('FORBIDDEN');
    expect(codeOf(await gql(ctx.app, create, { input }))).toBe('UNAUTHENTICATED');

    const created = await gql(ctx.app, create, { input: { ...input, scopes: ['jobs:read'] } }, bearer(adminJwt));
    expect(created.errors).toBeUndefined();
    const { secret, key } = created.data.createKey;
    expect(key).toMatchObject({ tier: 'free', scopes: ['jobs:read'], status: 'active', company: null });
    expect((await gql(ctx.app, '{ usage { tier caller { type scopes } } }', undefined, bearer(secret))).data.usage).toEqual({ tier: 'free', caller: { type: 'api_key', scopes: ['jobs:read'] } });

    const bad = await gql(ctx.app, create, { input: { name: '', tier: 'free', company: 'Not A Slug' } }, bearer(adminJwt));
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect((bad.errors![0]!.extensions!.errors as { name: string }[]).map((e) => e.name).sort()).toEqual(['input.company', 'input.name']);

    const rotated = await gql(ctx.app, 'mutation($id: ID!) { rotateKey(id: $id, oldKeyExpiresAt: "2000-01-01T00:00:00Z") { secret key { id } } }', { id: key.id }, bearer(adminJwt));
    expect(rotated.errors).toBeUndefined();
    expect(codeOf(await gql(ctx.app, '{ ok }', undefined, bearer(secret)))).toBe('UNAUTHENTICATED');
    const newSecret = rotated.data.rotateKey.secret as string;
    expect((await gql(ctx.app, '{ ok }', undefined, bearer(newSecret))).data).toEqual({ ok: true });

    const revoked = await gql(ctx.app, 'mutation($id: ID!) { revokeKey(id: $id) { status } }', { id: rotated.data.rotateKey.key.id }, bearer(adminJwt));
    expect(revoked.data.revokeKey.status).toBe('revoked');
    expect(codeOf(await gql(ctx.app, '{ ok }', undefined, bearer(newSecret)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await gql(ctx.app, 'mutation { revokeKey(id: "nope") { status } }', undefined, bearer(adminJwt)))).toBe('NOT_FOUND');
  });

  it('mutations are refused over GET', async () => {
    const res = await ctx.app.inject({ url: `/graphql?query=${encodeURIComponent('mutation { closeJob(externalId: "X") { result } }')}`, headers: bearer(partnerKey) });
    expect(res.statusCode).toBe(405);
  });

  it('queries work over GET', async () => {
    const res = await ctx.app.inject({ url: `/graphql?query=${encodeURIComponent('{ ok }')}` });
    expect(res.json()).toEqual({ data: { ok: true } });
  });
});

describe('rate limits count cost, in the budget REST uses', () => {
  const remaining = (r: { headers: Record<string, unknown> }) => Number(r.headers['ratelimit-remaining']);

  it('a costly query spends more than a cheap one; REST sees the same budget; RATE_LIMITED when out', async () => {
    const key = (await createKey(ctx.database.db, { name: 'Metered', tier: 'free' })).secret;
    const h = bearer(key);
    const cheap = '{ jobs(first: 1) { totalCount } }';
    const costly = '{ companies(first: 20) { edges { node { jobs(first: 5) { totalCount } } } } }';
    const r1 = await gql(ctx.app, cheap, undefined, h);
    const r2 = await gql(ctx.app, cheap, undefined, h);
    const r3 = await gql(ctx.app, costly, undefined, h);
    expect(r3.errors).toBeUndefined();
    const cheapSpend = remaining(r1) - remaining(r2);
    const costlySpend = remaining(r2) - remaining(r3);
    expect(cheapSpend).toBe(2); // the request, and an operation of cost 1
    expect(costlySpend).toBe(22); // the request, and 1 + 20 nested lists
    expect(costlySpend).toBeGreaterThan(cheapSpend);

    // One budget: REST spends from where GraphQL left it, and GraphQL from where REST did.
    const rest = await ctx.app.inject({ url: '/v1/taxonomy', headers: h });
    expect(remaining({ headers: rest.headers })).toBe(remaining(r3) - 1);
    const usage = await gql(ctx.app, '{ usage { rateLimit { limit remaining } } }', undefined, h);
    expect(usage.data.usage.rateLimit).toEqual({ limit: 300, remaining: remaining({ headers: rest.headers }) - 2 });

    // A batch counts every operation.
    const before = remaining(usage);
    const batch = await ctx.app.inject({ method: 'POST', url: '/graphql', headers: h, payload: [{ query: cheap }, { query: cheap }, { query: cheap }] });
    expect(remaining({ headers: batch.headers })).toBe(before - 4);

    let last = await gql(ctx.app, costly, undefined, h);
    for (let i = 0; i < 20 && !last.errors; i++) last = await gql(ctx.app, costly, undefined, h);
    expect(last.status).toBe(429);
    expect(codeOf(last)).toBe('RATE_LIMITED');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.headers['ratelimit-limit']).toBe('300');
    expect(last.headers['ratelimit-remaining']).toBe('0');
    // REST is out of budget too.
    expect((await ctx.app.inject({ url: '/v1/jobs', headers: h })).statusCode).toBe(429);
    // And the request itself is refused over budget, GraphQL-shaped.
    const refused = await gql(ctx.app, cheap, undefined, h);
    expect([refused.status, codeOf(refused)]).toEqual([429, 'RATE_LIMITED']);
  });
});

describe('a real client over HTTP', () => {
  it('graphql-request queries a listening server, and sees error codes', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const client = new GraphQLClient(`http://127.0.0.1:${port}/graphql`);
    const data = await client.request<{ jobs: { totalCount: number; edges: { node: { id: string; company: { slug: string } } }[] } }>(
      'query($first: Int!, $filter: JobFilter) { jobs(first: $first, filter: $filter) { totalCount edges { node { id company { slug } } } } }',
      { first: 3, filter: { status: 'all' } },
    );
    expect(data.jobs.edges).toHaveLength(3);
    expect(data.jobs.totalCount).toBe(200);
    const err = await client.request('{ jobs(first: 3, filter: { country: ["ZZ"] }) { totalCount } }').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const partner = new GraphQLClient(`http://127.0.0.1:${port}/graphql`, { headers: bearer(partnerKey) });
    const closed = await partner.request<{ closeJob: { result: string } }>('mutation { closeJob(externalId: "none-such") { result } }').catch((e: unknown) => e);
    expect((closed as ClientError).response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
