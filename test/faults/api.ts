/**
 * The API under test as a real child process (`node --import tsx src/main.ts`), and the CLIs that
 * prepare its database, run the way an operator runs them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/lib/paths.js';

const execFileAsync = promisify(execFile);

/** The environment of every child: ours, less anything that points at the shared services. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'PGLITE_DIR', 'PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER']) delete base[name];
  return { ...base, ...env };
}

/** Runs `src/cli/<name>.ts` and returns its stdout; throws with its output when it exits non-zero. */
export async function runCli(name: string, args: string[], env: Record<string, string>): Promise<string> {
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', `src/cli/${name}.ts`, ...args], {
      cwd: projectRoot,
      env: childEnv(env),
      timeout: 120_000,
      encoding: 'utf8',
    });
    return stdout;
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`cli ${name} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** Creates an API key with the keys CLI and returns its secret (the last line it prints). */
export async function createKey(databaseUrl: string, args: string[]): Promise<string> {
  const out = await runCli('keys', ['create', ...args], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const secret = out.trim().split('\n').at(-1)!.trim();
  if (!secret.startsWith('hr_')) throw new Error(`keys CLI printed no key: ${out}`);
  return secret;
}

export interface ApiProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** True while the process has not exited. */
  alive(): boolean;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string | null>;
  /** The JSON log lines, parsed; non-JSON lines are kept as `{ raw }`. */
  lines: Record<string, unknown>[];
  /** The last lines of stdout and stderr, for a failure message. */
  tail(n?: number): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts src/main.ts with `env` (PORT=0, HOST=127.0.0.1) and waits for "Server listening at". */
export async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let exitValue: number | string | null | undefined;
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exitValue = code ?? signal;
      resolve(exitValue);
    }),
  );
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-50_000)));
  let buffer = '';
  let onLine: ((line: Record<string, unknown>) => void) | undefined;
  child.stdout!.on('data', (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        line = { raw: text };
      }
      lines.push(line);
      // Keep memory bounded under load: request logs are plentiful.
      if (lines.length > 20_000) lines.splice(0, 5_000);
      onLine?.(line);
    }
  });
  const tail = (n = 30) =>
    `--- api stdout (last ${n}) ---\n${lines
      .slice(-n)
      .map((l) => JSON.stringify(l))
      .join('\n')}\n--- api stderr ---\n${stderr.slice(-5000)}`;

  // A child that outlives the test run would hold ports and connections: kill it at exit whatever happens.
  const killAtExit = () => child.kill('SIGKILL');
  process.once('exit', killAtExit);
  void exited.then(() => process.off('exit', killAtExit));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`API did not start within 90 s\n${tail()}`));
    }, 90_000);
    onLine = (line) => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(line.msg));
      if (match) {
        clearTimeout(timer);
        onLine = undefined;
        resolve(match[1]!);
      }
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`API exited (${code}) before listening\n${tail()}`));
    });
  });

  return {
    url,
    child,
    alive: () => exitValue === undefined,
    exited,
    lines,
    tail,
    stop: async (graceMs = 15_000) => {
      if (exitValue !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
