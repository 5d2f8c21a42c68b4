import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/modules/jobs/jobs.schemas.js';
import { htmlSafeJson, toJobPosting } from '../../src/modules/jobs/jsonld/to-job-posting.js';
import { projectRoot } from '../../src/lib/paths.js';
import { renderOpenApi } from '../../src/openapi-document.js';
import { createTestApp, type TestContext } from '../helpers/app.js';

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

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; headers?: Record<string, { $ref: string }>; content?: Record<string, { schema: Json }> }>;
}

async function documentOf(): Promise<{ doc: Json & { paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, Json>> } }> {
  return { doc: JSON.parse(await readFile(join(projectRoot, 'openapi', 'openapi.json'), 'utf8')) };
}

function* operations(doc: { paths: Record<string, Record<string, Operation>> }) {
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) yield { path, method, op };
}

function* schemaNodes(node: unknown, at = ''): Generator<{ node: Json; at: string }> {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) yield* schemaNodes(n, `${at}/${i}`);
  } else if (node && typeof node === 'object') {
    yield { node: node as Json, at };
    for (const [k, v] of Object.entries(node)) yield* schemaNodes(v, `${at}/${k}`);
  }
}

const sampleJob = (over: Partial<Job> = {}): Job => ({
  id: 'job_1',
  title: 'Senior LLM Engineer <script>',
  company: { id: 'c1', slug: 'acme-ai', name: 'Acme AI', category: 'ai_native' },
  role: 'llm_engineer',
  seniority: 'senior',
  domain: 'general',
  skills: ['python', 'pytorch'],
  description: '<p>Build models.</p>',
  employment_type: 'full_time',
  workplace: 'hybrid',
  location: { city: 'Paris', region: null, country: 'FR' },
  salary: { min: 90_000, max: 120_000, currency: 'EUR', period: 'year', annual_usd_min: 97_000, annual_usd_max: 130_000, fx_as_of: '2026-03-01' },
  posted_at: '2026-03-01T09:00:00.000Z',
  valid_through: '2026-06-01T00:00:00.000Z',
  status: 'open',
  close_reason: null,
  closed_at: null,
  apply_url: 'https://acme.example/jobs/1',
  created_at: '2026-03-01T09:00:00.000Z',
  updated_at: '2026-03-01T09:00:00.000Z',
  ...over,
});

describe('OpenAPI document: complete and exact', () => {
  it('every enum says its type (clients get string unions, not unknown)', async () => {
    const { doc } = await documentOf();
    const untyped = [...schemaNodes(doc)].filter(({ node }) => ('enum' in node || 'const' in node) && !('type' in node)).map(({ at }) => at);
    expect(untyped).toEqual([]);
  });

  it('every response has a real description, and every 2xx body and request body is a named component', async () => {
    const { doc } = await documentOf();
    for (const { path, method, op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${method} ${path} ${status}`).toBeTruthy();
        expect(response.description, `${method} ${path} ${status}`).not.toBe('Default Response');
        if (!status.startsWith('2')) continue;
        for (const [media, { schema }] of Object.entries(response.content ?? {})) {
          const named = typeof schema.$ref === 'string' || (schema.anyOf as Json[] | undefined)?.every((s) => typeof s.$ref === 'string');
          expect(named, `${method} ${path} ${status} ${media} is inline`).toBe(true);
        }
      }
      for (const [media, { schema }] of Object.entries(op.requestBody?.content ?? {})) {
        expect(typeof schema.$ref, `${method} ${path} request ${media} is inline`).toBe('string');
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas!)) {
      expect(schema.description, `components.schemas.${name} has no description`).toBeTruthy();
    }
  });

  it('GET /v1/jobs/{id}: JSON is a Job, JSON-LD is a JobPostingLd, each under its own media type', async () => {
    const { doc } = await documentOf();
    const ok = doc.paths['/v1/jobs/{id}']!.get!.responses['200']!;
    expect(ok.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Job' } },
      'application/ld+json': { schema: { $ref: '#/components/schemas/JobPostingLd' } },
    });
    const notModified = doc.paths['/v1/jobs/{id}']!.get!.responses['304']!;
    expect(notModified.content).toBeUndefined();
    expect(Object.keys(notModified.headers ?? {})).toEqual(expect.arrayContaining(['ETag', 'Vary']));
  });

  it('JobPostingLd describes exactly what toJobPosting writes', async () => {
    const { doc } = await documentOf();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(doc as object, 'openapi');
    const validate = ajv.compile({ $ref: 'openapi#/components/schemas/JobPostingLd' });
    const jobs = [
      sampleJob(),
      sampleJob({ workplace: 'remote', location: { city: null, region: null, country: 'US' }, salary: null, apply_url: null, skills: [] }),
      sampleJob({ status: 'closed', close_reason: 'filled', closed_at: '2026-04-01T00:00:00.000Z', valid_through: null, employment_type: 'internship' }),
    ];
    for (const job of jobs) {
      for (const options of [{}, { baseUrl: 'https://api.hiringradar.dev/' }, { externalId: 'REQ-1' }]) {
        const posting: unknown = JSON.parse(htmlSafeJson(toJobPosting(job, options)));
        expect(validate(posting), JSON.stringify(validate.errors)).toBe(true);
      }
    }
    // Nothing beyond what it describes.
    expect(validate({ ...toJobPosting(sampleJob()), extra: 1 })).toBe(false);
  });

  it('every operation documents each status it can answer, as problem+json with its problem types', async () => {
    const { doc } = await documentOf();
    for (const { path, method, op } of operations(doc)) {
      const statuses = Object.keys(op.responses);
      const where = `${method.toUpperCase()} ${path}`;
      const expected = ['400', '500'];
      if (path.startsWith('/v1/')) expected.push('401', '429', '503');
      if (path.includes('{')) expected.push('404', '414');
      if (['post', 'put', 'patch', 'delete'].includes(method)) expected.push('413', '415');
      expect(statuses, where).toEqual(expect.arrayContaining(expected));
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const ref = response.content?.['application/problem+json']?.schema.$ref as string;
        expect(ref, `${where} ${status}`).toMatch(/^#\/components\/schemas\/\w+Problem$/);
        const schema = doc.components.schemas![ref.split('/').pop()!] as { allOf: [Json, { properties: { type: { enum: string[] }; status: { enum: number[] } } }] };
        expect(schema.allOf[0], `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
        expect(schema.allOf[1].properties.status.enum, `${where} ${status}`).toEqual([Number(status)]);
        expect(schema.allOf[1].properties.type.enum.length, `${where} ${status}`).toBeGreaterThan(0);
        expect(response.description, `${where} ${status}`).toMatch(/Problem types?: /);
      }
    }
    const ops = Object.fromEntries([...operations(doc)].map(({ op }) => [op.operationId, op]));
    expect(Object.keys(ops.createCompany!.responses)).toContain('409');
    expect(Object.keys(ops.createPartnerJob!.responses)).toEqual(expect.arrayContaining(['409', '422']));
    expect(ops.createPartnerJob!.responses['409']!.content!['application/problem+json']!.schema).toEqual({ $ref: '#/components/schemas/ConflictOrInProgressProblem' });
    expect((doc.components.schemas!.ConflictOrInProgressProblem as { allOf: Json[] }).allOf[1]).toMatchObject({
      properties: { type: { enum: ['urn:hiring-radar:problem:conflict', 'urn:hiring-radar:problem:idempotency-in-progress'] } },
    });
    for (const id of ['putPartnerJob', 'patchPartnerJob', 'updateLayoff', 'deleteLayoff']) expect(Object.keys(ops[id]!.responses), id).toContain('412');
    for (const id of ['getJob', 'getPartnerJob', 'getLayoff']) expect(ops[id]!.responses['304'], id).toBeDefined();
    expect(ops.deleteLayoff!.responses['204']!.content).toBeUndefined();
    expect(Object.keys(ops.createPartnerJob!.requestBody!.content)).toEqual(['application/json', 'application/ld+json']);
  });

  it('documents the response headers each response sends, through components.headers', async () => {
    const { doc } = await documentOf();
    const headers = doc.components.headers!;
    for (const name of ['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'Link', 'ETag', 'Vary', 'Location', 'Idempotent-Replayed', 'WWW-Authenticate']) {
      expect(headers[name], name).toBeDefined();
    }
    for (const { path, method, op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        const where = `${method.toUpperCase()} ${path} ${status}`;
        const names = Object.keys(response.headers ?? {});
        for (const [name, header] of Object.entries(response.headers ?? {})) expect(header, where).toEqual({ $ref: `#/components/headers/${name}` });
        expect(names, where).toContain('X-Request-Id');
        if (path.startsWith('/v1/')) expect(names, where).toEqual(expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']));
        if (status === '429') expect(names, where).toContain('Retry-After');
        if (status === '401') expect(names, where).toContain('WWW-Authenticate');
        if (status === '201') expect(names, where).toContain('Location');
        if (status === '304') expect(names, where).toContain('ETag');
        const schema = response.content?.['application/json']?.schema;
        const list = typeof schema?.$ref === 'string' && /List$/.test(schema.$ref);
        if (status === '200' && list) expect(names, where).toContain('Link');
      }
    }
    const ops = Object.fromEntries([...operations(doc)].map(({ op }) => [op.operationId, op]));
    for (const id of ['createPartnerJob', 'reopenPartnerJob', 'batchPartnerJobs', 'createLayoff']) {
      const success = ops[id]!.responses['201'] ?? ops[id]!.responses['200']!;
      expect(Object.keys(success.headers!), id).toContain('Idempotent-Replayed');
    }
  });

  it('states the unit convention of premiums, shares and growth', async () => {
    const { doc } = await documentOf();
    expect((doc.info as { description: string }).description).toMatch(/fractions.*0\.25 is \+25 %/s);
  });
});
