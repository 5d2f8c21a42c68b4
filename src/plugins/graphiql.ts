import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const require = createRequire(import.meta.url);
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The files GraphiQL runs on, from the npm packages (production dependencies, pinned), in load order. */
const PACKAGED = [
  { pkg: 'react', file: 'umd/react.production.min.js' },
  { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
  { pkg: 'graphiql', file: 'graphiql.min.js' },
  { pkg: 'graphiql', file: 'graphiql.min.css' },
] as const;

/** Served versioned and immutable: a new package version is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  url: string;
  type: string;
  body: Buffer;
  cacheControl: string;
  /** Compressed once, on first request: 1 MB of script is too costly to compress per request (the route is not rate-limited). */
  encoded: Map<'br' | 'gzip', Promise<Buffer>>;
}

function packagedAsset(pkg: string, file: string): Asset {
  const root = dirname(require.resolve(`${pkg}/package.json`));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  // The source maps are not served (graphiql's comment even names a file it does not ship): an open
  // devtools would only log a 404 for it.
  const text = readFileSync(join(root, file), 'utf8').replace(/\n?\/[/*]# sourceMappingURL=\S+(\s*\*\/)?\s*$/, '\n');
  return {
    url: `/graphiql/assets/${pkg}@${version}/${file.split('/').pop()}`,
    type: file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    body: Buffer.from(text),
    cacheControl: IMMUTABLE,
    encoded: new Map(),
  };
}

function ownAsset(url: string, type: string, text: string): Asset {
  // Small and unversioned: revalidated on every load.
  return { url, type, body: Buffer.from(text), cacheControl: 'no-cache', encoded: new Map() };
}

/**
 * Renders GraphiQL into #graphiql (endpoint and subscriptions from its data attributes), or says
 * what failed when the scripts before it did not load: a blank page tells nobody anything.
 */
const MAIN_JS = `'use strict';
(function () {
  var root = document.getElementById('graphiql');
  var endpoint = new URL(root.dataset.endpoint, location.href);
  if (typeof React === 'undefined' || typeof ReactDOM === 'undefined' || typeof GraphiQL === 'undefined') {
    root.className = 'graphiql-failed';
    root.textContent = 'GraphiQL could not load its scripts from ' + location.origin + '/graphiql/assets/. ' +
      'Reload the page; the API itself answers at ' + endpoint.href + ' meanwhile.';
    return;
  }
  var options = { url: endpoint.href };
  if (root.dataset.subscriptions === 'true') {
    var ws = new URL(endpoint.href);
    ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
    options.subscriptionUrl = ws.href;
  }
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher(options),
      defaultQuery: root.dataset.defaultQuery,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true
    })
  );
})();
`;

const DEFAULT_QUERY = `# Hiring Radar GraphQL: run with Ctrl-Enter.
# A key (optional for public reads) goes in Headers:
#   { "Authorization": "Bearer hr_live_…" }
{
  jobs(first: 5) {
    totalCount
    edges {
      node {
        title
        company { name }
      }
    }
  }
}
`;

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function page(assets: Asset[], main: Asset, endpoint: string, subscriptions: boolean): string {
  const styles = assets.filter((a) => a.type.startsWith('text/css')).map((a) => `  <link rel="stylesheet" href="${a.url}">`);
  const scripts = [...assets.filter((a) => a.type.startsWith('text/javascript')), main].map((a) => `  <script src="${a.url}" defer></script>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>GraphiQL · Hiring Radar API</title>
  <meta name="robots" content="noindex">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
${styles.join('\n')}
${scripts.join('\n')}
  <style>
    body { margin: 0; overflow: hidden; }
    #graphiql { height: 100vh; }
    .graphiql-failed, noscript { display: block; padding: 2rem; font: 16px/1.5 system-ui, sans-serif; }
  </style>
</head>
<body>
  <noscript>GraphiQL needs JavaScript. The API answers GraphQL at ${escapeAttribute(endpoint)} without it.</noscript>
  <div id="graphiql" data-endpoint="${escapeAttribute(endpoint)}" data-subscriptions="${subscriptions}" data-default-query="${escapeAttribute(DEFAULT_QUERY)}">Loading GraphiQL…</div>
</body>
</html>
`;
}

/** The best encoding of ours the client accepts (q > 0). */
function encodingFor(request: FastifyRequest): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    String(request.headers['accept-encoding'] ?? '')
      .split(',')
      .map((part) => part.trim().split(/\s*;\s*/))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q))
      .map(([name]) => name!.toLowerCase()),
  );
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : undefined;
}

async function send(asset: Asset, request: FastifyRequest, reply: FastifyReply) {
  reply.header('content-type', asset.type).header('cache-control', asset.cacheControl).header('vary', 'accept-encoding');
  const encoding = asset.body.length >= 1024 ? encodingFor(request) : undefined;
  if (!encoding) return reply.send(asset.body);
  let body = asset.encoded.get(encoding);
  if (!body) {
    body =
      encoding === 'br'
        ? brotli(asset.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: asset.body.length } })
        : gzipAsync(asset.body, { level: 9 });
    asset.encoded.set(encoding, body);
  }
  return reply.header('content-encoding', encoding).send(await body);
}

/**
 * GraphiQL at /graphiql, served whole from this origin (the npm packages' bundles under
 * /graphiql/assets/): it works offline and behind proxies that block CDNs, and the page keeps the
 * API's CSP, which allows no other origin.
 */
export default fp(
  async function graphiql(app: FastifyInstance, opts: { endpoint: string; subscriptions: boolean }) {
    const assets = PACKAGED.map(({ pkg, file }) => packagedAsset(pkg, file));
    const main = ownAsset('/graphiql/main.js', 'text/javascript; charset=utf-8', MAIN_JS);
    const html = ownAsset('/graphiql', 'text/html; charset=utf-8', page(assets, main, opts.endpoint, opts.subscriptions));
    for (const asset of [html, main, ...assets]) {
      // Compressed here (once), not by @fastify/compress (per request); out of the OpenAPI document.
      app.get(asset.url, { schema: { hide: true }, compress: false }, (request, reply) => send(asset, request, reply));
    }
  },
  { name: 'graphiql' },
);
