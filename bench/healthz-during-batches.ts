/**
 * `/healthz` latency while two maximal partner batches run at once (1,000 postings of ~19 KB of HTML
 * each, ~20 MB per body): how long the event loop is held by parsing, checking and sanitising them.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/healthz-during-batches.ts [--dry-run]
 *
 * With DATABASE_URL it works in a fresh database of its own (dropped at the end); without, on PGlite
 * in memory (whose queries run on the event loop itself, so its figures say little about serving).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/index.js';
import { createKey } from '../src/modules/keys/keys.service.js';
import { seedTestJobs } from '../test/helpers/data.js';
import { partnerPosting } from '../test/helpers/partner.js';

const dryRun = process.argv.includes('--dry-run');
const server = process.env.DATABASE_URL;
const dbName = `hr_healthz_${randomBytes(4).toString('hex')}`;
const url = server ? Object.assign(new URL(server), { pathname: `/${dbName}` }).toString() : undefined;
const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(statement).finally(() => client.end());
};

if (url) await admin(`create database ${dbName}`);
const database = await connect(url ? { databaseUrl: url } : { pgliteDir: 'memory://' });
try {
  await database.migrate();
  await seedTestJobs(database.db, 10, 3);
  const config = loadConfig({ ...(url ? { DATABASE_URL: url } : {}), PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent', RATE_LIMIT_PARTNER: '10000000' });
  const app = await buildApp(config, { database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const key = (await createKey(database.db, { name: 'bench', tier: 'partner', company: 'openai' })).secret;

  const paragraph = `<p>Build <strong>evals</strong> and <a href="https://x.example">agents</a> with <em>care</em>. ${'lorem ipsum dolor sit amet '.repeat(20)}</p>`;
  const description = paragraph.repeat(Math.ceil(19_000 / paragraph.length));
  const body = (prefix: string) =>
    JSON.stringify({ items: Array.from({ length: 1000 }, (_, i) => ({ op: 'upsert', external_id: `${prefix}-${i}`, job: partnerPosting({ description, title: `Posting ${i}` }) })) });
  const bodies = [body('a'), body('b')];

  const latencies: number[] = [];
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const started = performance.now();
      await fetch(`${base}/healthz`);
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  const started = performance.now();
  const statuses = await Promise.all(
    bodies.map(async (b) => {
      const res = await fetch(`${base}/v1/partner/jobs/batch${dryRun ? '?dry_run=true' : ''}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: b,
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  const took = performance.now() - started;
  polling = false;
  await poll;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!.toFixed(1);
  console.log(
    JSON.stringify({
      backend: database.backend,
      dryRun,
      bodyMB: Number((bodies[0]!.length / 1e6).toFixed(1)),
      statuses,
      batchesMs: Math.round(took),
      healthz: { n: latencies.length, p50: at(0.5), p99: at(0.99), max: at(1) },
    }),
  );
  await app.close();
} finally {
  await database.close();
  if (url) await admin(`drop database if exists ${dbName} with (force)`);
}
