import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpProblem } from '../../src/lib/errors.js';
import { PROBLEM_FORBIDDEN, PROBLEM_UNAUTHENTICATED } from '../../src/plugins/auth.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { codeOf, gql } from '../helpers/graphql.js';
import { inSeconds, signJwt } from '../helpers/jwt.js';

/**
 * The claims an internal JWT must carry, one rule per test: each test fails when its rule is
 * dropped. Defaults apply: JWT_MAX_LIFETIME_SECONDS 86,400 and JWT_CLOCK_SKEW_SECONDS 30.
 */

const JWT_SECRET = 'auth-jwt-test-secret-long-enough-for-hs256!';
const ISSUER = 'https://id.hiringradar.example';
const AUDIENCE = 'hiring-radar-api';
const MAX_LIFETIME = 86_400;
const SKEW = 30;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ JWT_SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
}, 120_000);
afterAll(() => ctx?.close());

/** Claims that pass every rule; tests change or drop one. */
const valid = () => ({ sub: 'frontend-1', role: 'admin', iss: ISSUER, aud: AUDIENCE, iat: inSeconds(0), exp: inSeconds(600) });
const without = (claim: string) => Object.fromEntries(Object.entries(valid()).filter(([k]) => k !== claim));
const bearer = (claims: Record<string, unknown>) => ({ authorization: `Bearer ${signJwt(claims, JWT_SECRET)}` });

async function get(url: string, claims: Record<string, unknown>) {
  const res = await ctx.app.inject({ url, headers: bearer(claims) });
  return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: res.json() as Record<string, unknown> };
}

async function expectRefused(claims: Record<string, unknown>, detail: RegExp) {
  const res = await get('/v1/admin/keys', claims);
  expect(res.status, JSON.stringify(res.body)).toBe(401);
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 401, type: PROBLEM_UNAUTHENTICATED });
  expect(res.body.detail).toMatch(detail);
  // The same token on a public read: a 401 too, never a fall-back to anonymous.
  expect((await get('/v1/jobs', claims)).status).toBe(401);
}

describe('JWT claims', () => {
  it('a token that meets every rule reads /v1/admin/keys', async () => {
    expect((await get('/v1/admin/keys', valid())).status).toBe(200);
    // aud may be an array holding this API's audience.
    expect((await get('/v1/admin/keys', { ...valid(), aud: ['other-api', AUDIENCE] })).status).toBe(200);
  });

  it('iss is required when JWT_ISSUER is set, and must match it', async () => {
    await expectRefused(without('iss'), /"iss"/);
    await expectRefused({ ...valid(), iss: 'https://evil.example' }, /"iss".*issuer/);
    await expectRefused({ ...valid(), iss: 42 }, /"iss"/);
  });

  it('aud is required when JWT_AUDIENCE is set, and must hold it', async () => {
    await expectRefused(without('aud'), /"aud"/);
    await expectRefused({ ...valid(), aud: 'another-api' }, /"aud".*audience/);
    await expectRefused({ ...valid(), aud: [] }, /"aud"/);
  });

  it('sub is required and a non-empty string (no shared rate-limit bucket for subject-less tokens)', async () => {
    await expectRefused(without('sub'), /"sub"/);
    await expectRefused({ ...valid(), sub: '' }, /"sub".*non-empty/);
    await expectRefused({ ...valid(), sub: '   ' }, /"sub".*non-empty/);
    await expectRefused({ ...valid(), sub: 7 }, /"sub"/);
    await expectRefused({ ...valid(), sub: 'x'.repeat(257) }, /"sub".*longer/);
  });

  it('exp is required, a number, and not past (beyond the clock skew)', async () => {
    await expectRefused(without('exp'), /"exp"/);
    await expectRefused({ ...valid(), exp: String(inSeconds(600)) }, /"exp"/);
    await expectRefused({ ...valid(), iat: inSeconds(-600), exp: inSeconds(-SKEW - 5) }, /expired.*"exp"/);
    // Just expired by a clock a little ahead of the issuer's: still accepted.
    expect((await get('/v1/admin/keys', { ...valid(), iat: inSeconds(-600), exp: inSeconds(-5) })).status).toBe(200);
  });

  it('an iat in the future beyond the clock skew is refused', async () => {
    await expectRefused({ ...valid(), iat: inSeconds(SKEW + 60), exp: inSeconds(SKEW + 600) }, /"iat".*future/);
    await expectRefused({ ...valid(), iat: 'yesterday' }, /"iat"/);
    // Within the skew: an issuer whose clock runs a little ahead.
    expect((await get('/v1/admin/keys', { ...valid(), iat: inSeconds(5) })).status).toBe(200);
  });

  it('nbf in the future is refused', async () => {
    await expectRefused({ ...valid(), nbf: inSeconds(SKEW + 60) }, /"nbf"/);
  });

  it('lifetimes above JWT_MAX_LIFETIME_SECONDS are refused, with or without iat', async () => {
    const iat = inSeconds(-60);
    await expectRefused({ ...valid(), iat, exp: iat + MAX_LIFETIME + 1 }, /longer than 86400 s/);
    await expectRefused({ ...valid(), iat, exp: inSeconds(100 * 365 * 86_400) }, /longer than 86400 s/);
    await expectRefused({ ...without('iat'), exp: inSeconds(MAX_LIFETIME + SKEW + 60) }, /longer than 86400 s/);
    expect((await get('/v1/admin/keys', { ...valid(), iat, exp: iat + MAX_LIFETIME })).status).toBe(200);
    expect((await get('/v1/admin/keys', { ...without('iat'), exp: inSeconds(MAX_LIFETIME - 60) })).status).toBe(200);
  });

  it('the lifetime limit and the clock skew are settings', async () => {
    const own = await createTestApp({ JWT_SECRET, JWT_MAX_LIFETIME_SECONDS: '600', JWT_CLOCK_SKEW_SECONDS: '0' });
    try {
      const call = async (claims: Record<string, unknown>) => (await own.app.inject({ url: '/v1/admin/keys', headers: bearer(claims) })).statusCode;
      expect(await call({ sub: 'a', role: 'admin', iat: inSeconds(0), exp: inSeconds(600) })).toBe(200);
      expect(await call({ sub: 'a', role: 'admin', iat: inSeconds(0), exp: inSeconds(601) })).toBe(401);
      expect(await call({ sub: 'a', role: 'admin', iat: inSeconds(5), exp: inSeconds(300) })).toBe(401);
      expect(await call({ sub: 'a', role: 'admin', exp: inSeconds(-2) })).toBe(401);
    } finally {
      await own.close();
    }
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'nobody'])(
    'role %j is authenticated with no scopes: 403 where a scope is needed, never 500',
    async (role) => {
      const claims = { ...valid(), role };
      const admin = await get('/v1/admin/keys', claims);
      expect(admin.status, JSON.stringify(admin.body)).toBe(403);
      expect(admin.body).toMatchObject({ status: 403, type: PROBLEM_FORBIDDEN });
      const usage = await get('/v1/usage', claims);
      expect(usage.status).toBe(200);
      expect(usage.body).toMatchObject({ tier: 'internal', caller: { type: 'jwt', subject: 'frontend-1', scopes: [] } });
      expect((await get('/v1/jobs', claims)).status).toBe(403);
      // GraphQL over HTTP: FORBIDDEN, not an internal error.
      const r = await gql(ctx.app, '{ jobs(first: 1) { totalCount } }', undefined, bearer(claims));
      expect(r.status).toBe(403);
      expect(codeOf(r)).toBe('FORBIDDEN');
    },
  );

  it('GraphQL over HTTP answers a refused token UNAUTHENTICATED with the claim named', async () => {
    for (const [claims, detail] of [
      [without('iss'), /"iss"/],
      [without('sub'), /"sub"/],
      [{ ...valid(), iat: inSeconds(3600) }, /"iat"/],
    ] as const) {
      const r = await gql(ctx.app, '{ jobs(first: 1) { totalCount } }', undefined, bearer(claims));
      expect(r.status).toBe(401);
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0]!.message).toMatch(detail);
    }
  });

  it('the WebSocket path (app.authenticate, as connection_init uses it) applies the same rules', async () => {
    const authenticate = (claims: Record<string, unknown>) => ctx.app.authenticate(bearer(claims), 'websocket');
    const ok = await authenticate(valid());
    expect(ok).toMatchObject({ type: 'jwt', subject: 'frontend-1', rateKey: 'jwt:frontend-1' });
    for (const [claims, detail] of [
      [without('aud'), /"aud"/],
      [{ ...valid(), sub: '' }, /"sub"/],
      [{ ...valid(), exp: inSeconds(MAX_LIFETIME * 2) }, /longer than/],
    ] as const) {
      const err = await authenticate(claims).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(HttpProblem);
      expect((err as HttpProblem).status).toBe(401);
      expect((err as HttpProblem).message).toMatch(detail);
    }
    expect(await authenticate({ ...valid(), role: '__proto__' })).toMatchObject({ type: 'jwt', scopes: [] });
  });

  it('property: no validly signed claim set, however odd, is answered 5xx', async () => {
    const time = fc.oneof(
      fc.integer({ min: -2 * MAX_LIFETIME, max: 2 * MAX_LIFETIME }).map((d) => inSeconds(d)),
      fc.double({ noNaN: false }),
      fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER),
      fc.string(),
      fc.constant(null),
    );
    const text = fc.oneof(fc.string(), fc.constantFrom('', ' ', ISSUER, AUDIENCE, '__proto__', 'constructor'), fc.jsonValue());
    const claims = fc.record(
      {
        sub: text,
        role: fc.oneof(fc.constantFrom('admin', 'analyst', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype'), text),
        iss: fc.oneof(fc.constant(ISSUER), text),
        aud: fc.oneof(fc.constant(AUDIENCE), fc.array(fc.oneof(fc.constant(AUDIENCE), fc.string())), text),
        iat: time,
        exp: time,
        nbf: time,
        extra: fc.dictionary(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    // Sometimes a payload that is not an object at all.
    const payload = fc.oneof({ weight: 9, arbitrary: claims }, { weight: 1, arbitrary: fc.jsonValue() });
    await fc.assert(
      fc.asyncProperty(payload, fc.constantFrom('/v1/admin/keys', '/v1/usage', '/v1/jobs?limit=1'), async (body, url) => {
        const res = await ctx.app.inject({ url, headers: bearer(body as Record<string, unknown>) });
        expect(res.statusCode, `${url} ${JSON.stringify(body)}: ${res.body}`).toBeLessThan(500);
        expect([200, 401, 403]).toContain(res.statusCode);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
