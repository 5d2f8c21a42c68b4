/**
 * Stoplight Prism's validating proxy in front of a running API, for `npm run test:prism` (HR_PRISM=1).
 *
 *   const proxy = await maybePrismProxy(serverUrl);   // send the test's requests to proxy.url
 *   ...
 *   expect(proxy.violations()).toEqual([]);
 *   await proxy.close();
 *
 * Without HR_PRISM=1 it does nothing: `url` is the target, `violations()` is always empty.
 *
 * With HR_PRISM=1: client → recorder (here, a free port) → `prism proxy openapi/openapi.json <target>`
 * (a free port) → target. Prism runs *without* `--errors`, so every answer reaches the client as the API
 * sent it (a test sees the real status and body) and Prism only reports what breaks the document in an
 * `sl-violations` header; the recorder reads (and removes) that header on every answer and keeps each
 * violation as `METHOD /path?query → status: location message [severity]`, so a run lists all of them.
 *
 * Not counted (the API and the document agree there):
 * - request violations when the API rejected the request (4xx/5xx): tests send bad input on purpose;
 * - "route not found" for paths outside /v1 (GraphQL, docs, metrics) that the OpenAPI document does not describe.
 * WebSocket upgrades and `text/event-stream` requests bypass Prism (it buffers answers) and go to the target.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect as netConnect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../src/lib/paths.js';

export interface PrismProxy {
  /** Where to send requests: the recorder in front of Prism, or the target itself when Prism is off. */
  url: string;
  /** True when HR_PRISM=1 put Prism in between. */
  enabled: boolean;
  /** The violations seen so far, one line each: `GET /v1/jobs?limit=1 → 200: response.body.data.0.x … [Error]`. */
  violations(): string[];
  /** Forgets the violations seen so far (e.g. between tests). */
  reset(): void;
  close(): Promise<void>;
}

interface Violation {
  location?: (string | number)[];
  severity?: string;
  code?: string | number;
  message?: string;
}

export const prismEnabled = process.env.HR_PRISM === '1';

export async function maybePrismProxy(targetUrl: string, options: { document?: string } = {}): Promise<PrismProxy> {
  if (!prismEnabled) {
    return { url: targetUrl.replace(/\/$/, ''), enabled: false, violations: () => [], reset: () => {}, close: async () => {} };
  }
  return startPrismProxy(targetUrl, options.document ?? join(projectRoot, 'openapi', 'openapi.json'));
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json');
  const pkg = require(pkgPath) as { bin: Record<string, string> | string };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.prism!;
  return join(pkgPath, '..', bin);
}

/** Starts Prism; retries on a port taken between choosing and binding it. */
async function startPrism(document: string, target: string): Promise<{ child: ChildProcess; port: number }> {
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [prismBin(), 'proxy', document, target, '--host', '127.0.0.1', '--port', String(port), '--cors=false', '--errors=false'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let log = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Prism did not start within 60 s:\n${log.slice(-4000)}`)), 60_000);
        const onData = (chunk: Buffer): void => {
          // Keep draining its output for the whole run: a full pipe would block Prism.
          log = (log + chunk.toString()).slice(-20_000);
          if (log.includes(`Prism is listening on http://127.0.0.1:${port}`)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`Prism exited ${code} before listening:\n${log.slice(-4000)}`));
        });
      });
      return { child, port };
    } catch (err) {
      lastError = err as Error;
      if (child.exitCode === null) child.kill('SIGKILL');
      if (!/EADDRINUSE/.test(lastError.message)) break;
    }
  }
  throw lastError ?? new Error('Prism did not start');
}

function describeViolation(violation: Violation): string {
  const where = (violation.location ?? []).join('.');
  return `${where} ${violation.message ?? ''} [${violation.severity ?? '?'}]`.trim();
}

/** Whether a violation is worth reporting, given the request path and the status the API answered. */
function counts(violation: Violation, path: string, status: number): boolean {
  const side = violation.location?.[0];
  if (side === 'request' && /route not found/i.test(violation.message ?? '')) return path.startsWith('/v1/') && status < 400;
  if (side === 'request' && status >= 400) return false;
  return true;
}

async function startPrismProxy(targetUrl: string, document: string): Promise<PrismProxy> {
  const target = new URL(targetUrl);
  const prism = await startPrism(document, target.origin);
  const killPrism = (): void => {
    if (prism.child.exitCode === null && prism.child.signalCode === null) prism.child.kill('SIGKILL');
  };
  process.once('exit', killPrism);
  const seen: string[] = [];

  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const bypass = /text\/event-stream/.test(req.headers.accept ?? '');
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: bypass ? Number(target.port || 80) : prism.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: bypass ? target.host : `127.0.0.1:${prism.port}` },
        // A list of many violations makes a long header.
        maxHeaderSize: 16 * 1024 * 1024,
      },
      (answer) => {
        const header = answer.headers['sl-violations'];
        if (typeof header === 'string' && header) {
          let list: Violation[] = [];
          try {
            list = JSON.parse(header) as Violation[];
          } catch {
            list = [{ message: `unreadable sl-violations header: ${header}` }];
          }
          const path = (req.url ?? '').split('?')[0]!;
          for (const v of list) if (counts(v, path, answer.statusCode ?? 0)) seen.push(`${req.method} ${req.url} → ${answer.statusCode}: ${describeViolation(v)}`);
        }
        // The client gets the answer as the API sent it: the (possibly long) violations header stays here.
        const headers: string[] = [];
        for (let i = 0; i < answer.rawHeaders.length; i += 2) {
          if (answer.rawHeaders[i]!.toLowerCase() !== 'sl-violations') headers.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
        }
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      seen.push(`${req.method} ${req.url} → proxy error: ${err.message}`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`prism proxy: ${err.message}`);
    });
    req.pipe(upstream);
  };

  const recorder: Server = createServer(forward);
  // WebSockets (GraphQL subscriptions) go straight to the target: Prism does not proxy upgrades.
  recorder.on('upgrade', (req, socket, head) => {
    const upstream = netConnect(Number(target.port || 80), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => recorder.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = recorder.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    enabled: true,
    violations: () => [...seen],
    reset: () => {
      seen.length = 0;
    },
    close: async () => {
      recorder.closeAllConnections();
      await new Promise((resolve) => recorder.close(resolve));
      process.removeListener('exit', killPrism);
      if (prism.child.exitCode === null && prism.child.signalCode === null) {
        const exited = new Promise((resolve) => prism.child.once('exit', resolve));
        prism.child.kill('SIGTERM');
        const timer = setTimeout(() => prism.child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
