import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { idempotencyKeys } from '../../schema/index.js';
import { HttpProblem, ValidationProblem } from '../lib/errors.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a finished response is replayed. */
const RETENTION_HOURS = 24;
/** A request that has held its key this long is presumed dead (its process crashed), so a retry may take over. */
const LOCK_SECONDS = 120;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** POST routes that honour the Idempotency-Key header. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { owner: string; key: string } | null;
  }
}

/**
 * `Idempotency-Key` on POST: the same key and body within 24 hours replays the stored response
 * (with `Idempotent-Replayed: true`); the same key with another body is a 422; while the first
 * request runs, a retry gets 409. Keys belong to the caller (API key, or JWT subject). A 5xx is not
 * stored, so the client's retry runs again (the write it reports was rolled back).
 */
export default fp(
  async function idempotency(app: FastifyInstance) {
    const db = () => app.deps.db;
    app.decorateRequest('idempotency', null);

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.routeOptions.config.idempotent) return;
      const header = request.headers['idempotency-key'];
      if (header === undefined) return;
      if (typeof header !== 'string' || !KEY.test(header)) {
        throw new ValidationProblem([{ name: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters (a UUID is a good choice)' }]);
      }
      const owner = request.principal.rateKey;
      const hash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
      const where = and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, header));
      for (let attempt = 0; attempt < 3; attempt++) {
        const [claimed] = await db()
          .insert(idempotencyKeys)
          .values({ owner, key: header, requestHash: hash, state: 'in_progress', lockedUntil: sql`now() + ${`${LOCK_SECONDS} seconds`}::interval` })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (claimed) {
          request.idempotency = { owner, key: header };
          return;
        }
        const [record] = await db()
          .select({
            requestHash: idempotencyKeys.requestHash,
            state: idempotencyKeys.state,
            responseStatus: idempotencyKeys.responseStatus,
            responseBody: idempotencyKeys.responseBody,
            responseHeaders: idempotencyKeys.responseHeaders,
            expired: sql<boolean>`${idempotencyKeys.createdAt} < now() - ${`${RETENTION_HOURS} hours`}::interval`,
            abandoned: sql<boolean>`${idempotencyKeys.lockedUntil} < now()`,
          })
          .from(idempotencyKeys)
          .where(where);
        if (!record) continue; // deleted meanwhile: claim again
        if (record.expired) {
          await db().delete(idempotencyKeys).where(where);
          continue;
        }
        if (record.requestHash !== hash) {
          throw new HttpProblem(
            422,
            'Unprocessable Content',
            'This Idempotency-Key was used with a different request; use a new key for a new request.',
            'urn:hiring-radar:problem:idempotency-key-reused',
          );
        }
        if (record.state === 'in_progress') {
          if (!record.abandoned) {
            throw new HttpProblem(409, 'Conflict', 'A request with this Idempotency-Key is still being processed; retry shortly.', 'urn:hiring-radar:problem:idempotency-in-progress');
          }
          const [taken] = await db()
            .update(idempotencyKeys)
            .set({ lockedUntil: sql`now() + ${`${LOCK_SECONDS} seconds`}::interval` })
            .where(and(where, sql`${idempotencyKeys.lockedUntil} < now()`))
            .returning({ key: idempotencyKeys.key });
          if (taken) {
            request.idempotency = { owner, key: header };
            return;
          }
          continue;
        }
        const headers = JSON.parse(record.responseHeaders ?? '{}') as Record<string, string>;
        reply.code(record.responseStatus ?? 200).headers(headers).header('idempotent-replayed', 'true');
        return reply.send(record.responseBody ?? '');
      }
      throw new HttpProblem(409, 'Conflict', 'This Idempotency-Key is contended; retry shortly.', 'urn:hiring-radar:problem:idempotency-in-progress');
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotency;
      if (!claim) return payload;
      request.idempotency = null;
      const where = and(eq(idempotencyKeys.owner, claim.owner), eq(idempotencyKeys.key, claim.key));
      if (reply.statusCode >= 500) {
        await db().delete(idempotencyKeys).where(where);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await db()
        .update(idempotencyKeys)
        .set({ state: 'done', responseStatus: reply.statusCode, responseBody: typeof payload === 'string' ? payload : String(payload ?? ''), responseHeaders: JSON.stringify(headers), lockedUntil: null })
        .where(where);
      return payload;
    });
  },
  { name: 'idempotency' },
);
