import type { RouteOptions } from 'fastify';

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
