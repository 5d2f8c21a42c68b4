import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';
import { loggableError } from './db/errors.js';
import { apiConnectOptions, connect, type Database, type DatabaseHandle } from './db/index.js';
import { runInRequestScope } from './db/request-scope.js';
import { CursorCodec } from './lib/cursor.js';
import { PROBLEM_TYPES, ValidationProblem } from './lib/errors.js';
import { addRouteHook } from './lib/route-hooks.js';
import { Company } from './modules/companies/companies.schemas.js';
import companiesRoutes from './modules/companies/companies.routes.js';
import jobsRoutes from './modules/jobs/jobs.routes.js';
import { Job } from './modules/jobs/jobs.schemas.js';
import { JobPostingLd } from './modules/jobs/jsonld/to-job-posting.js';
import taxonomyRoutes from './modules/taxonomy/taxonomy.routes.js';
import health from './plugins/health.js';
import openapi from './plugins/openapi.js';
import problems, { sendProblem } from './plugins/problems.js';
import textGuard from './plugins/text-guard.js';
import auth from './plugins/auth.js';
import rateLimits from './plugins/rate-limit.js';
import adminRoutes from './modules/admin/admin.routes.js';
import usageRoutes from './modules/usage/usage.routes.js';
import partnerRoutes from './modules/partner/partner.routes.js';
import layoffsRoutes from './modules/layoffs/layoffs.routes.js';
import trendsRoutes from './modules/trends/trends.routes.js';
import marketRoutes from './modules/market/market.routes.js';
import salariesRoutes from './modules/salaries/salaries.routes.js';
import idempotency from './plugins/idempotency.js';
import { ApiKey, NewApiKey } from './modules/keys/keys.schemas.js';
import web from './plugins/web.js';
import graphql from './plugins/graphql.js';
import rollupMaintenance from './plugins/rollup-maintenance.js';
import jobStream from './plugins/job-stream.js';
import metrics from './plugins/metrics.js';
import responseContract, { responseContractActive } from './plugins/response-contract.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: DatabaseHandle;
    /** What the services need: the database, the cursor codec and the search counting bound. */
    deps: { db: Database; cursors: CursorCodec; countBound: number };
    /** Every route registered, as `METHOD url` (the OpenAPI test checks each /v1 one is documented). */
    routeList: { method: string; url: string }[];
  }
}

export interface BuildOptions {
  /** An already connected (and migrated) database; otherwise buildApp connects and closes its own. */
  database?: DatabaseHandle;
  /** Logger level and destination (tests pass a stream, or `false` for none); redaction always applies. */
  logger?: false | { level?: string; stream?: DestinationStream };
}

/** A key pasted into a URL must not reach the logs (the request itself is refused). */
export function redactUrl(url: string): string {
  return url.replace(/([?&][^=&]*=)([^&]*)/g, (all, name: string, value: string) =>
    /key|token|auth/i.test(name) || /hr_/.test(decodeURIComponentSafe(value)) ? `${name}[redacted]` : all,
  );
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Errors of the HTTP parser (before there is a request): a plain problem+json, then the socket closes. */
function problemOnClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const title = STATUS_CODES[status]!;
  const detail = status === 408 ? 'The request was not received in time.' : status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP.';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the whole application without listening: main.ts listens, tests inject. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: options.logger?.level ?? config.logLevel,
            ...(options.logger?.stream ? { stream: options.logger.stream } : {}),
            redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'], censor: '[redacted]' },
            serializers: {
              // Failed statements are logged without their parameters (they carry the request's data).
              err: loggableError,
              req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
                method: req.method,
                url: redactUrl(req.url),
                host: req.host,
                remoteAddress: req.ip,
                remotePort: req.socket?.remotePort,
              }),
            },
          },
    // A caller's x-request-id is kept when it is sane, so their logs and ours line up.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimit,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    forceCloseConnections: false,
    // The router's own refusals (a malformed percent-encoding, an overlong path parameter) and the
    // HTTP parser's are problem+json like every other error.
    frameworkErrors: (error, request, reply) =>
      sendProblem(request, reply, {
        status: error.statusCode ?? 400,
        type: PROBLEM_TYPES.validation,
        title: error.statusCode === 414 ? 'URI Too Long' : 'Invalid request',
        detail: error.code === 'FST_ERR_BAD_URL' ? 'The URL has an invalid percent-encoding.' : error.message,
      }),
    clientErrorHandler: problemOnClientError,
    // Forwarded-for headers are believed only from the configured proxies.
    trustProxy: config.trustProxy,
    ajv: {
      customOptions: {
        // Unknown parameters are errors, not silently dropped; report every bad input at once.
        removeAdditional: false,
        allErrors: true,
        coerceTypes: 'array',
        useDefaults: true,
      },
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Start-up on a busy 2-core machine can take longer than the default 10 s per plugin.
    pluginTimeout: 60_000,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database = options.database ?? (await connect(apiConnectOptions(config, (err) => app.log.warn({ err }, 'database connection lost'))));
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
  });
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('deps', { db: database.db, cursors: new CursorCodec(config.cursorSecret), countBound: config.searchCountBound });
  if (!options.database) app.addHook('onClose', () => database.close());

  // While shutting down, answers to in-flight requests close their keep-alive connection, so the
  // server can finish closing instead of waiting for idle clients to time out.
  // Idle keep-alive connections are not cut at close (a client may be sending on one at that very
  // moment, and would see a reset): each ends after its next answer, or when its announced
  // keep-alive timeout expires, which clients heed before reusing it.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    app.server.closeIdleConnections = () => {};
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  // The validator coerces "1e309" to Infinity and then skips minimum/maximum: refuse non-finite
  // numbers, on the routes whose query has numbers.
  const refuseNonFinite = async (request: FastifyRequest) => {
    const bad = Object.entries(request.query as Record<string, unknown>).filter(([, v]) => typeof v === 'number' && !Number.isFinite(v));
    if (bad.length) throw new ValidationProblem(bad.map(([name]) => ({ name, reason: 'must be a finite number' })));
  };
  app.addHook('onRoute', (route) => {
    if (/"type":"(?:number|integer)"/.test(JSON.stringify(route.schema?.querystring ?? {}))) addRouteHook(route, 'preHandler', refuseNonFinite);
  });

  // First of all hooks: the rest of the request runs in its scope, so its statements are cancelled
  // when the client goes away before the answer is complete.
  app.addHook('onRequest', (_request, reply, done) => {
    const ended = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableEnded) ended.abort();
    });
    runInRequestScope(ended.signal, done);
  });
  await app.register(problems);
  // Before every route: its hooks time them all, and tracing must see each route added.
  await app.register(metrics, { config });
  await app.register(textGuard);
  // Resource schemas shared by several modules are registered once, at the root.
  app.addSchema(Job);
  app.addSchema(JobPostingLd);
  app.addSchema(Company);
  app.addSchema(ApiKey);
  app.addSchema(NewApiKey);
  // Before web: its onSend must see the response before compression does.
  await app.register(idempotency);
  // Only while a test suite (or a debugging session) listens for violations of the document.
  if (responseContractActive()) await app.register(responseContract);
  await app.register(web, { config });
  await app.register(openapi);
  await app.register(health);
  await app.register(auth, { config });
  // RATE_LIMIT_ENABLED=false: no route gets the limiter's hook (its cost is then measured against nothing).
  if (!config.rateLimit.enabled) {
    app.addHook('onRoute', (route) => {
      route.config = { ...route.config, rateLimit: false };
    });
  }
  await app.register(rateLimits, { config });
  await app.register(jobStream);
  await app.register(usageRoutes);
  await app.register(adminRoutes);
  await app.register(taxonomyRoutes);
  await app.register(jobsRoutes);
  await app.register(companiesRoutes);
  await app.register(partnerRoutes);
  await app.register(salariesRoutes);
  await app.register(layoffsRoutes);
  await app.register(trendsRoutes);
  await app.register(marketRoutes);
  await app.register(rollupMaintenance, { config });
  // Last: GraphQL serves what the modules above serve, and uses live postings when they are there.
  await app.register(graphql, { config });
  return app;
}
