/**
 * Partner batch throughput on PostgreSQL: 1,000-item upsert batches through the API (in-process,
 * validation, sanitising, one transaction per batch) next to a raw COPY of the same rows into a
 * table shaped like `jobs` (same indexes), measured in the same run on the same database.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/partner-batch.ts [--batches 10]
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/index.js';
import { createCompany } from '../src/modules/companies/companies.service.js';
import { demoCompanies, demoJobs } from '../src/modules/demo/generator.js';
import { createKey } from '../src/modules/keys/keys.service.js';

const { values } = parseArgs({ options: { batches: { type: 'string', default: '10' } } });
const batches = Number(values.batches);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required (a PostgreSQL database; tables are created in it)');
  process.exit(2);
}

const database = await connect({ databaseUrl: url, poolSize: 4 });
await database.migrate();
const slug = `bench-${Date.now()}`;
const company = await createCompany(database.db, { slug, name: 'Bench Co', category: 'startup' }).catch(() => null);
if (!company) throw new Error('could not create the bench company');
const { secret } = await createKey(database.db, { name: 'bench', tier: 'internal', company: slug, scopes: ['jobs:write'] });
const app = await buildApp(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', RATE_LIMIT_INTERNAL: '100000000' }), { database, logger: false });
await app.ready();

const generated = [...demoJobs(demoCompanies(1), { jobs: batches * 1000, seed: 77, until: new Date('2026-11-01T00:00:00Z') })];
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

let apiMs = 0;
for (let b = 0; b < batches; b++) {
  const payload = { items: items.slice(b * 1000, (b + 1) * 1000) };
  const t = performance.now();
  const res = await app.inject({ method: 'POST', url: '/v1/partner/jobs/batch', headers: { authorization: `Bearer ${secret}` }, payload });
  apiMs += performance.now() - t;
  const summary = res.json().summary;
  if (res.statusCode !== 200 || summary.created !== 1000) throw new Error(`batch ${b}: ${res.statusCode} ${JSON.stringify(summary)}`);
}

// The same rows, already normalised, through COPY into a table with the jobs table's shape and indexes.
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query('drop table if exists bench_copy');
await client.query('create table bench_copy (like jobs including all)');
await client.query('alter table bench_copy alter column search drop not null');
const esc = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
const lines = generated.map((j, i) =>
  [crypto.randomUUID(), company.id, `copy-${i}`, j.title, j.role, j.seniority, j.domain, `{${j.skills.join(',')}}`, j.description, j.employmentType, j.workplace, j.city, j.region, j.country, j.salaryMin, j.salaryMax, j.salaryCurrency, j.salaryPeriod, j.postedAt.toISOString(), 'open']
    .map(esc)
    .join('\t') + '\n',
);
let copyMs = 0;
for (let b = 0; b < batches; b++) {
  const t = performance.now();
  await pipeline(
    Readable.from(lines.slice(b * 1000, (b + 1) * 1000)),
    client.query(copyFrom('copy bench_copy (id, company_id, external_id, title, role, seniority, domain, skills, description, employment_type, workplace, city, region, country, salary_min, salary_max, salary_currency, salary_period, posted_at, status) from stdin')),
  );
  copyMs += performance.now() - t;
}
await client.query('drop table bench_copy');
await client.end();

const rows = batches * 1000;
const apiRate = rows / (apiMs / 1000);
const copyRate = rows / (copyMs / 1000);
console.log(`partner batch (1,000 items/request): ${Math.round(apiRate).toLocaleString('en-US')} rows/s`);
console.log(`raw COPY of the same rows:           ${Math.round(copyRate).toLocaleString('en-US')} rows/s`);
console.log(`ratio (batch / COPY):                ${(apiRate / copyRate).toFixed(2)}`);
await app.close();
await database.close();
