import type { RouteOptions } from 'fastify';

/**
 * Routes changed out of sight. A route file declares its schema, config and handler; these `onRoute`
 * hooks then rewrite each route as it is added, in this order (their plugins' order in src/app.ts).
 * A hook sees only the routes added after its plugin: all of them come before the modules' routes,
 * but for graphql's, which concerns its own route.
 *
 * | plugin (file)                         | hook                          | routes                         | what it adds or changes |
 * | ---                                   | ---                           | ---                            | --- |
 * | `problems` (problems.ts)              | shared error responses        | every documented route         | `schema.querystring` `{}` closed to unknown parameters when there is none (not OPTIONS); `schema.response` 400 (any input schema), 404 (path parameters), 500, 503 (API routes) as problem+json |
 * | `finite-numbers` (finite-numbers.ts)  | `refuseNonFiniteQueryNumbers` | query with numbers             | `preHandler`: a 400 for `Infinity` and the like |
 * | `idempotency` (idempotency.ts)        | `honourIdempotencyKey`        | `config.idempotent`            | `preHandler` replays or claims the key, `onSend` stores the answer (before compression's) |
 * | `response-contract` (tests only)      | `keepSentBody`                | every route                    | `onSend` keeps the serialised body for the contract check |
 * | `auth` (auth.ts)                      | `identifyAndDocumentCallers`  | `/v1/…` and GraphQL            | `onRequest` identifies the caller; on `/v1/…` also `preParsing` enforces `config.auth`, which gets its default (reads public, anything else needs credentials), and the schema gets `security`, `x-required-scope`, 401/403/429 |
 * | `rate-limits` (rate-limit.ts)         | `meterApiRoutesOnly`          | outside the API, OPTIONS-only  | `config.rateLimit = false` (on every route with RATE_LIMIT_ENABLED=false), so @fastify/rate-limit adds its limiter to the metered routes only |
 * | `graphql` (graphql.ts)                | (anonymous)                   | `/graphql`                     | with subscriptions, the WebSocket handler admits connections first; POST bounds batches, GET checks the operation (`preHandler`) |
 *
 * Libraries add their own, at their plugin's place in that order: `@fastify/otel` (metrics.ts, only
 * with tracing) wraps handlers in spans, `@fastify/compress` (web.ts) adds compression hooks,
 * `@fastify/swagger` (openapi.ts) collects the routes for the document (read when it is rendered,
 * after every hook above), `@fastify/rate-limit` (rate-limit.ts) adds the limiter's `onRequest`
 * hook. `app-context` only lists the routes.
 */

type RouteHookName = 'onRequest' | 'preParsing' | 'preValidation' | 'preHandler' | 'onSend' | 'onResponse';

/**
 * Adds a hook to one route, after the hooks it already has (call it from an `onRoute` hook). A hook
 * that concerns some routes only is added to those: every global hook costs every request a call.
 */
export function addRouteHook(route: RouteOptions, name: RouteHookName, hook: unknown): void {
  const current = route[name] as unknown;
  route[name] = (current === undefined ? [hook] : [current].flat().concat([hook])) as never;
}

/** The GraphQL endpoint (queries, mutations, and subscriptions over its WebSocket). */
export function isGraphQLRoute(url: string): boolean {
  return url === '/graphql' || url.startsWith('/graphql/');
}

/** Routes that are the API: metered, and told who calls them. Probes, docs and GraphiQL are not. */
export function isApiRoute(url: string): boolean {
  return url.startsWith('/v1/') || isGraphQLRoute(url);
}
