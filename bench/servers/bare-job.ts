/**
 * The floor for GET /v1/jobs/{id} in any Fastify service on this machine: one route, no plugins, no
 * logger, the statement the API sends (BARE_JOB_STATEMENT: text, name, row mode and the values after
 * the id) through a pg pool of DATABASE_POOL_SIZE, and the row as JSON.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { SESSION_OPTIONS } from '../../src/db/index.js';

const statement = JSON.parse(process.env.BARE_JOB_STATEMENT!) as { text: string; name?: string; rowMode?: 'array'; rest: unknown[] };
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), options: SESSION_OPTIONS });
const app = Fastify({ logger: false });
// The harness waits for /healthz before it measures.
app.get('/healthz', async () => ({ status: 'ok' }));
app.get<{ Params: { id: string } }>('/v1/jobs/:id', async (request, reply) => {
  const { text, name, rowMode, rest } = statement;
  const result = await pool.query({ text, ...(name ? { name } : {}), ...(rowMode ? { rowMode } : {}), values: [request.params.id, ...rest] });
  if (!result.rows[0]) return reply.code(404).send({ status: 404 });
  return result.rows[0];
});
await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
