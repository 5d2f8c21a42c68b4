/**
 * One HTTP attempt of a webhook delivery, hardened against SSRF.
 *
 * Built on node:http / node:https rather than fetch (undici) or an HTTP client dependency because
 * the defence needs a connect-time `lookup` hook: the hostname is resolved once here, every answer is
 * checked (url-policy.ts), and the socket is handed exactly those checked addresses, so a second,
 * rebinding DNS answer can never be the one connected to. fetch exposes no such hook without a
 * custom undici dispatcher, and node's client follows no redirects, which is what we want.
 * request-filtering-agent was considered: it judges the address the socket is connecting to from
 * the socket's `lookup` event (one address at a time, after resolution) and knows only exact-address
 * allow-lists, not CIDRs; it does not refuse a DNS answer that mixes public and private addresses
 * as a whole, which is the rule here. Range classification is ipaddr.js's (a maintained table).
 */
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { addressRefusal, checkWebhookUrl, isAllowListed, type UrlPolicy } from './url-policy.js';

export interface DeliveryRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryResult {
  /** HTTP status, or null when no response (refused address, DNS failure, timeout, connection error). */
  status: number | null;
  latencyMs: number;
  /** Up to maxBodyBytes of the response body, utf-8 (the rest is not read; the socket is destroyed). */
  responseBody: string;
  /**
   * Why there is no usable response, in words for the endpoint's owner (e.g. "refused: 10.0.0.5 is a
   * private address", "timed out after 10000 ms", "redirect not followed (302 to https://…)" — a 3xx
   * is returned with its status AND an error noting it was not followed). Also set, with the status,
   * when the connection timed out or broke while the body was being read. An attempt succeeded only
   * when the status is 2xx and this is null.
   */
  error: string | null;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to all its addresses (injectable so tests can play a DNS server). */
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export interface DeliveryOptions {
  policy: UrlPolicy;
  /** Whole attempt: DNS, connect, TLS, response headers and body. Default 10000. */
  timeoutMs?: number;
  /** Default 65536. */
  maxBodyBytes?: number;
  /** Default: node's dns.lookup with `all: true`. */
  lookup?: LookupAll;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 65_536;
export const USER_AGENT = 'HiringRadar-Webhooks/1';

/** Headers this module owns; a caller's copy would be ignored or could desynchronise the framing. */
const OWN_HEADERS = new Set(['content-type', 'user-agent', 'content-length', 'host', 'transfer-encoding', 'connection']);

const defaultLookup: LookupAll = async (hostname) => {
  const answers = await dns.promises.lookup(hostname, { all: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

class Timeout extends Error {}

/** Resolves with the promise, or rejects with Timeout when the signal fires first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(new Timeout());
    const onAbort = (): void => reject(new Timeout());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A connection-level failure in words; AggregateError comes from trying several addresses. */
function describeConnectionError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) {
    return `connection failed: ${error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ')}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  if (code && /CERT|TLS|SSL/.test(code)) return `TLS error: ${message}`;
  return `connection failed: ${message || code || 'unknown error'}`;
}

function redirectTarget(location: string | string[] | undefined, base: string): string {
  const value = Array.isArray(location) ? location[0] : location;
  if (!value) return '';
  let target = value;
  try {
    target = new URL(value, base).href;
  } catch {
    // An unparsable Location is still worth showing the owner as sent.
  }
  return ` to ${target.length > 300 ? `${target.slice(0, 300)}…` : target}`;
}

export async function sendDelivery(request: DeliveryRequest, options: DeliveryOptions): Promise<DeliveryResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { policy } = options;
  const latency = (): number => Math.round(performance.now() - started);
  const noResponse = (error: string): DeliveryResult => ({ status: null, latencyMs: latency(), responseBody: '', error });
  const timedOut = `timed out after ${timeoutMs} ms`;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // The URL was checked when stored, but the policy may have tightened since.
    const reason = checkWebhookUrl(request.url, policy);
    if (reason) return noResponse(reason.startsWith('refused: ') ? reason : `refused: the URL ${reason}`);
    const url = new URL(request.url);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;

    let addresses: ResolvedAddress[];
    const literal = net.isIP(host);
    if (literal) {
      addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
    } else {
      const pending = (options.lookup ?? defaultLookup)(host);
      pending.catch(() => undefined); // a late failure after a timeout must not go unhandled
      try {
        addresses = await abortable(pending, controller.signal);
      } catch (error) {
        if (error instanceof Timeout) return noResponse(`${timedOut} (resolving ${host})`);
        return noResponse(`DNS lookup of ${host} failed (${errorCode(error) ?? (error instanceof Error ? error.message : String(error))})`);
      }
      if (!addresses.length) return noResponse(`DNS lookup of ${host} returned no addresses`);
    }

    // One bad answer refuses the whole name: otherwise an attacker lists [public, internal] and wins
    // whenever the internal one is tried.
    const via = literal ? '' : ` (${host} resolves to it)`;
    for (const { address } of addresses) {
      const refusal = addressRefusal(address, policy);
      if (refusal) return noResponse(`refused: ${refusal}${via}`);
      if (url.protocol === 'http:' && !policy.allowHttp && !isAllowListed(address, policy)) {
        return noResponse(`refused: plain http to ${address}${via} is not allowed; use https`);
      }
    }
    if (controller.signal.aborted) return noResponse(timedOut);

    // Hands the socket only the checked answers (first preferred), so no second DNS query happens.
    const pinned: net.LookupFunction = (_hostname, lookupOptions, callback) => {
      if (lookupOptions.all) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    };

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!OWN_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
    headers['content-type'] = 'application/json';
    headers['user-agent'] = USER_AGENT;
    headers['content-length'] = String(Buffer.byteLength(request.body));

    return await new Promise<DeliveryResult>((resolve) => {
      let settled = false;
      const finish = (result: Omit<DeliveryResult, 'latencyMs'>): void => {
        if (settled) return;
        settled = true;
        controller.signal.removeEventListener('abort', onAbort);
        resolve({ ...result, latencyMs: latency() });
      };
      const requestOptions: https.RequestOptions = {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers,
        // A pooled keep-alive socket could outlive the check it was made under; one socket per attempt.
        agent: false,
        lookup: pinned,
      };
      // SNI carries the name the certificate is checked against; IP literals are not sent as SNI.
      if (url.protocol === 'https:' && !literal) requestOptions.servername = host;
      const req = (url.protocol === 'https:' ? https : http).request(requestOptions);
      let res: http.IncomingMessage | undefined;
      let status: number | null = null;
      let body = '';

      const onAbort = (): void => {
        finish({ status, responseBody: body, error: status === null ? timedOut : `${timedOut} while reading the response body` });
        req.destroy();
        res?.destroy();
      };
      if (controller.signal.aborted) return onAbort();
      controller.signal.addEventListener('abort', onAbort, { once: true });

      req.on('error', (error) => {
        finish(status === null ? { status: null, responseBody: '', error: describeConnectionError(error) } : { status, responseBody: body, error: 'connection lost while reading the response body' });
      });
      req.on('response', (response) => {
        res = response;
        status = response.statusCode ?? null;
        const redirect = status !== null && status >= 300 && status < 400 ? `redirect not followed (${status}${redirectTarget(response.headers.location, url.href)})` : null;
        const decoder = new StringDecoder('utf8');
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          if (settled) return;
          const room = maxBodyBytes - bytes;
          if (chunk.length >= room) {
            // decoder.write without end() drops a character cut in half at the limit.
            body += decoder.write(chunk.subarray(0, room));
            finish({ status, responseBody: body, error: redirect });
            response.destroy();
            req.destroy();
            return;
          }
          bytes += chunk.length;
          body += decoder.write(chunk);
        });
        response.on('end', () => {
          body += decoder.end();
          finish({ status, responseBody: body, error: redirect });
        });
        response.on('error', () => finish({ status, responseBody: body, error: 'connection lost while reading the response body' }));
        response.on('close', () => finish({ status, responseBody: body, error: redirect ?? 'connection closed before the response body was complete' }));
      });
      req.end(request.body);
    });
  } catch (error) {
    // e.g. a header value with a newline: node refuses it synchronously.
    return noResponse(`request failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
