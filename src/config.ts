import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { Tier } from './reference/taxonomy.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting the process reads from its environment, with its default and its rule. */
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on.' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Interface to listen on.' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'PostgreSQL connection string. Absent: embedded PGlite (see PGLITE_DIR).',
    }),
  ),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10, description: 'Connections in the pg pool.' }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    maximum: 3_600_000,
    default: 15_000,
    description: 'Longest one statement of a request may run on PostgreSQL before it is cancelled and the request answers 503 (0: no limit). Statements of a request whose client disconnects are cancelled too.',
  }),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 60_000,
    default: 3000,
    description: 'Longest a request waits for a new PostgreSQL connection before it answers 503.',
  }),
  PGLITE_DIR: Type.String({
    minLength: 1,
    default: './data/pglite',
    description: 'Where embedded PGlite keeps its files; `memory://` keeps nothing.',
  }),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { default: 'info', description: 'pino log level.' }),
  SEED_DEMO: Type.Optional(
    Type.Boolean({ description: 'Seed demo data into an empty database at start. Default: true when embedded, false on PostgreSQL.' }),
  ),
  SEED_JOBS: Type.Integer({ minimum: 0, maximum: 2_000_000, default: 5000, description: 'How many demo jobs SEED_DEMO creates.' }),
  CORS_ORIGINS: Type.String({
    default: '*',
    description: 'Comma-separated origins allowed by CORS, or `*` for any (the API holds no cookies).',
  }),
  CURSOR_SECRET: Type.String({
    minLength: 16,
    default: 'hiring-radar-cursor-integrity',
    description: 'Key of the HMAC that makes pagination cursors tamper-evident (integrity, not secrecy).',
  }),
  REDIS_URL: Type.Optional(
    Type.String({ pattern: '^rediss?://', description: 'Redis for rate-limit counters shared by every instance. Absent: in-memory.' }),
  ),
  RATE_LIMIT_ENABLED: Type.Boolean({
    default: true,
    description: 'Count requests against the per-tier budgets. `false` only to measure what limiting costs (benchmarks).',
  }),
  RATE_LIMIT_REDIS_PREFIX: Type.String({ minLength: 1, default: 'hr:rl:', description: 'Namespace of the rate-limit keys in Redis.' }),
  RATE_LIMIT_REDIS_TIMEOUT_MS: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    default: 250,
    description: 'How long a request waits for Redis to count it before it is counted in memory instead.',
  }),
  RATE_LIMIT_BREAKER_THRESHOLD: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 3,
    description: 'Consecutive failed or timed-out Redis calls that open the breaker: requests are then counted in memory without calling Redis.',
  }),
  RATE_LIMIT_BREAKER_COOLDOWN_MS: Type.Integer({
    minimum: 10,
    maximum: 600_000,
    default: 5000,
    description: 'How long the open breaker keeps Redis out of the request path before one probe call is let through (a success closes it).',
  }),
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 3600, description: 'Length of the rate-limit window.' }),
  RATE_LIMIT_ANONYMOUS: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'Requests per window without credentials (per client IP). Default: 10,000 when embedded (PGlite) outside production, a local try-out; otherwise 60.',
    }),
  ),
  RATE_LIMIT_FREE: Type.Integer({ minimum: 0, default: 1000, description: 'Requests per window for a `free` key.' }),
  RATE_LIMIT_PARTNER: Type.Integer({ minimum: 0, default: 10_000, description: 'Requests per window for a `partner` key.' }),
  RATE_LIMIT_INTERNAL: Type.Integer({ minimum: 0, default: 1_000_000, description: 'Requests per window for `internal` keys and JWTs.' }),
  TRUST_PROXY: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Fa-f:./]+(,[0-9A-Fa-f:./]+)*$',
      description: 'Comma-separated proxy addresses or CIDRs whose X-Forwarded-For is believed. Absent: none.',
    }),
  ),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32, description: 'HMAC secret of internal JWTs (HS256/384/512).' })),
  JWT_PUBLIC_KEY: Type.Optional(Type.String({ pattern: '-----BEGIN', description: 'PEM public key of internal JWTs (RS256/ES256…).' })),
  JWT_ALGORITHMS: Type.Optional(
    Type.String({
      pattern: '^(HS256|HS384|HS512|RS256|RS384|RS512|PS256|PS384|PS512|ES256|ES384|ES512|EdDSA)(,(HS256|HS384|HS512|RS256|RS384|RS512|PS256|PS384|PS512|ES256|ES384|ES512|EdDSA))*$',
      description: 'Accepted JWT algorithms. Default: HS256 with JWT_SECRET, RS256 with JWT_PUBLIC_KEY.',
    }),
  ),
  JWT_ISSUER: Type.Optional(Type.String({ minLength: 1, description: 'Required `iss` of JWTs, when set.' })),
  JWT_AUDIENCE: Type.Optional(Type.String({ minLength: 1, description: 'Required `aud` of JWTs, when set.' })),
  JWT_MAX_LIFETIME_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 31_536_000,
    default: 86_400,
    description:
      'Longest accepted JWT lifetime: `exp` − `iat` (or `exp` − now without `iat`). Longer-lived tokens are refused, so a leaked one stays usable a day at most.',
  }),
  JWT_CLOCK_SKEW_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 600,
    default: 30,
    description: 'Leeway for clock differences with the JWT issuer, applied to `exp`, `nbf` and `iat` (an `iat` further in the future is refused).',
  }),
  ROLLUP_COMPACT_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 86_400,
    default: 60,
    description: 'How often an instance folds the posting rollup\'s delta rows (0: never). Trends are exact either way; this keeps the rollup small.',
  }),
  KEY_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 300, default: 10, description: 'How long an instance trusts a looked-up key before reading it again (revocation elsewhere takes at most this long).' }),
  KEY_USAGE_FLUSH_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 60, description: 'How often `last_used_at` is written, in one statement for all keys used.' }),
  JOB_STREAM_POLL_MS: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    default: 5000,
    description: 'How often the live job stream reads the change feed without a NOTIFY wake-up (events a still-running older transaction held back).',
  }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024, default: 1024 * 1024, description: 'Largest request body, in bytes.' }),
  BATCH_BODY_LIMIT: Type.Integer({
    minimum: 1024,
    maximum: 100 * 1024 * 1024,
    default: 25 * 1024 * 1024,
    description: 'Largest body of POST /v1/partner/jobs/batch (1,000 postings with long descriptions), in bytes.',
  }),
  SEARCH_COUNT_BOUND: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 10_000,
    description:
      'Job searches count matches exactly up to this many; beyond it, `total` is this bound with `total_relation: "gte"` and ' +
      'facets are counted over this many matches. Keep it at 10,000 or more in production (lower values are for tests).',
  }),
  NODE_ENV: Type.Optional(Type.String({ description: '`production` closes what is open for development: GraphiQL and introspection (unless GRAPHQL_IDE / GRAPHQL_INTROSPECTION say otherwise).' })),
  PUBLIC_BASE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^/?#\\s]+$',
      description: 'Public origin of the API (e.g. `https://api.hiringradar.dev`), for the absolute URLs it publishes (JSON-LD `@id`). Absent: none are published; never taken from the Host header.',
    }),
  ),
  GRAPHQL_IDE: Type.Optional(Type.Boolean({ description: 'Serve GraphiQL at /graphiql. Default: on, off when NODE_ENV=production.' })),
  GRAPHQL_INTROSPECTION: Type.Optional(Type.Boolean({ description: 'Answer introspection queries (__schema, __type). Default: on, off when NODE_ENV=production.' })),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    maximum: 600_000,
    default: 5000,
    description:
      'How long an idle keep-alive connection stays open (announced in the Keep-Alive header). Behind a load balancer, set it above the balancer\'s idle timeout; a shutdown waits for idle connections up to this long, so none is reset.',
  }),
  GRAPHQL_JIT: Type.Integer({
    minimum: 0,
    maximum: 1_000_000,
    default: 1,
    description: 'Compile a GraphQL query to JavaScript after it has run this many times (0: never).',
  }),
  GRAPHQL_MAX_DEPTH: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Deepest selection nesting of a GraphQL operation.' }),
  GRAPHQL_MAX_COST: Type.Integer({
    minimum: 1,
    maximum: 10_000_000,
    default: 5000,
    description: 'Highest cost of one GraphQL operation (each connection counts once per parent it is fetched for).',
  }),
  GRAPHQL_MAX_ALIASES: Type.Integer({ minimum: 0, maximum: 1000, default: 30, description: 'Most aliases in one GraphQL document.' }),
  GRAPHQL_MAX_TOKENS: Type.Integer({ minimum: 100, maximum: 1_000_000, default: 5000, description: 'Most lexical tokens in one GraphQL document.' }),
  GRAPHQL_MAX_BATCH: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Most operations in one batched GraphQL request.' }),
  GRAPHQL_WS_MAX_CONNECTIONS: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 500,
    description: 'Most GraphQL WebSocket connections one instance holds; beyond it a new one is closed with code 4429.',
  }),
  GRAPHQL_WS_MAX_CONNECTIONS_PER_CALLER: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    default: 10,
    description: 'Most GraphQL WebSocket connections of one caller (API key, JWT subject, or IP without credentials) on one instance; beyond it code 4429.',
  }),
  GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 10,
    description: 'Most active subscriptions on one WebSocket connection; one more is answered with a RATE_LIMITED error.',
  }),
  GRAPHQL_WS_INIT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 60_000,
    default: 5000,
    description: 'How long a new WebSocket may wait before sending connection_init; later, it is closed with code 4408.',
  }),
  GRAPHQL_WS_KEEPALIVE_MS: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    default: 30_000,
    description: 'How often each GraphQL WebSocket is pinged; one that has answered neither of the last two pings is dropped (0: never ping).',
  }),
  GRAPHQL_WS_MAX_PAYLOAD: Type.Integer({ minimum: 1024, maximum: 1024 * 1024, default: 64 * 1024, description: 'Largest WebSocket message accepted, in bytes (larger: closed with code 1009).' }),
  SEARCH_REFRESH_CHUNK: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    default: 500,
    description: 'Postings re-indexed per statement (each its own transaction) when a company is renamed.',
  }),
  SEARCH_REFRESH_INLINE_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 250,
    description: 'How long a company rename (PATCH /v1/admin/companies/{slug}) re-indexes postings before answering; the rest continues in the background.',
  }),
  WEBHOOK_ALLOW_PRIVATE_CIDRS: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Fa-f:./]+(,[0-9A-Fa-f:./]+)*$',
      description:
        'Comma-separated CIDRs (e.g. `127.0.0.1/32`) that webhook deliveries may reach although private or special; with it, plain `http` is allowed to those addresses only. For tests and local receivers: refused when NODE_ENV=production.',
    }),
  ),
  WEBHOOK_ALLOW_HTTP: Type.Boolean({
    default: false,
    description: 'Allow plain `http` webhook URLs (local development only; refused when NODE_ENV=production). Private addresses stay refused.',
  }),
  WEBHOOK_WORKER: Type.Boolean({
    default: true,
    description: 'Run the webhook dispatcher and delivery workers in this instance (every instance may: one delivery is attempted by one instance at a time).',
  }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 10_000, default: 10_000, description: 'Longest one delivery attempt may take (DNS, connect, response).' }),
  WEBHOOK_ENDPOINT_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 64,
    default: 4,
    description: 'Most deliveries in flight to one endpoint, across all instances.',
  }),
  WEBHOOK_WORKERS: Type.Integer({ minimum: 1, maximum: 64, default: 8, description: 'Deliveries one instance attempts at once.' }),
  WEBHOOK_RETRY_BASE_MS: Type.Integer({
    minimum: 10,
    maximum: 600_000,
    default: 20_000,
    description: 'Delay before the first retry; each later one doubles, up to WEBHOOK_RETRY_CAP_MS, with ±25% jitter (README: retry schedule).',
  }),
  WEBHOOK_RETRY_CAP_MS: Type.Integer({ minimum: 10, maximum: 86_400_000, default: 43_200_000, description: 'Longest delay between two attempts of a delivery.' }),
  WEBHOOK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 17, description: 'Attempts of a delivery before it is marked failed (17: about 3 days with the default delays).' }),
  WEBHOOK_DISABLE_AFTER_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 31_536_000,
    default: 432_000,
    description: 'An endpoint whose deliveries have all failed for this long (default 5 days) is disabled, with the reason shown to its owner.',
  }),
  WEBHOOK_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'Delivered and failed webhook deliveries (and their attempts) are deleted after this many days.' }),
  WEBHOOK_DISPATCH_POLL_MS: Type.Integer({ minimum: 50, maximum: 600_000, default: 1000, description: 'How often the dispatcher reads the change feed without a NOTIFY wake-up.' }),
  WEBHOOK_QUEUE_POLL_MS: Type.Integer({ minimum: 500, maximum: 600_000, default: 2000, description: 'How often idle delivery workers look for due deliveries (local enqueues wake them at once).' }),
  WEBHOOK_QUEUE_SUPERVISE_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 30,
    description: 'How often the queue looks for deliveries whose instance died mid-attempt: they are attempted again once their lease (timeout + 20 s) has passed, at the next check plus 5 s.',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'OpenTelemetry collector (OTLP over HTTP, e.g. `http://otel-collector:4318`): when set, every request is traced and its spans sent to `<endpoint>/v1/traces`. Absent: no tracing.',
    }),
  ),
  OTEL_SERVICE_NAME: Type.String({ minLength: 1, default: 'hiring-radar', description: 'The `service.name` of the traces.' }),
});

export type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  databaseStatementTimeoutMs: number;
  databaseConnectTimeoutMs: number;
  pgliteDir: string;
  logLevel: Env['LOG_LEVEL'];
  seedDemo: boolean;
  seedJobs: number;
  corsOrigins: '*' | string[];
  cursorSecret: string;
  searchCountBound: number;
  production: boolean;
  publicBaseUrl: string | undefined;
  keepAliveTimeoutMs: number;
  bodyLimit: number;
  batchBodyLimit: number;
  redisUrl: string | undefined;
  rateLimit: {
    enabled: boolean;
    windowSeconds: number;
    redisPrefix: string;
    /** ioredis commandTimeout of a counting call. */
    redisTimeoutMs: number;
    breaker: { threshold: number; cooldownMs: number };
    perTier: Record<Tier, number>;
  };
  trustProxy: string[] | false;
  jwt:
    | ({ secret: string; publicKey?: undefined } & JwtClaimRules)
    | ({ publicKey: string; secret?: undefined } & JwtClaimRules)
    | undefined;
  keyCacheSeconds: number;
  rollupCompactSeconds: number;
  keyUsageFlushSeconds: number;
  graphql: {
    ide: boolean;
    introspection: boolean;
    jit: number;
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxTokens: number;
    maxBatch: number;
    ws: {
      maxConnections: number;
      maxConnectionsPerCaller: number;
      maxSubscriptionsPerConnection: number;
      initTimeoutMs: number;
      keepAliveMs: number;
      maxPayload: number;
    };
  };
  searchRefresh: { chunkSize: number; inlineMs: number };
  jobStream: { pollMs: number };
  webhooks: {
    allowPrivateCidrs: string[];
    allowHttp: boolean;
    worker: boolean;
    timeoutMs: number;
    endpointConcurrency: number;
    workers: number;
    retryBaseMs: number;
    retryCapMs: number;
    maxAttempts: number;
    disableAfterSeconds: number;
    dispatchPollMs: number;
    retentionDays: number;
    queuePollMs: number;
    superviseSeconds: number;
  };
  tracing: { endpoint: string | undefined; serviceName: string };
}

/** What a JWT's claims must satisfy, whichever key verifies it. */
export interface JwtClaimRules {
  algorithms: string[];
  issuer?: string | undefined;
  audience?: string | undefined;
  maxLifetimeSeconds: number;
  clockSkewSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment once; throws a ConfigError naming the first bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(EnvSchema.properties) as (keyof Env)[];
  const raw: Record<string, unknown> = {};
  for (const key of known) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const env = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw)) as Env;
  const [first] = Value.Errors(EnvSchema, env);
  if (first) {
    const name = first.instancePath.replace(/^\//, '') || String(first.params && Object.values(first.params)[0]);
    const got = source[name];
    const allowed = (first.params as { allowedValues?: unknown[] }).allowedValues;
    const rule = allowed ? `must be one of ${allowed.join(', ')}` : first.message;
    throw new ConfigError(`Invalid environment variable ${name}: ${rule}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`);
  }
  if (env.JWT_SECRET && env.JWT_PUBLIC_KEY) {
    throw new ConfigError('Invalid environment variable JWT_PUBLIC_KEY: set either JWT_SECRET or JWT_PUBLIC_KEY, not both');
  }
  const algorithms = env.JWT_ALGORITHMS?.split(',') ?? [env.JWT_SECRET ? 'HS256' : 'RS256'];
  const symmetric = algorithms.every((a) => a.startsWith('HS'));
  if ((env.JWT_SECRET && !symmetric) || (env.JWT_PUBLIC_KEY && algorithms.some((a) => a.startsWith('HS')))) {
    throw new ConfigError(
      `Invalid environment variable JWT_ALGORITHMS: ${algorithms.join(',')} does not fit ${env.JWT_SECRET ? 'JWT_SECRET (HS*)' : 'JWT_PUBLIC_KEY (RS*/PS*/ES*/EdDSA)'}`,
    );
  }
  const jwtCommon: JwtClaimRules = {
    algorithms,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    maxLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS,
    clockSkewSeconds: env.JWT_CLOCK_SKEW_SECONDS,
  };
  const production = env.NODE_ENV === 'production';
  const allowPrivateCidrs = env.WEBHOOK_ALLOW_PRIVATE_CIDRS ? env.WEBHOOK_ALLOW_PRIVATE_CIDRS.split(',') : [];
  if (production && allowPrivateCidrs.length) {
    throw new ConfigError('Invalid environment variable WEBHOOK_ALLOW_PRIVATE_CIDRS: webhooks to private addresses are for tests and local development, not NODE_ENV=production');
  }
  if (production && env.WEBHOOK_ALLOW_HTTP) {
    throw new ConfigError('Invalid environment variable WEBHOOK_ALLOW_HTTP: plain http webhooks are for local development, not NODE_ENV=production');
  }
  const origins = env.CORS_ORIGINS.trim();
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseConnectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    pgliteDir: env.PGLITE_DIR,
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO ?? env.DATABASE_URL === undefined,
    seedJobs: env.SEED_JOBS,
    corsOrigins: origins === '*' ? '*' : origins.split(',').map((o) => o.trim()).filter(Boolean),
    cursorSecret: env.CURSOR_SECRET,
    searchCountBound: env.SEARCH_COUNT_BOUND,
    production,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    bodyLimit: env.BODY_LIMIT,
    batchBodyLimit: env.BATCH_BODY_LIMIT,
    redisUrl: env.REDIS_URL,
    rateLimit: {
      enabled: env.RATE_LIMIT_ENABLED,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      redisPrefix: env.RATE_LIMIT_REDIS_PREFIX,
      redisTimeoutMs: env.RATE_LIMIT_REDIS_TIMEOUT_MS,
      breaker: { threshold: env.RATE_LIMIT_BREAKER_THRESHOLD, cooldownMs: env.RATE_LIMIT_BREAKER_COOLDOWN_MS },
      perTier: {
        // Embedded outside production is a local try-out: trying every README example must not exhaust
        // the budget. The image sets NODE_ENV=production, so an exposed embedded instance keeps 60.
        anonymous: env.RATE_LIMIT_ANONYMOUS ?? (env.DATABASE_URL === undefined && !production ? 10_000 : 60),
        free: env.RATE_LIMIT_FREE,
        partner: env.RATE_LIMIT_PARTNER,
        internal: env.RATE_LIMIT_INTERNAL,
      },
    },
    trustProxy: env.TRUST_PROXY ? env.TRUST_PROXY.split(',') : false,
    jwt: env.JWT_SECRET
      ? { secret: env.JWT_SECRET, ...jwtCommon }
      : env.JWT_PUBLIC_KEY
        ? { publicKey: env.JWT_PUBLIC_KEY.replace(/\\n/g, '\n'), ...jwtCommon }
        : undefined,
    keyCacheSeconds: env.KEY_CACHE_SECONDS,
    rollupCompactSeconds: env.ROLLUP_COMPACT_SECONDS,
    keyUsageFlushSeconds: env.KEY_USAGE_FLUSH_SECONDS,
    graphql: {
      ide: env.GRAPHQL_IDE ?? !production,
      introspection: env.GRAPHQL_INTROSPECTION ?? !production,
      jit: env.GRAPHQL_JIT,
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxCost: env.GRAPHQL_MAX_COST,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxBatch: env.GRAPHQL_MAX_BATCH,
      ws: {
        maxConnections: env.GRAPHQL_WS_MAX_CONNECTIONS,
        maxConnectionsPerCaller: env.GRAPHQL_WS_MAX_CONNECTIONS_PER_CALLER,
        maxSubscriptionsPerConnection: env.GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
        initTimeoutMs: env.GRAPHQL_WS_INIT_TIMEOUT_MS,
        keepAliveMs: env.GRAPHQL_WS_KEEPALIVE_MS,
        maxPayload: env.GRAPHQL_WS_MAX_PAYLOAD,
      },
    },
    jobStream: { pollMs: env.JOB_STREAM_POLL_MS },
    searchRefresh: { chunkSize: env.SEARCH_REFRESH_CHUNK, inlineMs: env.SEARCH_REFRESH_INLINE_MS },
    webhooks: {
      allowPrivateCidrs,
      allowHttp: env.WEBHOOK_ALLOW_HTTP,
      worker: env.WEBHOOK_WORKER,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      endpointConcurrency: env.WEBHOOK_ENDPOINT_CONCURRENCY,
      workers: env.WEBHOOK_WORKERS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      retryCapMs: env.WEBHOOK_RETRY_CAP_MS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      disableAfterSeconds: env.WEBHOOK_DISABLE_AFTER_SECONDS,
      dispatchPollMs: env.WEBHOOK_DISPATCH_POLL_MS,
      retentionDays: env.WEBHOOK_RETENTION_DAYS,
      queuePollMs: env.WEBHOOK_QUEUE_POLL_MS,
      superviseSeconds: env.WEBHOOK_QUEUE_SUPERVISE_SECONDS,
    },
    tracing: { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME },
  };
}
