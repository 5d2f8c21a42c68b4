/** One entry of a validation problem: the parameter name (query/path) or JSON pointer (body). */
export interface FieldError {
  name: string;
  reason: string;
}

/** An error whose status and message are safe to show to the client as a problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly type: string = 'about:blank',
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export const PROBLEM_TYPES = {
  validation: 'urn:hiring-radar:problem:validation-error',
  notFound: 'urn:hiring-radar:problem:not-found',
  internal: 'urn:hiring-radar:problem:internal-error',
  unavailable: 'urn:hiring-radar:problem:service-unavailable',
} as const;

export class ValidationProblem extends HttpProblem {
  constructor(errors: FieldError[], detail = describe(errors)) {
    super(400, 'Invalid request', detail, PROBLEM_TYPES.validation, errors);
  }
}

export class NotFoundProblem extends HttpProblem {
  constructor(detail: string) {
    super(404, 'Not Found', detail, PROBLEM_TYPES.notFound);
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
