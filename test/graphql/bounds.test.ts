import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { JobStream } from '../../src/modules/jobs/job-stream.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { gql } from '../helpers/graphql.js';

/**
 * Bounds on what one caller can hold or spend through GraphQL: WebSocket connections and
 * subscriptions (real sockets on a listening server), batch writes costing 1 per item as on REST,
 * and multi-operation documents charged for the operation that runs.
 */

const LIMITS = {
  GRAPHQL_WS_MAX_CONNECTIONS: '6',
  GRAPHQL_WS_MAX_CONNECTIONS_PER_CALLER: '3',
  GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
  GRAPHQL_WS_INIT_TIMEOUT_MS: '400',
  GRAPHQL_WS_KEEPALIVE_MS: '200',
  GRAPHQL_WS_MAX_PAYLOAD: '4096',
};

let ctx: TestContext;
let url: string;
let live: boolean;
const keys: string[] = [];
let partner: string;

beforeAll(async () => {
  ctx = await createTestApp({ ...LIMITS, RATE_LIMIT_PARTNER: '1000000', RATE_LIMIT_FREE: '1000000', JOB_STREAM_POLL_MS: '200' });
  await seedTestJobs(ctx.database.db, 20, 5);
  for (let i = 0; i < 5; i++) keys.push((await createKey(ctx.database.db, { name: `WS ${i}`, tier: 'free' })).secret);
  partner = (await createKey(ctx.database.db, { name: 'OpenAI ATS', tier: 'partner', company: 'openai' })).secret;
  live = ctx.app.hasDecorator('jobStream');
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}/graphql`;
}, 120_000);
afterAll(() => ctx?.close());

interface Peer {
  ws: WebSocket;
  messages: { type: string; id?: string; payload?: unknown }[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: object): void;
  /** Resolves with the first message (received or still to come) that `match` accepts. */
  next(match: (m: Peer['messages'][number]) => boolean, timeoutMs?: number): Promise<Peer['messages'][number]>;
}

const peers: Peer[] = [];

/** A graphql-transport-ws socket driven message by message. */
async function open(headers: Record<string, string> = {}, options: WebSocket.ClientOptions = {}): Promise<Peer> {
  const ws = new WebSocket(url, 'graphql-transport-ws', { headers, ...options });
  const messages: Peer['messages'] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
  });
  const peer: Peer = {
    ws,
    messages,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    next: (match, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
  peers.push(peer);
  return peer;
}

/** Opens a socket and completes connection_init (credentials, when given, in its payload). */
async function connected(headers: Record<string, string> = {}, payload?: Record<string, string>): Promise<Peer> {
  const peer = await open(headers);
  peer.send({ type: 'connection_init', ...(payload ? { payload } : {}) });
  await peer.next((m) => m.type === 'connection_ack');
  return peer;
}

async function closeAll() {
  await Promise.all(
    peers.splice(0).map(async (p) => {
      if (p.ws.readyState !== WebSocket.CLOSED) p.ws.close();
      await p.closed;
    }),
  );
  await until(() => ctx.app.graphqlWsStats!().connections === 0, 'the server to see every socket closed');
}

async function until(done: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const SUB = 'subscription { jobPosted { id } }';

describe('WebSocket connections and subscriptions are capped', () => {
  it('a caller gets at most GRAPHQL_WS_MAX_CONNECTIONS_PER_CALLER connections; one more closes with 4429; a closed one frees its place', async (test) => {
    if (!live) return test.skip();
    const mine = [await connected(), await connected(), await connected()];
    const refused = await open();
    expect(await refused.closed).toEqual({ code: 4429, reason: 'Too many connections for this caller' });
    // Another caller is not affected.
    const other = await connected(bearer(keys[0]!));
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
    expect(ctx.app.graphqlWsStats!()).toMatchObject({ connections: 4, callers: 2 });
    mine[0]!.ws.close();
    await mine[0]!.closed;
    await until(() => ctx.app.graphqlWsStats!().connections === 3, 'the close to be counted');
    const again = await connected();
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
    await closeAll();
    expect(ctx.app.graphqlWsStats!()).toEqual({ connections: 0, callers: 0, subscriptions: 0 });
  });

  it('an instance holds at most GRAPHQL_WS_MAX_CONNECTIONS connections, whoever the callers', async (test) => {
    if (!live) return test.skip();
    for (let i = 0; i < 3; i++) await connected(bearer(keys[i]!));
    for (let i = 0; i < 3; i++) await connected(bearer(keys[3]!));
    const refused = await open(bearer(keys[4]!));
    expect(await refused.closed).toEqual({ code: 4429, reason: 'Too many connections to this instance' });
    await closeAll();
    // Every slot is free again: the same six (and the seventh) connect.
    for (let i = 0; i < 3; i++) await connected(bearer(keys[i]!));
    await connected(bearer(keys[4]!));
    await closeAll();
  });

  it('credentials in connection_init count the connection against that caller', async (test) => {
    if (!live) return test.skip();
    for (let i = 0; i < 3; i++) await connected(bearer(keys[1]!));
    // Upgraded anonymously (counted against its IP), then authenticated as a caller already at the cap.
    const late = await open();
    late.send({ type: 'connection_init', payload: { authorization: `Bearer ${keys[1]}` } });
    expect(await late.closed).toEqual({ code: 4429, reason: 'Too many connections for this caller' });
    // The anonymous slot it held is released: three anonymous connections still fit.
    for (let i = 0; i < 3; i++) await connected();
    await closeAll();
  });

  it('a second connection_init closes with 4429; no connection_init in time closes with 4408', async (test) => {
    if (!live) return test.skip();
    const twice = await connected();
    twice.send({ type: 'connection_init' });
    expect(await twice.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });
    const silent = await open();
    const started = Date.now();
    expect(await silent.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
    await closeAll();
  });

  it('a connection holds at most GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION subscriptions; one more gets RATE_LIMITED, and an ended one frees its place', async (test) => {
    if (!live) return test.skip();
    const stream = ctx.app.jobStream as JobStream;
    const before = stream.listenerCount;
    const peer = await connected();
    peer.send({ id: 's1', type: 'subscribe', payload: { query: SUB } });
    peer.send({ id: 's2', type: 'subscribe', payload: { query: SUB } });
    peer.send({ id: 's3', type: 'subscribe', payload: { query: SUB } });
    const refused = await peer.next((m) => m.id === 's3');
    expect(refused.type).toBe('error');
    expect(refused.payload).toEqual([
      expect.objectContaining({ extensions: { code: 'RATE_LIMITED', limit: { name: 'subscriptions', max: 2, actual: 3 } } }),
    ]);
    await until(() => stream.listenerCount === before + 2, 'two subscriptions on the stream');
    expect(peer.ws.readyState).toBe(WebSocket.OPEN);
    expect(ctx.app.graphqlWsStats!().subscriptions).toBe(2);

    // The client ends s1; once the server has ended it too, another fits.
    peer.send({ id: 's1', type: 'complete' });
    await until(() => ctx.app.graphqlWsStats!().subscriptions === 1, 'the server to end s1');
    peer.send({ id: 's4', type: 'subscribe', payload: { query: SUB } });
    await until(() => stream.listenerCount === before + 2, 's4 on the stream');
    expect(peer.messages.filter((m) => m.id === 's4' && m.type === 'error')).toEqual([]);

    // A subscription that fails (bad filter) does not hold a place.
    peer.send({ id: 'bad', type: 'subscribe', payload: { query: 'subscription { jobPosted(filter: { country: ["ZZ"] }) { id } }' } });
    await peer.next((m) => m.id === 'bad' && m.type !== 'next');
    expect(ctx.app.graphqlWsStats!().subscriptions).toBe(2);

    await closeAll();
    await until(() => stream.listenerCount === before, 'the stream listeners to be released');
  });

  it('a subscription id already in use closes the connection with 4409, leaving nothing subscribed', async (test) => {
    if (!live) return test.skip();
    const stream = ctx.app.jobStream as JobStream;
    const before = stream.listenerCount;
    const peer = await connected();
    peer.send({ id: 'same', type: 'subscribe', payload: { query: SUB } });
    peer.send({ id: 'same', type: 'subscribe', payload: { query: SUB } });
    expect(await peer.closed).toEqual({ code: 4409, reason: 'Subscriber for same already exists' });
    await closeAll();
    await until(() => stream.listenerCount === before, 'the stream listeners to be released');
  });

  it('a message over GRAPHQL_WS_MAX_PAYLOAD closes the connection with 1009', async (test) => {
    if (!live) return test.skip();
    const peer = await connected();
    peer.send({ id: 'big', type: 'subscribe', payload: { query: `${SUB} ${'#'.repeat(5000)}` } });
    expect((await peer.closed).code).toBe(1009);
    await closeAll();
  });

  it('a peer that stops answering pings is dropped and its place freed; one that answers stays', async (test) => {
    if (!live) return test.skip();
    const healthy = await connected();
    const mute = await open({}, { autoPong: false });
    mute.send({ type: 'connection_init' });
    await mute.next((m) => m.type === 'connection_ack');
    expect((await mute.closed).code).toBe(1006);
    await until(() => ctx.app.graphqlWsStats!().connections === 1, 'the dropped peer to be counted out');
    await new Promise((r) => setTimeout(r, 700));
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    await closeAll();
  });
});

describe('batch writes cost 1 per item, on GraphQL as on REST', () => {
  const remaining = (headers: Record<string, unknown>) => Number(headers['ratelimit-remaining']);
  const closeItems = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ op: 'close', externalId: `${prefix}-${i}`, reason: 'filled' }));
  const BATCH = 'mutation($items: [BatchItem!]!) { upsertJobs(items: $items, dryRun: true) { summary { closed error } } }';

  /** What one GraphQL request spends of the budget. */
  async function spend(query: string, variables?: Record<string, unknown>) {
    const probe = await gql(ctx.app, '{ ok }', undefined, bearer(partner));
    const r = await gql(ctx.app, query, variables, bearer(partner));
    expect(r.errors).toBeUndefined();
    return remaining(probe.headers) - remaining(r.headers);
  }

  async function spendRest(items: number) {
    const probe = await gql(ctx.app, '{ ok }', undefined, bearer(partner));
    const body = { items: closeItems(items, 'REST').map((i) => ({ op: i.op, external_id: i.externalId, reason: i.reason })) };
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs/batch?dry_run=true', headers: bearer(partner), payload: body });
    expect(res.statusCode).toBe(200);
    return remaining(probe.headers) - remaining(res.headers);
  }

  it('upsertJobs of N items spends the request (1) and N, whether the items come as a variable or inline', async () => {
    for (const n of [1, 3, 40]) expect(await spend(BATCH, { items: closeItems(n, `V${n}`) })).toBe(1 + n);
    const inline = `mutation { upsertJobs(items: [${closeItems(4, 'I')
      .map((i) => `{ op: close, externalId: "${i.externalId}", reason: filled }`)
      .join(', ')}], dryRun: true) { summary { closed } } }`;
    expect(await spend(inline)).toBe(1 + 4);
  });

  it('splitting a batch saves nothing: aliased calls of one item each cost 1 per item', async () => {
    const aliased = `mutation { ${Array.from({ length: 6 }, (_, i) => `a${i}: upsertJobs(items: [{ op: close, externalId: "A-${i}", reason: filled }], dryRun: true) { summary { closed } }`).join(' ')} }`;
    expect(await spend(aliased)).toBe(1 + 6);
  });

  it('each further item costs 1 on both: the REST batch and upsertJobs grow alike', async () => {
    const rest = [await spendRest(1), await spendRest(5), await spendRest(20)];
    const graphql = [await spend(BATCH, { items: closeItems(1, 'G1') }), await spend(BATCH, { items: closeItems(5, 'G5') }), await spend(BATCH, { items: closeItems(20, 'G20') })];
    expect([rest[1]! - rest[0]!, rest[2]! - rest[0]!]).toEqual([4, 19]);
    expect([graphql[1]! - graphql[0]!, graphql[2]! - graphql[0]!]).toEqual([4, 19]);
  });
});

describe('a document with several operations is charged and checked for the one that runs', () => {
  const DOC = `query Cheap { ok }
    query Dear { companies(first: 20) { edges { node { jobs(first: 5) { totalCount } } } } }
    mutation Admin { revokeKey(id: "nope") { status } }`;

  async function run(operationName: string | undefined, headers: Record<string, string>) {
    const probe = await gql(ctx.app, '{ ok }', undefined, headers);
    const res = await ctx.app.inject({ method: 'POST', url: '/graphql', headers, payload: { query: DOC, ...(operationName ? { operationName } : {}) } });
    return { body: res.json(), status: res.statusCode, spent: remaining(probe.headers) - remaining(res.headers) };
  }
  const remaining = (headers: Record<string, unknown>) => Number(headers['ratelimit-remaining']);

  it('operationName picks the operation charged: the cheap one costs 2, the dear one 22', async () => {
    const h = bearer(keys[0]!);
    const cheap = await run('Cheap', h);
    expect(cheap.body).toEqual({ data: { ok: true } });
    expect(cheap.spent).toBe(2);
    const dear = await run('Dear', h);
    expect(dear.body.errors).toBeUndefined();
    expect(dear.spent).toBe(22);
  });

  it('an operation that does not run is neither charged nor checked for access', async () => {
    // Anonymous may run Cheap although the same document holds an admin mutation.
    const anonymous = await run('Cheap', {});
    expect(anonymous.body).toEqual({ data: { ok: true } });
    const admin = await run('Admin', {});
    expect(admin.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // No operation runs without a name (or with an unknown one): the request itself is all it costs.
    const h = bearer(keys[1]!);
    for (const name of [undefined, 'Nope']) {
      const none = await run(name, h);
      expect(none.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(none.spent).toBe(1);
    }
    // Nor does a single operation under another name (over GET too, where mercurius failed with a 500).
    const get = await ctx.app.inject({ url: `/graphql?query=${encodeURIComponent('{ ok }')}&operationName=Nope`, headers: h });
    expect([get.statusCode, get.json().errors[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    const named = await ctx.app.inject({ url: `/graphql?query=${encodeURIComponent(DOC)}&operationName=Cheap`, headers: h });
    expect(named.json()).toEqual({ data: { ok: true } });
    const other = await ctx.app.inject({ method: 'POST', url: '/graphql', headers: h, payload: { query: 'query Only { ok }', operationName: 'Else' } });
    expect(other.json().errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('what runs is the operation checked, even once mercurius has compiled (JIT) another operation of the same document', async () => {
    const admin = bearer((await createKey(ctx.database.db, { name: 'Admin', tier: 'internal', scopes: ['admin'] })).secret);
    const doc = `query Cheap { ok } mutation Admin { createKey(input: { name: "jit-probe", tier: free }) { key { id } } }`;
    const post = (operationName: string, headers: Record<string, string>) =>
      ctx.app.inject({ method: 'POST', url: '/graphql', headers, payload: { query: doc, operationName } }).then((r) => r.json());
    // Run often enough for the document to be compiled with Admin as its operation.
    for (let i = 0; i < 3; i++) expect((await post('Admin', admin)).errors).toBeUndefined();
    const probes = async () => (await ctx.app.inject({ url: '/v1/admin/keys?limit=100', headers: admin })).json().data.filter((k: { name: string }) => k.name === 'jit-probe').length;
    expect(await probes()).toBe(3);
    // Anonymous, naming the public query of the same document: gets that, and creates no key.
    expect(await post('Cheap', {})).toEqual({ data: { ok: true } });
    expect((await post('Admin', {})).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await probes()).toBe(3);
  });

  it('in a batch, each entry is charged for the operation it names', async () => {
    const h = bearer(keys[2]!);
    const probe = await gql(ctx.app, '{ ok }', undefined, h);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: h,
      payload: [
        { query: DOC, operationName: 'Cheap' },
        { query: DOC, operationName: 'Cheap' },
      ],
    });
    expect(res.json()).toEqual([{ data: { ok: true } }, { data: { ok: true } }]);
    expect(remaining(probe.headers) - remaining(res.headers)).toBe(1 + 1 + 1);
  });
});
