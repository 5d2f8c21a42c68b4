import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { SESSION_OPTIONS } from '../../src/db/index.js';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createCompany } from '../../src/modules/companies/companies.service.js';
import { demoCompanies } from '../../tools/seed/companies.js';
import { demoJobs } from '../../tools/seed/jobs.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import type { Workload } from '../lib/context.js';
import { removeWorkloadCompany } from '../lib/database.js';

const BATCH = 1000;

/**
 * W7: partner batches of 1,000 upserts over HTTP (validation, sanitising, one transaction each,
 * sent one after another like a nightly sync) vs COPY of the same rows as the API stored them back
 * into `jobs` (its indexes, constraints and rollup triggers). Everything written is removed afterwards.
 */
export const w7: Workload = {
  id: 'W7',
  title: 'partner batch upserts',
  async run(ctx) {
    const batches = ctx.o.smoke ? 2 : 10;
    const api = await ctx.api();
    const { db } = await ctx.capture();
    const slug = `bench-${process.pid}-${Date.now()}`;
    const company = await createCompany(db, { slug, name: 'Bench Co', category: 'startup' });
    const client = new pg.Client({ connectionString: ctx.db.url, options: SESSION_OPTIONS });
    await client.connect();
    try {
      const { secret } = await createKey(db, { name: 'bench', tier: 'partner', company: slug, scopes: ['jobs:write'] });
      const generated = [...demoJobs(demoCompanies(1), { jobs: batches * BATCH, seed: 77, until: new Date(`${ctx.o.until}T00:00:00Z`) })];
      const items = generated.map((j, i) => ({
        op: 'upsert' as const,
        external_id: `bench-${i}`,
        job: {
          title: j.title,
          description: j.description,
          role: j.role,
          seniority: j.seniority,
          domain: j.domain,
          skills: j.skills,
          employment_type: j.employmentType,
          workplace: j.workplace,
          location: { city: j.city, region: j.region, country: j.country },
          salary: j.salaryMin !== null ? { min: j.salaryMin, max: j.salaryMax, currency: j.salaryCurrency, period: j.salaryPeriod } : null,
          posted_at: j.postedAt.toISOString(),
          apply_url: j.applyUrl,
        },
      }));
      const bodies = Array.from({ length: batches }, (_, b) => JSON.stringify({ items: items.slice(b * BATCH, (b + 1) * BATCH) }));

      // The same batches as dry runs first: validation, sanitising and the lookups, without the writes.
      const dryTimes: number[] = [];
      for (const body of bodies) {
        const t = performance.now();
        const res = await fetch(`${api.url}/v1/partner/jobs/batch?dry_run=true`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body,
        });
        await res.arrayBuffer();
        dryTimes.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`dry-run batch answered ${res.status}`);
      }

      const apiTimes: number[] = [];
      for (const body of bodies) {
        const t = performance.now();
        const res = await fetch(`${api.url}/v1/partner/jobs/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body,
        });
        const answer = (await res.json()) as { summary?: { created?: number } };
        apiTimes.push(performance.now() - t);
        if (res.status !== 200 || answer.summary?.created !== BATCH) throw new Error(`batch answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
      }

      // The limit: the very rows the API stored (search vector, USD salaries and all), taken out and
      // COPYed back into the same 1M-row table, with its indexes, constraints and triggers.
      const exported: Buffer[] = [];
      const out = client.query(copyTo('copy (select * from jobs where company_id = ' + pg.escapeLiteral(company.id) + ' order by external_id) to stdout'));
      for await (const chunk of out) exported.push(chunk as Buffer);
      const lines = Buffer.concat(exported).toString('utf8').split('\n').filter((line) => line.length > 0);
      if (lines.length !== batches * BATCH) throw new Error(`W7 exported ${lines.length} rows, expected ${batches * BATCH}`);
      await client.query('begin');
      await client.query('delete from job_events where company_id = $1', [company.id]);
      await client.query('delete from jobs where company_id = $1', [company.id]);
      await client.query('commit');
      const copyTimes: number[] = [];
      for (let b = 0; b < batches; b++) {
        const t = performance.now();
        await pipeline(
          Readable.from(lines.slice(b * BATCH, (b + 1) * BATCH).map((line) => line + '\n')),
          client.query(copyFrom('copy jobs from stdin')),
        );
        copyTimes.push(performance.now() - t);
      }

      const rate = (times: number[]) => (times.length * BATCH) / (times.reduce((a, b) => a + b, 0) / 1000);
      const sorted = (times: number[]) => [...times].sort((a, b) => a - b);
      const median = (times: number[]) => sorted(times)[Math.floor(times.length / 2)]!;
      const apiRate = rate(apiTimes);
      const copyRate = rate(copyTimes);
      ctx.details.W7 = { batches, batchSize: BATCH, apiBatchMs: apiTimes, dryRunBatchMs: dryTimes, copyBatchMs: copyTimes };
      const ratio = apiRate / copyRate;
      return [
        {
          id: 'W7',
          workload: `partner batch, ${BATCH} upserts per request (${batches} requests)`,
          unit: 'rows/s',
          rps: apiRate,
          p50: median(apiTimes),
          p99: Math.max(...apiTimes),
          limit: 'COPY of the same rows into jobs',
          limitRps: copyRate,
          limitP50: median(copyTimes),
          limitP99: Math.max(...copyTimes),
          ratio,
          ratioOf: 'rows/s ÷ COPY rows/s',
          target: '≥ 0.3',
          met: ratio >= 0.3,
          note: `p50/p99 columns are per batch of 1,000 (p99 = slowest batch), one request at a time; the same batches as dry runs (validation, sanitising, no writes): median ${Math.round(median(dryTimes))} ms`,
        },
      ];
    } finally {
      // Put the shared data set back as it was.
      await removeWorkloadCompany(ctx, client, company.id, 'W7');
      await client.end();
    }
  },
};
