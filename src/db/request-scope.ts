import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of database work serves, carried through async calls so the driver can tie
 * a statement to it without every service passing it along: when the caller goes away, running
 * statements are cancelled and no new one starts.
 */
export interface RequestScope {
  readonly signal: AbortSignal;
  /** Cancels whatever this request has running on the server; set by the driver while a statement runs. */
  readonly running: Set<() => void>;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts) as work for a request whose end `signal` reports. */
export function runInRequestScope<T>(signal: AbortSignal, fn: () => T): T {
  const scope: RequestScope = { signal, running: new Set() };
  signal.addEventListener(
    'abort',
    () => {
      for (const cancel of scope.running) cancel();
    },
    { once: true },
  );
  return storage.run(scope, fn);
}
