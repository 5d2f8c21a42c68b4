/**
 * The exact statements a request makes the API send: the app is built in this process over the
 * same database and every pg Pool query issued while one request is injected is recorded (text,
 * parameters, row mode and type parsers), so the raw-pg limit replays the SAME SQL, not a copy.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { connect, type Database } from '../../src/db/index.js';
import type { CapturedStatement } from './load.js';

export interface CaptureApp {
  app: FastifyInstance;
  db: Database;
  /** Injects a request (GET unless a JSON payload is given) and returns its answer and the statements it issued. */
  capture(path: string, payload?: unknown): Promise<{ status: number; body: unknown; statements: CapturedStatement[] }>;
  close(): Promise<void>;
}

export async function captureApp(databaseUrl: string): Promise<CaptureApp> {
  const database = await connect({ databaseUrl, poolSize: 4 });
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', RATE_LIMIT_ANONYMOUS: String(2 ** 31 - 1), WEBHOOK_WORKER: 'false' });
  const app = await buildApp(config, { database, logger: false });
  await app.ready();
  const proto = pg.Pool.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  return {
    app,
    db: database.db,
    async capture(path, payload) {
      const statements: CapturedStatement[] = [];
      proto.query = function (this: unknown, ...args: unknown[]) {
        const [first, values] = args;
        const config = (typeof first === 'string' ? { text: first } : first) as CapturedStatement['config'];
        statements.push({ config, values: values as unknown[] | undefined });
        return original.apply(this, args);
      };
      try {
        const res = await app.inject(payload === undefined ? { method: 'GET', url: path } : { method: 'POST', url: path, payload: payload as object });
        return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body, statements };
      } finally {
        proto.query = original;
      }
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The statements each path makes the API send, checked to answer 200. */
export async function capturePaths(app: CaptureApp, paths: string[]): Promise<CapturedStatement[][]> {
  const all: CapturedStatement[][] = [];
  for (const path of paths) {
    const { status, body, statements } = await app.capture(path);
    if (status !== 200) throw new Error(`${path} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    all.push(statements);
  }
  return all;
}
