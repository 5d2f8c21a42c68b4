/**
 * PostgreSQL faults under partner writes, against the real server over HTTP: a fast restart, a
 * crash-like immediate stop, and the API's sessions killed. A partner must never lose an
 * acknowledged write nor get a duplicate; an outage answers 503 with Retry-After, promptly, and
 * the process lives on and recovers by itself.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerPosting } from '../helpers/partner.js';
import { createKey, runCli, startApi, type ApiProcess } from './api.js';
import { ms, ok, openLoop, percentile, pollReady, send, summary, tally, waitFor, type Outcome, type ReadyProbe } from './load.js';
import { startPostgres, type PostgresServer } from './services.js';

const WRITES_PER_SECOND = 40;
/** Writes before the fault, to have a steady state (and warm connections) to break. */
const BASELINE_MS = 3000;
/** Writes after recovery, to see that it lasts. */
const TAIL_MS = 3000;
const RECOVERY_BOUND_MS = 30_000;
/** No request may wait longer than this for its answer, outage or not. */
const PROMPT_MS = 5000;

let pg: PostgresServer;
let partnerKey: string;
let companyId: string;

beforeAll(async () => {
  pg = await startPostgres();
  // The seed CLI migrates first; it makes the demo companies the partner key is bound to.
  await runCli('seed', ['--jobs', '200'], { DATABASE_URL: pg.url, LOG_LEVEL: 'silent' });
  partnerKey = await createKey(pg.url, ['--name', 'fault-suite ATS', '--company', 'openai']);
  const [company] = await pg.query<{ id: string }>(`select id from companies where slug = 'openai'`);
  companyId = company!.id;
}, 180_000);

afterAll(async () => {
  await pg?.stop();
});

const apiEnv = () => ({
  DATABASE_URL: pg.url,
  SEED_DEMO: 'false',
  RATE_LIMIT_PARTNER: '100000000',
  RATE_LIMIT_ANONYMOUS: '100000000',
});

const externalId = (prefix: string, n: number) => `${prefix}-${String(n).padStart(5, '0')}`;
/** The content each write carries, distinct per posting so a read-back proves it is this write's. */
const bodyOf = (prefix: string, n: number) =>
  partnerPosting({
    title: `Fault ${prefix} ${n}`,
    salary: { min: 100_000 + n, max: 400_000, currency: 'USD', period: 'year' },
    apply_url: `https://openai.example/careers/${externalId(prefix, n)}`,
  });

function put(api: ApiProcess, prefix: string, n: number, timeoutMs = 20_000): Promise<Outcome> {
  return send(
    n,
    `${api.url}/v1/partner/jobs/${externalId(prefix, n)}`,
    { method: 'PUT', headers: { authorization: `Bearer ${partnerKey}`, 'content-type': 'application/json' }, body: JSON.stringify(bodyOf(prefix, n)) },
    timeoutMs,
  );
}

interface FaultRun {
  outcomes: Outcome[];
  probes: ReadyProbe[];
  faultAt: number;
  /** When the fault's command returned (the server is back for restart/start; killed sessions for terminate). */
  faultDoneAt: number;
  /** Marks set by the fault, e.g. the downtime window of an immediate stop. */
  marks: Record<string, number>;
  api: ApiProcess;
  extra: Record<string, unknown>;
}

/**
 * Writes at a steady rate, injects the fault after a baseline, keeps writing until a write sent
 * after the last failure succeeds (or the bound passes, or the API dies), then a tail.
 */
async function writesThrough(
  prefix: string,
  inject: (marks: Record<string, number>, extra: Record<string, unknown>) => Promise<void>,
): Promise<FaultRun> {
  const api = await startApi(apiEnv());
  const load = openLoop(WRITES_PER_SECOND, (n) => put(api, prefix, n));
  const ready = pollReady(api.url, 250);
  const marks: Record<string, number> = {};
  const extra: Record<string, unknown> = {};
  try {
    await sleep(BASELINE_MS);
    const faultAt = Date.now();
    await inject(marks, extra);
    const faultDoneAt = Date.now();
    const recovered = () => {
      const lastFailure = Math.max(0, ...load.outcomes.filter((o) => !ok(o)).map((o) => o.sentAt));
      return load.outcomes.some((o) => ok(o) && o.sentAt > lastFailure && o.sentAt > faultDoneAt);
    };
    await waitFor(recovered, RECOVERY_BOUND_MS, () => !api.alive());
    if (api.alive()) await sleep(TAIL_MS);
    const outcomes = await load.stop();
    const probes = await ready.stop();
    return { outcomes, probes, faultAt, faultDoneAt, marks, api, extra };
  } catch (err) {
    await load.stop();
    await ready.stop();
    await api.stop();
    throw err;
  }
}

interface Verdict {
  figures: Record<string, unknown>;
  acknowledged: number;
  lost: string[];
  duplicates: number;
  duplicateCreatedEvents: number;
  non503Failures: Outcome[];
  missingRetryAfter: number;
  transportErrors: Outcome[];
  slow: Outcome[];
  recoveryMs: number | null;
  alive: boolean;
  retriesFailed: Outcome[];
  finalReady: number | undefined;
}

/**
 * The figures of a run: after recovery, every write that was not acknowledged is retried once
 * (as a partner would), then the table is read directly: every acknowledged posting must be there
 * with its own content, and no external id twice.
 */
async function judge(prefix: string, run: FaultRun): Promise<Verdict> {
  const { outcomes, api, faultAt } = run;
  const failures = outcomes.filter((o) => !ok(o));
  const lastFailure = failures.at(-1);
  const firstOkAfter = lastFailure ? outcomes.find((o) => ok(o) && o.sentAt > lastFailure.sentAt) : outcomes.find((o) => ok(o) && o.sentAt >= faultAt);
  const recoveryMs = firstOkAfter ? Math.max(0, firstOkAfter.doneAt - faultAt) : null;
  const alive = api.alive();

  // A partner retries what was not acknowledged; a write that committed before its answer was
  // lost comes back "unchanged", one that did not is created now. Neither may duplicate.
  const retries: Outcome[] = [];
  if (alive) for (const o of failures) retries.push(await put(api, prefix, o.n, 10_000));
  const retriesFailed = retries.filter((o) => !ok(o));
  const finalReady = alive ? (await fetch(`${api.url}/readyz`).catch(() => undefined))?.status : undefined;

  const acknowledged = [...outcomes.filter(ok), ...retries.filter(ok)];
  const rows = await pg.query<{ external_id: string; title: string; salary_min: string }>(
    `select external_id, title, salary_min::text from jobs where company_id = $1 and external_id like $2 || '-%'`,
    [companyId, prefix],
  );
  const byId = new Map(rows.map((r) => [r.external_id, r]));
  const lost = acknowledged
    .map((o) => o.n)
    .filter((n) => {
      const row = byId.get(externalId(prefix, n));
      return !row || row.title !== `Fault ${prefix} ${n}` || Number(row.salary_min) !== 100_000 + n;
    })
    .map((n) => externalId(prefix, n));
  const [dup] = await pg.query<{ n: string }>(
    `select count(*) as n from (select external_id from jobs where company_id = $1 and external_id like $2 || '-%' group by 1 having count(*) > 1) d`,
    [companyId, prefix],
  );
  const [dupEvents] = await pg.query<{ n: string }>(
    `select count(*) as n from (
       select j.id from jobs j join job_events e on e.job_id = j.id
        where j.company_id = $1 and j.external_id like $2 || '-%' and e.type = 'created' group by j.id having count(*) > 1) d`,
    [companyId, prefix],
  );

  const serverErrors = outcomes.filter((o) => o.status !== undefined && o.status >= 500);
  const latencies = outcomes.filter((o) => o.status !== undefined).map(ms);
  const figures = {
    writes_sent: outcomes.length,
    statuses: tally(outcomes),
    acknowledged: acknowledged.length,
    acknowledged_lost: lost.length,
    duplicates: Number(dup!.n),
    duplicate_created_events: Number(dupEvents!.n),
    answers_5xx: serverErrors.length,
    answers_503: serverErrors.filter((o) => o.status === 503).length,
    answers_500: serverErrors.filter((o) => o.status === 500).length,
    failure_problem_types: [...new Set(failures.map((o) => o.problem ?? o.error))],
    retried_after_recovery: retries.length,
    retries_ok: retries.filter(ok).length,
    retries_found_committed: retries.filter((o) => o.result === 'unchanged').length,
    recovery_ms: recoveryMs,
    outage_window_ms: failures.length ? failures.at(-1)!.doneAt - failures[0]!.sentAt : 0,
    latency_p50_ms: percentile(latencies, 50),
    latency_p95_ms: percentile(latencies, 95),
    latency_max_ms: latencies.length ? Math.max(...latencies) : null,
    readyz_503: run.probes.filter((p) => p.status === 503).length,
    readyz_final: finalReady ?? null,
    process_alive: alive,
    process_exit: alive ? null : await api.exited,
    ...run.extra,
  };
  return {
    figures,
    acknowledged: acknowledged.length,
    lost,
    duplicates: Number(dup!.n),
    duplicateCreatedEvents: Number(dupEvents!.n),
    non503Failures: failures.filter((o) => o.status !== undefined && o.status !== 503),
    missingRetryAfter: serverErrors.filter((o) => o.status === 503 && !o.retryAfter).length,
    transportErrors: failures.filter((o) => o.status === undefined),
    slow: outcomes.filter((o) => ms(o) > PROMPT_MS),
    recoveryMs,
    alive,
    retriesFailed,
    finalReady,
  };
}

/** The assertions every PostgreSQL fault shares. Soft, so one failure does not hide the others. */
function assertSurvived(v: Verdict, evidence: string) {
  const sample = (list: Outcome[]) => JSON.stringify(list.slice(0, 5));
  expect.soft(v.alive, `the API process must survive the fault\n${evidence}`).toBe(true);
  expect.soft(v.acknowledged, 'some writes must have been acknowledged').toBeGreaterThan(0);
  expect.soft(v.lost.length, `acknowledged writes missing or with other content: ${JSON.stringify(v.lost.slice(0, 10))}`).toBe(0);
  expect.soft(v.duplicates, 'external ids present twice for the company').toBe(0);
  expect.soft(v.duplicateCreatedEvents, 'postings with two "created" events').toBe(0);
  expect.soft(v.non503Failures.length, `outage answers other than 503 (e.g. 500): ${sample(v.non503Failures)}\n${evidence}`).toBe(0);
  expect.soft(v.missingRetryAfter, '503 answers without Retry-After').toBe(0);
  expect.soft(v.transportErrors.length, `requests with no HTTP answer (reset, refused, timeout): ${sample(v.transportErrors)}`).toBe(0);
  expect.soft(v.slow.length, `answers slower than ${PROMPT_MS} ms: ${sample(v.slow)}`).toBe(0);
  expect.soft(v.recoveryMs, 'a write must succeed again after the fault').not.toBeNull();
  expect.soft(v.recoveryMs ?? Infinity, 'recovery time').toBeLessThan(RECOVERY_BOUND_MS);
  expect.soft(v.retriesFailed.length, `retries after recovery that failed: ${sample(v.retriesFailed)}`).toBe(0);
  expect.soft(v.finalReady, '/readyz after recovery').toBe(200);
}

const evidenceOf = (run: FaultRun) => `${run.api.tail(40)}\n--- postgres log (tail) ---\n${pg.log().split('\n').slice(-30).join('\n')}`;

describe('PostgreSQL faults under partner writes (~40 PUT/s, keep-alive)', () => {
  it('pg_ctl restart -m fast: no acknowledged write lost, no duplicate, 503 + Retry-After, recovers', async () => {
    const prefix = 'pg-restart';
    const run = await writesThrough(prefix, async (marks) => {
      await pg.restartFast();
      marks.back = Date.now();
    });
    try {
      const v = await judge(prefix, run);
      summary('postgres-restart-fast', { ...v.figures, restart_ms: run.faultDoneAt - run.faultAt });
      assertSurvived(v, evidenceOf(run));
    } finally {
      await run.api.stop();
    }
  });

  it('pg_ctl stop -m immediate, 3 s down, start: prompt 503s and /readyz 503 while down, then recovery', async () => {
    const prefix = 'pg-immediate';
    const run = await writesThrough(prefix, async (marks) => {
      await pg.stopImmediate();
      marks.down = Date.now();
      await sleep(3000);
      marks.startAt = Date.now();
      await pg.start();
      marks.up = Date.now();
    });
    try {
      const v = await judge(prefix, run);
      // While the server was surely down: after stop returned and before start began, with margins so
      // that neither a request the stop caught mid-way nor one served by the restarted server counts.
      const { down, startAt } = run.marks as { down: number; startAt: number };
      const duringDowntime = run.outcomes.filter((o) => o.sentAt >= down + 200 && o.sentAt < startAt - 300);
      const readyDown = run.probes.filter((p) => p.at >= down + 200 && p.at + p.ms < startAt);
      summary('postgres-stop-immediate', {
        ...v.figures,
        downtime_ms: startAt - down,
        writes_during_downtime: duringDowntime.length,
        downtime_statuses: tally(duringDowntime),
        downtime_latency_max_ms: duringDowntime.length ? Math.max(...duringDowntime.map(ms)) : null,
        readyz_during_downtime: readyDown.map((p) => p.status ?? p.error),
        readyz_latency_max_ms: readyDown.length ? Math.max(...readyDown.map((p) => p.ms)) : null,
      });
      assertSurvived(v, evidenceOf(run));
      const sample = (list: unknown[]) => JSON.stringify(list.slice(0, 5));
      const not503 = duringDowntime.filter((o) => o.status !== 503);
      const slowDown = duringDowntime.filter((o) => ms(o) > PROMPT_MS);
      const readyNot503 = readyDown.filter((p) => p.status !== 503);
      const readySlow = readyDown.filter((p) => p.ms > PROMPT_MS);
      expect.soft(duringDowntime.length, 'writes were sent while the database was down').toBeGreaterThan(0);
      expect.soft(not503.length, `writes during the downtime not answered 503: ${sample(not503)}`).toBe(0);
      expect.soft(slowDown.length, `writes during the downtime answered after ${PROMPT_MS} ms: ${sample(slowDown)}`).toBe(0);
      expect.soft(readyDown.length, '/readyz was probed while the database was down').toBeGreaterThan(0);
      expect.soft(readyNot503.length, `/readyz not 503 while the database is down: ${sample(readyNot503)}`).toBe(0);
      expect.soft(readySlow.length, `/readyz slower than ${PROMPT_MS} ms while down: ${sample(readySlow)}`).toBe(0);
    } finally {
      await run.api.stop();
    }
  });

  it("pg_terminate_backend of the API's sessions (3 times, 1 s apart): same guarantees", async () => {
    const prefix = 'pg-terminate';
    const run = await writesThrough(prefix, async (_marks, extra) => {
      const rounds: { application_name: string; count: number }[][] = [];
      for (let i = 0; i < 3; i++) {
        rounds.push(await pg.terminate('hiring-radar'));
        if (i < 2) await sleep(1000);
      }
      extra.terminated = rounds;
    });
    try {
      const v = await judge(prefix, run);
      summary('postgres-terminate-backend', v.figures);
      const terminated = (run.extra.terminated as { application_name: string; count: number }[][]).flat();
      expect.soft(terminated.find((t) => t.application_name === 'hiring-radar')?.count ?? 0, 'API sessions were terminated').toBeGreaterThan(0);
      assertSurvived(v, evidenceOf(run));
    } finally {
      await run.api.stop();
    }
  });
});
