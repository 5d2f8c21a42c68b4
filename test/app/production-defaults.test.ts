import { connect as netConnect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { partnerPosting } from '../helpers/partner.js';

const HOSTILE_TITLE = '</script><script>alert(1)</script> & more';

let prod: TestContext;
let jobId: string;

beforeAll(async () => {
  prod = await createTestApp({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://api.hiringradar.dev', RATE_LIMIT_PARTNER: '100000' });
  await seedTestJobs(prod.database.db, 5, 2);
  const key = await createKey(prod.database.db, { name: 'ATS', tier: 'partner', company: 'openai' });
  const res = await prod.app.inject({
    method: 'PUT',
    url: '/v1/partner/jobs/REQ-SECRET-77',
    headers: { authorization: `Bearer ${key.secret}` },
    payload: partnerPosting({ title: HOSTILE_TITLE }),
  });
  expect(res.statusCode).toBe(201);
  jobId = res.json().id;
}, 120_000);
afterAll(() => prod?.close());

describe('production defaults', () => {
  it('NODE_ENV=production turns GraphiQL and introspection off unless switched on', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphql).toMatchObject({ ide: false, introspection: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_IDE: 'true', GRAPHQL_INTROSPECTION: 'true' }).graphql).toMatchObject({ ide: true, introspection: true });
    expect(loadConfig({}).graphql).toMatchObject({ ide: true, introspection: true });
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://x.example/path' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('in production /graphiql is not served and introspection is refused', async () => {
    expect((await prod.app.inject('/graphiql')).statusCode).toBe(404);
    const res = await prod.app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __schema { types { name } } }' } });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toMatch(/introspection/i);
  });

  it('JSON-LD takes @id from PUBLIC_BASE_URL, never from Host, and hides the partner external_id', async () => {
    const res = await prod.app.inject({ url: `/v1/jobs/${jobId}`, headers: { accept: 'application/ld+json', host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('evil.example');
    expect(res.body).not.toContain('REQ-SECRET-77');
    const doc = res.json();
    expect(doc['@id']).toBe(`https://api.hiringradar.dev/v1/jobs/${jobId}`);
    expect(doc.identifier.value).toBe(jobId);
  });

  it('without PUBLIC_BASE_URL no absolute URL is published at all', async () => {
    const dev = await createTestApp();
    try {
      await seedTestJobs(dev.database.db, 5, 2);
      const id = (await dev.app.inject('/v1/jobs?limit=1&status=all')).json().data[0].id;
      const res = await dev.app.inject({ url: `/v1/jobs/${id}`, headers: { accept: 'application/ld+json', host: 'evil.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('evil.example');
      expect(res.json()['@id']).toBeUndefined();
    } finally {
      await dev.close();
    }
  });

  it('JSON-LD is safe inside an HTML <script> element: < > & are \\u escapes, and parse back to the title', async () => {
    const res = await prod.app.inject({ url: `/v1/jobs/${jobId}`, headers: { accept: 'application/ld+json' } });
    expect(res.body).not.toMatch(/[<>&]/);
    expect(res.body).toContain('\\u003c/script\\u003e');
    expect(res.json().title).toBe(HOSTILE_TITLE);
  });

  it("the router's own errors are problem+json: a bad percent-encoding (400) and an overlong parameter (414)", async () => {
    const bad = await prod.app.inject('/v1/jobs/%zz');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({ status: 400, instance: '/v1/jobs/%zz' });
    const long = await prod.app.inject(`/v1/companies/${'a'.repeat(300)}`);
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(long.json().title).toBe('URI Too Long');
  });

  it('the HTTP parser refusing a request answers problem+json too (real socket)', async () => {
    await prod.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = prod.app.server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = netConnect(port, '127.0.0.1', () => socket.write('GET /v1/jobs HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
  });
});
