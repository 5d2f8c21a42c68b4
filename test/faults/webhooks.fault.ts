/**
 * Webhook delivery under faults, against real API processes over one PostgreSQL database of the
 * suite's own: an instance SIGKILLed with an attempt in flight and deliveries queued (a restarted
 * instance delivers all of them, the in-flight one again under the same `webhook-id`), and two
 * instances delivering under concurrent partner writes (every event once, never twice, never two
 * attempts of one message at once, the per-endpoint concurrency bound held across instances).
 * Every request the local receiver gets is verified with the reference `standardwebhooks` package.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { partnerPosting } from '../helpers/partner.js';
import { createKey, runCli, startApi, type ApiProcess } from './api.js';
import { summary } from './load.js';
import { startPostgres, type PostgresServer } from './services.js';

/** An attempt of a killed instance is handed out again after ceil(timeout) + 20 s, then pg-boss's retry delay (5 s). */
const TIMEOUT_MS = 2000;
const EXPIRY_MS = (Math.ceil(TIMEOUT_MS / 1000) + 20) * 1000;
const ENDPOINT_CONCURRENCY = 2;

let pg: PostgresServer;
let openaiKey: string;
let otherKey: string;
let otherCompany: string;

const apiEnv = (): Record<string, string> => ({
  DATABASE_URL: pg.url,
  SEED_DEMO: 'false',
  // info: startApi waits for "Server listening at".
  LOG_LEVEL: 'info',
  RATE_LIMIT_PARTNER: '100000000',
  RATE_LIMIT_ANONYMOUS: '100000000',
  WEBHOOK_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_RETRY_CAP_MS: '1000',
  WEBHOOK_DISPATCH_POLL_MS: '100',
  WEBHOOK_QUEUE_POLL_MS: '500',
  WEBHOOK_QUEUE_SUPERVISE_SECONDS: '1',
  WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
  WEBHOOK_ENDPOINT_CONCURRENCY: String(ENDPOINT_CONCURRENCY),
});

beforeAll(async () => {
  pg = await startPostgres();
  // The seed CLI migrates first and makes the companies the partner keys are bound to.
  await runCli('seed', ['--jobs', '20'], { DATABASE_URL: pg.url, LOG_LEVEL: 'silent' });
  const [other] = await pg.query<{ slug: string }>(`select slug from companies where slug <> 'openai' order by slug limit 1`);
  otherCompany = other!.slug;
  openaiKey = await createKey(pg.url, ['--name', 'fault webhooks A', '--company', 'openai']);
  otherKey = await createKey(pg.url, ['--name', 'fault webhooks B', '--company', otherCompany]);
}, 180_000);

afterAll(async () => {
  await pg?.stop();
});

// ---------------------------------------------------------------------------------------------
// The receiver: records every request, dedupes on webhook-id as a real app would.

interface Received {
  id: string;
  headers: Record<string, string>;
  body: string;
  arrivedAt: number;
  /** When our answer was written (undefined: never answered, e.g. held). */
  answeredAt?: number;
  /** The sender went away before we answered. */
  aborted?: boolean;
  /** A webhook-id already processed: acknowledged without processing again. */
  duplicate: boolean;
  verified: boolean;
  verifyError?: string;
}

type Behaviour = (r: Received, n: number) => 'hold' | number;

class Receiver {
  readonly requests: Received[] = [];
  /** webhook-id → requests (in order of arrival). */
  readonly byId = new Map<string, Received[]>();
  /** webhook-ids processed (answered 2xx once). */
  readonly processed = new Set<string>();
  inFlight = 0;
  maxInFlight = 0;
  private readonly held: ServerResponse[] = [];
  private server!: Server;
  port = 0;
  onRequest: ((r: Received) => void) | undefined;

  constructor(
    private secret: () => string,
    public behaviour: Behaviour,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const arrivedAt = Date.now();
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.inFlight--;
    };
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const headers = req.headers as Record<string, string>;
      const id = String(headers['webhook-id'] ?? '');
      const r: Received = { id, headers, body, arrivedAt, duplicate: this.processed.has(id), verified: false };
      try {
        new Webhook(this.secret()).verify(body, headers);
        r.verified = true;
      } catch (err) {
        r.verifyError = (err as Error).message;
      }
      this.requests.push(r);
      const list = this.byId.get(id) ?? [];
      list.push(r);
      this.byId.set(id, list);
      const action = this.behaviour(r, this.requests.length);
      res.once('close', () => {
        if (r.answeredAt === undefined) r.aborted = true;
        finish();
      });
      this.onRequest?.(r);
      if (action === 'hold') {
        this.held.push(res);
        return;
      }
      const answer = () => {
        if (res.destroyed) return;
        // Processed once; a redelivery is acknowledged as such.
        if (r.verified) this.processed.add(id);
        r.answeredAt = Date.now();
        finish();
        res.writeHead(r.verified ? 200 : 400, { 'content-type': 'text/plain' }).end(r.duplicate ? 'duplicate' : 'ok');
      };
      if (action > 0) setTimeout(answer, action);
      else answer();
    });
  }

  /** Distinct webhook-ids seen. */
  get distinct(): number {
    return this.byId.size;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------

/** The fields the tests read of an answer. */
interface Answer {
  id?: string;
  secret?: string;
  summary?: Record<string, number>;
  [field: string]: unknown;
}

async function api(base: ApiProcess, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${base.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: Answer = { text };
  try {
    json = JSON.parse(text) as Answer;
  } catch {
    // not JSON
  }
  return { status: res.status, json };
}

const upsert = (prefix: string, n: number, title?: string) => ({
  op: 'upsert',
  external_id: `${prefix}-${String(n).padStart(4, '0')}`,
  job: partnerPosting({
    title: title ?? `Webhook fault ${prefix} ${n}`,
    salary: { min: 100_000 + n, max: 400_000, currency: 'USD', period: 'year' },
    apply_url: `https://example.com/careers/${prefix}-${n}`,
  }),
});

async function maxEventId(): Promise<number> {
  const [row] = await pg.query<{ id: string | null }>(`select max(id)::text as id from job_events`);
  return Number(row?.id ?? 0);
}

async function deliveryStates(endpointId: string): Promise<Record<string, number>> {
  const rows = await pg.query<{ state: string; n: string }>(`select state, count(*)::text as n from webhook_deliveries where endpoint_id = $1 group by 1`, [endpointId]);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

async function queueStates(): Promise<Record<string, number>> {
  const rows = await pg.query<{ state: string; n: string }>(`select state::text, count(*)::text as n from pgboss.job where name = 'webhook-delivery' group by 1`);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Waits for `done` (async), polling; false on timeout. */
async function until(done: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------

it('an instance SIGKILLed mid-delivery: a restarted one delivers every event, the in-flight one again under the same webhook-id', async () => {
  const N = 20;
  let secret = '';
  let heldId: string | undefined;
  let firstHeld!: () => void;
  const held = new Promise<void>((resolve) => (firstHeld = resolve));
  // Before the kill: the first request is held (accepted, never answered); the others take 200 ms.
  // After it: everything is answered at once.
  let killed = false;
  const receiver = new Receiver(
    () => secret,
    (r) => {
      if (!killed && heldId === undefined) {
        heldId = r.id;
        return 'hold';
      }
      return killed ? 0 : 200;
    },
  );
  await receiver.start();
  let a: ApiProcess | undefined;
  let b: ApiProcess | undefined;
  try {
    a = await startApi(apiEnv());
    const created = await api(a, openaiKey, 'POST', '/v1/webhooks', { url: receiver.url, events: ['job.created', 'job.updated'] });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    secret = created.json.secret!;
    const endpointId = created.json.id!;

    const eventsBefore = await maxEventId();
    receiver.onRequest = (r) => {
      if (r.id === heldId) firstHeld();
    };
    const batch = await api(a, openaiKey, 'POST', '/v1/partner/jobs/batch', { items: Array.from({ length: N }, (_, i) => upsert('kill', i)) });
    expect(batch.status, JSON.stringify(batch.json).slice(0, 500)).toBe(200);
    expect(batch.json.summary?.created).toBe(N);

    const arrived = await Promise.race([held.then(() => true), sleep(20_000).then(() => false)]);
    receiver.onRequest = undefined;
    expect(arrived, `no delivery reached the receiver\n${a.tail(20)}`).toBe(true);
    // SIGKILL while the held attempt is in flight (well within its 2 s timeout).
    a.child.kill('SIGKILL');
    const heldAt = receiver.byId.get(heldId!)![0]!.arrivedAt;
    await a.exited;
    killed = true;
    const killedAt = Date.now();

    // What the dead instance left: all N deliveries stored, the held one (at least) still pending and its queue job active.
    const atKill = await deliveryStates(endpointId);
    const queueAtKill = await queueStates();
    const [heldRow] = await pg.query<{ state: string; attempts: number; queue_state: string | null }>(
      `select d.state, d.attempts, j.state::text as queue_state from webhook_deliveries d left join pgboss.job j on j.id = d.queue_job_id where d.id = $1`,
      [heldId],
    );
    const deliveredBeforeKill = receiver.processed.size;

    b = await startApi(apiEnv());
    const restartedAt = Date.now();
    const allDelivered = await until(async () => {
      if (receiver.processed.size < N) return false;
      return ((await deliveryStates(endpointId)).delivered ?? 0) >= N;
    }, EXPIRY_MS + 40_000);
    const doneAt = Date.now();

    const finalStates = await deliveryStates(endpointId);
    const rows = await pg.query<{ id: string; state: string; attempts: number; payload: string }>(`select id, state, attempts, payload from webhook_deliveries where endpoint_id = $1`, [endpointId]);
    const events = await pg.query<{ type: string; n: string }>(
      `select e.type::text as type, count(*)::text as n from job_events e join jobs j on j.id = e.job_id join companies c on c.id = j.company_id
        where e.id > $1 and c.slug = 'openai' group by 1`,
      [eventsBefore],
    );
    const heldRequests = receiver.byId.get(heldId!) ?? [];
    const redelivery = heldRequests.find((r) => r.answeredAt !== undefined);
    const unverified = receiver.requests.filter((r) => !r.verified);

    summary('webhooks-sigkill-mid-delivery', {
      postings: N,
      deliveries_at_kill: atKill,
      queue_at_kill: queueAtKill,
      held_delivery_at_kill: heldRow,
      delivered_before_kill: deliveredBeforeKill,
      raw_requests: receiver.requests.length,
      distinct_webhook_ids: receiver.distinct,
      duplicates_acknowledged: receiver.requests.filter((r) => r.duplicate).length,
      held_webhook_id_requests: heldRequests.length,
      redelivered_ms_after_kill: redelivery ? redelivery.arrivedAt - killedAt : null,
      kill_ms_after_held_request: killedAt - heldAt,
      b_start_ms: restartedAt - killedAt,
      all_delivered_ms_after_kill: doneAt - killedAt,
      final_states: finalStates,
      attempts_histogram: rows.reduce<Record<string, number>>((acc, r) => ((acc[r.attempts] = (acc[r.attempts] ?? 0) + 1), acc), {}),
      job_events: Object.fromEntries(events.map((e) => [e.type, Number(e.n)])),
      unverified: unverified.length,
    });

    expect.soft(killedAt - heldAt, 'killed while the held attempt was still in flight').toBeLessThan(TIMEOUT_MS);
    expect.soft(allDelivered, `not everything was delivered: ${JSON.stringify(finalStates)}\n${b.tail(20)}`).toBe(true);
    expect.soft(Object.fromEntries(events.map((e) => [e.type, Number(e.n)])), 'job events of the batch').toEqual({ created: N });
    expect.soft(Object.values(atKill).reduce((s, n) => s + n, 0), 'deliveries stored by the dead instance').toBe(N);
    expect.soft(atKill.pending ?? 0, 'some deliveries were still pending (in flight or queued) at the kill').toBeGreaterThanOrEqual(2);
    expect.soft(heldRow, 'the held delivery was pending with its queue job active at the kill').toMatchObject({ state: 'pending', queue_state: 'active' });
    expect.soft(rows.length, 'no delivery was created twice (the restarted dispatcher read on from the stored position)').toBe(N);
    expect.soft(finalStates, 'every delivery is delivered').toEqual({ delivered: N });
    expect.soft(receiver.distinct, 'distinct webhook-ids == postings').toBe(N);
    expect.soft(receiver.processed.size, 'distinct webhook-ids processed').toBe(N);
    expect.soft(unverified.map((r) => r.verifyError), 'every request verifies').toEqual([]);
    // The same webhook-id and the same signed body on the redelivery as on the held request.
    expect.soft(heldRequests.length, 'the held webhook-id was sent again').toBeGreaterThanOrEqual(2);
    expect.soft(redelivery?.body, 'the redelivery carries the same body').toBe(heldRequests[0]?.body);
    expect.soft(redelivery && redelivery.arrivedAt - killedAt, 'redelivered after the expiry of the dead attempt').toBeGreaterThanOrEqual(EXPIRY_MS - 2000);
    // Every stored delivery's webhook-id is one the receiver processed, with the stored payload.
    const missing = rows.filter((r) => !receiver.processed.has(r.id) || !receiver.byId.get(r.id)!.every((q) => q.body === r.payload));
    expect.soft(missing.map((r) => r.id), 'stored deliveries not received with their payload').toEqual([]);
  } finally {
    await a?.stop(1000);
    await b?.stop(5000);
    await receiver.stop();
  }
}, EXPIRY_MS + 100_000);

it('two instances over one database, concurrent partner writes to both: every event delivered once, never twice or concurrently, within the endpoint concurrency', async () => {
  const BATCHES = 10;
  const PER_BATCH = 50;
  const RECEIVER_MS = 20;
  let secret = '';
  const receiver = new Receiver(() => secret, () => RECEIVER_MS);
  await receiver.start();
  let c: ApiProcess | undefined;
  let d: ApiProcess | undefined;
  try {
    [c, d] = await Promise.all([startApi(apiEnv()), startApi(apiEnv())]);
    const instances = [c, d];
    const created = await api(c, otherKey, 'POST', '/v1/webhooks', { url: receiver.url, events: ['job.created', 'job.updated'] });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    secret = created.json.secret!;
    const endpointId = created.json.id!;
    const eventsBefore = await maxEventId();
    const startedAt = Date.now();

    // Creates: 10 batches of 50, alternately to each instance, all at once.
    const creates = await Promise.all(
      Array.from({ length: BATCHES }, (_, i) =>
        api(instances[i % 2]!, otherKey, 'POST', '/v1/partner/jobs/batch', { items: Array.from({ length: PER_BATCH }, (_, j) => upsert(`two${i}`, j)) }),
      ),
    );
    // Updates while those are being delivered: two batches (retitled postings of batches 0 and 1) and 20 single PUTs (batch 2), to both instances.
    const updates = await Promise.all([
      ...[0, 1].map((i) =>
        api(instances[(i + 1) % 2]!, otherKey, 'POST', '/v1/partner/jobs/batch', { items: Array.from({ length: PER_BATCH }, (_, j) => upsert(`two${i}`, j, `Retitled two${i} ${j}`)) }),
      ),
      ...Array.from({ length: 20 }, (_, j) => {
        const item = upsert('two2', j, `Retitled single two2 ${j}`);
        return api(instances[j % 2]!, otherKey, 'PUT', `/v1/partner/jobs/${item.external_id}`, item.job);
      }),
    ]);
    const writesDoneAt = Date.now();
    const sum = (key: string, list: { json: Answer }[]) => list.reduce((s, r) => s + Number(r.json.summary?.[key] ?? 0), 0);
    const badWrites = [...creates, ...updates].filter((r) => r.status !== 200 && r.status !== 201);
    expect(badWrites.map((r) => [r.status, JSON.stringify(r.json).slice(0, 300)]), 'every write succeeded').toEqual([]);
    const expectedCreated = sum('created', creates);
    const expectedUpdated = sum('updated', updates) + updates.slice(2).length;
    const expected = expectedCreated + expectedUpdated;
    expect(expectedCreated).toBe(BATCHES * PER_BATCH);

    // Which instances hold the endpoint's delivery slots (holder = host:pid:…), sampled while delivering.
    const holderPids = new Set<number>();
    const allDelivered = await until(async () => {
      for (const h of await pg.query<{ holder: string }>(`select holder from webhook_endpoint_slots where endpoint_id = $1`, [endpointId])) holderPids.add(Number(h.holder.split(':')[1]));
      if (receiver.processed.size < expected) return false;
      return ((await deliveryStates(endpointId)).delivered ?? 0) >= expected;
    }, 100_000, 100);
    const deliveredAt = Date.now();
    await sleep(1500); // anything extra (a duplicate) would show up now

    const events = await pg.query<{ type: string; n: string }>(
      `select e.type::text as type, count(*)::text as n from job_events e join jobs j on j.id = e.job_id join companies c on c.id = j.company_id
        where e.id > $1 and c.slug = $2 group by 1`,
      [eventsBefore, otherCompany],
    );
    const eventCounts = Object.fromEntries(events.map((e) => [e.type, Number(e.n)]));
    const eventTotal = Object.values(eventCounts).reduce((s, n) => s + n, 0);
    const rows = await pg.query<{ id: string; state: string; attempts: number; event_type: string }>(
      `select id, state, attempts, event_type from webhook_deliveries where endpoint_id = $1`,
      [endpointId],
    );
    const byType = rows.reduce<Record<string, number>>((acc, r) => ((acc[r.event_type] = (acc[r.event_type] ?? 0) + 1), acc), {});
    const notOnce = rows.filter((r) => r.state !== 'delivered' || r.attempts !== 1);
    const twice = [...receiver.byId.entries()].filter(([, list]) => list.length > 1);
    const overlapping = [...receiver.byId.entries()].filter(([, list]) =>
      list.some((x, i) => list.some((y, k) => k !== i && x.arrivedAt <= y.arrivedAt && (x.answeredAt === undefined || y.arrivedAt < x.answeredAt))),
    );
    const unverified = receiver.requests.filter((r) => !r.verified);
    const received = new Set(receiver.byId.keys());
    const notReceived = rows.filter((r) => !received.has(r.id));
    // Queue jobs per delivery: 1 + the times an attempt found every slot taken and was rescheduled.
    const [queueJobs] = await pg.query<{ n: string }>(
      `select count(*)::text as n from (select data from pgboss.job union all select data from pgboss.archive) j
        where j.data->>'deliveryId' in (select id from webhook_deliveries where endpoint_id = $1)`,
      [endpointId],
    );
    const attempts = await pg.query<{ n: string }>(`select count(*)::text as n from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id where d.endpoint_id = $1`, [endpointId]);

    summary('webhooks-two-instances', {
      writes: { batches: creates.length, updates: updates.length },
      expected_events: { created: expectedCreated, updated: expectedUpdated },
      job_events: eventCounts,
      deliveries: rows.length,
      deliveries_by_type: byType,
      attempts_recorded: Number(attempts[0]!.n),
      raw_requests: receiver.requests.length,
      distinct_webhook_ids: receiver.distinct,
      delivered_twice: twice.length,
      overlapping: overlapping.length,
      max_in_flight: receiver.maxInFlight,
      slot_holder_pids_seen: [...holderPids],
      instance_pids: [c.child.pid, d.child.pid],
      queue_jobs: Number(queueJobs!.n),
      reschedules_per_delivery: Math.round((Number(queueJobs!.n) / Math.max(1, rows.length) - 1) * 100) / 100,
      endpoint_concurrency: ENDPOINT_CONCURRENCY,
      not_delivered_once: notOnce.length,
      unverified: unverified.length,
      writes_ms: writesDoneAt - startedAt,
      all_delivered_ms: deliveredAt - startedAt,
      deliveries_per_second: Math.round((receiver.processed.size / ((deliveredAt - startedAt) / 1000)) * 10) / 10,
      alive: [c.alive(), d.alive()],
    });

    expect.soft(allDelivered, `not all delivered in time: ${JSON.stringify(await deliveryStates(endpointId))}\n${c.tail(10)}\n${d.tail(10)}`).toBe(true);
    expect.soft(eventTotal, `job events in the window ${JSON.stringify(eventCounts)}`).toBe(expected);
    expect.soft(eventCounts, 'job events by type').toEqual({ created: expectedCreated, updated: expectedUpdated });
    expect.soft(rows.length, 'one delivery per job event').toBe(eventTotal);
    expect.soft(byType, 'deliveries by type').toEqual({ 'job.created': expectedCreated, 'job.updated': expectedUpdated });
    expect.soft(receiver.distinct, 'distinct webhook-ids == job events').toBe(expected);
    expect.soft(notReceived.map((r) => r.id), 'deliveries the receiver never saw').toEqual([]);
    expect.soft(notOnce.slice(0, 5), `deliveries not delivered at the first attempt (${notOnce.length})`).toEqual([]);
    expect.soft(twice.slice(0, 3).map(([id, list]) => [id, list.map((r) => r.arrivedAt)]), `webhook-ids received more than once (${twice.length})`).toEqual([]);
    expect.soft(receiver.requests.length, 'raw requests == distinct webhook-ids').toBe(receiver.distinct);
    expect.soft(overlapping.length, 'requests for one webhook-id overlapping in time').toBe(0);
    expect.soft(receiver.maxInFlight, 'requests in flight to the endpoint at once, across both instances').toBeLessThanOrEqual(ENDPOINT_CONCURRENCY);
    expect.soft(receiver.maxInFlight, 'the concurrency bound was reached (the test had load)').toBe(ENDPOINT_CONCURRENCY);
    expect.soft(unverified.map((r) => r.verifyError).slice(0, 5), 'every request verifies').toEqual([]);
    expect.soft([c.alive(), d.alive()], 'both instances alive').toEqual([true, true]);
    expect.soft([holderPids.has(c.child.pid!), holderPids.has(d.child.pid!)], 'both instances delivered (held a slot)').toEqual([true, true]);
  } finally {
    await Promise.all([c?.stop(5000), d?.stop(5000)]);
    await receiver.stop();
  }
}, 180_000);
