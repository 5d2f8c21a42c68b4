import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/index.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('a 5xx shows no internals and carries the request id that the log line has', async () => {
  const ctx = await createTestApp({ database, env: { LOG_LEVEL: 'info' }, logs: 'info', ready: false });
  const { app, logs: lines } = ctx;
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
    await ctx.close();
  }
});

it('a request id that is not sane is replaced, not echoed', async () => {
  const { app, close } = await createTestApp({ database });
  try {
    const res = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces <script>' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await close();
  }
});
