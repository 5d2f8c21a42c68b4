import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './tables.js';
import type { Config } from '../config.js';
import { REFERENCE_FX_RATES } from '../reference/fx.js';
import { ROLES } from '../reference/taxonomy.js';
import { migrationsFolder } from '../lib/paths.js';
import { RequestAbortedError } from './errors.js';
import { currentRequestScope, type RequestScope } from './request-scope.js';
import { syncReportedBands } from './reference-data.js';

// Its own module, so that db helpers importing it form no cycle with this one.
export type { Database, Executor, Transaction } from './types.js';
import type { Database, Executor } from './types.js';

export type Backend = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  backend: Backend;
  /** Applies pending migrations and brings reference data (the role taxonomy) in step. */
  migrate(): Promise<void>;
  /**
   * Holds a connection of its own that LISTENs on `channel` (outside the pool, so it never starves
   * queries). `onLost` is called once if that connection drops; a closed listener is never "lost".
   */
  listen(channel: string, onNotify: () => void, onLost: (err: Error) => void): Promise<{ close(): Promise<void> }>;
  /**
   * Runs SQL text as a library hands it over (pg-boss): `$n` parameters, or several statements when
   * there are none. Outside any transaction of ours.
   */
  runText(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Connections of the pg pool (metrics); undefined for PGlite, which has one in-process backend and no pool. */
  poolStats(): { total: number; idle: number; waiting: number; max: number } | undefined;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  pgliteDir?: string;
  poolSize?: number;
  /** Longest a statement may run on PostgreSQL (0: no limit). The API sets it; CLIs that migrate or seed do not. */
  statementTimeoutMs?: number;
  /** Longest to wait for a new PostgreSQL connection before failing the request. */
  connectTimeoutMs?: number;
  /** Told of connection errors nothing else hears (a client dropped by the server mid-transaction). */
  onConnectionError?: (err: Error) => void;
  /** Who holds an embedded database directory, as the error of a second process opening it says ("a running server"). */
  holder?: string;
}

/** How the API itself connects: its pool, its statement timeout and where dropped connections are reported. */
export function apiConnectOptions(config: Config, onConnectionError?: (err: Error) => void): ConnectOptions {
  return {
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    poolSize: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    holder: 'a running server',
    ...(onConnectionError ? { onConnectionError } : {}),
  };
}

// Parse int8 (counts, bigserial ids) as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/**
 * Settings of every API connection. Analytics statements have inflated cost estimates (generated
 * period grids) that trigger LLVM JIT, whose compile time dwarfs their run time; none of our
 * statements gains from it. Their sorts and hashes of a few hundred thousand rows fit in 16 MB
 * rather than spilling to disk.
 */
/** How the API's connections name themselves to the server (`pg_stat_activity.application_name`). */
export const APPLICATION_NAME = 'hiring-radar';

export const SESSION_OPTIONS = '-c jit=off -c work_mem=16MB';

export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: APPLICATION_NAME,
      options: options.statementTimeoutMs ? `${SESSION_OPTIONS} -c statement_timeout=${options.statementTimeoutMs}` : SESSION_OPTIONS,
    });
    const onConnectionError = options.onConnectionError ?? (() => {});
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', onConnectionError);
    pool.on('connect', (client) => {
      // A client checked out (by a transaction) hears its connection drop as an 'error' event, which
      // the pool does not listen to while the client is out: unheard, it would end the process. The
      // statement in flight fails on its own, and the pool discards the broken client on release.
      client.on('error', onConnectionError);
      tieStatementsToRequests(client);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return {
      db,
      backend: 'postgres',
      migrate: async () => {
        await migratePg(drizzlePg(pool, { schema }), { migrationsFolder });
        await syncReferenceData(db);
      },
      listen: (channel, onNotify, onLost) => listenPg(url, channel, onNotify, onLost),
      runText: (text, values) => pool.query(text, values),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: options.poolSize ?? 10 }),
      close: () => pool.end(),
    };
  }
  const dir = options.pgliteDir ?? './data/pglite';
  let unlock = () => {};
  if (!dir.startsWith('memory://')) {
    mkdirSync(dir, { recursive: true });
    unlock = lockDirectory(dir, options.holder ?? 'another process');
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dir);
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    backend: 'pglite',
    migrate: async () => {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
      await syncReferenceData(db);
    },
    // Embedded: notifications come from the one in-process backend; there is no connection to lose.
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, () => onNotify());
      return {
        close: async () => {
          if (client.closed) return;
          await unlisten().catch(() => {});
        },
      };
    },
    // The extended protocol takes one statement: parameterless text may hold several (simple protocol).
    runText: async (text, values) => (values?.length ? client.query(text, values) : ((await client.exec(text)).at(-1) ?? { rows: [] })),
    poolStats: () => undefined,
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** A second process opening a PGlite directory that another one holds (PGlite files have one user at a time). */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly holder: string,
  ) {
    super(`the embedded database in ${dir} is in use by ${holder} (pid ${pid})`);
    this.name = 'DatabaseInUseError';
  }
}

const LOCK_FILE = 'hiring-radar.lock';

/**
 * Claims `dir` for this process with a lock file holding its pid, so a second process (the keys CLI
 * while the server runs) fails with a clear error instead of PGlite aborting or corrupting the files.
 * A lock left by a process that no longer exists (killed, crashed) is taken over. Returns the release.
 */
function lockDirectory(dir: string, holder: string): () => void {
  const path = join(dir, LOCK_FILE);
  const content = JSON.stringify({ pid: process.pid, holder });
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, content, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      let owner: { pid?: unknown; holder?: unknown } = {};
      try {
        owner = JSON.parse(readFileSync(path, 'utf8')) as typeof owner;
      } catch {
        // Unreadable or half-written: treated as stale.
      }
      const pid = typeof owner.pid === 'number' ? owner.pid : 0;
      if (pid > 0 && pid !== process.pid && isAlive(pid)) throw new DatabaseInUseError(dir, pid, typeof owner.holder === 'string' ? owner.holder : 'another process');
      unlinkSync(path);
    }
  }
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Statements run for a request (see request-scope.ts) are cancelled on the server when the request's
 * caller goes away, and none starts after that. The cancel goes over a connection of its own (the
 * protocol's CancelRequest), so it needs no pool slot.
 */
function tieStatementsToRequests(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const scope = currentRequestScope();
    if (!scope) return query(...args);
    // After the caller left, only the statements that end its transaction still run.
    if (scope.signal.aborted && !ENDS_TRANSACTION.test(statementText(args[0]))) {
      const err = new RequestAbortedError();
      const callback = args.find((a) => typeof a === 'function') as ((e: Error) => void) | undefined;
      if (callback) return void process.nextTick(callback, err);
      return Promise.reject(err);
    }
    // Statements of this request still running on this client: a cancel is sent only while there
    // are some, and checked again when its connection is up (the client may serve another request by then).
    const stillOurs = () => (runningFor.get(client)?.get(scope) ?? 0) > 0;
    const cancel = () => {
      if (stillOurs()) sendCancelRequest(client, stillOurs);
    };
    const counts = runningFor.get(client) ?? new Map<RequestScope, number>();
    runningFor.set(client, counts);
    counts.set(scope, (counts.get(scope) ?? 0) + 1);
    scope.running.add(cancel);
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      const left = (counts.get(scope) ?? 1) - 1;
      if (left > 0) counts.set(scope, left);
      else counts.delete(scope);
      scope.running.delete(cancel);
    };
    const at = args.findIndex((a) => typeof a === 'function');
    if (at >= 0) {
      // Callback form (pool.query uses it).
      const callback = args[at] as (...r: unknown[]) => void;
      args[at] = (...r: unknown[]) => {
        done();
        callback(...r);
      };
      return query(...args);
    }
    const result = query(...args);
    return result instanceof Promise ? result.finally(done) : result;
  };
}

/** Per pooled client, how many statements each request has running on it. */
const runningFor = new WeakMap<pg.PoolClient, Map<RequestScope, number>>();

const ENDS_TRANSACTION = /^\s*(rollback|abort)\b/i;

function statementText(arg: unknown): string {
  return typeof arg === 'string' ? arg : typeof (arg as { text?: unknown })?.text === 'string' ? (arg as { text: string }).text : '';
}

/**
 * The protocol's CancelRequest for what `client` runs now, over a short connection of its own. (If
 * the statement ends meanwhile, the server cancels nothing, or, rarely, the client's next statement.)
 */
function sendCancelRequest(client: pg.PoolClient, stillWanted: () => boolean): void {
  const target = client as unknown as { processID: number; secretKey: number; host: string; port: number };
  // The driver's own protocol connection (its typings leave out connect and cancel).
  const connection = new pg.Connection() as unknown as {
    on(event: string, listener: (...args: unknown[]) => void): void;
    connect(portOrPath: number | string, host?: string): void;
    cancel(processID: number, secretKey: number): void;
    end(): void;
  };
  connection.on('error', () => {});
  connection.on('connect', () => {
    if (stillWanted()) connection.cancel(target.processID, target.secretKey);
    else connection.end();
  });
  if (target.host.startsWith('/')) connection.connect(`${target.host}/.s.PGSQL.${target.port}`);
  else connection.connect(target.port, target.host);
}

async function listenPg(url: string, channel: string, onNotify: () => void, onLost: (err: Error) => void): Promise<{ close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url, application_name: 'hiring-radar-listen', connectionTimeoutMillis: 10_000, keepAlive: true });
  let state: 'connecting' | 'open' | 'closed' = 'connecting';
  // A dead socket may never answer the terminate message: stop waiting so shutdown cannot hang.
  const end = () => Promise.race([client.end().catch(() => {}), new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
  const lost = (err: Error) => {
    // While connecting, the failed connect() reports the error instead.
    if (state !== 'open') return;
    state = 'closed';
    void end();
    onLost(err);
  };
  client.on('error', lost);
  client.on('end', () => lost(new Error('the LISTEN connection ended')));
  client.on('notification', (message) => {
    if (message.channel === channel) onNotify();
  });
  try {
    await client.connect();
    await client.query(`listen ${client.escapeIdentifier(channel)}`);
    state = 'open';
  } catch (err) {
    state = 'closed';
    await end();
    throw err;
  }
  return {
    close: async () => {
      if (state === 'closed') return;
      state = 'closed';
      await end();
    },
  };
}

async function syncReferenceData(db: Database): Promise<void> {
  await db.insert(schema.fxRates).values(REFERENCE_FX_RATES).onConflictDoNothing();
  await db
    .insert(schema.roles)
    .values(ROLES.map((r, position) => ({ ...r, position })))
    .onConflictDoUpdate({
      target: schema.roles.key,
      set: {
        label: sql`excluded.label`,
        family: sql`excluded.family`,
        description: sql`excluded.description`,
        position: sql`excluded.position`,
      },
    });
  // Published salary bands refer to roles, so they follow them.
  await syncReportedBands(db);
}

/** Runs a raw statement and returns its rows, the same way on both backends. */
export async function queryRows<T>(db: Executor, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}
