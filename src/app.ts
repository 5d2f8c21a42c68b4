import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { apiConnectOptions, connect, type DatabaseHandle } from './db/index.js';
import { AJV_OPTIONS } from './lib/ajv.js';
import { genReqId, loggerOptions, problemOnClientError, problemOnFrameworkError, type LoggerChoice } from './http/server-options.js';
import companiesRoutes from './modules/companies/companies.routes.js';
import jobsRoutes from './modules/jobs/jobs.routes.js';
import taxonomyRoutes from './modules/taxonomy/taxonomy.routes.js';
import adminRoutes from './modules/admin/admin.routes.js';
import usageRoutes from './modules/usage/usage.routes.js';
import partnerRoutes from './modules/partner/partner.routes.js';
import layoffsRoutes from './modules/layoffs/layoffs.routes.js';
import trendsRoutes from './modules/trends/trends.routes.js';
import marketRoutes from './modules/market/market.routes.js';
import salariesRoutes from './modules/salaries/salaries.routes.js';
import savedSearchesRoutes from './modules/saved-searches/saved-searches.routes.js';
import webhooksRoutes from './modules/webhooks/webhooks.routes.js';
import appContext from './plugins/app-context.js';
import auth from './plugins/auth.js';
import finiteNumbers from './plugins/finite-numbers.js';
import graphql from './plugins/graphql.js';
import health from './plugins/health.js';
import idempotency from './plugins/idempotency.js';
import jobStream from './plugins/job-stream.js';
import metrics from './plugins/metrics.js';
import openapi from './plugins/openapi.js';
import problems from './plugins/problems.js';
import rateLimits from './plugins/rate-limit.js';
import requestLifecycle from './plugins/request-lifecycle.js';
import responseContract, { responseContractActive } from './plugins/response-contract.js';
import rollupMaintenance from './plugins/rollup-maintenance.js';
import sharedSchemas from './plugins/shared-schemas.js';
import textGuard from './plugins/text-guard.js';
import web from './plugins/web.js';
import webhooks, { type WebhookPluginOptions } from './plugins/webhooks.js';

export { redactUrl } from './http/server-options.js';

export interface BuildOptions {
  /** An already connected (and migrated) database; otherwise buildApp connects and closes its own. */
  database?: DatabaseHandle;
  /** Logger level and destination (tests pass a stream, or `false` for none); redaction always applies. */
  logger?: LoggerChoice;
  /** Webhook delivery overrides for tests: the radar clock, DNS. */
  webhooks?: WebhookPluginOptions;
}

/** Builds the whole application without listening: main.ts listens, tests inject. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logger),
    genReqId,
    bodyLimit: config.bodyLimit,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    forceCloseConnections: false,
    // The router's own refusals and the HTTP parser's are problem+json like every other error.
    frameworkErrors: problemOnFrameworkError,
    clientErrorHandler: problemOnClientError,
    // Forwarded-for headers are believed only from the configured proxies.
    trustProxy: config.trustProxy,
    // The project's one set of Ajv options (src/lib/ajv.ts): unknown parameters are errors, not
    // silently dropped; every bad input is reported at once.
    ajv: { customOptions: { ...AJV_OPTIONS } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Start-up on a busy 2-core machine can take longer than the default 10 s per plugin.
    pluginTimeout: 60_000,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database = options.database ?? (await connect(apiConnectOptions(config, (err) => app.log.warn({ err }, 'database connection lost'))));
  // Each plugin names the plugins it needs (fastify-plugin `dependencies`): a wrong order fails at boot.
  // What is left to this order is the order of hooks, noted where it matters.
  // First: the database closes after every other plugin's onClose; the request frame wraps all hooks.
  await app.register(appContext, { config, database, ownsDatabase: !options.database });
  await app.register(requestLifecycle);
  // Every onRoute hook that rewrites routes (src/http/route-hooks.ts lists them) comes before the
  // first route, and their order is the order of the hooks they add.
  await app.register(problems);
  // Before every route: its hooks time them all, and tracing must see each route added.
  await app.register(metrics, { config });
  await app.register(textGuard);
  await app.register(finiteNumbers);
  await app.register(sharedSchemas);
  // Before web: its onSend must see the response before compression does.
  await app.register(idempotency);
  // Only while a test suite (or a debugging session) listens for violations of the document.
  if (responseContractActive()) await app.register(responseContract);
  await app.register(web, { config });
  await app.register(openapi);
  await app.register(health);
  await app.register(auth, { config });
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
  await app.register(webhooks, options.webhooks ?? {});
  await app.register(savedSearchesRoutes);
  await app.register(webhooksRoutes);
  await app.register(rollupMaintenance, { config });
  // Last: GraphQL serves what the modules above serve, and uses live postings when they are there.
  await app.register(graphql, { config });
  return app;
}
