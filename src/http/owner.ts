import { ApiError } from '../lib/errors.js';
import type { Owner } from '../modules/saved-searches/saved-searches.service.js';
import type { Principal } from '../plugins/auth.js';

/**
 * Whose saved searches and webhooks a caller sees: a partner key's company (all its keys share them),
 * else the key itself, else the JWT subject. Anonymous callers own nothing.
 */
export function ownerOf(principal: Principal): Owner {
  if (principal.type === 'api_key') {
    const companyId = principal.key.companyId;
    return companyId ? { id: `company:${companyId}`, tier: principal.tier, companyId } : { id: `key:${principal.key.id}`, tier: principal.tier, companyId: null };
  }
  if (principal.type === 'jwt') return { id: `jwt:${principal.subject}`, tier: 'internal', companyId: null };
  throw new ApiError('unauthenticated', 'Saved searches and webhooks belong to an API key: send one as `Authorization: Bearer <key>`.');
}
