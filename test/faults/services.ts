/**
 * Services the fault suite owns: a PostgreSQL 15 cluster and a Redis server of its own, on free
 * ports, that the tests may restart, kill or freeze. The shared services on 5432/6379 are never
 * touched: other engineers' test runs depend on them.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/** A port nothing listens on right now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Everything started here is stopped by its own `stop()`; this also runs at process exit, so a
 * crashed or timed-out test run leaves no postmaster or redis-server behind.
 */
const exitCleanups = new Set<() => void>();
process.once('exit', () => {
  for (const cleanup of exitCleanups) {
    try {
      cleanup();
    } catch {
      // best effort: the process is going away
    }
  }
});

const PG_BIN = (() => {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/lib/postgresql/15/bin';
  }
})();

/** initdb and pg_ctl refuse to run as root (CI is root): run them as `postgres` then. */
function asPostgres(bin: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, bin);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

async function pgTool(bin: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [cmd, argv] = asPostgres(bin, args);
  try {
    const { stdout, stderr } = await execFileAsync(cmd, argv, { timeout: timeoutMs, encoding: 'utf8' });
    return stdout + stderr;
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export interface PostgresServer {
  port: number;
  /** Connection string for the API (user postgres, trust auth, database postgres). */
  url: string;
  /** `pg_ctl restart -m fast`: sessions are ended, the server is back when this resolves. */
  restartFast(): Promise<void>;
  /** `pg_ctl stop -m immediate`: every backend dies at once, as on a crash. */
  stopImmediate(): Promise<void>;
  start(): Promise<void>;
  /** `pg_terminate_backend` of every connection whose application_name starts with `prefix`. */
  terminate(prefix: string): Promise<{ application_name: string; count: number }[]>;
  /** A statement from the test's own connection (never one of the API's). */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** The server log, to show when a test fails. */
  log(): string;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hr-fault-pg-'));
  // The cluster belongs to `postgres` when we are root; it must be able to write its folder.
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const port = await freePort();
  // Sockets in our folder, not /var/run/postgresql (the shared server's), and TCP on loopback only.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;

  const immediateStopSync = () => {
    const [cmd, argv] = asPostgres('pg_ctl', ['-D', data, 'stop', '-m', 'immediate']);
    try {
      execFileSync(cmd, argv, { stdio: 'ignore', timeout: 10_000 });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await pgTool('pg_ctl', ['-D', data, '-l', logFile, '-o', serverOptions, '-w', 'start']);
  } catch (err) {
    immediateStopSync();
    throw err;
  }
  exitCleanups.add(immediateStopSync);

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
    // A short-lived connection per statement: a long-lived one would itself be cut by the faults.
    const client = new pg.Client({ connectionString: url, application_name: 'fault-test', connectionTimeoutMillis: 5000 });
    client.on('error', () => {});
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end().catch(() => {});
    }
  };

  return {
    port,
    url,
    restartFast: async () => {
      await pgTool('pg_ctl', ['-D', data, '-l', logFile, '-m', 'fast', '-w', 'restart']);
    },
    stopImmediate: async () => {
      await pgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    start: async () => {
      await pgTool('pg_ctl', ['-D', data, '-l', logFile, '-o', serverOptions, '-w', 'start']);
    },
    terminate: async (prefix) => {
      const rows = await query<{ application_name: string; count: string }>(
        `select application_name, count(*) filter (where pg_terminate_backend(pid)) as count
           from pg_stat_activity where application_name like $1 || '%' and pid <> pg_backend_pid() group by 1 order by 1`,
        [prefix],
      );
      return rows.map((r) => ({ application_name: r.application_name, count: Number(r.count) }));
    },
    query,
    log: () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      exitCleanups.delete(immediateStopSync);
      await pgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL: the connection drops at once, no reply to anything in flight. */
  kill(): Promise<void>;
  /** A fresh (empty) redis-server on the same port. */
  start(): Promise<void>;
  /** SIGSTOP for `ms`, then SIGCONT: the socket stays open but nothing answers. */
  hang(ms: number): Promise<void>;
  /** Whether it answers PING now. */
  up(): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout!.on('data', (d) => (output = (output + d).slice(-20_000)));
    proc.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
    // Ready when it accepts a connection and answers PING.
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited ${proc.exitCode}: ${output}`);
      if (await pings(port)) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${port}: ${output}`);
      await sleep(50);
    }
  };
  const killSync = () => {
    if (child && child.exitCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  };
  const kill = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };

  await start();
  exitCleanups.add(killSync);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    hang: async (ms) => {
      child!.kill('SIGSTOP');
      try {
        await sleep(ms);
      } finally {
        child!.kill('SIGCONT');
      }
    },
    up: () => pings(port),
    stop: async () => {
      exitCleanups.delete(killSync);
      child?.kill('SIGCONT');
      await kill();
    },
  };
}

/** Whether something answers PING with +PONG on the port within half a second. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(String(d).startsWith('+PONG')));
  });
}
