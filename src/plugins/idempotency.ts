import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  checkIdempotencyKey,
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  requestFingerprint,
} from '../modules/idempotency/idempotency.service.js';
import { addRouteHook } from '../http/route-hooks.js';

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

    const replayOrClaim = async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers['idempotency-key'];
      if (header === undefined) return;
      const key = checkIdempotencyKey(header);
      const owner = request.principal.rateKey;
      const hash = requestFingerprint(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`);
      const claim = await claimIdempotencyKey(db(), owner, key, hash);
      if (claim.kind === 'claimed') {
        request.idempotency = { owner, key };
        return;
      }
      reply.code(claim.status).headers(claim.headers).header('idempotent-replayed', 'true');
      return reply.send(claim.body);
    };

    const storeAnswer = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const claim = request.idempotency;
      if (!claim) return payload;
      request.idempotency = null;
      if (reply.statusCode >= 500) {
        await releaseIdempotencyKey(db(), claim.owner, claim.key);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await completeIdempotencyKey(db(), claim.owner, claim.key, {
        status: reply.statusCode,
        body: typeof payload === 'string' ? payload : String(payload ?? ''),
        headers,
      });
      return payload;
    };

    // Only the routes that honour the header carry these hooks (registered before compression, so
    // the stored answer is the uncompressed one).
    app.addHook('onRoute', function honourIdempotencyKey(route) {
      if (!route.config?.idempotent) return;
      addRouteHook(route, 'preHandler', replayOrClaim);
      addRouteHook(route, 'onSend', storeAnswer);
    });
  },
  // `request.principal` comes from auth, at request time: auth is registered later (after web, which
  // must come after this plugin), so it cannot be named here.
  { name: 'idempotency', dependencies: ['app-context', 'problems'] },
);
