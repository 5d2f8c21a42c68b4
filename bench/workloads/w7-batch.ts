import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createCompany } from '../../src/modules/companies/companies.service.js';
import { demoCompanies, demoJobs } from '../../src/modules/demo/generator.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import type { Workload } from '../lib/context.js';
import { unmark } from '../lib/database.js';

const BATCH = 1000;

/**
 * W7: partner batches of 1,000 upserts over HTTP (validation, sanitising, one transaction each,
 * sent one after another like a nightly sync) vs COPY of the same rows, already normalised, into a
 * table with the jobs table's shape and indexes. Everything written is removed afterwards.
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
    const client = new pg.Client({ connectionString: ctx.db.url });
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

      await client.query('drop table if exists bench_copy');
      await client.query('create table bench_copy (like jobs including all)');
      await client.query('alter table bench_copy alter column search drop not null');
      const esc = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
      const lines = generated.map(
        (j, i) =>
          [crypto.randomUUID(), company.id, `copy-${i}`, j.title, j.role, j.seniority, j.domain, `{${j.skills.join(',')}}`, j.description, j.employmentType, j.workplace, j.city, j.region, j.country, j.salaryMin, j.salaryMax, j.salaryCurrency, j.salaryPeriod, j.postedAt.toISOString(), 'open']
            .map(esc)
            .join('\t') + '\n',
      );
      const copyTimes: number[] = [];
      for (let b = 0; b < batches; b++) {
        const t = performance.now();
        await pipeline(
          Readable.from(lines.slice(b * BATCH, (b + 1) * BATCH)),
          client.query(
            copyFrom(
              'copy bench_copy (id, company_id, external_id, title, role, seniority, domain, skills, description, employment_type, workplace, city, region, country, salary_min, salary_max, salary_currency, salary_period, posted_at, status) from stdin',
            ),
          ),
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
          limit: 'COPY of the same rows (same indexes)',
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
      // Put the shared data set back as it was; if that fails, the cache must not be trusted again.
      try {
        await client.query('drop table if exists bench_copy');
        await client.query('begin');
        await client.query('delete from job_events where company_id = $1', [company.id]);
        await client.query('delete from jobs where company_id = $1', [company.id]);
        await client.query('delete from api_keys where company_id = $1', [company.id]);
        await client.query('delete from companies where id = $1', [company.id]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        ctx.log(`W7 could not remove its rows (${(err as Error).message}); the cache database will be reloaded next time`);
        if (ctx.db.origin !== 'reuse') await unmark(ctx.o.serverUrl, ctx.db.name);
      }
      await client.end();
    }
  },
};
