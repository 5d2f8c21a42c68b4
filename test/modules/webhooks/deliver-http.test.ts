import { describe, it, expect, afterEach } from 'vitest';
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { sendDelivery, type LookupAll, type ResolvedAddress } from '../../../src/modules/webhooks/deliver-http.js';
import { DEFAULT_URL_POLICY, type UrlPolicy } from '../../../src/modules/webhooks/url-policy.js';

const LOCAL: UrlPolicy = { allowPrivateCidrs: ['127.0.0.1/32'], allowHttp: false };

interface Hit {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remoteAddress: string | undefined;
}

interface TestServer {
  port: number;
  hits: Hit[];
}

const servers: (http.Server | https.Server)[] = [];
const timers: NodeJS.Timeout[] = [];

afterEach(async () => {
  timers.splice(0).forEach(clearTimeout);
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A real server on 127.0.0.1 that records every request it gets, body included, then runs `respond`. */
async function serve(respond: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hits.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remoteAddress: req.socket.remoteAddress,
      });
      respond(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, hits };
}

const ok = (body = '{"ok":true}') => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
};

/** A resolver that answers from a script and counts how often it was asked. */
function scriptedLookup(...answers: ResolvedAddress[][]): LookupAll & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    return answers[Math.min(calls.length - 1, answers.length - 1)] ?? [];
  };
  return Object.assign(lookup, { calls });
}

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });

describe('sendDelivery', () => {
  it('delivers a POST and returns the 2xx status and body', async () => {
    const server = await serve(ok('{"received":1}'));
    const result = await sendDelivery({ url: `http://127.0.0.1:${server.port}/hook?x=1`, headers: {}, body: '{"a":1}' }, { policy: LOCAL });
    expect(result).toMatchObject({ status: 200, responseBody: '{"received":1}', error: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.hits).toHaveLength(1);
    expect(server.hits[0]).toMatchObject({ method: 'POST', url: '/hook?x=1', body: '{"a":1}' });
  });

  it('sends the given headers plus its own content-type and user-agent, which a caller cannot override', async () => {
    const server = await serve(ok());
    const body = JSON.stringify({ type: 'job.created', data: { title: 'Ingénieure ML' } });
    await sendDelivery(
      {
        url: `http://127.0.0.1:${server.port}/hook`,
        headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,abc=', 'Content-Type': 'text/plain', 'User-Agent': 'spoof' },
        body,
      },
      { policy: LOCAL },
    );
    const headers = server.hits[0]!.headers;
    expect(headers).toMatchObject({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1700000000',
      'webhook-signature': 'v1,abc=',
      'content-type': 'application/json',
      'user-agent': 'HiringRadar-Webhooks/1',
      'content-length': String(Buffer.byteLength(body)),
      host: `127.0.0.1:${server.port}`,
    });
    expect(server.hits[0]!.body).toBe(body);
  });

  it('returns a non-2xx status as a response, not an error', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503);
      res.end('busy');
    });
    const result = await sendDelivery({ url: `http://127.0.0.1:${server.port}/`, headers: {}, body: '{}' }, { policy: LOCAL });
    expect(result).toMatchObject({ status: 503, responseBody: 'busy', error: null });
  });

  it('gives up after timeoutMs on a server that does not answer', async () => {
    const server = await serve((_req, res) => {
      timers.push(setTimeout(() => res.end('late'), 3000));
    });
    const started = Date.now();
    const result = await sendDelivery({ url: `http://127.0.0.1:${server.port}/slow`, headers: {}, body: '{}' }, { policy: LOCAL, timeoutMs: 500 });
    const elapsed = Date.now() - started;
    expect(result.status).toBeNull();
    expect(result.error).toBe('timed out after 500 ms');
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1000);
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it('times out a body that stalls after the headers, keeping the status it got', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write('partial');
      timers.push(setTimeout(() => res.end('rest'), 3000));
    });
    const result = await sendDelivery({ url: `http://127.0.0.1:${server.port}/`, headers: {}, body: '{}' }, { policy: LOCAL, timeoutMs: 400 });
    expect(result).toMatchObject({ status: 200, responseBody: 'partial', error: 'timed out after 400 ms while reading the response body' });
  });

  it('reads at most maxBodyBytes of a large response', async () => {
    const mib = 'x'.repeat(1024 * 1024);
    const server = await serve(ok(mib));
    const result = await sendDelivery({ url: `http://127.0.0.1:${server.port}/`, headers: {}, body: '{}' }, { policy: LOCAL });
    expect(result.status).toBe(200);
    expect(result.error).toBeNull();
    expect(result.responseBody.length).toBeGreaterThan(0);
    expect(result.responseBody.length).toBeLessThanOrEqual(65536);
    const small = await sendDelivery({ url: `http://127.0.0.1:${server.port}/`, headers: {}, body: '{}' }, { policy: LOCAL, maxBodyBytes: 1000 });
    expect(small.responseBody).toBe('x'.repeat(1000));
  });

  it('does not cut a UTF-8 character in half at the limit', async () => {
    const server = await serve(ok('aé'.repeat(10))); // 'é' is two bytes
    const result = await sendDelivery({ url: `http://127.0.0.1:${server.port}/`, headers: {}, body: '{}' }, { policy: LOCAL, maxBodyBytes: 5 });
    expect(result.responseBody).toBe('aéa');
  });

  it.each([
    ['another local port', (target: number) => `http://127.0.0.1:${target}/stolen`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('does not follow a redirect to %s', async (_name, location) => {
    const target = await serve(ok('should never be reached'));
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: location(target.port) });
      res.end();
    });
    const result = await sendDelivery({ url: `http://127.0.0.1:${server.port}/hook`, headers: {}, body: '{}' }, { policy: LOCAL });
    expect(result.status).toBe(302);
    expect(result.error).toBe(`redirect not followed (302 to ${location(target.port)})`);
    expect(server.hits).toHaveLength(1);
    expect(target.hits).toHaveLength(0);
  });

  it('reports a refused connection as an error without a status', async () => {
    const server = await serve(ok());
    const port = server.port;
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const result = await sendDelivery({ url: `http://127.0.0.1:${port}/`, headers: {}, body: '{}' }, { policy: LOCAL });
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/^connection failed: .*ECONNREFUSED/);
  });

  describe('with the default policy (no allow-list)', () => {
    it('refuses http://127.0.0.1 and https://127.0.0.1 without connecting', async () => {
      const server = await serve(ok());
      const plain = await sendDelivery({ url: `http://127.0.0.1:${server.port}/`, headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY });
      expect(plain).toMatchObject({ status: null, error: 'refused: the URL must use https' });
      const tls = await sendDelivery({ url: `https://127.0.0.1:${server.port}/`, headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY });
      expect(tls).toMatchObject({ status: null, error: 'refused: 127.0.0.1 is a loopback address' });
      expect(server.hits).toHaveLength(0);
    });

    it('refuses a hostname that resolves to 127.0.0.1', async () => {
      const lookup = scriptedLookup([v4('127.0.0.1')]);
      const result = await sendDelivery({ url: 'https://innocent.example/hook', headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY, lookup });
      expect(result).toMatchObject({ status: null, error: 'refused: 127.0.0.1 is a loopback address (innocent.example resolves to it)' });
      expect(lookup.calls).toEqual(['innocent.example']);
    });

    it.each([
      [[v4('93.184.216.34'), v4('10.0.0.1')], '10.0.0.1 is a private address'],
      [[v4('8.8.8.8'), { address: '::ffff:169.254.169.254', family: 6 as const }], 'link-local'],
      [[{ address: '2606:4700::1111', family: 6 as const }, { address: 'fd00::1', family: 6 as const }], 'fd00::1 is a unique-local address'],
    ])('refuses a name whose answers mix public and private (%j)', async (answer, words) => {
      const lookup = scriptedLookup(answer);
      const result = await sendDelivery({ url: 'https://mixed.example/hook', headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY, lookup });
      expect(result.status).toBeNull();
      expect(result.error).toMatch(/^refused: /);
      expect(result.error).toContain(words);
    });

    it('refuses a non-canonical numeric host even though the URL parser would normalise it', async () => {
      const result = await sendDelivery({ url: 'https://0x7f.1/', headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY });
      expect(result.error).toMatch(/^refused: the URL IP addresses must be written as four decimal octets/);
    });
  });

  it('refuses plain http to a public address unless allowHttp, with an allow-list present', async () => {
    const lookup = scriptedLookup([v4('93.184.216.34')]);
    const result = await sendDelivery({ url: 'http://public.example/hook', headers: {}, body: '{}' }, { policy: LOCAL, lookup, timeoutMs: 500 });
    expect(result.error).toBe('refused: plain http to 93.184.216.34 (public.example resolves to it) is not allowed; use https');
  });

  it('resolves once and connects to the checked address even if DNS would now answer differently (rebinding)', async () => {
    const server = await serve(ok('pinned'));
    const lookup = scriptedLookup([v4('127.0.0.1')], [v4('10.0.0.1')]);
    const result = await sendDelivery({ url: `http://rebind.example:${server.port}/hook`, headers: {}, body: '{}' }, { policy: LOCAL, lookup });
    expect(lookup.calls).toEqual(['rebind.example']);
    expect(result).toMatchObject({ status: 200, responseBody: 'pinned', error: null });
    expect(server.hits).toHaveLength(1);
    expect(server.hits[0]!.remoteAddress).toBe('127.0.0.1');
    // The Host header is still the name the owner registered.
    expect(server.hits[0]!.headers.host).toBe(`rebind.example:${server.port}`);
  });

  it('reports a DNS failure and a DNS timeout as errors', async () => {
    const failing: LookupAll = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
    };
    const failed = await sendDelivery({ url: 'https://nowhere.example/', headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY, lookup: failing });
    expect(failed).toMatchObject({ status: null, error: 'DNS lookup of nowhere.example failed (ENOTFOUND)' });
    const empty = await sendDelivery({ url: 'https://empty.example/', headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY, lookup: scriptedLookup([]) });
    expect(empty.error).toBe('DNS lookup of empty.example returned no addresses');
    const hanging: LookupAll = () => new Promise(() => undefined);
    const slow = await sendDelivery({ url: 'https://slow-dns.example/', headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY, lookup: hanging, timeoutMs: 200 });
    expect(slow).toMatchObject({ status: null, error: 'timed out after 200 ms (resolving slow-dns.example)' });
  });

  it('over https: connects to the pinned address and sends the registered name as SNI', async () => {
    const names: string[] = [];
    const context = tls.createSecureContext({ key: TEST_KEY, cert: TEST_CERT });
    const server = https.createServer(
      {
        key: TEST_KEY,
        cert: TEST_CERT,
        SNICallback: (name, cb) => {
          names.push(name);
          cb(null, context);
        },
      },
      ok(),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const lookup = scriptedLookup([v4('127.0.0.1')], [v4('10.0.0.1')]);
    const result = await sendDelivery({ url: `https://hooks.example:${port}/hook`, headers: {}, body: '{}' }, { policy: LOCAL, lookup });
    // The self-signed certificate is (rightly) not trusted, which proves the handshake reached our server.
    // Node 24 appends a hint (`--use-system-ca`) to the same message.
    expect(result).toMatchObject({ status: null, error: expect.stringMatching(/^TLS error: self-signed certificate/) });
    expect(names).toEqual(['hooks.example']);
    expect(lookup.calls).toEqual(['hooks.example']);
  });

  it('reaches localhost through real DNS with the loopback addresses allow-listed', async () => {
    const server = await serve(ok('hello'));
    const policy: UrlPolicy = { allowPrivateCidrs: ['127.0.0.1/32', '::1/128'], allowHttp: false };
    const result = await sendDelivery({ url: `http://localhost:${server.port}/hook`, headers: {}, body: '{}' }, { policy });
    expect(result).toMatchObject({ status: 200, responseBody: 'hello', error: null });
    expect(server.hits[0]!.headers.host).toBe(`localhost:${server.port}`);
  });

  it('refuses localhost through real DNS with the default policy', async () => {
    const result = await sendDelivery({ url: 'https://localhost/hook', headers: {}, body: '{}' }, { policy: DEFAULT_URL_POLICY });
    expect(result).toMatchObject({ status: null, error: 'refused: localhost names a local or internal host' });
  });

  it('never throws: a header value node refuses becomes an error', async () => {
    const server = await serve(ok());
    const result = await sendDelivery({ url: `http://127.0.0.1:${server.port}/`, headers: { 'x-bad': 'a\r\nb' }, body: '{}' }, { policy: LOCAL });
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/^request failed: /);
    expect(server.hits).toHaveLength(0);
  });
});

/** Self-signed P-256 certificate for CN=hooks.example, valid until 2126: test-only, trusted by nothing. */
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgmynXcA9T+gAF4o2Z
5KHr0yy1j0n83bXKhxFSKMqNfGuhRANCAATne24W4oo2sUlL5AMtlG1+sC0ZqPzB
W5l1qFng90WkAKfDrUUkUkoAhfBd6qvWKxs4sfIzm46UBU9UiScHMLUS
-----END PRIVATE KEY-----
`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBhjCCAS2gAwIBAgIUJY2C6ADGpbBhIQLoSis4gMM2EPgwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNaG9va3MuZXhhbXBsZTAgFw0yNjEyMDIxODE1MjVaGA8yMTI2
MTEwODE4MTUyNVowGDEWMBQGA1UEAwwNaG9va3MuZXhhbXBsZTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABOd7bhbiijaxSUvkAy2UbX6wLRmo/MFbmXWoWeD3RaQA
p8OtRSRSSgCF8F3qq9YrGzix8jObjpQFT1SJJwcwtRKjUzBRMB0GA1UdDgQWBBQN
ec/f9mpE15nDkjZ144mGHtOlFDAfBgNVHSMEGDAWgBQNec/f9mpE15nDkjZ144mG
HtOlFDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIDNqIWZzT71Y
XepeMgDkAAZqop9PuG9VSB1dBJN9FAH3AiBdyb9pM9WcrS1yC0tfJWiJSYPV2x6L
5hMReCuR+FKxbg==
-----END CERTIFICATE-----
`;
