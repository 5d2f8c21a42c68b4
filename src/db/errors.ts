/**
 * What a database failure means for the caller. `unavailable`: the server cannot be reached or
 * dropped the connection (the request may be retried); `timeout`: a statement ran past the
 * statement timeout; `aborted`: the caller went away and its work was cancelled.
 */
export type DatabaseFailure = 'unavailable' | 'timeout' | 'aborted';

/** What a client should wait before retrying a request the database could not serve. */
export const RETRY_AFTER_SECONDS = 2;

/** What the client is told of each failure. */
export const DATABASE_FAILURE_DETAIL: Record<DatabaseFailure, string> = {
  unavailable: 'The database is unavailable for a moment; retry after the Retry-After seconds.',
  timeout: 'The request took longer than the server allows (statement timeout) and was cancelled; nothing was changed. Narrow it, or retry later.',
  aborted: 'The client closed the connection; the request was cancelled.',
};

/** Raised before a statement when the request it serves is gone: its work is not started. */
export class RequestAbortedError extends Error {
  override name = 'RequestAbortedError';
  readonly code = 'HR_REQUEST_ABORTED';
  constructor() {
    super('the client closed the connection; its database work was cancelled');
  }
}

// SQLSTATE class 08 (connection exception), 53300 too_many_connections, 57P01–57P03 (server shutting
// down, crashed, not yet accepting), plus the socket errors node reports for a dropped server.
const UNAVAILABLE_CODES = new Set(['08000', '08001', '08003', '08004', '08006', '08P01', '53300', '57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|the database system is (starting up|shutting down|in recovery mode)|terminating connection|Cannot use a pool after calling end|server closed the connection|PGlite is closed/i;

/** The chain of causes (drizzle wraps driver errors in a DrizzleQueryError whose `cause` is the real one). */
function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e: unknown = err; e && out.length < 5; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

export function classifyDatabaseError(err: unknown): DatabaseFailure | undefined {
  for (const e of causes(err)) {
    if (e instanceof RequestAbortedError) return 'aborted';
    const code = (e as { code?: unknown }).code;
    if (code === '57014') return 'timeout';
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return 'unavailable';
    if (e instanceof Error && UNAVAILABLE_MESSAGES.test(e.message)) return 'unavailable';
  }
  return undefined;
}

/**
 * An error as it may be logged (the logger's `err` serializer): drizzle's message ("Failed query: …
 * params: …") and its `params` carry the request's data, so of a failed statement only its first
 * words and the driver's error remain.
 */
export function loggableError(err: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err), stack: '' };
  const chain = causes(err);
  const query = chain.map((e) => (e as { query?: unknown }).query).find((q): q is string => typeof q === 'string');
  // The driver's own error (the deepest cause) says what went wrong; PGlite's carries the
  // statement too, but its message never holds the parameters.
  const shown = (query ? (chain.length > 1 ? chain[chain.length - 1] : err) : err) as Error & { code?: unknown };
  const message = String(shown.message ?? shown);
  return {
    type: shown.constructor?.name ?? 'Error',
    message: query ? message.split('\n')[0]!.slice(0, 500) : message,
    ...(shown.code !== undefined ? { code: shown.code } : {}),
    ...(query ? { statement: `${query.replace(/\s+/g, ' ').trim().slice(0, 80)}…` } : {}),
    stack: query ? (shown.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 10).join('\n') : (shown.stack ?? ''),
  };
}

/**
 * A statement refused a value of the request (SQLSTATE class 22, data exception: text it cannot
 * store, a number out of range, a malformed date). Input checks should have caught it first; this
 * keeps it a 400 rather than a 500 when one did not.
 */
export function isDataException(err: unknown): boolean {
  return causes(err).some((e) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && e instanceof Error && 'severity' in e;
  });
}

export const DATA_EXCEPTION_DETAIL = 'A value of the request cannot be stored or compared (invalid text, or a number or date out of range).';
