import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import mercurius, { type IResolvers, type MercuriusContext } from 'mercurius';
import type { Config } from '../config.js';
import { checkAccess, type FieldRules } from '../graphql/access.js';
import type { GraphQLContext, GraphQLLoaders } from '../graphql/context.js';
import { ApiGraphQLError, formatExecution, fromProblem } from '../graphql/errors.js';
import { aliasLimit, analyse, analyseAll, depthLimit, onlyOperation, operationToRun, type CostModel } from '../graphql/limits.js';
import { graphqlRuntime } from '../graphql/runtime.js';
import { WsGuard, type WsStats } from '../graphql/ws-limits.js';
import { HttpProblem } from '../lib/errors.js';
import { addRouteHook } from '../http/route-hooks.js';
import { adminResolvers, adminRules } from '../modules/admin/admin.resolvers.js';
import { companiesCosts, companiesLoaders, companiesResolvers, companiesRules } from '../modules/companies/companies.resolvers.js';
import { jobsLoaders, jobsResolvers, jobsRules } from '../modules/jobs/jobs.resolvers.js';
import { layoffsResolvers, layoffsRules } from '../modules/layoffs/layoffs.resolvers.js';
import { marketResolvers, marketRules } from '../modules/market/market.resolvers.js';
import { partnerCosts, partnerResolvers, partnerRules } from '../modules/partner/partner.resolvers.js';
import { salariesResolvers, salariesRules } from '../modules/salaries/salaries.resolvers.js';
import { savedSearchesResolvers, savedSearchesRules } from '../modules/saved-searches/saved-searches.resolvers.js';
import { taxonomyResolvers, taxonomyRules } from '../modules/taxonomy/taxonomy.resolvers.js';
import { trendsResolvers, trendsRules } from '../modules/trends/trends.resolvers.js';
import { usageResolvers, usageRules } from '../modules/usage/usage.resolvers.js';
import { webhooksResolvers, webhooksRules } from '../modules/webhooks/webhooks.resolvers.js';
import type { Credentials, Principal } from './auth.js';
import type { RateLimitCaller } from './rate-limit.js';
import graphiql from './graphiql.js';
import { loadSchemaSource } from '../graphql/sdl.js';

const { Location, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate } = graphqlRuntime;

// The SDL loader lives beside the schema's other helpers; re-exported for the schema tests.
export { loadSchemaSource };

/** Merges the modules' resolver (or loader) maps type by type; each module's map is typed by codegen where it is written. */
function merge<Merged extends object>(...maps: object[]): Merged {
  const out: Record<string, Record<string, unknown>> = {};
  for (const map of maps) for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...(fields as object) };
  return out as Merged;
}

export const FIELD_RULES: FieldRules = {
  'Query.ok': { anonymous: true },
  ...jobsRules,
  ...companiesRules,
  ...layoffsRules,
  ...salariesRules,
  ...trendsRules,
  ...marketRules,
  ...taxonomyRules,
  ...usageRules,
  ...partnerRules,
  ...adminRules,
  ...savedSearchesRules,
  ...webhooksRules,
};

/** Cost of a field each time it runs (root fields not named here cost 1, other fields nothing). */
export const COST_MODEL: CostModel = { weights: { ...companiesCosts, ...partnerCosts } };

interface JobStreamLike {
  subscribe(listener: (e: unknown) => void): () => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** GraphQL WebSocket connections and subscriptions held by this instance (absent without live postings). */
    graphqlWsStats?: () => WsStats;
  }
}

type WsHandler = (this: FastifyInstance, socket: WebSocket, request: FastifyRequest) => unknown;

/**
 * GraphQL at POST/GET /graphql (and WebSocket subscriptions when live postings are available),
 * GraphiQL at /graphiql. Resolvers call the REST services; access, errors, limits and the rate-limit
 * budget follow the REST rules. See README "GraphQL".
 */
export default fp(
  async function graphql(app: FastifyInstance, opts: { config: Config }) {
    const limits = opts.config.graphql;
    const validationRules = [depthLimit(limits.maxDepth), aliasLimit(limits.maxAliases), ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
    const live = app.hasDecorator('jobStream') && (app as unknown as { jobStream?: JobStreamLike }).jobStream !== undefined;

    const resolvers = merge<IResolvers<unknown, GraphQLContext>>(
      jobsResolvers,
      companiesResolvers,
      layoffsResolvers,
      salariesResolvers,
      trendsResolvers,
      marketResolvers,
      taxonomyResolvers,
      usageResolvers,
      partnerResolvers,
      adminResolvers,
      savedSearchesResolvers,
      webhooksResolvers,
      { Query: { ok: () => true } },
    );
    if (!live) delete resolvers.Subscription;

    // A body that is not an operation (or a batch of them) is refused here: mercurius would fail on
    // it with a 500 (a non-string query) or answer raw framework errors (null or scalar batch members).
    const badOperation = (operation: unknown): string | undefined => {
      if (operation === null || typeof operation !== 'object' || Array.isArray(operation)) return 'must be an object with a "query" string';
      const { query, operationName, variables } = operation as Record<string, unknown>;
      if (typeof query !== 'string') return '"query" must be a string holding the GraphQL document';
      if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return '"operationName" must be a string';
      if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return '"variables" must be an object';
      return undefined;
    };
    // A batch is bounded before anything in it runs.
    const boundBatch = async (request: FastifyRequest, reply: FastifyReply) => {
      const body = request.body;
      // application/graphql: the body is the document itself.
      if (typeof body !== 'string') {
        const members = Array.isArray(body) ? body : [body];
        const bad = members.map((m, i) => ({ i, reason: badOperation(m) })).find((b) => b.reason);
        if (bad || members.length === 0) {
          const name = Array.isArray(body) ? `body/${bad?.i ?? 0}` : 'body';
          const reason = bad?.reason ?? 'a batch must hold at least one operation';
          return reply.code(400).send({
            data: null,
            errors: [{ message: `The request ${name}: ${reason}.`, extensions: { code: 'BAD_USER_INPUT', field: name, errors: [{ name, reason }] } }],
          });
        }
      }
      if (!Array.isArray(body) || body.length <= limits.maxBatch) return;
      const actual = body.length;
      return reply.code(400).send({
        data: null,
        errors: [
          {
            message: `The batch has ${actual} operations; at most ${limits.maxBatch} are allowed.`,
            extensions: { code: 'QUERY_TOO_COMPLEX', limit: { name: 'batch', max: limits.maxBatch, actual } },
          },
        ],
      });
    };
    // mercurius looks up a GET's operation by name before anything else and fails (500) on a name
    // the document does not hold: answered here as the POST would be.
    const checkGetOperation = async (request: FastifyRequest, reply: FastifyReply) => {
      const { query, operationName } = (request.query ?? {}) as { query?: unknown; operationName?: unknown };
      // The query string's validator turns `query=0` into a number, which mercurius cannot handle (500).
      if (query !== undefined && typeof query !== 'string') {
        return reply.code(400).send({
          data: null,
          errors: [{ message: 'The "query" parameter must hold a GraphQL document.', extensions: { code: 'BAD_USER_INPUT', field: 'query', errors: [{ name: 'query', reason: 'must be a GraphQL document' }] } }],
        });
      }
      if (typeof operationName !== 'string' || typeof query !== 'string') return;
      let document;
      try {
        document = parse(query, { maxTokens: limits.maxTokens });
      } catch {
        return; // mercurius answers the syntax error
      }
      try {
        operationToRun(document, operationName);
      } catch (err) {
        if (!(err instanceof ApiGraphQLError)) throw err;
        return reply.code(400).send({ data: null, errors: [{ message: err.message, extensions: err.extensions }] });
      }
    };
    // WebSocket connections are admitted (or closed with 4429) before mercurius sees them. The upgrade
    // is not charged as a request (see isWebSocketUpgrade): connection_init is, to the caller it
    // authenticates as, and each subscription its cost (preSubscriptionExecution).
    const guard = live
      ? new WsGuard(
          limits.ws,
          async (payload) => {
            const credentials = credentialsOf(payload);
            if (!credentials) return null;
            try {
              const principal = await app.authenticate(credentials, 'websocket');
              return { tier: principal.tier, rateKey: principal.rateKey };
            } catch (err) {
              if (err instanceof HttpProblem) return null; // refused by onConnect
              throw err;
            }
          },
          async (caller) => {
            const budget = await app.chargeCaller(caller as RateLimitCaller, 1);
            return { allowed: budget.current <= budget.limit, resetSeconds: budget.resetSeconds };
          },
        )
      : undefined;
    if (guard) {
      app.decorate('graphqlWsStats', () => guard.stats());
      app.addHook('onClose', async () => guard.close());
    }
    app.addHook('onRoute', function (this: FastifyInstance, route) {
      const ws = route as typeof route & { wsHandler?: WsHandler };
      if (guard && route.url === '/graphql' && typeof ws.wsHandler === 'function') {
        // mercurius registers @fastify/websocket (in this route's context) with a 1 MiB message
        // limit; subscriptions need far less. ws reads the option at each upgrade.
        const server = (this as { websocketServer?: { options?: { maxPayload?: number } } }).websocketServer;
        if (server?.options) server.options.maxPayload = limits.ws.maxPayload;
        const inner = ws.wsHandler;
        ws.wsHandler = function (this: FastifyInstance, socket: WebSocket, request: FastifyRequest) {
          if (!guard.admit(socket, { tier: request.principal.tier, rateKey: request.principal.rateKey })) return;
          return inner.call(this, socket, request);
        };
      }
      if (route.url === '/graphql' && [route.method].flat().includes('POST')) addRouteHook(route, 'preHandler', boundBatch);
      if (route.url === '/graphql' && [route.method].flat().includes('GET')) addRouteHook(route, 'preHandler', checkGetOperation);
    });

    await app.register(mercurius, {
      schema: loadSchemaSource(),
      resolvers,
      loaders: merge<GraphQLLoaders>(jobsLoaders, companiesLoaders),
      path: '/graphql',
      // mercurius' GraphiQL page loads its scripts from a CDN: ours (./graphiql.ts) serves them itself.
      graphiql: false,
      jit: limits.jit,
      allowBatchedQueries: true,
      validationRules,
      graphql: { parseOptions: { maxTokens: limits.maxTokens } },
      additionalRouteOptions: { schema: { hide: true } },
      context: (request: FastifyRequest) => ({ principal: request.principal, request }),
      errorFormatter: (execution: ExecutionResult, ctx: MercuriusContext) => {
        const c = ctx as Partial<GraphQLContext>;
        const request = c.reply?.request ?? c.request;
        const log = request?.log ?? app.log;
        const formatted = formatExecution(execution, String(request?.id ?? ''), (err) => log.error({ err }, 'GraphQL request failed'));
        if (c.reply) c.reply.headers(formatted.headers);
        return { statusCode: formatted.statusCode, response: formatted.response };
      },
      ...(live
        ? {
            subscription: {
              context: (_socket: unknown, request: FastifyRequest) => ({ principal: request.principal, authProblem: request.authProblem, request }),
              // Browsers cannot set headers on a WebSocket: credentials may come in connection_init.
              onConnect: async (data: { payload?: unknown }) => {
                const credentials = credentialsOf(data.payload);
                if (!credentials) return true;
                try {
                  return { principal: await app.authenticate(credentials, 'websocket'), authProblem: null };
                } catch (err) {
                  if (err instanceof HttpProblem) return false;
                  throw err;
                }
              },
            },
          }
        : {}),
    });

    if (limits.ide) await app.register(graphiql, { endpoint: '/graphql', subscriptions: live });

    const schema = () => app.graphql.schema;

    // mercurius takes a query that is not GraphQL text for a JSON-encoded AST (`query=0`, `{"query":"{}"}`)
    // and crashes validating it (500). Only documents it parsed itself carry a source location.
    app.graphql.addHook('preValidation', async (_schema, document) => {
      if (!(document.loc instanceof Location)) {
        throw new ApiGraphQLError('The query must be a GraphQL document (text), e.g. "{ jobs(first: 1) { totalCount } }".', 'GRAPHQL_PARSE_FAILED', {}, 400);
      }
    });
    app.graphql.addHook('preExecution', async (_schema, document, context, variables) => {
      const ctx = context as GraphQLContext & MercuriusContext;
      const { request, reply } = ctx;
      if (request.authProblem) throw withHeaders(fromProblem(request.authProblem));
      // Only the operation that runs is checked and charged (a document may hold several), and only
      // it is handed on to execution.
      const operation = operationToRun(document, operationNameOf(ctx));
      if (operation.operation === 'subscription') {
        throw new ApiGraphQLError('Subscriptions run over the WebSocket at /graphql (graphql-transport-ws), not over HTTP.', 'BAD_USER_INPUT', {}, 400);
      }
      const analysis = analyse(schema(), document, operation, variables as Record<string, unknown> | undefined, COST_MODEL);
      checkAccess(request.principal, analysis.fields, FIELD_RULES);
      if (analysis.cost > limits.maxCost) {
        throw new ApiGraphQLError(
          `The operation costs ${analysis.cost}; at most ${limits.maxCost} is allowed. Ask for fewer items (first) in nested connections.`,
          'QUERY_TOO_COMPLEX',
          { limit: { name: 'cost', max: limits.maxCost, actual: analysis.cost } },
          400,
        );
      }
      await charge(request, reply, analysis.cost);
      const single = onlyOperation(document, operation);
      return single === document ? undefined : { document: single };
    });

    // Subscriptions are parsed without mercurius' options: the token limit is applied here.
    app.graphql.addHook('preSubscriptionParsing', async (_schema, source) => {
      parse(source, { maxTokens: limits.maxTokens });
    });

    app.graphql.addHook('preSubscriptionExecution', async (_schema, document, context) => {
      const ctx = context as unknown as { principal: Principal; authProblem: HttpProblem | null };
      if (ctx.authProblem) throw withHeaders(fromProblem(ctx.authProblem));
      // Subscriptions skip mercurius' validation: the same rules as queries apply here.
      const errors = validate(schema(), document, [...specifiedRules, ...validationRules]);
      if (errors.length) throw errors[0];
      // This hook is not told which operation runs: every one must pass.
      const analysis = analyseAll(schema(), document, undefined, COST_MODEL);
      checkAccess(ctx.principal, analysis.fields, FIELD_RULES);
      // Charged like a query's cost, to the connection's caller: the key of connection_init (or of the
      // upgrade's headers), else the IP.
      await chargeSubscription(ctx.principal, analysis.cost);
    });

    /** Spends a subscription's cost of its caller's budget; over it, the subscription is refused (its `error`). */
    async function chargeSubscription(principal: Principal, cost: number) {
      if (!opts.config.rateLimit.enabled) return;
      const budget = await app.chargeCaller(principal, cost);
      if (budget.current > budget.limit) {
        throw new ApiGraphQLError(
          `The ${principal.tier} tier allows ${budget.limit} cost points per ${opts.config.rateLimit.windowSeconds} s; this subscription costs ${cost}; retry in ${budget.resetSeconds} s. Query usage { rateLimit { remaining } } shows your budget.`,
          'RATE_LIMITED',
          { cost, limit: budget.limit, resetSeconds: budget.resetSeconds },
          429,
          { 'retry-after': String(budget.resetSeconds) },
        );
      }
    }

    /** Spends the operation's cost of the caller's budget (the request itself counted 1 already). */
    async function charge(request: FastifyRequest, reply: FastifyReply, cost: number) {
      if (!opts.config.rateLimit.enabled) return;
      const budget = await app.chargeRateLimit(request, reply, cost);
      if (budget.current > budget.limit) {
        throw new ApiGraphQLError(
          `The ${request.principal.tier} tier allows ${budget.limit} cost points per ${opts.config.rateLimit.windowSeconds} s; this operation costs ${cost}; retry in ${budget.resetSeconds} s. Query usage { rateLimit { remaining } } shows your budget.`,
          'RATE_LIMITED',
          { cost, limit: budget.limit, resetSeconds: budget.resetSeconds },
          429,
          { 'retry-after': String(budget.resetSeconds) },
        );
      }
    }
  },
  { name: 'graphql', dependencies: ['app-context', 'auth', 'rate-limits'] },
);

/**
 * The operation name mercurius passes to execution: from the POST body (the batch entry this
 * operation is, in a batch) or the GET query string.
 */
function operationNameOf(ctx: GraphQLContext & MercuriusContext): string | null | undefined {
  const request = ctx.reply?.request ?? ctx.request;
  const source: unknown = request.method === 'GET' ? request.query : request.body;
  const params = Array.isArray(source) ? source[(ctx as { operationId?: number }).operationId ?? 0] : source;
  if (!params || typeof params !== 'object') return undefined;
  const name = (params as { operationName?: unknown }).operationName;
  return typeof name === 'string' || name === null ? name : undefined;
}

function withHeaders(error: ApiGraphQLError): ApiGraphQLError {
  if (error.statusCode !== 401) return error;
  return new ApiGraphQLError(error.message, 'UNAUTHENTICATED', error.extensions, 401, { 'www-authenticate': 'Bearer realm="hiring-radar"' });
}

/** Credentials from a connection_init payload: `{authorization: "Bearer …"}`, `{"x-api-key": …}` or the same under `headers`. */
function credentialsOf(payload: unknown): Credentials | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  const source = p.headers && typeof p.headers === 'object' ? (p.headers as Record<string, unknown>) : p;
  const pick = (...names: string[]) => {
    for (const [k, v] of Object.entries(source)) if (names.includes(k.toLowerCase()) && typeof v === 'string') return v;
    return undefined;
  };
  const authorization = pick('authorization');
  const apiKey = pick('x-api-key', 'apikey', 'api_key');
  if (authorization === undefined && apiKey === undefined) return null;
  return { authorization, 'x-api-key': apiKey };
}
