import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { projectRoot } from '../../src/lib/paths.js';

it('serves over real HTTP and shuts down gracefully on SIGTERM, finishing in-flight requests', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PGLITE_DIR: 'memory://', SEED_DEMO: 'true', SEED_JOBS: '300', DATABASE_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start: ${stderr}`)), 90_000);
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(line.msg));
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });

  const list = await fetch(`${address}/v1/jobs?limit=2`);
  expect(list.status).toBe(200);
  const body = (await list.json()) as { data: unknown[]; next_cursor: string | null; total: number };
  expect(body.data.length).toBe(2);
  expect(body.next_cursor).toBeTruthy();
  expect(list.headers.get('link')).toContain('rel="next"');

  // A request in flight when SIGTERM arrives still gets its answer; then the process exits 0.
  const inFlight = fetch(`${address}/v1/jobs?limit=100&facets=role,country,company&status=all`);
  await new Promise((r) => setTimeout(r, 5));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  const late = await inFlight;
  expect(late.status).toBe(200);
  expect(await exited, stderr + JSON.stringify(lines.slice(-5))).toBe(0);
  expect(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
  await expect(fetch(`${address}/healthz`)).rejects.toThrow();
}, 120_000);
