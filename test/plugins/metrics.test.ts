import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactRollups } from '../../src/modules/rollups/rollups.service.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { inSeconds, signJwt } from '../helpers/jwt.js';
import { partnerPosting } from '../helpers/partner.js';

const JWT_SECRET = 'metrics-test-secret-that-is-long-enough!';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Scrape {
  types: Map<string, string>;
  samples: Sample[];
}

/** The Prometheus text exposition format, as far as prom-client writes it (HELP/TYPE comments, samples with labels). */
function parsePrometheus(text: string): Scrape {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!sample) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const m of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    const raw = sample[3]!;
    samples.push({ name: sample[1]!, labels, value: raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw) });
  }
  return { types, samples };
}

const find = (scrape: Scrape, name: string, labels: Record<string, string> = {}) =>
  scrape.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

let ctx: TestContext;
let admin: Record<string, string>;
let reader: Record<string, string>;
let partner: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp({ JWT_SECRET, RATE_LIMIT_PARTNER: '1000000' });
  await seedTestJobs(ctx.database.db, 20, 3);
  const bearer = async (body: Parameters<typeof createKey>[1]) => ({ authorization: `Bearer ${(await createKey(ctx.database.db, body)).secret}` });
  admin = await bearer({ name: 'Ops', tier: 'internal', scopes: ['admin'] });
  reader = await bearer({ name: 'Job board', tier: 'free' });
  partner = await bearer({ name: 'OpenAI ATS', tier: 'partner', company: 'openai' });
}, 120_000);
afterAll(() => ctx?.close());

async function scrape(headers = admin): Promise<Scrape> {
  const res = await ctx.app.inject({ method: 'GET', url: '/metrics', headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(res.body);
}

describe('GET /metrics: access', () => {
  it('refuses callers without credentials (401) and credentials without the admin scope (403), as problem+json', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anonymous.json()).toMatchObject({ status: 401, type: 'urn:hiring-radar:problem:unauthenticated' });
    expect(anonymous.body).not.toMatch(/http_request/);

    const free = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: reader });
    expect(free.statusCode).toBe(403);
    expect(free.json()).toMatchObject({ status: 403, type: 'urn:hiring-radar:problem:forbidden' });

    const analyst = signJwt({ sub: 'analyst-1', role: 'analyst', exp: inSeconds(600) }, JWT_SECRET);
    expect((await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${analyst}` } })).statusCode).toBe(403);

    const wrong = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer hr_live_nonsense' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('serves an admin API key and an admin JWT; is not rate limited; refuses query parameters; is not in the OpenAPI document', async () => {
    const byKey = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: admin });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.headers['ratelimit-limit']).toBeUndefined();
    expect(byKey.headers['cache-control']).toBe('no-store');
    const token = signJwt({ sub: 'ops-1', role: 'admin', exp: inSeconds(600) }, JWT_SECRET);
    expect((await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/metrics?name=x', headers: admin })).statusCode).toBe(400);
    const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });
});

describe('GET /metrics: what it reports', () => {
  it('times requests by method, route pattern (never the raw URL) and status; unmatched routes are not_found', async () => {
    const job = (await ctx.app.inject({ method: 'GET', url: '/v1/jobs?limit=1' })).json() as { data: { id: string }[] };
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/jobs/${job.data[0]!.id}` })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/jobs/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/jobs?limit=0' })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/no-such-thing/42' })).statusCode).toBe(404);

    const m = await scrape();
    expect(m.types.get('http_request_duration_seconds')).toBe('histogram');
    const count = (route: string, status: string) => find(m, 'http_request_duration_seconds_count', { method: 'GET', route, status_code: status })[0]?.value ?? 0;
    expect(count('/v1/jobs', '200')).toBeGreaterThanOrEqual(1);
    expect(count('/v1/jobs', '400')).toBe(1);
    expect(count('/v1/jobs/:id', '200')).toBe(1);
    expect(count('/v1/jobs/:id', '404')).toBe(1);
    expect(count('not_found', '404')).toBe(1);
    // Buckets are cumulative and end at +Inf with the count.
    const buckets = find(m, 'http_request_duration_seconds_bucket', { route: '/v1/jobs/:id', status_code: '200' });
    expect(buckets.at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: 1 });
    expect(find(m, 'http_request_duration_seconds_sum', { route: '/v1/jobs/:id', status_code: '200' })[0]!.value).toBeGreaterThan(0);
    // Bounded cardinality: no label carries an id or a query string.
    const routes = new Set(find(m, 'http_request_duration_seconds_count').map((s) => s.labels.route!));
    for (const route of routes) expect(route).toMatch(/^(not_found|\/[a-z0-9/:._-]*)$/i);
    expect([...routes].some((r) => r.includes(job.data[0]!.id) || r.includes('?'))).toBe(false);
  });

  it('counts requests in flight: the scrape itself, and none left over from finished requests', async () => {
    await Promise.all(Array.from({ length: 5 }, () => ctx.app.inject({ method: 'GET', url: '/v1/jobs?limit=2' })));
    const m = await scrape();
    expect(m.types.get('http_requests_in_flight')).toBe('gauge');
    expect(find(m, 'http_requests_in_flight')[0]?.value).toBe(1);
  });

  it('reports the database pool (PostgreSQL) or the embedded backend, and the rate-limit store', async () => {
    const m = await scrape();
    expect(find(m, 'hiring_radar_db_backend_info', { backend: ctx.database.backend })[0]?.value).toBe(1);
    expect(m.types.get('hiring_radar_db_pool_connections')).toBe('gauge');
    expect(m.types.get('hiring_radar_db_pool_waiting')).toBe('gauge');
    if (ctx.database.backend === 'postgres') {
      const total = find(m, 'hiring_radar_db_pool_connections', { pool: 'api', state: 'total' })[0]!.value;
      const idle = find(m, 'hiring_radar_db_pool_connections', { pool: 'api', state: 'idle' })[0]!.value;
      expect(total).toBeGreaterThanOrEqual(1);
      expect(idle).toBeLessThanOrEqual(total);
      expect(find(m, 'hiring_radar_db_pool_waiting', { pool: 'api' })[0]!.value).toBe(0);
      // The test helper's pool.
      expect(find(m, 'hiring_radar_db_pool_max', { pool: 'api' })[0]!.value).toBe(5);
    } else {
      // PGlite: one in-process backend, no pool.
      for (const name of ['hiring_radar_db_pool_connections', 'hiring_radar_db_pool_waiting', 'hiring_radar_db_pool_max']) expect(find(m, name), name).toEqual([]);
    }
    expect(find(m, 'hiring_radar_rate_limit_store', { store: 'memory' })[0]?.value).toBe(1);
    expect(find(m, 'hiring_radar_rate_limit_store', { store: 'redis' })[0]?.value).toBe(0);
    expect(find(m, 'hiring_radar_rate_limit_breaker_state', { state: 'closed' })[0]?.value).toBe(1);
    expect(m.types.get('hiring_radar_rate_limit_redis_failures_total')).toBe('counter');
    expect(find(m, 'hiring_radar_rate_limit_redis_failures_total')[0]?.value).toBe(0);
  });

  it('reports the rollup backlog: delta rows a write leaves until compaction folds them, and the compaction lag', async () => {
    await compactRollups(ctx.database.db);
    const before = await scrape();
    expect(find(before, 'hiring_radar_rollup_pending_delta_rows', { table: 'posting_rollup' })[0]?.value).toBe(0);
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/partner/jobs', headers: partner, payload: { external_id: 'metrics-1', ...partnerPosting() } });
    expect(created.statusCode, created.body).toBe(201);
    const after = await scrape();
    expect(find(after, 'hiring_radar_rollup_pending_delta_rows', { table: 'posting_rollup' })[0]!.value).toBeGreaterThan(0);
    expect(find(after, 'hiring_radar_rollup_pending_delta_rows', { table: 'salary_rollup' })[0]!.value).toBeGreaterThan(0);
    // ROLLUP_COMPACT_SECONDS defaults to 60: the lag runs from start until the first compaction.
    expect(find(after, 'hiring_radar_rollup_compaction_interval_seconds')[0]?.value).toBe(60);
    const lag = find(after, 'hiring_radar_rollup_compaction_lag_seconds')[0]!.value;
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThan(600);
    expect(find(after, 'hiring_radar_rollup_compactions_total', { result: 'error' })[0]?.value).toBe(0);
    expect(find(after, 'hiring_radar_metrics_query_failures_total')).toEqual([]);
  });

  it('reports the job stream: listeners, and its lag and backlog while someone listens', async () => {
    const idle = await scrape();
    expect(find(idle, 'hiring_radar_job_stream_listeners')[0]?.value).toBe(0);
    expect(find(idle, 'hiring_radar_job_stream_lag_seconds')[0]?.value).toBe(0);
    expect(find(idle, 'hiring_radar_job_stream_pending_events')[0]?.value).toBe(0);

    const stream = ctx.app.jobStream as typeof ctx.app.jobStream & { ready(): Promise<void> };
    const unsubscribe = stream.subscribe(() => {});
    try {
      await stream.ready();
      const live = await scrape();
      expect(find(live, 'hiring_radar_job_stream_listeners')[0]?.value).toBe(1);
      const lag = find(live, 'hiring_radar_job_stream_lag_seconds')[0]!.value;
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(60);
      expect(find(live, 'hiring_radar_job_stream_pending_events')[0]?.value).toBe(0);
    } finally {
      unsubscribe();
    }
  });

  it('includes the process and Node.js runtime metrics', async () => {
    const m = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(find(m, name).length, name).toBeGreaterThan(0);
    }
  });

  it('keeps one registry per app: a second app in the same process starts from zero', async () => {
    const other = await createTestApp();
    try {
      const key = (await createKey(other.database.db, { name: 'Ops', tier: 'internal', scopes: ['admin'] })).secret;
      const res = await other.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${key}` } });
      expect(res.statusCode).toBe(200);
      expect(find(parsePrometheus(res.body), 'http_request_duration_seconds_count', { route: '/v1/jobs/:id' })).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('OpenTelemetry tracing', () => {
  it('sends a span per request, named by route, to OTEL_EXPORTER_OTLP_ENDPOINT when it is set', async () => {
    const received: { url: string; body: string }[] = [];
    const collector = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    const traced = await createTestApp({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: 'hiring-radar-test' });
    try {
      const res = await traced.app.inject({ method: 'GET', url: '/v1/jobs/00000000-0000-4000-8000-000000000000?fields=x', headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    } finally {
      // Closing the app sends the buffered spans.
      await traced.close();
      await new Promise((resolve) => collector.close(resolve));
    }
    const traces = received.filter((r) => r.url === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    const body = traces.map((t) => t.body).join('\n');
    expect(body).toContain('hiring-radar-test');
    expect(body).toContain('/v1/jobs/:id');
    // The caller's trace continues (traceparent), and the query string stays out of the span.
    expect(body).toContain('0af7651916cd43dd8448eb211c80319c');
    expect(body).not.toContain('fields=x');
  });
});
