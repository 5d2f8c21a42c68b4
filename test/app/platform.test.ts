import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('ops and web platform', () => {
  it('/healthz says the process is up', async () => {
    const res = await ctx.app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz says the database answers', async () => {
    const res = await ctx.app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: ctx.database.backend, rate_limit_store: 'memory', rate_limit_store_failures: 0, rate_limit_breaker: 'closed' });
  });

  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    const given = await ctx.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await ctx.app.inject('/healthz');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows public reads from any origin by default (CORS)', async () => {
    const res = await ctx.app.inject({ url: '/v1/taxonomy', headers: { origin: 'https://board.example' } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    // A browser reads only the headers listed here: each one the document names on some response
    // (but Vary and WWW-Authenticate, which speak to caches and to the auth prompt, not to scripts).
    const doc = ctx.app.swagger() as { components: { headers: Record<string, unknown> } };
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/);
    const named = Object.keys(doc.components.headers).map((h) => h.toLowerCase()).filter((h) => !['vary', 'www-authenticate'].includes(h));
    expect(named.filter((h) => !exposed.includes(h))).toEqual([]);
    const preflight = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/v1/jobs',
      headers: { origin: 'https://board.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/i);
  });

  it('sends security headers, with a CSP that lets /docs load its own assets', async () => {
    const res = await ctx.app.inject('/v1/taxonomy');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    const docs = await ctx.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    // Swagger UI's page must not need inline scripts (the CSP forbids them).
    expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)[^<]+<\/script>/);
  });

  it('compresses large responses when the client accepts it', async () => {
    const res = await ctx.app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});

describe('configured CORS origins', () => {
  it('only allows the configured origins', async () => {
    const own = await createTestApp({ CORS_ORIGINS: 'https://app.hiringradar.example' });
    try {
      const allowed = await own.app.inject({ url: '/v1/taxonomy', headers: { origin: 'https://app.hiringradar.example' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.hiringradar.example');
      const other = await own.app.inject({ url: '/v1/taxonomy', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await own.close();
    }
  });
});
