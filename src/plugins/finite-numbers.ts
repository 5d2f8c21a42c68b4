import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ValidationProblem } from '../lib/errors.js';
import { addRouteHook } from '../http/route-hooks.js';

/**
 * The validator coerces "1e309" to Infinity and then skips minimum/maximum: non-finite numbers in
 * the query string are refused with a 400 naming them, on the routes whose query has numbers (the
 * others carry no hook).
 */
export default fp(
  async function finiteNumbers(app: FastifyInstance) {
    const refuseNonFinite = async (request: FastifyRequest) => {
      const bad = Object.entries(request.query as Record<string, unknown>).filter(([, v]) => typeof v === 'number' && !Number.isFinite(v));
      if (bad.length) throw new ValidationProblem(bad.map(([name]) => ({ name, reason: 'must be a finite number' })));
    };
    app.addHook('onRoute', function refuseNonFiniteQueryNumbers(route) {
      if (/"type":"(?:number|integer)"/.test(JSON.stringify(route.schema?.querystring ?? {}))) addRouteHook(route, 'preHandler', refuseNonFinite);
    });
  },
  { name: 'finite-numbers', dependencies: ['problems'] },
);
