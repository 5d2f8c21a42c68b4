import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, isWellFormedKey } from '../../src/lib/api-key.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { inSeconds, signJwt } from '../helpers/jwt.js';
import { seedTestJobs } from '../helpers/data.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
let ctx: TestContext;
let adminJwt: string;

beforeAll(async () => {
  ctx = await createTestApp({ JWT_SECRET, RATE_LIMIT_ANONYMOUS: '1000', RATE_LIMIT_FREE: '1000' });
  await seedTestJobs(ctx.database.db, 60, 5);
  adminJwt = signJwt({ sub: 'admin-1', role: 'admin', exp: inSeconds(600) }, JWT_SECRET);
}, 120_000);
afterAll(() => ctx?.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) {
  const res = await ctx.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
  return { status: res.statusCode, body: res.json() as Record<string, any>, headers: res.headers };
}

async function newKey(body: Record<string, unknown>) {
  const res = await call('POST', '/v1/admin/keys', bearer(adminJwt), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { key: { id: string; prefix: string; scopes: string[]; status: string }; secret: string };
}

describe('API keys', () => {
  it('look like hr_live_<random><checksum>, are shown once and stored only as a hash', async () => {
    const { key, secret } = await newKey({ name: 'Acme app', tier: 'free' });
    expect(secret).toMatch(/^hr_live_[0-9A-Za-z]{30}$/);
    expect(isWellFormedKey(secret)).toBe(true);
    expect(secret.startsWith(key.prefix)).toBe(true);
    expect(key.scopes).toEqual(['jobs:read', 'analytics:read']);
    const shown = await call('GET', `/v1/admin/keys/${key.id}`, bearer(adminJwt));
    expect(JSON.stringify(shown.body)).not.toContain(secret);
    const stored = await ctx.database.db.execute(`select * from api_keys where id = '${key.id}'` as never);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(key.prefix.length));
  });

  it('a valid key reads with its tier; Bearer and X-API-Key both work', async () => {
    const { secret } = await newKey({ name: 'reader', tier: 'free' });
    for (const headers of [bearer(secret), { 'x-api-key': secret }]) {
      const res = await call('GET', '/v1/usage', headers);
      expect(res.status).toBe(200);
      expect(res.body.tier).toBe('free');
      expect(res.body.caller.type).toBe('api_key');
      expect(res.headers['ratelimit-limit']).toBe('1000');
    }
    expect((await call('GET', '/v1/jobs', bearer(secret))).status).toBe(200);
  });

  it('no credentials on a public read is the anonymous tier', async () => {
    const res = await call('GET', '/v1/usage');
    expect(res.body).toMatchObject({ tier: 'anonymous', caller: { type: 'anonymous', key: null } });
    expect((await call('GET', '/v1/jobs')).status).toBe(200);
  });

  it.each([
    ['a wrong key', () => generateKey().secret],
    ['a tampered key with a valid prefix', (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A')],
    ['a tampered key with a valid checksum shape', (s: string) => s.slice(0, 12) + (s[12] === 'x' ? 'y' : 'x') + s.slice(13)],
    ['garbage', () => 'hr_live_nope'],
    ['not a bearer scheme', () => 'Basic Zm9vOmJhcg=='],
  ])('%s answers 401 and never falls back to anonymous', async (_label, make) => {
    const { secret } = await newKey({ name: 'victim', tier: 'free' });
    const token = make(secret);
    const headers = token.startsWith('Basic') ? { authorization: token } : bearer(token);
    for (const url of ['/v1/jobs', '/v1/usage', '/v1/admin/keys']) {
      const res = await call('GET', url, headers);
      expect(res.status, url).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.stringify(res.body)).not.toContain(token);
    }
  });

  it('a revoked key answers 401 at once', async () => {
    const { key, secret } = await newKey({ name: 'to revoke', tier: 'free' });
    expect((await call('GET', '/v1/jobs', bearer(secret))).status).toBe(200);
    const revoked = await call('POST', `/v1/admin/keys/${key.id}/revoke`, bearer(adminJwt));
    expect(revoked.body.status).toBe('revoked');
    const res = await call('GET', '/v1/jobs', bearer(secret));
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('revoked');
    // Idempotent: revoking again keeps the first time.
    const again = await call('DELETE', `/v1/admin/keys/${key.id}`, bearer(adminJwt));
    expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
  });

  it('an expired key answers 401', async () => {
    const { key, secret } = await newKey({ name: 'short-lived', tier: 'free', expires_at: new Date(Date.now() + 1500).toISOString() });
    expect((await call('GET', '/v1/jobs', bearer(secret))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    const res = await call('GET', '/v1/jobs', bearer(secret));
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('expired');
    expect((await call('GET', `/v1/admin/keys/${key.id}`, bearer(adminJwt))).body.status).toBe('expired');
  });

  it('a key in the query string is refused (401), whatever the parameter', async () => {
    const { secret } = await newKey({ name: 'leaky', tier: 'free' });
    for (const url of [`/v1/jobs?api_key=${secret}`, `/v1/jobs?key=${secret}`, `/v1/jobs?q=${secret}`, `/v1/usage?access_token=abc`]) {
      const res = await call('GET', url);
      expect(res.status, url).toBe(401);
      expect(res.body.detail).toMatch(/query string/);
    }
  });

  it('a missing scope answers 403: a partner key on an admin route, a read-less key on reads', async () => {
    const partner = await newKey({ name: 'Partner ATS', tier: 'partner', company: 'openai' });
    expect(partner.key.scopes).toEqual(['jobs:read', 'jobs:write', 'analytics:read']);
    for (const [method, url] of [['GET', '/v1/admin/keys'], ['POST', '/v1/admin/keys'], ['PATCH', '/v1/admin/companies/openai']] as const) {
      const res = await call(method, url, bearer(partner.secret), method === 'GET' ? undefined : { name: 'x' });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.type).toBe('urn:hiring-radar:problem:forbidden');
    }
    const writeOnly = await newKey({ name: 'writer', tier: 'partner', company: 'openai', scopes: ['jobs:write'] });
    expect((await call('GET', '/v1/jobs', bearer(writeOnly.secret))).status).toBe(403);
  });

  it('a key that may read jobs may read what anonymous callers read (REST and GraphQL), a write-only key may not', async () => {
    const readWrite = await newKey({ name: 'ATS as the README shows', tier: 'partner', company: 'openai', scopes: ['jobs:read', 'jobs:write'] });
    for (const url of ['/v1/salaries', '/v1/trends/market', '/v1/salaries/premiums']) {
      expect((await call('GET', url)).status, `anonymous ${url}`).toBe(200);
      expect((await call('GET', url, bearer(readWrite.secret))).status, `jobs:read key ${url}`).toBe(200);
    }
    const query = { query: '{ market { period interval } }' };
    const viaGraphql = await ctx.app.inject({ method: 'POST', url: '/graphql', headers: bearer(readWrite.secret), payload: query });
    expect(viaGraphql.statusCode, viaGraphql.body).toBe(200);
    expect(viaGraphql.json().errors).toBeUndefined();
    const writeOnly = await newKey({ name: 'writer only', tier: 'partner', company: 'openai', scopes: ['jobs:write'] });
    expect((await call('GET', '/v1/salaries', bearer(writeOnly.secret))).status).toBe(403);
  });

  it('admin routes need credentials (401 without)', async () => {
    expect((await call('GET', '/v1/admin/keys')).status).toBe(401);
    expect((await call('POST', '/v1/admin/keys', {}, { name: 'x', tier: 'free' })).status).toBe(401);
  });

  it('a key with the admin scope can administer', async () => {
    const admin = await newKey({ name: 'ops bot', tier: 'internal', scopes: ['admin', 'jobs:read'] });
    expect((await call('GET', '/v1/admin/keys', bearer(admin.secret))).status).toBe(200);
  });

  it('last_used_at is kept current without a write per request', async () => {
    const { key, secret } = await newKey({ name: 'busy', tier: 'free' });
    const before = Date.now();
    for (let i = 0; i < 5; i++) await call('GET', '/v1/taxonomy', bearer(secret));
    expect((await call('GET', `/v1/admin/keys/${key.id}`, bearer(adminJwt))).body.last_used_at).toBeNull();
    await ctx.app.keyUsage.flush();
    const used = (await call('GET', `/v1/admin/keys/${key.id}`, bearer(adminJwt))).body.last_used_at as string;
    expect(Date.parse(used)).toBeGreaterThanOrEqual(before - 5);
  });
});

describe('admin API', () => {
  it('creates, lists (paged, filtered), gets, revokes and rotates keys', async () => {
    const made = await Promise.all([1, 2, 3].map((i) => newKey({ name: `list-${i}`, tier: 'partner', company: 'anthropic' })));
    const page1 = await call('GET', '/v1/admin/keys?company=anthropic&limit=2', bearer(adminJwt));
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBeGreaterThanOrEqual(3);
    const page2 = await call('GET', `/v1/admin/keys?company=anthropic&limit=2&cursor=${encodeURIComponent(page1.body.next_cursor)}`, bearer(adminJwt));
    const listed = [...page1.body.data, ...page2.body.data].map((k: { id: string }) => k.id);
    for (const m of made) expect(listed).toContain(m.key.id);
    for (const k of [...page1.body.data, ...page2.body.data]) expect(k.company.slug).toBe('anthropic');
    expect((await call('GET', '/v1/admin/keys/00000000-0000-4000-8000-000000000000', bearer(adminJwt))).status).toBe(404);
    expect((await call('GET', '/v1/admin/keys?status=gone', bearer(adminJwt))).status).toBe(400);
  });

  it('rotation issues a new secret and lets the old one live until the chosen time', async () => {
    const old = await newKey({ name: 'rotating', tier: 'free' });
    const until = new Date(Date.now() + 1500).toISOString();
    const rotated = await call('POST', `/v1/admin/keys/${old.key.id}/rotate`, bearer(adminJwt), { old_key_expires_at: until });
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).not.toBe(old.secret);
    expect(rotated.body.key).toMatchObject({ name: 'rotating', tier: 'free', rotated_from: old.key.id, status: 'active' });
    expect((await call('GET', '/v1/jobs', bearer(old.secret))).status).toBe(200);
    expect((await call('GET', '/v1/jobs', bearer(rotated.body.secret))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await call('GET', '/v1/jobs', bearer(old.secret))).status).toBe(401);
    expect((await call('GET', '/v1/jobs', bearer(rotated.body.secret))).status).toBe(200);
  });

  it('refuses bad key requests with problem+json naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ tier: 'free' }, '/name'],
      [{ name: 'x', tier: 'gold' }, '/tier'],
      [{ name: 'x', tier: 'free', scopes: ['everything'] }, '/scopes/0'],
      [{ name: 'x', tier: 'free', scopes: ['jobs:write'] }, '/scopes'],
      [{ name: 'x', tier: 'partner', company: 'no-such-co' }, '/company'],
      [{ name: 'x', tier: 'free', expires_at: '2001-01-01T00:00:00Z' }, '/expires_at'],
      [{ name: 'x', tier: 'free', secret: 'mine' }, '/secret'],
    ];
    for (const [body, name] of cases) {
      const res = await call('POST', '/v1/admin/keys', bearer(adminJwt), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { name: string }) => e.name), JSON.stringify(res.body)).toContain(name);
    }
  });

  it('creates and updates companies; a new name is searchable at once', async () => {
    const created = await call('POST', '/v1/admin/companies', bearer(adminJwt), { slug: 'acme-ai', name: 'Acme AI', category: 'startup', hq_country: 'US' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/v1/companies/acme-ai');
    expect((await call('POST', '/v1/admin/companies', bearer(adminJwt), { slug: 'acme-ai', name: 'Again', category: 'startup' })).status).toBe(409);
    expect((await call('POST', '/v1/admin/companies', bearer(adminJwt), { slug: 'Bad Slug', name: 'x', category: 'startup' })).status).toBe(400);
    expect((await call('POST', '/v1/admin/companies', bearer(adminJwt), { slug: 'zz-co', name: 'x', category: 'startup', hq_country: 'ZZ' })).status).toBe(400);
    const jobsOfOpenAi = (await call('GET', '/v1/companies/openai/jobs?status=all')).body.total as number;
    const renamed = await call('PATCH', '/v1/admin/companies/openai', bearer(adminJwt), { name: 'Zyxwvut Labs' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Zyxwvut Labs');
    const found = await call('GET', '/v1/jobs?q=zyxwvut&status=all&limit=100');
    expect(found.body.total).toBe(jobsOfOpenAi);
    expect((await call('PATCH', '/v1/admin/companies/nope', bearer(adminJwt), { name: 'x' })).status).toBe(404);
    expect((await call('PATCH', '/v1/admin/companies/openai', bearer(adminJwt), {})).status).toBe(400);
    expect((await call('PATCH', '/v1/admin/companies/openai', bearer(adminJwt), { id: 'x' })).status).toBe(400);
  });
});

describe('JWT for internal frontends', () => {
  it('a valid HS256 token with a role gets the internal tier and its role scopes', async () => {
    const analyst = signJwt({ sub: 'ana', role: 'analyst', exp: inSeconds(60) }, JWT_SECRET);
    const usage = await call('GET', '/v1/usage', bearer(analyst));
    expect(usage.body).toMatchObject({ tier: 'internal', caller: { type: 'jwt', subject: 'ana' } });
    expect((await call('GET', '/v1/admin/keys', bearer(analyst))).status).toBe(403);
    expect((await call('GET', '/v1/admin/keys', bearer(adminJwt))).status).toBe(200);
  });

  it.each([
    ['alg none', () => signJwt({ sub: 'x', role: 'admin', exp: inSeconds(60) }, '', 'none')],
    ['signed with the wrong secret', () => signJwt({ sub: 'x', role: 'admin', exp: inSeconds(60) }, 'another-secret-that-is-long-enough-too!!')],
    // Past the 30 s clock-skew leeway (JWT_CLOCK_SKEW_SECONDS).
    ['expired', () => signJwt({ sub: 'x', role: 'admin', exp: inSeconds(-60) }, JWT_SECRET)],
    ['without exp', () => signJwt({ sub: 'x', role: 'admin' }, JWT_SECRET)],
    ['with another algorithm (HS512)', () => signJwt({ sub: 'x', role: 'admin', exp: inSeconds(60) }, JWT_SECRET, 'HS512')],
    ['tampered payload', () => {
      const [h, , s] = adminJwt.split('.');
      return `${h}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', exp: inSeconds(9999) })).toString('base64url')}.${s}`;
    }],
  ])('a token %s answers 401', async (_label, make) => {
    const res = await call('GET', '/v1/admin/keys', bearer(make()));
    expect(res.status).toBe(401);
    expect((await call('GET', '/v1/jobs', bearer(make()))).status).toBe(401);
  });

  it('RS256 with a public key; iss and aud are checked when configured', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const own = await createTestApp({ JWT_PUBLIC_KEY: pem, JWT_ISSUER: 'https://id.hiringradar.example', JWT_AUDIENCE: 'hiring-radar-api' });
    try {
      const claims = { sub: 'u1', role: 'admin', exp: inSeconds(60), iss: 'https://id.hiringradar.example', aud: 'hiring-radar-api' };
      const ok = await own.app.inject({ url: '/v1/admin/keys', headers: bearer(signJwt(claims, privateKey, 'RS256')) });
      expect(ok.statusCode).toBe(200);
      for (const bad of [{ ...claims, iss: 'https://evil.example' }, { ...claims, aud: 'other' }]) {
        const res = await own.app.inject({ url: '/v1/admin/keys', headers: bearer(signJwt(bad, privateKey, 'RS256')) });
        expect(res.statusCode).toBe(401);
      }
      // Algorithm confusion: an HS256 token "signed" with the public key must not pass.
      const confused = await own.app.inject({ url: '/v1/admin/keys', headers: bearer(signJwt(claims, pem, 'HS256')) });
      expect(confused.statusCode).toBe(401);
    } finally {
      await own.close();
    }
  });

  it('a server without JWT configuration refuses bearer tokens', async () => {
    const own = await createTestApp();
    try {
      const res = await own.app.inject({ url: '/v1/jobs', headers: bearer(adminJwt) });
      expect(res.statusCode).toBe(401);
    } finally {
      await own.close();
    }
  });
});

describe('rate limits by tier', () => {
  it('every API response carries the limit headers; over the limit: 429 problem+json with Retry-After', async () => {
    const own = await createTestApp({ RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_FREE: '5', JWT_SECRET });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await own.app.inject('/v1/taxonomy');
        statuses.push(res.statusCode);
        expect(res.headers['ratelimit-limit']).toBe('3');
        expect(res.headers['ratelimit-reset']).toBeDefined();
        if (res.statusCode === 429) {
          expect(res.headers['retry-after']).toMatch(/^\d+$/);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.json().type).toBe('urn:hiring-radar:problem:rate-limited');
        } else {
          expect(Number(res.headers['ratelimit-remaining'])).toBe(2 - i);
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      // A key has its own budget, by key id, at its tier's size.
      const admin = signJwt({ sub: 'a', role: 'admin', exp: inSeconds(60) }, JWT_SECRET);
      const created = await own.app.inject({ method: 'POST', url: '/v1/admin/keys', headers: bearer(admin), payload: { name: 'k', tier: 'free' } });
      const secret = created.json().secret as string;
      const keyed = await own.app.inject({ url: '/v1/taxonomy', headers: bearer(secret) });
      expect(keyed.statusCode).toBe(200);
      expect(keyed.headers['ratelimit-limit']).toBe('5');
      // Health probes, docs and CORS preflights are not metered.
      expect((await own.app.inject('/healthz')).statusCode).toBe(200);
      const preflight = await own.app.inject({
        method: 'OPTIONS',
        url: '/v1/taxonomy',
        headers: { origin: 'https://board.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.statusCode).toBe(204);
    } finally {
      await own.close();
    }
  });

  it('401 vs 403 vs 429: bad credentials are counted against the IP', async () => {
    const own = await createTestApp({ RATE_LIMIT_ANONYMOUS: '2' });
    try {
      const bad = bearer(generateKey().secret);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await own.app.inject({ url: '/v1/jobs', headers: bad })).statusCode);
      expect(statuses).toEqual([401, 401, 429, 429]);
    } finally {
      await own.close();
    }
  });

  it('trusts X-Forwarded-For only from configured proxies', async () => {
    const trusting = await createTestApp({ RATE_LIMIT_ANONYMOUS: '1', TRUST_PROXY: '127.0.0.1' });
    const plain = await createTestApp({ RATE_LIMIT_ANONYMOUS: '1' });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      expect((await trusting.app.inject({ url: '/v1/taxonomy', headers: from('203.0.113.1') })).statusCode).toBe(200);
      expect((await trusting.app.inject({ url: '/v1/taxonomy', headers: from('203.0.113.2') })).statusCode).toBe(200);
      expect((await trusting.app.inject({ url: '/v1/taxonomy', headers: from('203.0.113.1') })).statusCode).toBe(429);
      expect((await plain.app.inject({ url: '/v1/taxonomy', headers: from('203.0.113.1') })).statusCode).toBe(200);
      expect((await plain.app.inject({ url: '/v1/taxonomy', headers: from('203.0.113.2') })).statusCode).toBe(429);
    } finally {
      await trusting.close();
      await plain.close();
    }
  });
});

describe('logs never contain secrets', () => {
  it('an authenticated request is logged with the key prefix, never the key', async () => {
    const logged = await createTestApp({ database: ctx.database, env: { JWT_SECRET, LOG_LEVEL: 'info' }, logs: 'info' });
    const { app, logLines: lines } = logged;
    try {
      const { key, secret } = await newKey({ name: 'logged', tier: 'free' });
      await app.inject({ url: '/v1/jobs?limit=1', headers: bearer(secret) });
      await app.inject({ url: '/v1/jobs?limit=1', headers: { 'x-api-key': secret } });
      await app.inject({ url: `/v1/jobs?api_key=${secret}` });
      await app.inject({ url: '/v1/usage', headers: bearer(adminJwt) });
      const log = lines.join('\n');
      console.log(`sample log line of an authenticated request: ${lines.find((l) => l.includes(`"key":"${key.prefix}"`))}`);
      expect(lines.some((l) => l.includes(`"key":"${key.prefix}"`))).toBe(true);
      expect(log).not.toContain(secret);
      expect(log).not.toContain(secret.slice(key.prefix.length));
      expect(log).not.toContain(adminJwt.split('.')[2]);
      expect(log).toContain('api_key=[redacted]');
    } finally {
      await logged.close();
    }
  });
});
