import type { IncomingMessage, ServerResponse } from 'node:http';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.js';

/** The JSON API needs nothing; /docs (Swagger UI) needs its own scripts, styles and data: images. */
export const API_CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const API_HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/**
 * The headers helmet sets for these options. They depend on nothing in the request, so they are
 * computed once: helmet itself rebuilds its middleware chain (and re-parses the CSP) on every call.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return Object.freeze(headers);
}

/** Browser-facing platform concerns: CORS, security headers, compression. */
export default fp(
  async function web(app: FastifyInstance, opts: { config: Config }) {
    await app.register(cors, {
      // Public, cookie-less reads may come from any origin unless origins are configured.
      origin: opts.config.corsOrigins === '*' ? '*' : opts.config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-Request-Id'],
      // Every response header the document names, so a browser client (the SDK included) can read it.
      exposedHeaders: [
        'Link',
        'ETag',
        'Location',
        'X-Request-Id',
        'Retry-After',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'Idempotent-Replayed',
        'X-Result',
        'X-Dry-Run',
      ],
      maxAge: 600,
      // A bare OPTIONS (no Origin) is answered like a preflight (204) rather than with the plugin's
      // text/plain 400: there is nothing wrong to report, and every error here is problem+json.
      strictPreflight: false,
    });
    const apiHeaders = securityHeaders(API_HELMET_OPTIONS);
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(apiHeaders);
      done();
    });
    await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  },
  { name: 'web' },
);
