import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/index.js';

export interface GqlResult {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
  data: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** POSTs one GraphQL operation (or a batch, when `query` is an array of operations). */
export async function gql(app: FastifyInstance, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResult> {
  const res = await app.inject({ method: 'POST', url: '/graphql', headers, payload: { query, ...(variables ? { variables } : {}) } });
  const body = res.json() as { data?: unknown; errors?: GqlResult['errors'] };
  return { status: res.statusCode, headers: res.headers, data: body.data, ...(body.errors ? { errors: body.errors } : {}) };
}

/** The first error's code. */
export const codeOf = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

/**
 * Counts the SQL statements sent while `fn` runs, at the database client (`$client.query`, which
 * drizzle calls for every statement, on PGlite and on a pg pool alike).
 */
export async function countStatements<T>(db: Database, fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const client = (db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const original = client.query;
  const statements: string[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    statements.push(typeof first === 'string' ? first : String((first as { text?: string })?.text ?? first));
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), statements };
  } finally {
    client.query = original;
  }
}
