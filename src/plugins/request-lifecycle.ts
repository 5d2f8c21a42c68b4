import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runInRequestScope } from '../db/request-scope.js';

/**
 * The frame around every request, registered before any other plugin's hooks:
 * - its database scope: the rest of the request runs in it, so its statements are cancelled when
 *   the client goes away before the answer is complete (the first onRequest hook of all);
 * - `X-Request-Id` on every answer (the id itself comes from `genReqId`, src/http/server-options.ts);
 * - a graceful close: while shutting down, answers to in-flight requests close their keep-alive
 *   connection, so the server can finish closing instead of waiting for idle clients to time out.
 *   Idle keep-alive connections are not cut at close (a client may be sending on one at that very
 *   moment, and would see a reset): each ends after its next answer, or when its announced
 *   keep-alive timeout expires, which clients heed before reusing it.
 */
export default fp(
  async function requestLifecycle(app: FastifyInstance) {
    let closing = false;
    app.addHook('preClose', async function keepIdleConnections() {
      closing = true;
      app.server.closeIdleConnections = () => {};
    });
    app.addHook('onSend', function requestIdAndClosing(request, reply, payload, done) {
      reply.header('x-request-id', request.id);
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
    app.addHook('onRequest', function requestScope(_request, reply, done) {
      const ended = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableEnded) ended.abort();
      });
      runInRequestScope(ended.signal, done);
    });
  },
  { name: 'request-lifecycle' },
);
