import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

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
  BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024, default: 1024 * 1024, description: 'Largest request body, in bytes.' }),
});

export type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  pgliteDir: string;
  logLevel: Env['LOG_LEVEL'];
  seedDemo: boolean;
  seedJobs: number;
  corsOrigins: '*' | string[];
  cursorSecret: string;
  bodyLimit: number;
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
  const origins = env.CORS_ORIGINS.trim();
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    pgliteDir: env.PGLITE_DIR,
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO ?? env.DATABASE_URL === undefined,
    seedJobs: env.SEED_JOBS,
    corsOrigins: origins === '*' ? '*' : origins.split(',').map((o) => o.trim()).filter(Boolean),
    cursorSecret: env.CURSOR_SECRET,
    bodyLimit: env.BODY_LIMIT,
  };
}
