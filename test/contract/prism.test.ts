/**
 * test/helpers/prism.ts bites: behind Prism's proxy, an answer that breaks the document is listed (method,
 * path, status, what), a request the API rightly rejects is not, and the answers reach the client as the
 * API sent them. Runs under `npm run test:prism` (HR_PRISM=1) only: it starts Prism.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { maybePrismProxy, prismEnabled, type PrismProxy } from '../helpers/prism.js';

// A document that promises what the API does not send on /healthz, and describes /v1/jobs loosely.
const document = {
  openapi: '3.1.0',
  info: { title: 'prism fixture', version: '0.0.0' },
  paths: {
    '/healthz': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'object', required: ['uptime_seconds'], properties: { uptime_seconds: { type: 'integer' } } } } },
          },
        },
      },
    },
    '/v1/jobs': {
      get: {
        parameters: [{ in: 'query', name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 100 } }],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', required: ['data'] } } } },
          '400': { description: 'bad', content: { 'application/problem+json': { schema: { type: 'object' } } } },
        },
      },
    },
  },
};

describe.runIf(prismEnabled)('the Prism proxy helper', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hr-prism-'));
  let ctx: TestContext;
  let proxy: PrismProxy;

  beforeAll(async () => {
    ctx = await createTestApp();
    const target = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    proxy = await maybePrismProxy(target, { document: join(dir, 'openapi.json') });
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists a response that breaks the document, and passes the answer through unchanged', async () => {
    proxy.reset();
    const res = await fetch(`${proxy.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('sl-violations'), 'the recorder keeps Prism\'s header to itself').toBeNull();
    expect(await res.json()).not.toHaveProperty('uptime_seconds');
    expect(proxy.violations()).toEqual([expect.stringMatching(/^GET \/healthz → 200: response\.body.*uptime_seconds.*\[Error\]$/)]);
  });

  it('does not count a bad request that the API rejects, nor a conforming answer', async () => {
    proxy.reset();
    expect((await fetch(`${proxy.url}/v1/jobs?limit=0`)).status).toBe(400);
    expect((await fetch(`${proxy.url}/v1/jobs?limit=1`)).status).toBe(200);
    // Not in the document, outside /v1: GraphQL is checked by its own schema.
    const gql = await fetch(`${proxy.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ok }"}' });
    expect(await gql.json()).toEqual({ data: { ok: true } });
    expect(proxy.violations()).toEqual([]);
  });

  it('lists a /v1 route the document does not describe', async () => {
    proxy.reset();
    expect((await fetch(`${proxy.url}/v1/taxonomy`)).status).toBe(200);
    expect(proxy.violations()).toEqual([expect.stringMatching(/^GET \/v1\/taxonomy → 200: request .*route not found/i)]);
  });
});

describe.skipIf(prismEnabled)('the Prism proxy helper without HR_PRISM=1', () => {
  it('hands back the target unchanged', async () => {
    const proxy = await maybePrismProxy('http://127.0.0.1:9/');
    expect(proxy).toMatchObject({ url: 'http://127.0.0.1:9', enabled: false });
    expect(proxy.violations()).toEqual([]);
    await proxy.close();
  });
});
