/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement a request makes the API send, captured as the bench
 * captures them (the app built in this process over the database, each pg query recorded).
 *
 *   DATABASE_URL=postgres://…/hr_bench_1000000_s2026 npx tsx bench/explain.ts '/v1/jobs?q=engineer' …
 *
 * A path starting with `graphql:` is sent as a GraphQL query (the rest is the document).
 */
import pg from 'pg';
import { SESSION_OPTIONS } from '../src/db/index.js';
import { captureApp } from './lib/capture.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL names the database to explain against');
const requests = process.argv.slice(2);
if (!requests.length) throw new Error('name at least one request path');

const app = await captureApp(url);
const client = new pg.Client({ connectionString: url, options: SESSION_OPTIONS });
await client.connect();
try {
  for (const request of requests) {
    const graphql = request.startsWith('graphql:');
    const { status, statements } = graphql
      ? await app.capture('/graphql', { query: request.slice('graphql:'.length) })
      : await app.capture(request);
    console.log(`\n### ${request} (${status}, ${statements.length} statements)`);
    for (const { config, values } of statements) {
      const text = config.text;
      if (/^\s*(begin|commit|rollback|set |show )/i.test(text)) continue;
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, values ?? config.values);
      console.log(`\n${text.replace(/\s+/g, ' ').slice(0, 600)}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
} finally {
  await client.end();
  await app.close();
}
