import type { ExecutionResult, GraphQLError as GraphQLErrorType } from 'graphql';
import { classifyDatabaseError, DATA_EXCEPTION_DETAIL, DATABASE_FAILURE_DETAIL, isDataException, RETRY_AFTER_SECONDS } from '../db/errors.js';
import { ApiError, ERROR_CATALOGUE, HttpProblem, type ProblemCode } from '../lib/errors.js';
import { graphqlRuntime } from './runtime.js';

const { GraphQLError } = graphqlRuntime;
type GraphQLError = GraphQLErrorType;

/**
 * GraphQL errors carry `extensions.code`: BAD_USER_INPUT (with `field` and `errors: [{name, reason}]`),
 * UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, RATE_LIMITED, QUERY_TOO_COMPLEX,
 * GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED; anything unexpected is INTERNAL_SERVER_ERROR with
 * a generic message and the request id (the details go to the log, never to the client).
 */
export type ErrorCode = ProblemCode | 'QUERY_TOO_COMPLEX' | 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED';

/** An error whose message is meant for the client, with its code and HTTP status (used when no data is answered). */
export class ApiGraphQLError extends Error {
  readonly extensions: Record<string, unknown>;
  constructor(
    message: string,
    code: ErrorCode,
    extra: Record<string, unknown> = {},
    readonly statusCode = 200,
    /** Headers the HTTP answer carries (Retry-After, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.extensions = { code, ...extra };
  }
}

/** Codes of problems that are not the catalogue's (a replayed stored problem), by their status. */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'BAD_USER_INPUT',
  415: 'BAD_USER_INPUT',
  422: 'BAD_USER_INPUT',
  429: 'RATE_LIMITED',
};

const { internal: INTERNAL, unavailable: UNAVAILABLE, validation: VALIDATION } = ERROR_CATALOGUE;

/** The GraphQL form of a REST problem: same message, the code of its kind (else of its status), its field errors. */
export function fromProblem(problem: HttpProblem): ApiGraphQLError {
  const code = problem instanceof ApiError ? problem.code : (STATUS_CODES[problem.status] ?? (problem.status < 500 ? VALIDATION.code : INTERNAL.code));
  const extra: Record<string, unknown> = { status: problem.status, type: problem.type };
  if (problem.errors?.length) {
    extra.field = problem.errors[0]!.name;
    extra.errors = problem.errors;
  }
  return new ApiGraphQLError(problem.message, code, extra, problem.status);
}

const TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

interface Formatted {
  error: GraphQLError;
  statusCode: number | undefined;
  headers: Record<string, string>;
}

/** One error as the client sees it; `onUnexpected` logs what is hidden from it. */
function formatOne(error: GraphQLError, requestId: string, onUnexpected: (err: unknown) => void): Formatted {
  const original: unknown = error.originalError;
  const keep = (message: string, extensions: Record<string, unknown>, statusCode?: number, headers: Record<string, string> = {}): Formatted => ({
    error: new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions }),
    statusCode,
    headers,
  });
  if (original instanceof ApiGraphQLError) return keep(original.message, original.extensions, original.statusCode, original.headers);
  if (original instanceof HttpProblem) {
    if (original.status >= 500) {
      onUnexpected(original);
      return keep(`Something went wrong on our side. Quote request id ${requestId} when reporting it.`, { code: INTERNAL.code, requestId }, INTERNAL.status);
    }
    const mapped = fromProblem(original);
    return keep(mapped.message, mapped.extensions, mapped.statusCode);
  }
  if (original === undefined || original === null) {
    const tokens = TOKENS.exec(error.message);
    if (tokens) {
      return keep(`The document has more than ${tokens[1]} tokens.`, { code: 'QUERY_TOO_COMPLEX', limit: { name: 'tokens', max: Number(tokens[1]) } }, 400);
    }
    if (error.extensions?.code) return keep(error.message, error.extensions, 400);
    if (error.message.startsWith('Syntax Error')) return keep(error.message, { code: 'GRAPHQL_PARSE_FAILED' }, 400);
    // Variables that do not fit their type, arguments the schema refuses: input problems.
    if (/^Variable "\$|^Argument "|got invalid value|Expected value of type|Int cannot represent/.test(error.message)) {
      return keep(error.message, { code: 'BAD_USER_INPUT' }, 400);
    }
    return keep(error.message, { code: 'GRAPHQL_VALIDATION_FAILED' }, 400);
  }
  // graphql-js wraps input coercion problems raised while executing (e.g. an enum value) too.
  if (original instanceof GraphQLError) return formatOne(original, requestId, onUnexpected);
  const mercuriusCode = (original as { code?: unknown }).code;
  if (mercuriusCode === 'MER_ERR_GQL_VALIDATION' || mercuriusCode === 'MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND') {
    return keep(error.message === 'Unknown query' ? 'The request has no query.' : error.message, { code: 'GRAPHQL_VALIDATION_FAILED' }, 400);
  }
  if (mercuriusCode === 'MER_ERR_METHOD_NOT_ALLOWED') return keep('Only queries may be sent with GET; send mutations with POST.', { code: 'BAD_USER_INPUT' }, 405);
  // Fastify's own refusals of the request (bad media type, empty or malformed JSON, body too large):
  // client errors with safe messages, answered with their status.
  const clientStatus = (original as { statusCode?: unknown }).statusCode;
  if (mercuriusCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || mercuriusCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500)) {
    const status = typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500 ? clientStatus : 400;
    return keep((original as Error).message, { code: status === 429 ? 'RATE_LIMITED' : 'BAD_USER_INPUT' }, status);
  }
  if (isDataException(original)) return keep(DATA_EXCEPTION_DETAIL, { code: 'BAD_USER_INPUT' }, 400);
  const failure = classifyDatabaseError(original);
  if (failure) {
    // Logged like any hidden error; the client is told it may retry.
    onUnexpected(original);
    return keep(DATABASE_FAILURE_DETAIL[failure], { code: UNAVAILABLE.code, status: UNAVAILABLE.status, retryAfter: RETRY_AFTER_SECONDS }, UNAVAILABLE.status, {
      'retry-after': String(RETRY_AFTER_SECONDS),
    });
  }
  onUnexpected(original);
  return keep(`Something went wrong on our side. Quote request id ${requestId} when reporting it.`, { code: INTERNAL.code, requestId }, INTERNAL.status);
}

/** Flattens mercurius' validation wrappers (one error holding the list of validation errors). */
function expand(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((e) => {
    const inner = (e.originalError as { errors?: unknown } | undefined)?.errors;
    if (Array.isArray(inner) && (e.originalError as { code?: unknown }).code === 'MER_ERR_GQL_VALIDATION') {
      return inner.map((i: unknown) => (i instanceof GraphQLError ? i : new GraphQLError((i as Error).message, { originalError: i as Error })));
    }
    return [e];
  });
}

export interface FormattedExecution {
  statusCode: number;
  headers: Record<string, string>;
  response: { data: ExecutionResult['data'] | null; errors: ReturnType<GraphQLError['toJSON']>[] };
}

/**
 * Formats an execution's errors. The HTTP status is 200 when there is data; without data it is the
 * status of the (first) error: 400 for input and validation problems, 401, 403, 429, 500 …
 */
export function formatExecution(execution: ExecutionResult, requestId: string, onUnexpected: (err: unknown) => void): FormattedExecution {
  const formatted = expand(execution.errors ?? []).map((e) => formatOne(e, requestId, onUnexpected));
  const headers = Object.assign({}, ...formatted.map((f) => f.headers)) as Record<string, string>;
  const statusCode = execution.data ? 200 : (formatted[0]?.statusCode ?? 200);
  return { statusCode, headers, response: { data: execution.data ?? null, errors: formatted.map((f) => f.error.toJSON()) } };
}
