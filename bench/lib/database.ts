/**
 * Bench databases on the PostgreSQL server: a cache database per (jobs, seed, until), loaded once by
 * the project's own migrate and seed commands and marked complete with a database comment, so later
 * runs skip the ~6 minute load of a million postings.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { APPLICATION_NAME } from '../../src/db/index.js';

const MARK = 'hiring-radar bench data:';

export const markerOf = (jobs: number, seed: number, until: string) => `${MARK} jobs=${jobs} seed=${seed} until=${until} complete`;

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function databaseComment(serverUrl: string, name: string): Promise<string | null | undefined> {
  return admin(serverUrl, async (c) => {
    const { rows } = await c.query<{ comment: string | null }>(
      'select shobj_description(oid, $2) as comment from pg_database where datname = $1',
      [name, 'pg_database'],
    );
    return rows.length ? rows[0]!.comment : undefined;
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`drop database if exists ${ident(name)} with (force)`));
}

async function setComment(serverUrl: string, name: string, comment: string | null): Promise<void> {
  await admin(serverUrl, (c) => c.query(`comment on database ${ident(name)} is ${comment === null ? 'null' : literal(comment)}`));
}

/** Marks a database incomplete (its data was changed and could not be put back). */
export const unmark = (serverUrl: string, name: string) => setComment(serverUrl, name, null);

/** Runs a project command (tsx) with DATABASE_URL set, echoing its output (long lines cut: the seeder's errors quote whole batches). */
export function runProject(args: string[], env: Record<string, string | undefined>, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = 0;
    const causes: string[] = [];
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        if (/^\s*(cause: )?error:|^\w*Error/.test(line)) causes.push(line.trim().slice(0, 300));
        if (printed++ < 40) console.log(`  [${label}] ${line.slice(0, 200)}`);
      }
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited with ${code}${causes.length ? `: ${causes.slice(-2).join(' / ')}` : ''}`)),
    );
  });
}

/**
 * Whether a database's applied migrations are those of migrations/ (drizzle records each file's
 * SHA-256): 'behind' needs `migrate`; 'diverged' means a migration it ran has been edited or
 * removed since, so its data can no longer be trusted to match and it is reloaded.
 */
export async function migrationState(url: string): Promise<'current' | 'behind' | 'diverged'> {
  const journal = JSON.parse(readFileSync('migrations/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] };
  const files = journal.entries.map((e) => createHash('sha256').update(readFileSync(`migrations/${e.tag}.sql`, 'utf8')).digest('hex'));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ hash: string }>('select hash from drizzle.__drizzle_migrations order by created_at');
    const applied = rows.map((r) => r.hash);
    if (applied.some((h, i) => files[i] !== h)) return 'diverged';
    return applied.length < files.length ? 'behind' : 'current';
  } catch {
    return 'diverged';
  } finally {
    await client.end();
  }
}

/** Copies `template` when nobody is connected to it (CREATE DATABASE … TEMPLATE needs that), retrying for a while. */
async function cloneDatabase(serverUrl: string, name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(serverUrl, (c) => c.query(`create database ${ident(name)} template ${ident(template)}`));
      return;
    } catch (err) {
      if (!/being accessed by other users/.test((err as Error).message) || attempt >= 120) throw err;
      if (attempt === 0) console.log(`  ${template} is in use; waiting until nobody is connected to copy it`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

export interface PreparedDatabase {
  name: string;
  url: string;
  /** How it was obtained: reused cache, fresh load, copy of a template, or given with --reuse. */
  origin: 'cache' | 'seeded' | 'template' | 'reuse';
  seedSeconds: number | null;
  /** Its applied migrations against migrations/ when the run started. */
  migrations?: 'current' | 'behind' | 'diverged';
}

/**
 * A database holding `jobs` demo postings (seed, until), migrated to the current migrations.
 * `hr_bench_<jobs>_s<seed>` is reused when its comment says it is complete; otherwise it is
 * (re)created and loaded, and only marked complete once the load has finished.
 */
export async function prepareDatabase(
  serverUrl: string,
  o: { jobs: number; seed: number; until: string; fresh?: boolean; reuse?: string | undefined; template?: string | undefined; name?: string },
): Promise<PreparedDatabase> {
  const marker = markerOf(o.jobs, o.seed, o.until);
  if (o.reuse) {
    const comment = await databaseComment(serverUrl, o.reuse);
    if (comment === undefined) throw new Error(`--reuse ${o.reuse}: no such database`);
    const state = await migrationState(databaseUrl(serverUrl, o.reuse));
    if (state !== 'current') console.log(`  warning: ${o.reuse} is ${state} against migrations/ (used as is)`);
    return { name: o.reuse, url: databaseUrl(serverUrl, o.reuse), origin: 'reuse', seedSeconds: null };
  }
  const name = o.name ?? `hr_bench_${o.jobs}_s${o.seed}${o.until === '2026-11-25' ? '' : `_u${o.until.replace(/-/g, '')}`}`;
  const url = databaseUrl(serverUrl, name);
  const comment = await databaseComment(serverUrl, name);
  if (comment === marker && !o.fresh) {
    const state = await migrationState(url);
    if (state !== 'diverged') {
      // Complete: only bring its schema up to date (a new migration lands once, then this is a no-op).
      if (state === 'behind') await runProject(['src/cli/migrate.ts'], { DATABASE_URL: url }, 'migrate');
      return { name, url, origin: 'cache', seedSeconds: null };
    }
    console.log(`  ${name} ran migrations that have changed since; reloading it`);
  }
  if (comment !== undefined) await dropDatabase(serverUrl, name);
  const started = Date.now();
  if (o.template) {
    console.log(`  copying ${o.template} into ${name}`);
    await cloneDatabase(serverUrl, name, o.template);
    const state = await migrationState(url);
    // Asked for explicitly: used even when it ran an earlier version of a migration, and said so.
    if (state === 'diverged') console.log(`  warning: ${o.template} ran migrations that differ from migrations/ (used as is)`);
    if (state === 'behind') await runProject(['src/cli/migrate.ts'], { DATABASE_URL: url }, 'migrate');
  } else {
    console.log(`  loading ${o.jobs.toLocaleString('en-US')} postings into ${name} (seed ${o.seed}, until ${o.until})`);
    await admin(serverUrl, (c) => c.query(`create database ${ident(name)}`));
    await runProject(['src/cli/migrate.ts'], { DATABASE_URL: url }, 'migrate');
    await runProject(['src/cli/seed.ts', '--jobs', String(o.jobs), '--seed', String(o.seed), '--until', o.until], { DATABASE_URL: url }, 'seed');
  }
  // Fresh statistics, so plans do not depend on when autovacuum last passed.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('vacuum analyze');
  await client.end();
  await setComment(serverUrl, name, marker);
  return { name, url, origin: o.template ? 'template' : 'seeded', seedSeconds: (Date.now() - started) / 1000 };
}

/** The server's version, for the report. */
export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

/** Waits until no statement of an API process is running on the server (by the API's application name). */
export async function apiStatementsDone(serverUrl: string, timeoutMs = 120_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where application_name = $1 and state = 'active'",
        [APPLICATION_NAME],
      );
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}

/**
 * Deletes what a workload wrote under its own company (`first`: statements for rows that refer to its
 * postings, then its events, postings, keys and the company), so the shared data set is as it was;
 * if that fails, the cache database is unmarked and reloaded next time.
 */
export async function removeWorkloadCompany(
  ctx: { o: { serverUrl: string }; db: PreparedDatabase; log(message: string): void },
  client: pg.Client,
  companyId: string,
  workload: string,
  first: string[] = [],
): Promise<void> {
  try {
    await client.query('begin');
    for (const statement of [
      ...first,
      'delete from job_events where company_id = $1',
      'delete from jobs where company_id = $1',
      'delete from api_keys where company_id = $1',
      'delete from companies where id = $1',
    ]) {
      await client.query(statement, [companyId]);
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    ctx.log(`${workload} could not remove its rows (${(err as Error).message}); the cache database will be reloaded next time`);
    if (ctx.db.origin !== 'reuse') await unmark(ctx.o.serverUrl, ctx.db.name);
  }
}
