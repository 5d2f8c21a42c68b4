import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { StringEnum } from '../lib/schemas.js';
import { PROBLEM_TYPES } from '../lib/errors.js';
import { sendProblem } from './problems.js';

const READY_TIMEOUT_MS = 2000;

/** Why the database is not ready, in words an operator can act on (no addresses, no statement). */
function readinessReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = e?.cause?.code ?? e?.code;
  const message = String(e?.cause?.message ?? e?.message ?? err).split('\n')[0]!;
  if (message === 'timed out') return `no answer within ${READY_TIMEOUT_MS} ms`;
  if (code === 'ECONNREFUSED') return 'connection refused (the server is down or restarting)';
  if (code === '57P03') return 'the server is starting up';
  if (code === '57P01' || code === '57P02') return 'the server is shutting down';
  return message.replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '[address]').slice(0, 200);
}

export default async function health(app: FastifyInstance) {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the process is up',
        operationId: 'getHealth',
        response: { 200: Type.Object({ status: Type.Literal('ok') }, { title: 'Health', description: 'The process is up.' }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: the database answers',
        operationId: 'getReadiness',
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            database: Type.String({ description: '`pglite` or `postgres`.' }),
            rate_limit_store: Type.String({ description: '`memory`, `redis`, or `redis-degraded` (Redis unreachable: counting in memory).' }),
            rate_limit_store_failures: Type.Integer({ description: 'Redis calls that failed since start.' }),
            rate_limit_breaker: StringEnum(['closed', 'open', 'half-open'], {
              description: 'Breaker in front of Redis: `open` after repeated failures or timeouts (counting in memory without calling Redis), `half-open` when a probe may go; always `closed` without Redis.',
            }),
          }, { title: 'Readiness', description: 'The database answers; the state of the rate-limit store.' }),
          503: { description: 'The database does not answer.', content: { 'application/problem+json': { schema: { $ref: 'Problem' } } } },
        },
      },
    },
    async (request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          app.database.db.execute(sql`select 1`),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
          }),
        ]);
        const limits = app.rateLimitHealth();
        return {
          status: 'ready' as const,
          database: app.database.backend,
          rate_limit_store: limits.store,
          rate_limit_store_failures: limits.redisFailures,
          rate_limit_breaker: limits.breaker,
        };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return sendProblem(request, reply, {
          status: 503,
          type: PROBLEM_TYPES.unavailable,
          title: 'Service Unavailable',
          detail: `The database does not answer: ${readinessReason(err)}.`,
        });
      } finally {
        clearTimeout(timer);
      }
    },
  );
}
