/** The caller as authentication identified it (the fields of its principal that usage shows). */
export type Caller<Scope extends string = string> =
  | { type: 'anonymous'; scopes: readonly Scope[] }
  | { type: 'api_key'; scopes: readonly Scope[]; key: { id: string; prefix: string; name: string; companySlug: string | null } }
  | { type: 'jwt'; scopes: readonly Scope[]; subject: string };

/** Who is calling, as /v1/usage and the GraphQL `usage` field describe it. */
export function describeCaller<Scope extends string>(p: Caller<Scope>) {
  return {
    type: p.type,
    key: p.type === 'api_key' ? { id: p.key.id, prefix: p.key.prefix, name: p.key.name, company: p.key.companySlug } : null,
    subject: p.type === 'jwt' ? p.subject : null,
    scopes: [...p.scopes],
  };
}

/** The values of the RateLimit headers of the answer (absent when the route is not metered). */
export interface RateLimitHeaders {
  limit: unknown;
  remaining: unknown;
  reset: unknown;
}

/** The budget as this request's charge left it: what its RateLimit headers say (0 for an absent one). */
export function remainingBudget(headers: RateLimitHeaders) {
  const value = (header: unknown) => Number(header ?? 0);
  return { limit: value(headers.limit), remaining: value(headers.remaining), resetSeconds: value(headers.reset) };
}
