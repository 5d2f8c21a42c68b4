import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ValidationProblem } from '../lib/errors.js';
import { isApiRoute, isGraphQLRoute } from '../http/route-hooks.js';
import { findUnstorableText } from '../lib/text.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's body holds items that report their own errors (a batch): the guard leaves it to them. */
    textCheckedPerItem?: boolean;
  }
}

/** A list of input objects in GraphQL variables: batch items, which the service checks one by one. */
const isItemList = (_at: string, value: unknown) => Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v));

/**
 * Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused where it comes in — query
 * strings, path parameters, JSON and JSON-LD bodies, GraphQL documents and variables — with a 400
 * naming the field, before any statement could fail on it.
 */
export default fp(
  async function textGuard(app: FastifyInstance) {
    const guard = async (request: FastifyRequest) => {
      for (const [part, value] of [['query', request.query], ['params', request.params]] as const) {
        const bad = findUnstorableText(value);
        if (bad) throw new ValidationProblem([{ name: bad.name.replace(/^\//, '').split('/')[0] || part, reason: bad.reason }]);
      }
      if (request.body === undefined || request.body === null) return;
      if (isGraphQLRoute(request.routeOptions.url ?? '')) {
        const body = request.body as Record<string, unknown>;
        const bad = findUnstorableText(body, '', (at, value) => at.startsWith('/variables') && isItemList(at, value));
        if (bad) throw new ValidationProblem([bad]);
        return;
      }
      if (request.routeOptions.config.textCheckedPerItem) return;
      const bad = findUnstorableText(request.body);
      if (bad) throw new ValidationProblem([bad]);
    };
    // At the root, so it runs before any module's own preValidation hooks (the partner module maps
    // JSON-LD bodies there, and would report other fields first).
    app.addHook('preValidation', async (request) => {
      if (isApiRoute(request.routeOptions.url ?? '')) await guard(request);
    });
  },
  { name: 'text-guard', dependencies: ['problems'] },
);
