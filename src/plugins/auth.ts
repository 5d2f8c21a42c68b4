import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SCOPES, type KeyTier, type Scope, type Tier } from '../reference/taxonomy.js';
import type { Config } from '../config.js';
import { hashesEqual, hashKey, isWellFormedKey, KEY_PREFIX, visiblePrefix } from '../lib/api-key.js';
import { ApiError, HttpProblem, PROBLEM_TYPES } from '../lib/errors.js';
import { addRouteHook, isGraphQLRoute } from '../http/route-hooks.js';
import { findKeyByPrefix, keyStatus, recordKeyUse, type KeyRecord } from '../modules/keys/keys.service.js';

export const PROBLEM_UNAUTHENTICATED = PROBLEM_TYPES.unauthenticated;
export const PROBLEM_FORBIDDEN = PROBLEM_TYPES.forbidden;

/** Who is calling, as every later step (rate limits, scopes, ownership) sees it. */
export type Principal =
  | { type: 'anonymous'; tier: 'anonymous'; scopes: readonly Scope[]; rateKey: string }
  | {
      type: 'api_key';
      tier: KeyTier;
      scopes: readonly Scope[];
      rateKey: string;
      key: { id: string; prefix: string; name: string; companyId: string | null; companySlug: string | null };
    }
  | { type: 'jwt'; tier: 'internal'; scopes: readonly Scope[]; rateKey: string; subject: string; role: string | null };

/** What a route asks of its callers; routes without it (health, docs) ignore credentials. */
export interface AuthRule {
  /** Scope a key or token must carry. */
  scope?: Scope;
  /** Whether callers without credentials may use it (as the anonymous tier). */
  anonymous: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** Credentials were presented but are not valid: answered 401 once rate limiting has counted the request. */
    authProblem: HttpProblem | null;
  }
  interface FastifyContextConfig {
    auth?: AuthRule;
  }
  interface FastifyInstance {
    keyUsage: { flush(): Promise<void> };
    invalidateKey(prefix: string): void;
    /**
     * Who presents these credentials (`authorization` "Bearer <key or JWT>" and/or `x-api-key`), as
     * requests are identified; for transports without request headers (GraphQL over WebSocket).
     * Throws the 401 HttpProblem for wrong, revoked or expired credentials.
     */
    authenticate(credentials: Credentials, ip: string): Promise<Principal>;
  }
}

/** Credentials as headers carry them. */
export interface Credentials {
  authorization?: string | undefined;
  'x-api-key'?: string | string[] | undefined;
}

/**
 * Scopes of internal JWTs, by role claim. A Map, so a role such as `constructor` or `__proto__`
 * finds nothing rather than a property of Object.prototype. An unknown or absent role is
 * authenticated with no scopes: 403 on every route that needs one.
 */
const ROLE_SCOPES: ReadonlyMap<string, readonly Scope[]> = new Map<string, readonly Scope[]>([
  ['admin', SCOPES],
  ['analyst', ['jobs:read', 'analytics:read']],
]);
/** Longest `sub` accepted: it becomes a rate-limit key and a log field. */
const MAX_SUBJECT_LENGTH = 256;
const ANONYMOUS_SCOPES: readonly Scope[] = ['jobs:read', 'analytics:read'];
/** Query parameters that look like someone trying to authenticate through the URL. */
const CREDENTIAL_PARAMS = /^(api[_-]?key|apikey|key|access[_-]?token|token|auth|authorization)$/i;

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: 'Problem' } } },
});

/**
 * Whether the caller carries the scope a rule asks for. A key or token that may read jobs may also
 * read everything anonymous callers may (a `jobs:read` key is never worse off than no key on public
 * analytics); a key without `jobs:read` (write-only) has only its own scopes.
 */
export function hasRequiredScope(principal: Principal, rule: AuthRule): boolean {
  if (!rule.scope || principal.scopes.includes(rule.scope)) return true;
  return rule.anonymous && principal.scopes.includes('jobs:read') && ANONYMOUS_SCOPES.includes(rule.scope);
}

export const unauthenticated = (detail: string) => new ApiError('unauthenticated', detail);

/**
 * Credentials: `Authorization: Bearer <API key or JWT>` or `X-API-Key: <key>`. No credentials
 * means the anonymous tier, keyed by client IP; wrong, revoked or expired ones are a 401 and
 * never fall back to anonymous. A key in the query string is refused (URLs end up in logs).
 */
export default fp(
  async function auth(app: FastifyInstance, opts: { config: Config }) {
    const { config } = opts;
    if (config.jwt) {
      await app.register(jwt, {
        secret: config.jwt.secret ?? { public: config.jwt.publicKey! },
        verify: {
          algorithms: config.jwt.algorithms as never,
          // fast-jwt checks iss/aud only when present: without them in requiredClaims, a token that
          // simply leaves them out would pass.
          requiredClaims: ['exp', 'sub', ...(config.jwt.issuer ? ['iss'] : []), ...(config.jwt.audience ? ['aud'] : [])],
          // Applies to exp and nbf; iat and the lifetime are checked in identifyJwt (fast-jwt's maxAge is
          // the age since iat, not the lifetime, and it ignores iat in the future).
          clockTolerance: config.jwt.clockSkewSeconds * 1000,
          ...(config.jwt.issuer ? { allowedIss: config.jwt.issuer } : {}),
          ...(config.jwt.audience ? { allowedAud: config.jwt.audience } : {}),
        },
      });
    }

    // Looked-up keys are trusted for a few seconds, so a busy key costs no database read per request.
    const cache = new Map<string, { record: KeyRecord | undefined; until: number }>();
    app.decorate('invalidateKey', (prefix: string) => void cache.delete(prefix));
    async function lookup(prefix: string): Promise<KeyRecord | undefined> {
      const hit = cache.get(prefix);
      if (hit && hit.until > Date.now()) return hit.record;
      const record = await findKeyByPrefix(app.deps.db, prefix);
      if (record && config.keyCacheSeconds > 0) {
        if (cache.size > 10_000) cache.clear();
        cache.set(prefix, { record, until: Date.now() + config.keyCacheSeconds * 1000 });
      }
      return record;
    }

    // last_used_at: remembered in memory, written for all keys in one statement now and then.
    let uses = new Map<string, Date>();
    const flush = async () => {
      const batch = uses;
      uses = new Map();
      try {
        await recordKeyUse(app.deps.db, batch);
      } catch (err) {
        // Kept for the next flush (a later use of the same key wins), so a database blip loses nothing.
        for (const [id, at] of batch) if (!uses.has(id)) uses.set(id, at);
        app.log.warn({ err }, 'could not record API key use');
      }
    };
    app.decorate('keyUsage', { flush });
    const timer = setInterval(() => void flush(), config.keyUsageFlushSeconds * 1000);
    timer.unref();
    // onClose runs after the last in-flight request, so no use comes after this flush. It needs the
    // database still open: whoever closes the database does it after app.close() (main.ts), or in an
    // onClose hook added before this plugin (buildApp's own database; Fastify runs onClose hooks
    // last-added first).
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await flush();
    });

    async function identify(request: FastifyRequest): Promise<Principal> {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const inQuery = Object.entries(query).find(([k, v]) => CREDENTIAL_PARAMS.test(k) || (typeof v === 'string' && v.includes(KEY_PREFIX)));
      if (inQuery) {
        throw unauthenticated(
          `Credentials are not accepted in the query string (found ${inQuery[0]}): URLs are logged and cached. ` +
            'Send the key in the Authorization: Bearer or X-API-Key header, and revoke the exposed key.',
        );
      }
      return identifyCredentials(request.headers, request.ip);
    }

    async function identifyCredentials(credentials: Credentials, ip: string): Promise<Principal> {
      const anonymous: Principal = { type: 'anonymous', tier: 'anonymous', scopes: ANONYMOUS_SCOPES, rateKey: `ip:${ip}` };
      const header = credentials.authorization;
      const apiKeyHeader = credentials['x-api-key'];
      if (Array.isArray(apiKeyHeader)) throw unauthenticated('Send one X-API-Key header.');
      let token: string | undefined;
      if (header !== undefined) {
        const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
        if (!match) throw unauthenticated('The Authorization header must be "Bearer <API key or token>".');
        token = match[1]!;
        if (apiKeyHeader !== undefined && apiKeyHeader !== token) throw unauthenticated('Send credentials once: Authorization or X-API-Key, not both.');
      } else if (apiKeyHeader !== undefined) {
        token = apiKeyHeader.trim();
      }
      if (token === undefined) return anonymous;
      if (token.startsWith('hr_')) return identifyKey(token);
      if (token.split('.').length === 3) return identifyJwt(token);
      throw unauthenticated('The credentials are neither an API key nor a token issued for this API.');
    }

    async function identifyKey(token: string): Promise<Principal> {
      // The checksum refuses mistyped or tampered keys without touching the database.
      if (!isWellFormedKey(token)) throw unauthenticated('The API key is not valid.');
      const record = await lookup(visiblePrefix(token));
      if (!record || !hashesEqual(record.secretHash, hashKey(token))) throw unauthenticated('The API key is not valid.');
      const status = keyStatus(record);
      if (status !== 'active') throw unauthenticated(`The API key ${record.prefix}… is ${status}.`);
      uses.set(record.id, new Date());
      return {
        type: 'api_key',
        tier: record.tier,
        scopes: record.scopes,
        rateKey: `key:${record.id}`,
        key: { id: record.id, prefix: record.prefix, name: record.name, companyId: record.companyId, companySlug: record.companySlug },
      };
    }

    function identifyJwt(token: string): Principal {
      const rules = config.jwt;
      if (!rules) throw unauthenticated('Bearer tokens are not accepted by this server (no issuer is configured).');
      let claims: Record<string, unknown>;
      try {
        claims = app.jwt.verify(token);
      } catch (err) {
        throw unauthenticated(verifyFailure(err));
      }
      // Claims fast-jwt does not check (or not this way); each refusal names its claim.
      const { sub, exp, iat, role } = claims;
      if (typeof sub !== 'string' || sub.trim() === '') throw unauthenticated('The bearer token\'s "sub" claim must be a non-empty string.');
      if (sub.length > MAX_SUBJECT_LENGTH) throw unauthenticated(`The bearer token's "sub" claim is longer than ${MAX_SUBJECT_LENGTH} characters.`);
      if (typeof exp !== 'number' || !Number.isFinite(exp)) throw unauthenticated('The bearer token\'s "exp" claim must be a NumericDate.');
      const now = Date.now() / 1000;
      if (iat !== undefined) {
        if (typeof iat !== 'number' || !Number.isFinite(iat)) throw unauthenticated('The bearer token\'s "iat" claim must be a NumericDate.');
        if (iat > now + rules.clockSkewSeconds) throw unauthenticated('The bearer token\'s "iat" claim is in the future.');
      }
      // Without iat the remaining lifetime is all that can be judged; the skew covers the issuer's clock.
      const lifetime = iat === undefined ? exp - now - rules.clockSkewSeconds : exp - iat;
      if (lifetime > rules.maxLifetimeSeconds) {
        throw unauthenticated(
          `The bearer token lives longer than ${rules.maxLifetimeSeconds} s ("exp" ${iat === undefined ? 'too far ahead' : 'too far after "iat"'}): ask for a shorter-lived token.`,
        );
      }
      const roleName = typeof role === 'string' ? role : null;
      const scopes = (roleName !== null && ROLE_SCOPES.get(roleName)) || [];
      return { type: 'jwt', tier: 'internal', scopes, rateKey: `jwt:${sub}`, subject: sub, role: roleName };
    }

    app.decorate('authenticate', identifyCredentials);
    app.decorateRequest('principal', null as never);
    app.decorateRequest('authProblem', null);

    const identifyCaller = async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        request.principal = await identify(request);
        // Attribute the request's log lines to the key by its visible prefix, never the secret.
        const p = request.principal;
        if (p.type !== 'anonymous') {
          request.log = request.log.child(p.type === 'api_key' ? { key: p.key.prefix } : { sub: p.subject });
          reply.log = request.log;
        }
      } catch (err) {
        if (!(err instanceof HttpProblem)) throw err;
        // Counted against the caller's IP, so guessing keys is rate limited like anonymous use.
        request.principal = { type: 'anonymous', tier: 'anonymous', scopes: [], rateKey: `ip:${request.ip}` };
        request.authProblem = err;
      }
    };

    // Before the body is parsed and before any route's own checks, but after the rate limiter has
    // counted the request (so guessing keys spends the guesser's budget).
    const enforceRule = (request: FastifyRequest, _reply: FastifyReply, _payload: unknown, done: (err?: Error | null) => void) => {
      const rule = request.routeOptions.config.auth!;
      if (request.authProblem) throw request.authProblem;
      const p = request.principal;
      if (p.type === 'anonymous') {
        if (!rule.anonymous) throw unauthenticated('This operation needs an API key or token: send Authorization: Bearer <key>.');
      } else if (!hasRequiredScope(p, rule)) {
        throw new ApiError('forbidden', `This operation needs the ${rule.scope} scope, which these credentials do not have.`);
      }
      done();
    };

    // Every /v1 route has a rule: reads are public by default, anything else needs credentials.
    // The rule also documents the route: its security schemes and its 401/403/429 answers.
    // Only the API's routes (REST and GraphQL) identify their caller; probes and docs do not need to.
    app.addHook('onRoute', function identifyAndDocumentCallers(route) {
      if (isGraphQLRoute(route.url)) addRouteHook(route, 'onRequest', identifyCaller);
      if (!route.url.startsWith('/v1/')) return;
      addRouteHook(route, 'onRequest', identifyCaller);
      addRouteHook(route, 'preParsing', enforceRule);
      const methods = [route.method].flat();
      const config = (route.config ??= {}) as { auth?: AuthRule };
      config.auth ??= methods.every((m) => m === 'GET' || m === 'HEAD') ? { scope: 'jobs:read', anonymous: true } : { anonymous: false };
      const rule = config.auth;
      const schema = (route.schema ??= {}) as Record<string, unknown> & { response?: Record<string, unknown> };
      if (schema.hide) return;
      const credentials = [{ apiKey: [] }, { apiKeyHeader: [] }, { internalJwt: [] }];
      schema.security = rule.anonymous ? [{}, ...credentials] : credentials;
      if (rule.scope) schema['x-required-scope'] = rule.scope;
      const response = (schema.response ??= {});
      response[401] ??= problemResponse('Credentials are wrong, revoked or expired (or missing where required).');
      if (rule.scope) response[403] ??= problemResponse(`The credentials lack the \`${rule.scope}\` scope.`);
      response[429] ??= problemResponse('Over the rate limit of the tier: see `Retry-After`.');
    });
  },
  { name: 'auth', dependencies: ['app-context', 'problems'] },
);

/** The 401 detail for a token fast-jwt refused: which check failed, and which claim when there is one. */
function verifyFailure(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = String((err as { message?: unknown }).message ?? '');
  const claim = /\b(iss|aud|sub|exp|nbf|iat|jti)\b/.exec(message)?.[1];
  const named = claim ? `"${claim}" claim` : 'a claim';
  switch (code) {
    case 'FAST_JWT_EXPIRED':
      return 'The bearer token has expired ("exp" claim).';
    case 'FAST_JWT_INACTIVE':
      return 'The bearer token is not valid yet ("nbf" claim).';
    case 'FAST_JWT_MISSING_REQUIRED_CLAIM':
      return `The bearer token lacks the required ${named}.`;
    case 'FAST_JWT_INVALID_CLAIM_VALUE':
    case 'FAST_JWT_INVALID_CLAIM_TYPE':
      return claim === 'iss' || claim === 'aud'
        ? `The bearer token's ${named} does not name this API's ${claim === 'iss' ? 'issuer' : 'audience'}.`
        : `The bearer token's ${named} has a value or type that is not accepted.`;
    default:
      // Signature, algorithm, format: no detail that would help forge a token.
      return 'The bearer token is not valid.';
  }
}

export type { Tier };
