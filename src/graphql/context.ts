import type { FastifyRequest } from 'fastify';
import type { MercuriusContext, MercuriusLoaders } from 'mercurius';
import type { Principal } from '../plugins/auth.js';

declare module 'mercurius' {
  /** What every resolver and loader sees: the caller, and the request (for its id, headers and the rate-limit budget). */
  interface MercuriusContext {
    principal: Principal;
    request: FastifyRequest;
  }
}

/** The resolvers' context (codegen.ts `contextType`): mercurius's, with the fields declared above. */
export type GraphQLContext = MercuriusContext;

/** Mercurius loaders over this context: each answers its batch of `{ obj, params }` queries in order. */
export type GraphQLLoaders = MercuriusLoaders<GraphQLContext>;

/** One query of a loader's batch: the parent object (its resolver type) and the field's arguments. */
export interface LoaderQuery<TObj, TParams = Record<string, never>> {
  obj: TObj;
  params: TParams;
}
