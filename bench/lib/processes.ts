/** The servers under test, each in its own process so the load generator does not share its event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Server {
  name: string;
  url: string;
  pid: number;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number | null;
  /** Anything the process wrote (its log lines at warn and above, and stderr). */
  stderr(): string;
  /** How it ended (exit code or signal), or null while it runs. */
  exited(): string | null;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// Servers must not outlive the bench, whatever ends it.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

export function peakRssMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function waitReady(url: string, child: ChildProcess, log: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer /healthz within ${timeoutMs / 1000} s:\n${log()}`);
}

async function start(name: string, command: string, args: string[], env: Record<string, string | undefined>): Promise<Server> {
  const port = await freePort();
  const child = spawn(command, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let err = '';
  let ended: string | null = null;
  child.once('exit', (code, signal) => {
    ended = signal ? `signal ${signal}` : `exit code ${code}`;
  });
  // pino writes to stdout: at LOG_LEVEL=warn that is only what went wrong.
  const keep = (chunk: Buffer) => {
    if (err.length < 64_000) err += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => err);
  const pid = child.pid!;
  return {
    name,
    url,
    pid,
    peakRssMiB: () => peakRssMiB(pid),
    stderr: () => err,
    exited: () => ended,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Everything a measured API needs: production mode, quiet logs, budgets no run can exhaust. */
export function apiEnv(o: { databaseUrl?: string | undefined; pgliteDir?: string; poolSize: number; redisUrl?: string | undefined; rateLimit?: boolean }) {
  const unlimited = String(2 ** 31 - 1);
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: o.databaseUrl,
    PGLITE_DIR: o.pgliteDir,
    SEED_DEMO: 'false',
    DATABASE_POOL_SIZE: String(o.poolSize),
    REDIS_URL: o.redisUrl,
    RATE_LIMIT_ENABLED: o.rateLimit === false ? 'false' : 'true',
    RATE_LIMIT_ANONYMOUS: unlimited,
    RATE_LIMIT_FREE: unlimited,
    RATE_LIMIT_PARTNER: unlimited,
    RATE_LIMIT_INTERNAL: unlimited,
    RATE_LIMIT_REDIS_PREFIX: `hr:bench:${process.pid}:${Date.now()}:`,
    BATCH_BODY_LIMIT: String(100 * 1024 * 1024),
    // Webhook workers take any instance's deliveries: only W12's own API process runs them (and may reach its local receiver).
    WEBHOOK_WORKER: 'false' as string | undefined,
  };
}

/** The built API (`npm run build` output), so neither tsx nor the type checker is measured. */
export function startApi(name: string, env: ReturnType<typeof apiEnv> & Record<string, string | undefined>): Promise<Server> {
  // Unset variables must not leak in from the bench's own environment.
  const clean = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v ?? '']));
  return start(name, process.execPath, ['dist/src/main.js'], clean);
}

/** A bare Fastify route that sends the API's job-by-id statement through pg: the floor for W3 in any Fastify service. */
export function startBareJob(env: { DATABASE_URL: string; DATABASE_POOL_SIZE: string; BARE_JOB_STATEMENT: string }): Promise<Server> {
  return start('bare fastify + pg', process.execPath, ['--import', 'tsx', 'bench/servers/bare-job.ts'], { NODE_ENV: 'production', ...env });
}

/** A bare Fastify route: the floor for any Fastify API on this machine. */
export function startBare(): Promise<Server> {
  return start('bare fastify', process.execPath, ['--import', 'tsx', 'bench/servers/bare.ts'], { NODE_ENV: 'production' });
}
