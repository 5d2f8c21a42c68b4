import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/lib/paths.js';
import { renderOpenApi } from '../src/openapi-document.js';
import { createTestApp, type TestContext } from './helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('OpenAPI contract', () => {
  it('the committed openapi/openapi.json is what the route schemas generate (run `npm run openapi`)', async () => {
    const committed = await readFile(join(projectRoot, 'openapi', 'openapi.json'), 'utf8');
    expect(committed).toBe(await renderOpenApi());
  });

  it('is served at /openapi.json as OpenAPI 3.1 and lists every served /v1 route', async () => {
    const res = await ctx.app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const v1 = ctx.app.routeList.filter((r) => r.url.startsWith('/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(v1.length).toBeGreaterThan(0);
    for (const r of v1) {
      const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
      expect(doc.paths[path], `${r.method} ${r.url} missing from OpenAPI`).toBeDefined();
      expect(doc.paths[path]![r.method.toLowerCase()], `${r.method} ${r.url} missing from OpenAPI`).toBeDefined();
    }
  });

  it('/docs renders the interactive reference', async () => {
    const res = await ctx.app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('swagger-ui');
  });
});
