import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PROBLEM_TYPES } from '../lib/errors.js';
import { sendProblem } from './problems.js';

const READY_TIMEOUT_MS = 2000;

export default async function health(app: FastifyInstance) {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the process is up',
        operationId: 'getHealth',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
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
          }),
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
        };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return sendProblem(request, reply, {
          status: 503,
          type: PROBLEM_TYPES.unavailable,
          title: 'Service Unavailable',
          detail: 'The database does not answer.',
        });
      } finally {
        clearTimeout(timer);
      }
    },
  );
}
