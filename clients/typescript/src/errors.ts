import type { components } from './schema.js';

/** An RFC 9457 problem document, as the API answers every error (`application/problem+json`). */
export type Problem = components['schemas']['Problem'];
/** One invalid input of a validation problem: a parameter name or a JSON pointer into the body. */
export type ProblemFieldError = NonNullable<Problem['errors']>[number];

/**
 * An error answer of the API (4xx or 5xx). It carries the problem document as sent (`problem`) and
 * its fields; `errors` lists the invalid inputs of a 400/422. `requestId` is the id the server's log
 * line has too: quote it when reporting a 5xx.
 */
export class HiringRadarError extends Error {
  override readonly name = 'HiringRadarError';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly instance: string | undefined;
  readonly errors: ProblemFieldError[];
  readonly requestId: string | undefined;
  /** Seconds the server asked to wait (Retry-After of a 429 or 503), when it said. */
  readonly retryAfter: number | undefined;
  /** The problem document; a synthesised one when the body was not problem+json. */
  readonly problem: Problem;
  readonly response: Response;

  constructor(problem: Problem, response: Response) {
    super(problem.detail ? `${problem.status} ${problem.title}: ${problem.detail}` : `${problem.status} ${problem.title}`);
    this.problem = problem;
    this.response = response;
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.errors = problem.errors ?? [];
    this.requestId = problem.request_id ?? response.headers.get('x-request-id') ?? undefined;
    const wait = retryAfterMs(response.headers.get('retry-after'));
    this.retryAfter = wait === undefined ? undefined : Math.ceil(wait / 1000);
  }

  /** From an openapi-fetch error result: the parsed body (or its text) and the response. */
  static from(body: unknown, response: Response): HiringRadarError {
    if (isProblem(body)) return new HiringRadarError({ ...body, status: body.status || response.status }, response);
    const detail = typeof body === 'string' && body ? body.slice(0, 500) : undefined;
    return new HiringRadarError(
      { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, ...(detail ? { detail } : {}) },
      response,
    );
  }
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const p = body as Record<string, unknown>;
  return typeof p.type === 'string' && typeof p.title === 'string';
}

/** Milliseconds a Retry-After value asks for: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
