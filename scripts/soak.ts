/**
 * Soak test (not in CI): runs the real server as a child process, puts a fixed-concurrency mixed
 * load on it for --minutes, samples the child's RSS every 10 s and fails on any 5xx, any network
 * error, or an RSS slope above --max-slope-mb-per-min.
 *
 *   npm run soak -- [--minutes 10] [--concurrency 8] [--jobs 2000] [--max-slope-mb-per-min 5] [--seed 1]
 *
 * Embedded PGlite in memory by default. With DATABASE_URL (and optionally REDIS_URL) in the
 * environment, the database is migrated and seeded first (src/cli/migrate.ts, src/cli/seed.ts) and
 * the server uses it. With PGlite the database lives inside the measured process, so what the writes
 * add to it counts in the RSS; DATABASE_URL measures the server alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/lib/paths.js';

const usage = 'npm run soak -- [--minutes N] [--concurrency C] [--jobs N] [--max-slope-mb-per-min M] [--seed S]';

function flags() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        minutes: { type: 'string', default: '10' },
        concurrency: { type: 'string', default: '8' },
        jobs: { type: 'string', default: '2000' },
        'max-slope-mb-per-min': { type: 'string', default: '5' },
        seed: { type: 'string', default: '1' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
  const num = (name: keyof typeof values, min: number, max: number, integer = false) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      console.error(`--${name} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max} (got ${JSON.stringify(values[name])})\nusage: ${usage}`);
      process.exit(2);
    }
    return n;
  };
  return {
    minutes: num('minutes', 0.1, 24 * 60),
    concurrency: num('concurrency', 1, 512, true),
    jobs: num('jobs', 10, 1_000_000, true),
    maxSlope: num('max-slope-mb-per-min', 0, 1_000_000),
    seed: num('seed', 0, 2 ** 31 - 1, true),
  };
}

const opts = flags();
const JWT_SECRET = 'soak-secret-that-is-long-enough-for-hs256!';
const external = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) } : null;
const SAMPLE_MS = 10_000;

// --- the child --------------------------------------------------------------------------------

/** Runs a CLI to completion; `ok` decides which outcomes are fine (seed refuses a non-empty database). */
function runCli(script: string, args: string[], env: NodeJS.ProcessEnv, ok: (code: number | null, output: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => {
      for (const line of output.trimEnd().split('\n')) if (line) console.log(`  [${script.split('/').pop()}] ${line}`);
      if (ok(code, output)) resolve();
      else reject(new Error(`${script} exited ${code}`));
    });
  });
}

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  // Info is what production logs (a line per request): the soak measures that too.
  LOG_LEVEL: 'info',
  JWT_SECRET,
  // The load comes from one address and one key: budgets high enough never to answer 429.
  RATE_LIMIT_ANONYMOUS: '1000000000',
  RATE_LIMIT_FREE: '1000000000',
  RATE_LIMIT_PARTNER: '1000000000',
  RATE_LIMIT_INTERNAL: '1000000000',
  ...(external ?? { DATABASE_URL: '', REDIS_URL: '', PGLITE_DIR: 'memory://', SEED_DEMO: 'true', SEED_JOBS: String(opts.jobs) }),
  // Counters of its own in a shared Redis, so the soak's traffic counts against no one else's budget.
  ...(external?.REDIS_URL && !process.env.RATE_LIMIT_REDIS_PREFIX ? { RATE_LIMIT_REDIS_PREFIX: `hr:soak:${process.pid}:` } : {}),
};

interface Server {
  child: ChildProcess;
  base: string;
  logErrors: () => number;
  stderr: () => string;
}

function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: projectRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let errors = 0;
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 180 s:\n${stderr}`)), 180_000);
    let buffer = '';
    let listening = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        // pino levels: 50 error, 60 fatal. Counted, and the first few shown.
        if (/"level":(?:50|60)/.test(line) && ++errors <= 5) console.log(`  [server] ${line.slice(0, 600)}`);
        if (!listening) {
          const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
          if (match) {
            listening = true;
            clearTimeout(timer);
            resolve({ child, base: match[1]!, logErrors: () => errors, stderr: () => stderr });
          }
        }
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`the server exited (${code ?? signal}) before listening:\n${stderr}`));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kb / 1024;
}

// --- HTTP -------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });

interface Res {
  status: number;
  body: string;
}

function request(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Res> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, agent, headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timed out after 60 s')));
    req.on('error', reject);
    req.end(payload);
  });
}

function signJwt(payload: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', JWT_SECRET).update(head).digest('base64url')}`;
}

// --- the mix ----------------------------------------------------------------------------------

/** mulberry32: the same seed gives the same sequence of requests. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  base: string;
  anonymous: Record<string, string>;
  keyed: Record<string, string>;
  jobIds: string[];
  slugs: string[];
}

interface Call {
  name: string;
  method: string;
  path: string;
  keyed: boolean;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses that are part of the plan (a 404 for a posting another worker has not created yet). */
  expected: number[];
  /** A GraphQL answer with `errors` is unexpected, whatever its status. */
  graphql?: boolean;
  /** A follow-up request built from the answer (the next page). */
  then?: (res: Res) => Call | null;
}

const ROLES = ['llm_engineer', 'rag_retrieval', 'applied_ml', 'software_engineer', 'ml_infrastructure', 'data_engineer'];
const QUERIES = ['llm', 'engineer', '"machine learning"', 'python -junior', 'rag or retrieval', 'platform'];
const FACETS = ['role', 'country,company', 'role,seniority,workplace'];
const PARTNER_IDS = 200;

function posting(rand: () => number, n: number) {
  const min = 100_000 + Math.floor(rand() * 100) * 1000;
  return {
    title: `Soak LLM Engineer ${n}`,
    description: `<p>Build <strong>evals</strong> for posting ${n}.</p>`,
    role: ROLES[n % ROLES.length],
    seniority: ['junior', 'mid', 'senior', 'staff'][n % 4],
    workplace: ['onsite', 'hybrid', 'remote'][n % 3],
    skills: ['python', 'evals'],
    location: { city: 'Berlin', country: 'DE' },
    salary: { min, max: min + 50_000, currency: 'EUR', period: 'year' },
    apply_url: `https://example.com/careers/${n}`,
  };
}

const nextPage = (name: string, path: string, keyed: boolean) => (res: Res): Call | null => {
  if (res.status !== 200) return null;
  const cursor = (JSON.parse(res.body) as { next_cursor?: string | null }).next_cursor;
  return cursor ? { name, method: 'GET', path: `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`, keyed, expected: [200] } : null;
};

/** One weighted pick from the mix; writes are about a tenth of it. */
function pick(rand: () => number, w: World): Call {
  const any = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const keyed = rand() < 0.5;
  const n = Math.floor(rand() * PARTNER_IDS);
  const mix: [number, () => Call][] = [
    [10, () => {
      const path = `/v1/jobs?q=${encodeURIComponent(any(QUERIES))}&limit=20`;
      return { name: 'GET /v1/jobs?q', method: 'GET', path, keyed, expected: [200], then: nextPage('GET /v1/jobs?cursor', path, keyed) };
    }],
    [8, () => {
      const path = `/v1/jobs?role=${any(ROLES)}&status=${any(['open', 'all'])}&sort=${any(['newest', 'salary_desc', 'oldest'])}&limit=${any([10, 50, 100])}`;
      return { name: 'GET /v1/jobs filters', method: 'GET', path, keyed, expected: [200], then: nextPage('GET /v1/jobs?cursor', path, keyed) };
    }],
    [6, () => ({ name: 'GET /v1/jobs facets', method: 'GET', path: `/v1/jobs?facets=${any(FACETS)}&workplace=${any(['remote', 'hybrid'])}&salary_min=${any([50_000, 150_000])}`, keyed, expected: [200] })],
    [6, () => ({ name: 'GET /v1/jobs/{id}', method: 'GET', path: `/v1/jobs/${any(w.jobIds)}`, keyed, expected: [200] })],
    [5, () => {
      const path = `/v1/companies?limit=20&sort=${any(['name', 'open_jobs'])}`;
      return { name: 'GET /v1/companies', method: 'GET', path, keyed, expected: [200], then: nextPage('GET /v1/companies?cursor', path, keyed) };
    }],
    [4, () => ({ name: 'GET /v1/companies/{slug}', method: 'GET', path: `/v1/companies/${any(w.slugs)}`, keyed, expected: [200] })],
    [3, () => ({ name: 'GET /v1/companies/{slug}/jobs', method: 'GET', path: `/v1/companies/${any(w.slugs)}/jobs?limit=10`, keyed, expected: [200] })],
    [2, () => ({ name: 'GET /v1/companies/{slug}/stats', method: 'GET', path: `/v1/companies/${any(w.slugs)}/stats`, keyed, expected: [200] })],
    [3, () => ({ name: 'GET /v1/trends/postings', method: 'GET', path: `/v1/trends/postings?interval=${any(['week', 'month'])}&group_by=${any(['role', 'country', 'skill'])}`, keyed, expected: [200] })],
    [2, () => ({ name: 'GET /v1/trends/emerging', method: 'GET', path: `/v1/trends/emerging?dimension=${any(['role', 'skill', 'title'])}`, keyed, expected: [200] })],
    [2, () => ({ name: 'GET /v1/trends/market', method: 'GET', path: '/v1/trends/market', keyed, expected: [200] })],
    [2, () => ({ name: 'GET /v1/trends/layoffs', method: 'GET', path: `/v1/trends/layoffs?group_by=${any(['company_category', 'ai_attributed'])}`, keyed, expected: [200] })],
    [3, () => ({ name: 'GET /v1/salaries', method: 'GET', path: `/v1/salaries?group_by=${any(['role', 'seniority', 'role,country'])}`, keyed, expected: [200] })],
    [1, () => ({ name: 'GET /v1/salaries/premiums', method: 'GET', path: '/v1/salaries/premiums', keyed, expected: [200] })],
    [1, () => ({ name: 'GET /v1/salaries/histogram', method: 'GET', path: `/v1/salaries/histogram?role=${any(ROLES)}`, keyed, expected: [200] })],
    [1, () => ({ name: 'GET /v1/radar', method: 'GET', path: '/v1/radar', keyed, expected: [200] })],
    [2, () => ({ name: 'GET /v1/layoffs', method: 'GET', path: '/v1/layoffs?limit=20', keyed, expected: [200] })],
    [5, () => ({
      name: 'POST /graphql jobs',
      method: 'POST',
      path: '/graphql',
      keyed,
      graphql: true,
      expected: [200],
      body: {
        query: 'query($f: JobFilter, $n: Int!) { jobs(filter: $f, first: $n, facets: [role]) { totalCount edges { node { id title company { slug name } salary { annualUsdMin } } } pageInfo { endCursor } facets { field values { value count } } } }',
        variables: { f: { q: any(QUERIES), role: [any(ROLES)] }, n: any([5, 20]) },
      },
    })],
    [3, () => ({
      name: 'POST /graphql companies',
      method: 'POST',
      path: '/graphql',
      keyed,
      graphql: true,
      expected: [200],
      body: { query: '{ companies(first: 5) { edges { node { slug openJobs jobs(first: 3) { edges { node { id title } } } stats { __typename } } } } }' },
    })],
    [2, () => ({
      name: 'POST /graphql analytics',
      method: 'POST',
      path: '/graphql',
      keyed,
      graphql: true,
      expected: [200],
      body: { query: '{ salaries(groupBy: [role]) { overall { count } groups { count } } market { period topRoles { __typename } } }' },
    })],
    // Partner writes: a fixed set of postings, created, replaced, patched, closed and reopened over and over.
    [4, () => ({ name: 'PUT /v1/partner/jobs/{id}', method: 'PUT', path: `/v1/partner/jobs/soak-${n}`, keyed: true, body: posting(rand, n), expected: [200, 201] })],
    [2, () => ({ name: 'PATCH /v1/partner/jobs/{id}', method: 'PATCH', path: `/v1/partner/jobs/soak-${n}`, keyed: true, body: { title: `Soak patched ${Math.floor(rand() * 1e6)}` }, expected: [200, 404] })],
    [1, () => ({ name: 'DELETE /v1/partner/jobs/{id}', method: 'DELETE', path: `/v1/partner/jobs/soak-${n}?reason=filled`, keyed: true, expected: [200, 404] })],
    [1, () => ({ name: 'POST /v1/partner/jobs/{id}/reopen', method: 'POST', path: `/v1/partner/jobs/soak-${n}/reopen`, keyed: true, expected: [200, 404] })],
    [1, () => ({
      name: 'POST /v1/partner/jobs/batch',
      method: 'POST',
      path: '/v1/partner/jobs/batch',
      keyed: true,
      // A fresh Idempotency-Key now and then: the stored answers are part of what the soak watches.
      headers: rand() < 0.3 ? { 'idempotency-key': `soak-${Math.floor(rand() * 1e12)}` } : {},
      body: {
        items: Array.from({ length: 10 }, (_, i) => {
          const id = (n + i) % PARTNER_IDS;
          return rand() < 0.2 ? { op: 'close', external_id: `soak-${id}`, reason: 'filled' } : { op: 'upsert', external_id: `soak-${id}`, job: posting(rand, id) };
        }),
      },
      expected: [200],
    })],
    [2, () => ({ name: 'GET /v1/partner/jobs', method: 'GET', path: '/v1/partner/jobs?limit=50', keyed: true, expected: [200], then: nextPage('GET /v1/partner/jobs?cursor', '/v1/partner/jobs?limit=50', true) })],
  ];
  const total = mix.reduce((s, [weight]) => s + weight, 0);
  let r = rand() * total;
  for (const [weight, make] of mix) {
    r -= weight;
    if (r < 0) return make();
  }
  return mix[0]![1]();
}

// --- the run ----------------------------------------------------------------------------------

interface Stats {
  requests: number;
  byStatus: Map<number, number>;
  unexpected: Map<string, { count: number; sample: string }>;
  networkErrors: Map<string, number>;
  latencies: number[];
}

function leastSquaresSlope(points: { x: number; y: number }[]): number | null {
  if (points.length < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  return points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

async function main(): Promise<number> {
  console.log(`soak: ${opts.minutes} min, concurrency ${opts.concurrency}, seed ${opts.seed}, ${external ? `DATABASE_URL${external.REDIS_URL ? ' + REDIS_URL' : ''}` : `PGlite in memory (${opts.jobs} demo jobs)`}`);
  if (external) {
    const env = { ...process.env, ...external, LOG_LEVEL: 'warn' };
    await runCli('src/cli/migrate.ts', [], env, (code) => code === 0);
    await runCli('src/cli/seed.ts', ['--jobs', String(opts.jobs)], env, (code, out) => code === 0 || /already holds jobs/.test(out));
  }

  const started = Date.now();
  const server = await startServer();
  const pid = server.child.pid!;
  console.log(`server pid ${pid} at ${server.base}, up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let exited: string | null = null;
  server.child.on('exit', (code, signal) => (exited = `${code ?? signal}`));

  try {
    const admin = { authorization: `Bearer ${signJwt({ sub: 'soak', role: 'admin', exp: Math.floor(Date.now() / 1000) + 86_400 })}` };
    const companies = JSON.parse((await request(server.base, 'GET', '/v1/companies?limit=50')).body) as { data: { slug: string }[] };
    const slugs = companies.data.map((c) => c.slug);
    const company = slugs.includes('openai') ? 'openai' : slugs[0];
    if (!company) throw new Error('the database has no companies');
    const created = await request(server.base, 'POST', '/v1/admin/keys', admin, { name: 'soak partner', tier: 'partner', company });
    if (created.status !== 201) throw new Error(`could not create a partner key: ${created.status} ${created.body}`);
    const secret = (JSON.parse(created.body) as { secret: string }).secret;
    const jobs = JSON.parse((await request(server.base, 'GET', '/v1/jobs?status=all&limit=100')).body) as { data: { id: string }[] };
    const world: World = { base: server.base, anonymous: {}, keyed: { authorization: `Bearer ${secret}` }, jobIds: jobs.data.map((j) => j.id), slugs };
    if (!world.jobIds.length) throw new Error('the database has no jobs');
    console.log(`partner key for ${company}; ${world.jobIds.length} job ids and ${slugs.length} companies to read`);

    const stats: Stats = { requests: 0, byStatus: new Map(), unexpected: new Map(), networkErrors: new Map(), latencies: [] };
    const samples: { t: number; mb: number }[] = [];
    const loadStart = Date.now();
    const deadline = loadStart + opts.minutes * 60_000;
    const sample = () => {
      const t = (Date.now() - loadStart) / 1000;
      const mb = rssMb(pid);
      samples.push({ t, mb });
      return { t, mb };
    };
    const first = sample();
    console.log(`t=${first.t.toFixed(0).padStart(4)} s  rss ${first.mb.toFixed(1)} MB  (before load)`);
    let lastCount = 0;
    const sampler = setInterval(() => {
      if (exited) return;
      const { t, mb } = sample();
      const rate = (stats.requests - lastCount) / (SAMPLE_MS / 1000);
      lastCount = stats.requests;
      const fives = [...stats.byStatus].filter(([s]) => s >= 500).reduce((s, [, n]) => s + n, 0);
      console.log(`t=${t.toFixed(0).padStart(4)} s  rss ${mb.toFixed(1)} MB  ${stats.requests} requests (${rate.toFixed(0)}/s)  5xx ${fives}  network errors ${[...stats.networkErrors.values()].reduce((a, b) => a + b, 0)}`);
    }, SAMPLE_MS);

    const send = async (call: Call) => {
      const t0 = performance.now();
      try {
        const res = await request(world.base, call.method, call.path, { ...(call.keyed ? world.keyed : world.anonymous), ...call.headers }, call.body);
        stats.latencies.push(performance.now() - t0);
        stats.requests++;
        stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
        const gqlErrors = call.graphql && /"errors"\s*:/.test(res.body);
        if (!call.expected.includes(res.status) || gqlErrors) {
          const key = `${call.name} → ${res.status}${gqlErrors ? ' (GraphQL errors)' : ''}`;
          const u = stats.unexpected.get(key) ?? { count: 0, sample: `${call.method} ${call.path}: ${res.body.slice(0, 300)}` };
          u.count++;
          stats.unexpected.set(key, u);
        }
        return res;
      } catch (err) {
        stats.requests++;
        const key = `${call.name}: ${(err as Error).message}`;
        stats.networkErrors.set(key, (stats.networkErrors.get(key) ?? 0) + 1);
        return null;
      }
    };

    await Promise.all(
      Array.from({ length: opts.concurrency }, async (_, worker) => {
        const rand = prng(opts.seed * 1000 + worker);
        while (Date.now() < deadline && !exited) {
          let call: Call | null = pick(rand, world);
          // Follow at most a few pages, as a client reading a listing would.
          for (let hops = 0; call && hops < 3 && Date.now() < deadline; hops++) {
            const res = await send(call);
            call = res && call.then ? call.then(res) : null;
          }
        }
      }),
    );
    clearInterval(sampler);
    if (exited) throw new Error(`the server exited (${exited}) during the run:\n${server.stderr()}`);
    const last = sample();
    const seconds = (Date.now() - loadStart) / 1000;

    // The first minute is warm-up (JIT, caches, pools); a run shorter than two minutes skips its first half instead.
    const warmup = Math.min(60, seconds / 2);
    const steady = samples.filter((s) => s.t >= warmup).map((s) => ({ x: s.t / 60, y: s.mb }));
    const slope = leastSquaresSlope(steady);
    const fives = [...stats.byStatus].filter(([s]) => s >= 500).reduce((s, [, n]) => s + n, 0);
    const network = [...stats.networkErrors.values()].reduce((a, b) => a + b, 0);
    const sorted = stats.latencies.sort((a, b) => a - b);

    console.log('');
    console.log(`requests     ${stats.requests} in ${seconds.toFixed(0)} s (${(stats.requests / seconds).toFixed(0)}/s), latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${percentile(sorted, 100).toFixed(0)} ms`);
    console.log(`by status    ${[...stats.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
    if (stats.unexpected.size) {
      console.log('unexpected   (not 2xx/3xx nor a planned 4xx)');
      for (const [key, u] of [...stats.unexpected].sort(([, a], [, b]) => b.count - a.count)) console.log(`  ${u.count}× ${key}\n      e.g. ${u.sample}`);
    } else console.log('unexpected   none');
    for (const [key, count] of stats.networkErrors) console.log(`network      ${count}× ${key}`);
    console.log(`server log   ${server.logErrors()} error lines`);
    console.log(`rss          start ${first.mb.toFixed(1)} MB, end ${last.mb.toFixed(1)} MB, max ${Math.max(...samples.map((s) => s.mb)).toFixed(1)} MB`);
    console.log(
      `rss slope    ${slope === null ? 'n/a' : `${slope.toFixed(2)} MB/min`} (least squares over ${steady.length} samples after ${warmup.toFixed(0)} s; limit ${opts.maxSlope} MB/min)`,
    );

    const failures = [
      ...(fives ? [`${fives} answers were 5xx`] : []),
      ...(network ? [`${network} requests failed at the network level`] : []),
      ...(slope !== null && slope > opts.maxSlope ? [`RSS grew ${slope.toFixed(2)} MB/min (limit ${opts.maxSlope})`] : []),
    ];
    console.log(failures.length ? `FAIL: ${failures.join('; ')}` : 'PASS');
    return failures.length ? 1 : 0;
  } finally {
    agent.destroy();
    if (!exited) {
      const done = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    }
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
