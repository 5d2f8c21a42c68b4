import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/index.js';
import { createTestDatabase } from './database.js';
import { TEST_ENV } from './env.js';

export { TEST_ENV } from './env.js';

type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One parsed pino line: `level` is pino's number (30 info, 40 warn, 50 error). */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface TestAppOptions {
  /** Config overrides on top of TEST_ENV. */
  env?: Record<string, string>;
  /** Use this database instead of a new one of the app's own; close() then leaves it open. */
  database?: DatabaseHandle;
  /** Capture the app's log lines from this level (`true`: info) into `logs`; otherwise the app logs nothing. */
  logs?: true | LogLevel;
  /** `false`: return before app.ready(), e.g. to add a route first (inject and listen ready it anyway). */
  ready?: boolean;
  /** Listen on a free port of 127.0.0.1; `url` is then its base URL. */
  listen?: boolean;
  /** Webhook overrides (the radar clock, DNS). */
  webhooks?: BuildOptions['webhooks'];
}

export interface TestContext {
  app: FastifyInstance;
  database: DatabaseHandle;
  /** The parsed log lines (empty unless `logs` was asked for). */
  logs: LogLine[];
  /** The same lines as pino wrote them. */
  logLines: string[];
  /** The base URL, with `listen: true`. */
  url?: string;
  /** Closes the app, and the database unless it was passed in. */
  close(): Promise<void>;
}

const OPTION_KEYS = new Set(['env', 'database', 'logs', 'ready', 'listen', 'webhooks']);
const isOptions = (arg: object): arg is TestAppOptions => Object.keys(arg).some((k) => OPTION_KEYS.has(k));

/**
 * The one way tests build an app: over a database of its own (PGlite in memory, or a fresh
 * PostgreSQL database) or the one given. `createTestApp(env)` is short for `createTestApp({ env })`.
 */
export async function createTestApp(options?: TestAppOptions): Promise<TestContext>;
export async function createTestApp(env: Record<string, string>): Promise<TestContext>;
export async function createTestApp(arg: TestAppOptions | Record<string, string> = {}): Promise<TestContext> {
  const options: TestAppOptions = isOptions(arg) ? arg : { env: arg };
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const logs: LogLine[] = [];
  const logLines: string[] = [];
  const stream = {
    write(chunk: string) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        logLines.push(line);
        logs.push(JSON.parse(line) as LogLine);
      }
    },
  };
  const closeDatabase = () => (ownsDatabase ? database.close() : Promise.resolve());
  let app: FastifyInstance;
  try {
    const config = loadConfig({ ...TEST_ENV, ...options.env });
    app = await buildApp(config, { database, logger: options.logs ? { level: options.logs === true ? 'info' : options.logs, stream } : false, ...(options.webhooks ? { webhooks: options.webhooks } : {}) });
  } catch (err) {
    await closeDatabase();
    throw err;
  }
  const ctx: TestContext = {
    app,
    database,
    logs,
    logLines,
    close: async () => {
      try {
        await app.close();
      } finally {
        await closeDatabase();
      }
    },
  };
  try {
    if (options.ready !== false) await app.ready();
    if (options.listen) ctx.url = await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await ctx.close();
    throw err;
  }
  return ctx;
}
