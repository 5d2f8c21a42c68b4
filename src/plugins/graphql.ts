import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ExecutionResult } from 'graphql';
import mercurius, { type MercuriusContext } from 'mercurius';
import type { Config } from '../config.js';
import { checkAccess, type FieldRules } from '../graphql/access.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ApiGraphQLError, formatExecution, fromProblem } from '../graphql/errors.js';
import { aliasLimit, analyse, depthLimit, type CostModel } from '../graphql/limits.js';
import { graphqlRuntime } from '../graphql/runtime.js';
import { HttpProblem } from '../lib/errors.js';
import { addRouteHook } from '../lib/route-hooks.js';
import { projectRoot } from '../lib/paths.js';
import { adminResolvers, adminRules } from '../modules/admin/admin.resolvers.js';
import { companiesCosts, companiesLoaders, companiesResolvers, companiesRules } from '../modules/companies/companies.resolvers.js';
import { jobsLoaders, jobsResolvers, jobsRules } from '../modules/jobs/jobs.resolvers.js';
import { layoffsResolvers, layoffsRules } from '../modules/layoffs/layoffs.resolvers.js';
import { marketResolvers, marketRules } from '../modules/market/market.resolvers.js';
import { partnerCosts, partnerResolvers, partnerRules } from '../modules/partner/partner.resolvers.js';
import { salariesResolvers, salariesRules } from '../modules/salaries/salaries.resolvers.js';
import { taxonomyResolvers, taxonomyRules } from '../modules/taxonomy/taxonomy.resolvers.js';
import { trendsResolvers, trendsRules } from '../modules/trends/trends.resolvers.js';
import { usageResolvers, usageRules } from '../modules/usage/usage.resolvers.js';
import type { Credentials, Principal } from './auth.js';
import { API_CSP_DIRECTIVES, API_HELMET_OPTIONS, securityHeaders } from './web.js';

const { NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate } = graphqlRuntime;

/** The SDL: every schema/*.graphql, in name order. */
export function loadSchemaSource(): string {
  const dir = join(projectRoot, 'schema');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

type ResolverMap = Record<string, Record<string, unknown>>;

/** Merges the modules' resolver maps type by type. */
function merge(...maps: object[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps) for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...(fields as object) };
  return out;
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
};

/** Cost of a field each time it runs (root fields not named here cost 1, other fields nothing). */
export const COST_MODEL: CostModel = { weights: { ...companiesCosts, ...partnerCosts } };

/** GraphiQL (mercurius' page) loads React and GraphiQL from unpkg: its pages allow that (only that). */
const GRAPHIQL_SECURITY_HEADERS = securityHeaders({
  ...API_HELMET_OPTIONS,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      ...API_CSP_DIRECTIVES,
      scriptSrc: [...API_CSP_DIRECTIVES.scriptSrc, 'https://unpkg.com'],
      styleSrc: [...API_CSP_DIRECTIVES.styleSrc, 'https://unpkg.com'],
      imgSrc: [...API_CSP_DIRECTIVES.imgSrc, 'https://unpkg.com'],
      fontSrc: [...API_CSP_DIRECTIVES.fontSrc, 'https://unpkg.com'],
      connectSrc: [...API_CSP_DIRECTIVES.connectSrc, 'ws:', 'wss:'],
      workerSrc: ["'self'"],
    },
  },
});

interface JobStreamLike {
  subscribe(listener: (e: unknown) => void): () => void;
}

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

    const resolvers = merge(
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
      { Query: { ok: () => true } },
    );
    if (!live) delete resolvers.Subscription;

    // A batch is bounded before anything in it runs.
    const boundBatch = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!Array.isArray(request.body) || request.body.length <= limits.maxBatch) return;
      const actual = request.body.length;
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
    app.addHook('onRoute', (route) => {
      // The GraphQL endpoints are not REST routes: out of the OpenAPI document.
      if (route.url.startsWith('/graphiql')) {
        route.schema = { ...route.schema, hide: true };
        route.config = { ...route.config, securityHeaders: GRAPHIQL_SECURITY_HEADERS };
      }
      if (route.url === '/graphql' && [route.method].flat().includes('POST')) addRouteHook(route, 'preHandler', boundBatch);
    });

    await app.register(mercurius, {
      schema: loadSchemaSource(),
      resolvers: resolvers as never,
      loaders: merge(jobsLoaders, companiesLoaders) as never,
      path: '/graphql',
      graphiql: limits.ide,
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
    } as never);

    const schema = () => app.graphql.schema;

    app.graphql.addHook('preExecution', async (_schema, document, context, variables) => {
      const ctx = context as GraphQLContext & MercuriusContext;
      const { request, reply } = ctx;
      if (request.authProblem) throw withHeaders(fromProblem(request.authProblem));
      const analysis = analyse(schema(), document, undefined, variables as Record<string, unknown> | undefined, COST_MODEL);
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
      const analysis = analyse(schema(), document, undefined, undefined, COST_MODEL);
      checkAccess(ctx.principal, analysis.fields, FIELD_RULES);
    });

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
  { name: 'graphql', dependencies: ['auth', 'rate-limits'] },
);

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
