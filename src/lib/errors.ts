/** One entry of a validation problem: the parameter name (query/path) or JSON pointer (body). */
export interface FieldError {
  name: string;
  reason: string;
}

/**
 * GraphQL `extensions.code` of the catalogue's errors (src/graphql/errors.ts adds the codes of
 * GraphQL's own failures: parse, validation, complexity).
 */
export type ProblemCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** What every kind of error answers: its problem `type`, HTTP status and title, and its GraphQL code. */
export interface ErrorKindSpec {
  type: string;
  status: number;
  title: string;
  code: ProblemCode;
}

/** RFC 9457's problem type for a problem no more specific than its status (also Fastify's own client errors). */
export const ABOUT_BLANK = 'about:blank';

/**
 * The one catalogue of the API's errors: services throw `new ApiError(kind, detail)`, and the edges
 * answer it as problem+json (plugins/problems.ts) or as a GraphQL error (graphql/errors.ts). Every
 * problem `type` URN of the API is defined here and nowhere else.
 */
export const ERROR_CATALOGUE = {
  validation: { type: 'urn:hiring-radar:problem:validation-error', status: 400, title: 'Invalid request', code: 'BAD_USER_INPUT' },
  unauthenticated: { type: 'urn:hiring-radar:problem:unauthenticated', status: 401, title: 'Unauthorized', code: 'UNAUTHENTICATED' },
  forbidden: { type: 'urn:hiring-radar:problem:forbidden', status: 403, title: 'Forbidden', code: 'FORBIDDEN' },
  notFound: { type: 'urn:hiring-radar:problem:not-found', status: 404, title: 'Not Found', code: 'NOT_FOUND' },
  conflict: { type: 'urn:hiring-radar:problem:conflict', status: 409, title: 'Conflict', code: 'CONFLICT' },
  idempotencyInProgress: { type: 'urn:hiring-radar:problem:idempotency-in-progress', status: 409, title: 'Conflict', code: 'CONFLICT' },
  precondition: { type: 'urn:hiring-radar:problem:precondition-failed', status: 412, title: 'Precondition Failed', code: 'PRECONDITION_FAILED' },
  unsupportedMediaType: { type: ABOUT_BLANK, status: 415, title: 'Unsupported Media Type', code: 'BAD_USER_INPUT' },
  idempotencyKeyReused: { type: 'urn:hiring-radar:problem:idempotency-key-reused', status: 422, title: 'Unprocessable Content', code: 'BAD_USER_INPUT' },
  rateLimited: { type: 'urn:hiring-radar:problem:rate-limited', status: 429, title: 'Too Many Requests', code: 'RATE_LIMITED' },
  internal: { type: 'urn:hiring-radar:problem:internal-error', status: 500, title: 'Internal Server Error', code: 'INTERNAL_SERVER_ERROR' },
  unavailable: { type: 'urn:hiring-radar:problem:service-unavailable', status: 503, title: 'Service Unavailable', code: 'SERVICE_UNAVAILABLE' },
} as const satisfies Record<string, ErrorKindSpec>;

export type ErrorKind = keyof typeof ERROR_CATALOGUE;

/** The problem `type` of every kind of error. */
export const PROBLEM_TYPES = Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([kind, spec]) => [kind, spec.type])) as {
  readonly [K in ErrorKind]: (typeof ERROR_CATALOGUE)[K]['type'];
};

/** The fields of a problem as it is answered (and stored for an idempotent replay). */
export interface ProblemFields {
  status: number;
  title: string;
  detail: string;
  type: string;
  errors?: FieldError[] | undefined;
}

/**
 * An error whose status and message are safe to show to the client as a problem+json. Thrown as an
 * ApiError (its fields from the catalogue); a plain HttpProblem only replays one as it was stored.
 */
export class HttpProblem extends Error {
  protected constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly type: string = ABOUT_BLANK,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }

  /** A stored problem, answered again exactly as it was (an idempotent replay). */
  static replay(stored: ProblemFields): HttpProblem {
    return new HttpProblem(stored.status, stored.title, stored.detail, stored.type, stored.errors);
  }

  /** The same problem with other field errors (e.g. renamed for GraphQL arguments). */
  withErrors(errors: FieldError[]): HttpProblem {
    return new HttpProblem(this.status, this.title, this.message, this.type, errors);
  }
}

/** A domain error of one kind of the catalogue, which gives its status, title, type and GraphQL code. */
export class ApiError extends HttpProblem {
  constructor(
    readonly kind: ErrorKind,
    detail: string,
    errors?: FieldError[],
  ) {
    super(ERROR_CATALOGUE[kind].status, ERROR_CATALOGUE[kind].title, detail, ERROR_CATALOGUE[kind].type, errors);
  }

  /** The GraphQL `extensions.code` of its kind. */
  get code(): ProblemCode {
    return ERROR_CATALOGUE[this.kind].code;
  }

  override withErrors(errors: FieldError[]): ApiError {
    return new ApiError(this.kind, this.message, errors);
  }
}

export class ValidationProblem extends ApiError {
  constructor(errors: FieldError[], detail = describe(errors)) {
    super('validation', detail, errors);
  }
}

export class NotFoundProblem extends ApiError {
  constructor(detail: string) {
    super('notFound', detail);
  }
}

function describe(errors: FieldError[]): string {
  return errors.map((e) => `${e.name}: ${e.reason}`).join('; ');
}

/** Runs `fn`, collecting its validation problems instead of stopping at the first one. */
export function collectProblems<T>(problems: FieldError[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ValidationProblem && err.errors) {
      problems.push(...err.errors);
      return undefined;
    }
    throw err;
  }
}
