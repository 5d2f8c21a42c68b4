import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, queryRows, type Database } from '../../src/db/index.js';
import { projectRoot } from '../../src/lib/paths.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestDatabase } from '../helpers/database.js';

const temp = mkdtempSync(join(tmpdir(), 'hr-shutdown-flush-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// Only the shutdown flush can write last_used_at: the periodic one is an hour away.
const SERVER_ENV = { PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', KEY_USAGE_FLUSH_SECONDS: '3600', LOG_LEVEL: 'info' };

interface Server {
  address: string;
  pid: number;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...SERVER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start: ${output}`)), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return {
    address,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) console.error(output);
      return code;
    },
  };
}

function keysCli(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

async function lastUsedAt(db: Database, id: string): Promise<Date | null> {
  const [row] = await queryRows<{ last_used_at: string | Date | null }>(db, sql`select last_used_at from api_keys where id = ${id}::uuid`);
  return row?.last_used_at ? new Date(row.last_used_at) : null;
}

async function useKey(server: Server, secret: string): Promise<Date> {
  const before = new Date(Date.now() - 1000);
  const res = await fetch(`${server.address}/v1/jobs?limit=1`, { headers: { authorization: `Bearer ${secret}` } });
  expect(res.status).toBe(200);
  return before;
}

describe('shutdown loses nothing', () => {
  it('embedded: the keys CLI refuses a database a running server holds; the last key use is written at SIGTERM', async () => {
    const pgliteDir = join(temp, 'pglite');
    const env = { PGLITE_DIR: pgliteDir, DATABASE_URL: '' };
    // The CLI creates (and migrates) the database before the server exists.
    const created = keysCli(env, 'create', '--name', 'Flush test', '--tier', 'free');
    expect(created.status, created.stderr).toBe(0);
    const id = /created key (\S+)/.exec(created.stdout)![1]!;
    const secret = created.stdout.trim().split('\n').at(-1)!;

    const server = await startServer(env);
    let stopped = false;
    try {
      const before = await useKey(server, secret);

      // While the server holds the files: exit 1 and a message naming the holder and the admin API,
      // not PGlite's WASM abort.
      const busy = keysCli(env, 'create', '--name', 'Too early');
      expect(busy.status).toBe(1);
      expect(busy.stderr).toContain(`the embedded database in ${pgliteDir} is in use by a running server (pid ${server.pid})`);
      expect(busy.stderr).toContain('POST /v1/admin/keys');
      expect(busy.stderr).not.toMatch(/RuntimeError|Aborted/);

      stopped = true;
      expect(await server.stop()).toBe(0);
      // The lock went with the server.
      expect(existsSync(join(pgliteDir, 'hiring-radar.lock'))).toBe(false);

      const database = await connect({ pgliteDir });
      try {
        const used = await lastUsedAt(database.db, id);
        expect(used).not.toBeNull();
        expect(used!.getTime()).toBeGreaterThanOrEqual(before.getTime());
      } finally {
        await database.close();
      }
    } finally {
      if (!stopped) await server.stop();
    }

    // A lock left by a process that died (killed, crashed) does not keep the database shut.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(pgliteDir, 'hiring-radar.lock'), JSON.stringify({ pid: dead, holder: 'a running server' }));
    const afterCrash = keysCli(env, 'list');
    expect(afterCrash.status, afterCrash.stderr).toBe(0);
    expect(afterCrash.stdout).toContain(id);
  }, 240_000);

  it.skipIf(!process.env.DATABASE_URL)('PostgreSQL: the last key use is written at SIGTERM, before the pool closes', async () => {
    const database = await createTestDatabase();
    try {
      const { key, secret } = await createKey(database.db, { name: 'Flush test', tier: 'free' });
      const server = await startServer({ DATABASE_URL: database.url! });
      let code: number | null;
      let before: Date;
      try {
        before = await useKey(server, secret);
      } finally {
        code = await server.stop();
      }
      expect(code).toBe(0);
      const used = await lastUsedAt(database.db, key.id);
      expect(used).not.toBeNull();
      expect(used!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    } finally {
      await database.close();
    }
  }, 180_000);
});
