import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** One request a receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver answers to a request: a status (and headers), or `hang` (never answer). */
export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

/**
 * A webhook receiver on 127.0.0.1 that records every request and answers as `respond` says
 * (200 by default). `accepted` is what an application deduplicating on `webhook-id` would keep.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly accepted = new Map<string, Received>();
  respond: (request: Received, index: number) => Answer = () => ({ status: 200 });
  #server: Server | undefined;
  port = 0;

  async start(port = 0): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        this.received.push(request);
        const answer = this.respond(request, this.received.length - 1);
        if (answer === 'hang') return;
        if (answer.status >= 200 && answer.status < 300) {
          const id = String(req.headers['webhook-id']);
          if (!this.accepted.has(id)) this.accepted.set(id, request);
        }
        res.writeHead(answer.status, answer.headers).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests carrying this event type, by body. */
  ofType(type: string): Received[] {
    return this.received.filter((r) => (JSON.parse(r.body) as { type: string }).type === type);
  }
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs` with the last value). */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the dispatcher has turned every committed feed event into deliveries. */
export const settleDispatch = (app: FastifyInstance) => app.webhooks.runtime().dispatcher!.settle();

/** Settings of a test app that delivers to a receiver on 127.0.0.1 and retries fast. */
export const WEBHOOK_TEST_ENV: Readonly<Record<string, string>> = {
  WEBHOOK_WORKER: 'true',
  WEBHOOK_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
  WEBHOOK_DISPATCH_POLL_MS: '100',
  WEBHOOK_QUEUE_POLL_MS: '500',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_RETRY_CAP_MS: '200',
  RATE_LIMIT_PARTNER: '1000000',
  RATE_LIMIT_FREE: '1000000',
};
