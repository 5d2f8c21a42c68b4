import { createServer, request as httpRequest, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SESSION_OPTIONS } from '../../src/db/index.js';
import { createCompany } from '../../src/modules/companies/companies.service.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import type { Workload } from '../lib/context.js';
import { removeWorkloadCompany } from '../lib/database.js';
import { apiEnv, startApi, type Server } from '../lib/processes.js';
import type { Row } from '../lib/report.js';

/** Deliveries in flight to one endpoint (WEBHOOK_ENDPOINT_CONCURRENCY's default): the floor's concurrency too. */
const ENDPOINT_CONCURRENCY = 4;
const TITLE = /^Bench webhook (\d+)-(\d+)$/;

interface Arrival {
  at: number;
  batch: number;
  body: string;
}

/** The local receiver: answers 200 at once and notes when each delivery arrived (same clock as the sender). */
async function startReceiver(): Promise<{ server: HttpServer; url: string; arrivals: Arrival[]; floorHits: { n: number } }> {
  const arrivals: Arrival[] = [];
  const floorHits = { n: 0 };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      if (req.url === '/floor') {
        floorHits.n++;
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const payload = JSON.parse(body) as { type: string; data: { title?: string } };
        const match = TITLE.exec(payload.data.title ?? '');
        if (payload.type === 'job.created' && match) arrivals.push({ at, batch: Number(match[1]), body });
      } catch {
        // not ours
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, arrivals, floorHits };
}

/** The floor: the same bodies POSTed from node to the same receiver, a new connection each (as deliveries are), at the endpoint's concurrency. */
async function postLoop(url: string, bodies: string[], concurrency: number): Promise<{ rps: number; seconds: number }> {
  let next = 0;
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${url}/floor`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`floor POST answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) await post(bodies[next++]!);
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  return { rps: bodies.length / seconds, seconds };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};

/**
 * W12: webhook deliveries of `job.created` to a local receiver (127.0.0.1, answering 200 at once),
 * from an API process of its own (WEBHOOK_ALLOW_PRIVATE_CIDRS is refused with NODE_ENV=production, so
 * that process runs without it; the shared API runs no webhook workers, see apiEnv).
 * - Throughput: one burst of postings, deliveries per second from the first arrival to the last,
 *   against the same bodies POSTed by a bare node loop to the same receiver at the endpoint's concurrency.
 * - Delay: sequential partner batches of 100 upserts; per delivery, its arrival minus the arrival of
 *   its batch's answer (the commit), p50/p99, against the latency of the same batches written before
 *   any endpoint was subscribed (the bare partner batch write).
 * Everything written is removed afterwards.
 */
export const w12: Workload = {
  id: 'W12',
  title: 'webhook deliveries',
  async run(ctx) {
    // Smoke (CI): small enough to take seconds at a few deliveries per second.
    const batches = ctx.o.smoke ? 3 : 20;
    const batchSize = ctx.o.smoke ? 20 : 100;
    const burst = ctx.o.smoke ? 100 : 1000;
    const { db } = await ctx.capture();
    const receiver = await startReceiver();
    const slug = `bench-wh-${process.pid}-${Date.now()}`;
    const company = await createCompany(db, { slug, name: 'Bench Webhooks Co', category: 'startup' });
    const client = new pg.Client({ connectionString: ctx.db.url, options: SESSION_OPTIONS });
    await client.connect();
    let api: Server | undefined;
    try {
      api = await startApi('api (webhooks)', {
        ...apiEnv({ databaseUrl: ctx.db.url, poolSize: ctx.o.connections }),
        // Not production: WEBHOOK_ALLOW_PRIVATE_CIDRS is refused there (the only difference the API makes: GraphiQL and introspection on).
        NODE_ENV: 'development',
        WEBHOOK_WORKER: 'true',
        WEBHOOK_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
        WEBHOOK_ENDPOINT_CONCURRENCY: String(ENDPOINT_CONCURRENCY),
      });
      const { secret } = await createKey(db, { name: 'bench webhooks', tier: 'partner', company: slug, scopes: ['jobs:read', 'jobs:write'] });
      const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
      let serial = 0;
      const batchBody = (batch: number, n: number) =>
        JSON.stringify({
          items: Array.from({ length: n }, (_, i) => ({
            op: 'upsert',
            external_id: `bench-wh-${serial++}`,
            job: {
              title: `Bench webhook ${batch}-${i}`,
              description: '<p>Benchmark posting.</p>',
              role: 'llm_engineer',
              seniority: 'senior',
              workplace: 'remote',
              location: { country: 'US' },
            },
          })),
        });
      const writeBatch = async (body: string): Promise<number> => {
        const res = await fetch(`${api!.url}/v1/partner/jobs/batch`, { method: 'POST', headers, body });
        const answer = (await res.json()) as { summary?: { created?: number } };
        if (res.status !== 200 || !answer.summary?.created) throw new Error(`batch answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
        return performance.now();
      };
      // However slow deliveries are, they must keep coming: 60 s without one is a failure.
      const waitFor = async (count: number, what: string) => {
        let seen = receiver.arrivals.length;
        let progressAt = Date.now();
        while (receiver.arrivals.length < count) {
          if (receiver.arrivals.length !== seen) [seen, progressAt] = [receiver.arrivals.length, Date.now()];
          const ended = api!.exited();
          if (ended || Date.now() - progressAt > 60_000) {
            throw new Error(`${what}: ${seen} of ${count} deliveries arrived, ${ended ? `then the API process ended (${ended})` : 'none for 60 s'}\n${api!.stderr().slice(-6000)}`);
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      };

      // The bare partner batch write: the same batches, before anything is subscribed.
      const bareMs: number[] = [];
      for (let b = 0; b < batches; b++) {
        const body = batchBody(-1, batchSize);
        const t = performance.now();
        bareMs.push((await writeBatch(body)) - t);
      }

      const created = await fetch(`${api.url}/v1/webhooks`, { method: 'POST', headers, body: JSON.stringify({ url: `${receiver.url}/hook`, events: ['job.created'] }) });
      if (created.status !== 201) throw new Error(`POST /v1/webhooks answered ${created.status}: ${(await created.text()).slice(0, 300)}`);
      const endpoint = (await created.json()) as { id: string };

      // Delay: batches one after another, each delivery timed from its batch's commit (the answer's arrival).
      const committedAt: number[] = [];
      const writeMs: number[] = [];
      for (let b = 0; b < batches; b++) {
        const body = batchBody(b, batchSize);
        const t = performance.now();
        committedAt[b] = await writeBatch(body);
        writeMs.push(committedAt[b]! - t);
      }
      await waitFor(batches * batchSize, 'delay phase');
      const delays = receiver.arrivals.map((a) => a.at - committedAt[a.batch]!);

      // Throughput: one burst (batches of up to 1,000 sent back to back), deliveries/s from the first arrival to the last.
      const bodies = receiver.arrivals.map((a) => a.body);
      receiver.arrivals.length = 0;
      for (let left = burst, b = 0; left > 0; left -= 1000, b++) await writeBatch(batchBody(batches + b, Math.min(1000, left)));
      await waitFor(burst, 'throughput phase');
      const times = receiver.arrivals.map((a) => a.at);
      const deliverySeconds = (Math.max(...times) - Math.min(...times)) / 1000;
      const deliveryRps = (burst - 1) / deliverySeconds;
      bodies.push(...receiver.arrivals.map((a) => a.body));
      const floor = await postLoop(receiver.url, bodies.slice(0, burst), ENDPOINT_CONCURRENCY);
      if (receiver.floorHits.n !== burst) throw new Error(`the floor loop reached the receiver ${receiver.floorHits.n} times, expected ${burst}`);

      const res = await fetch(`${api.url}/v1/webhooks/${endpoint.id}`, { method: 'DELETE', headers: { authorization: headers.authorization } });
      if (res.status !== 204) throw new Error(`DELETE /v1/webhooks/{id} answered ${res.status}`);

      ctx.details.W12 = {
        batches,
        batchSize,
        burst,
        endpointConcurrency: ENDPOINT_CONCURRENCY,
        bareBatchMs: bareMs,
        subscribedBatchMs: writeMs,
        delayMs: { p50: quantile(delays, 0.5), p90: quantile(delays, 0.9), p99: quantile(delays, 0.99), max: Math.max(...delays) },
        deliverySeconds,
        floorSeconds: floor.seconds,
      };
      const delayP50 = quantile(delays, 0.5);
      const delayP99 = quantile(delays, 0.99);
      const bareP50 = quantile(bareMs, 0.5);
      const bareP99 = quantile(bareMs, 0.99);
      const rows: Row[] = [
        {
          id: 'W12',
          workload: `webhook deliveries to a local receiver (${burst} job.created, ${ENDPOINT_CONCURRENCY} in flight)`,
          rps: deliveryRps,
          limit: `bare node POST loop, same bodies and receiver, ${ENDPOINT_CONCURRENCY} at once`,
          limitRps: floor.rps,
          ratio: deliveryRps / floor.rps,
          ratioOf: 'deliveries/s ÷ POST/s',
          target: 'reported',
          note: `deliveries/s from the first arrival to the last (ratio ${(deliveryRps / floor.rps).toPrecision(2)}); each delivery leases an endpoint slot, signs, connects anew (no keep-alive, as the floor) and records the attempt in a transaction`,
        },
        {
          id: 'W12',
          workload: `commit → delivery delay, ${batches} partner batches of ${batchSize} upserts`,
          p50: delayP50,
          p99: delayP99,
          limit: 'the same batch writes, nothing subscribed (commit latency)',
          limitP50: bareP50,
          limitP99: bareP99,
          ratio: delayP50 / bareP50,
          ratioOf: 'delay p50 ÷ batch write p50',
          target: 'reported',
          note: `delay = arrival at the receiver − arrival of the batch's answer, over ${delays.length} deliveries (p99 ${delayP99.toFixed(0)} ms, ÷ batch write p99: ${(delayP99 / bareP99).toFixed(2)}); batches sent one after another; the batch writes with the endpoint subscribed: p50 ${quantile(writeMs, 0.5).toFixed(0)} ms`,
        },
      ];
      return rows;
    } finally {
      await api?.stop();
      await new Promise((r) => receiver.server.close(r));
      // Put the shared data set back as it was.
      await removeWorkloadCompany(ctx, client, company.id, 'W12', [
        'delete from webhook_endpoints where company_id = $1',
        'delete from saved_search_matches where job_id in (select id from jobs where company_id = $1)',
      ]);
      await client.end();
    }
  },
};
