import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connect, type DatabaseHandle } from '../../src/db/index.js';
import type { JobStream } from '../../src/modules/jobs/job-stream.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { seedTestJobs } from '../helpers/data.js';
import { inSeconds, signJwt } from '../helpers/jwt.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
const ENV = { RATE_LIMIT_PARTNER: '1000000', JOB_STREAM_POLL_MS: '1000', JWT_SECRET };

const posting = (role: string, title: string) => ({
  title,
  description: '<p>Live.</p>',
  role,
  seniority: 'senior',
  workplace: 'remote',
  location: { country: 'US' },
});

async function until(done: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Two instances share one database only on a PostgreSQL server: an embedded PGlite lives inside one
// process's memory, so a second app cannot open it.
describe.skipIf(!process.env.DATABASE_URL)('GraphQL subscriptions across two instances over real WebSockets (PostgreSQL only)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let second: DatabaseHandle;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let urlB: string;
  let partner: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedTestJobs(database.db, 5);
    second = await connect({ databaseUrl: database.url!, poolSize: 5 });
    // Each app leaves the database it was given open (closed below, after both apps).
    a = (await createTestApp({ database, env: ENV, listen: true })).app;
    b = (await createTestApp({ database: second, env: ENV, listen: true })).app;
    urlB = `ws://127.0.0.1:${(b.server.address() as AddressInfo).port}/graphql`;
    partner = (await createKey(database.db, { name: 'OpenAI ATS', tier: 'partner', company: 'openai' })).secret;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await a?.close();
    await b?.close();
    await second?.close();
    await database?.close();
  });

  /** Subscribes on B and records what arrives; resolves once B's stream holds the subscription. */
  async function subscribe(connectionParams: Record<string, string>, query: string) {
    const client = createClient({ url: urlB, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
    clients.push(client);
    const received: { title: string; status: string }[] = [];
    const errors: unknown[] = [];
    const stream = b.jobStream as JobStream;
    const before = stream.listenerCount;
    client.subscribe<Record<string, { title: string; status: string }>>(
      { query },
      {
        next: (value) => (value.errors ? errors.push(value.errors) : received.push(Object.values(value.data!)[0]!)),
        error: (err) => errors.push(err),
        complete: () => undefined,
      },
    );
    await until(() => stream.listenerCount > before || errors.length > 0, 'the subscription to reach the stream');
    await stream.ready();
    return { received, errors };
  }

  const write = async (external_id: string, role: string, title: string) => {
    const res = await fetch(`http://127.0.0.1:${(a.server.address() as AddressInfo).port}/v1/partner/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ external_id, ...posting(role, title) }),
    });
    expect(res.status).toBe(201);
  };

  it('a posting written through A reaches a matching subscriber on B (key in connection_init); a non-matching one does not', async () => {
    const sub = await subscribe({ authorization: `Bearer ${partner}` }, 'subscription { jobPosted(filter: { role: [llm_engineer] }) { title status } }');
    await write('ws-analyst', 'data_analyst', 'Not for this subscriber');
    await write('ws-llm', 'llm_engineer', 'Live LLM role');
    await until(() => sub.received.length > 0 || sub.errors.length > 0, 'a jobPosted event on B');
    // Events arrive in feed order: had the earlier, non-matching posting been sent, it would be first.
    expect(sub.errors).toEqual([]);
    expect(sub.received).toEqual([{ title: 'Live LLM role', status: 'open' }]);
  });

  it('a JWT in connection_init authenticates too', async () => {
    const jwt = signJwt({ sub: 'frontend', role: 'analyst', exp: inSeconds(600) }, JWT_SECRET);
    const sub = await subscribe({ authorization: `Bearer ${jwt}` }, 'subscription { jobPosted(filter: { company: ["openai"] }) { title status } }');
    await write('ws-jwt', 'applied_ml', 'Seen with a JWT');
    await until(() => sub.received.length > 0 || sub.errors.length > 0, 'a jobPosted event with a JWT');
    expect(sub.errors).toEqual([]);
    expect(sub.received).toEqual([{ title: 'Seen with a JWT', status: 'open' }]);
  });

  it('a bad key in connection_init is refused with an error', async () => {
    const bad = createClient({
      url: urlB,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer hr_live_AAAAAAAAAAAAAAAAAAAAAAAA000000' },
      retryAttempts: 0,
      lazy: false,
    });
    clients.push(bad);
    const outcome = await new Promise<{ event: string; code?: number }>((resolve) => {
      bad.on('connected', () => resolve({ event: 'connected' }));
      bad.on('closed', (e) => resolve({ event: 'closed', code: (e as { code?: number }).code }));
      bad.on('error', () => resolve({ event: 'error' }));
    });
    expect(outcome.event).not.toBe('connected');
    if (outcome.event === 'closed') expect(outcome.code).toBeGreaterThanOrEqual(4000);
  });
});
