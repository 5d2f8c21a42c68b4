import type { AddressInfo } from 'node:net';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { maybePrismProxy } from '../helpers/prism.js';

export interface SdkServer {
  ctx: TestContext;
  /** Where the app listens. */
  appUrl: string;
  /** Where the SDK sends its requests (see sdkBaseUrl). */
  baseUrl: string;
  /** What the Prism proxy found the answers to break in the OpenAPI document (always empty without HR_PRISM=1). */
  violations(): string[];
  /** A new API key's secret. */
  key(input: Parameters<typeof createKey>[1]): Promise<string>;
  close(): Promise<void>;
}

/**
 * The one place where the SDK tests choose their base URL: the app itself, or with HR_PRISM=1
 * (`npm run test:prism`) Stoplight Prism's validating proxy in front of it, so that every request
 * the SDK makes and every answer it gets is checked against openapi/openapi.json.
 */
export async function sdkBaseUrl(appUrl: string): Promise<{ url: string; violations(): string[]; close(): Promise<void> }> {
  return maybePrismProxy(appUrl);
}

/** The app over a database of its own, listening on a free port of 127.0.0.1, over real HTTP. */
export async function startSdkServer(env: Record<string, string> = {}): Promise<SdkServer> {
  const ctx = await createTestApp(env);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as AddressInfo;
  const appUrl = `http://127.0.0.1:${port}`;
  const front = await sdkBaseUrl(appUrl);
  return {
    ctx,
    appUrl,
    baseUrl: front.url,
    violations: () => front.violations(),
    key: async (input) => (await createKey(ctx.database.db, input)).secret,
    close: async () => {
      await front.close();
      await ctx.close();
    },
  };
}

/** A fetch that records what it sends, to look at headers and attempts. */
export function recordingFetch(inner: (request: Request) => Promise<Response> = (r) => fetch(r)) {
  const sent: { method: string; url: string; headers: Headers }[] = [];
  const statuses: number[] = [];
  const wrapped = async (request: Request) => {
    sent.push({ method: request.method, url: request.url, headers: new Headers(request.headers) });
    const response = await inner(request);
    statuses.push(response.status);
    return response;
  };
  return Object.assign(wrapped, { sent, statuses });
}
