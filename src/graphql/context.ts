import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MercuriusContext } from 'mercurius';
import type { Principal } from '../plugins/auth.js';

/** What every resolver sees: the caller, and the request (for its id, headers and the rate-limit budget). */
export interface GraphQLContext extends MercuriusContext {
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}
