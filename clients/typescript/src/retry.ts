import { retryAfterMs } from './errors.js';

export type FetchLike = (input: Request) => Promise<Response>;

export interface RetryOptions {
  /** Retries after the first attempt (default 2, so at most 3 attempts); 0 turns retrying off. */
  retries?: number;
  /** The longest wait before one retry (default 30 s). A Retry-After beyond it is not waited for: the answer is returned. */
  maxDelayMs?: number;
  /** Backoff without Retry-After (and after a network error): a random wait up to base × 2^attempt (default 250 ms). */
  baseDelayMs?: number;
  /** Statuses that are retried (default 429 and 503). */
  statuses?: readonly number[];
  /** Called before each retry (logging, metrics). */
  onRetry?: (info: RetryInfo) => void;
  /** How to wait (tests replace it); must reject when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  request: Request;
  /** The answer being retried, or undefined after a network error. */
  response?: Response;
  error?: unknown;
}

/** Methods whose repetition has the effect of one request (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** The problem type of a 409 while the first request with the same Idempotency-Key still runs. */
export const IDEMPOTENCY_IN_PROGRESS = 'urn:hiring-radar:problem:idempotency-in-progress';

/** A retry repeats a request only when that cannot apply it twice: an idempotent method, or a POST with an Idempotency-Key. */
export function isRetrySafe(request: Request): boolean {
  return IDEMPOTENT_METHODS.has(request.method.toUpperCase()) || request.headers.has('idempotency-key');
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Wraps `fetch` with bounded retries of 429 and 503 answers (waiting what Retry-After says, in
 * seconds or as an HTTP date), of network errors, and of the 409 a retry gets while the first
 * request with its Idempotency-Key still runs; only for retry-safe requests (see isRetrySafe). Every
 * attempt sends the same request, headers included, so a retried write carries its Idempotency-Key
 * again and the server replays its first answer instead of writing twice.
 */
export function retryingFetch(fetch: FetchLike, options: RetryOptions = {}): FetchLike {
  const retries = Math.max(0, Math.floor(options.retries ?? 2));
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const statuses = new Set(options.statuses ?? [429, 503]);
  const sleep = options.sleep ?? defaultSleep;
  if (retries === 0) return fetch;

  return async (request) => {
    if (!isRetrySafe(request)) return fetch(request);
    const keyed = request.headers.has('idempotency-key');
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries;
      // The original stays unread, so each attempt sends the same body.
      const sent = last ? request : request.clone();
      let response: Response;
      try {
        response = await fetch(sent);
      } catch (error) {
        if (last || request.signal.aborted) throw error;
        const delayMs = backoff(baseDelayMs, attempt, maxDelayMs);
        options.onRetry?.({ attempt: attempt + 1, delayMs, request, error });
        await sleep(delayMs, request.signal);
        continue;
      }
      if (last || !(statuses.has(response.status) || (keyed && (await isInProgress(response))))) return response;
      const asked = retryAfterMs(response.headers.get('retry-after'));
      if (asked !== undefined && asked > maxDelayMs) return response;
      const delayMs = asked ?? backoff(baseDelayMs, attempt, maxDelayMs);
      options.onRetry?.({ attempt: attempt + 1, delayMs, request, response });
      await response.body?.cancel().catch(() => undefined);
      await sleep(delayMs, request.signal);
    }
  };
}

function backoff(baseDelayMs: number, attempt: number, maxDelayMs: number): number {
  return Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
}

async function isInProgress(response: Response): Promise<boolean> {
  if (response.status !== 409 || !response.headers.get('content-type')?.includes('json')) return false;
  try {
    const body = (await response.clone().json()) as { type?: unknown };
    return body.type === IDEMPOTENCY_IN_PROGRESS;
  } catch {
    return false;
  }
}
