import type { FastifyReply } from 'fastify';
import type { Principal } from '../../plugins/auth.js';

/** Who is calling, as /v1/usage and the GraphQL `usage` field describe it. */
export function describeCaller(p: Principal) {
  return {
    type: p.type,
    key: p.type === 'api_key' ? { id: p.key.id, prefix: p.key.prefix, name: p.key.name, company: p.key.companySlug } : null,
    subject: p.type === 'jwt' ? p.subject : null,
    scopes: [...p.scopes],
  };
}

/** The budget as this request's charge left it: what its RateLimit headers say. */
export function remainingBudget(reply: FastifyReply) {
  const header = (name: string) => Number(reply.getHeader(name) ?? 0);
  return { limit: header('ratelimit-limit'), remaining: header('ratelimit-remaining'), resetSeconds: header('ratelimit-reset') };
}
