import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/index.js';
import { createTestDatabase } from '../helpers/database.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('a 5xx shows no internals and carries the request id that the log line has', async () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'info', PGLITE_DIR: 'memory://' }), {
    database,
    logger: { level: 'info', stream },
  });
  app.get('/v1/test-only-failure', async () => {
    throw new Error('connection string postgres://admin:hunter2@db/internal exploded');
  });
  await app.ready();
  try {
    const res = await app.inject({ url: '/v1/test-only-failure', headers: { 'x-request-id': 'req-test-500' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe('req-test-500');
    const body = res.json();
    expect(body).toMatchObject({ status: 500, title: 'Internal Server Error', request_id: 'req-test-500' });
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('exploded');
    const logged = lines.find((l) => l.reqId === 'req-test-500' && l.level === 50);
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).toContain('exploded');
  } finally {
    await app.close();
  }
});

it('a request id that is not sane is replaced, not echoed', async () => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', PGLITE_DIR: 'memory://' }), { database, logger: false });
  try {
    const res = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces <script>' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await app.close();
  }
});
