import { hasRequiredScope, type AuthRule, type Principal } from '../plugins/auth.js';
import { ApiGraphQLError } from './errors.js';

/** Access rules of fields, as `Type.field` → the REST rule of the route the field mirrors. */
export type FieldRules = Record<string, AuthRule>;

/**
 * Checks every field an operation selects against its rule, before anything runs: the same rules
 * as the REST routes (anonymous reads, `jobs:write` for partner writes, `admin` for keys,
 * `analytics:read` for analytics). Bad credentials were found by the auth plugin already.
 */
export function checkAccess(principal: Principal, fields: Iterable<string>, rules: FieldRules): void {
  for (const field of fields) {
    const rule = rules[field];
    if (!rule) continue;
    if (principal.type === 'anonymous' && !rule.anonymous) {
      throw new ApiGraphQLError(
        `${field} needs an API key or token: send Authorization: Bearer <key>.`,
        'UNAUTHENTICATED',
        { field },
        401,
        { 'www-authenticate': 'Bearer realm="hiring-radar"' },
      );
    }
    if (!hasRequiredScope(principal, rule)) {
      throw new ApiGraphQLError(`${field} needs the ${rule.scope} scope, which these credentials do not have.`, 'FORBIDDEN', { field }, 403);
    }
  }
}
