/**
 * The README's shell examples, run as written against a freshly started server.
 *
 * Every ```sh / ```bash / ```shell block of README.md runs, in document order (`server-stopped` ones
 * first), with `bash -euo pipefail` from the project root, unless an HTML comment right before it (blank
 * lines allowed) says otherwise:
 *
 *   <!-- readme-test: skip (reason) -->    not run: long-running, needs PostgreSQL or Docker, runs the suite…
 *   <!-- readme-test: server-stopped -->   run before the server starts (the embedded database has one
 *                                           owner at a time: `npm run keys` while the server is stopped)
 *   <!-- readme-test: expect 304 400 -->   these HTTP statuses are expected besides 2xx, and each must occur
 *
 * Conventions the README relies on:
 * - `localhost:3000` in a block is replaced by the test server's address (it listens on a free port).
 * - The environment supplies `KEY` (a partner key with jobs:read,jobs:write for the demo company `openai`)
 *   and `KEY_ID` (the id of a throw-away key, for the revoke example); `PGLITE_DIR` is the test's database.
 * - `curl` is wrapped: an answer that is neither 2xx nor a status the block's `expect` marker names fails
 *   the block, so examples need no `--fail` of their own. The wrapper appends its own `--write-out`
 *   (keeping the example's), so pass `-w`/`--write-out` as a separate argument.
 * - A block's output must not carry `"errors":` (a GraphQL error or a validation problem) unless the
 *   block expects a 4xx.
 *
 * With HR_PRISM=1 (`npm run test:prism`) `localhost:3000` points at Stoplight Prism's validating proxy in
 * front of the server instead (test/helpers/prism.ts), and a block fails on any violation of
 * openapi/openapi.json that its requests showed, listed with method, path and status.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/lib/paths.js';
import { maybePrismProxy, prismEnabled, type PrismProxy } from '../helpers/prism.js';

interface Block {
  line: number;
  code: string;
  mode: 'run' | 'skip' | 'server-stopped';
  expect: number[];
}

/** The shell blocks of a Markdown text with the readme-test markers that precede them. */
function shellBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence)) end++;
    if (['sh', 'bash', 'shell'].includes(open[3]!)) {
      const block: Block = { line: i + 1, code: lines.slice(i + 1, end).join('\n'), mode: 'run', expect: [] };
      for (let m = i - 1; m >= 0 && /^\s*(<!--.*-->)?\s*$/.test(lines[m]!); m--) {
        const marker = /<!--\s*readme-test:\s*(.*?)\s*-->/.exec(lines[m]!);
        if (!marker) continue;
        const [verb, ...rest] = marker[1]!.split(/\s+/);
        if (verb === 'skip') block.mode = 'skip';
        else if (verb === 'server-stopped') block.mode = 'server-stopped';
        else if (verb === 'expect' && rest.length && rest.every((s) => /^[1-5]\d\d$/.test(s))) block.expect.push(...rest.map(Number));
        // A mistyped marker would silently run (or skip) the wrong thing.
        else throw new Error(`README.md:${m + 1}: unknown readme-test marker "${marker[1]}"`);
      }
      blocks.push(block);
    }
    i = end;
  }
  return blocks;
}

// The curl wrapper described above: a status line per transfer goes to stderr, is filtered out of it
// and checked, so the example's own stdout (what a reader sees) is untouched.
const PRELUDE = `
curl() {
  local fmt='' args=() rc=0 err line status code
  while (($#)); do
    case $1 in
      -w|--write-out) fmt=$2; shift 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  err=$(mktemp)
  command curl "\${args[@]}" --write-out "\${fmt}%{stderr}readme-test-status %{http_code} %{method} %{url_effective}\\n" 2>"$err" || rc=$?
  while IFS= read -r line; do
    case $line in
      'readme-test-status '*)
        status=\${line#readme-test-status }
        printf '%s\\n' "$status" >> "$README_TEST_LOG"
        code=\${status%% *}
        if [[ $code != 2?? && " \${README_TEST_EXPECT:-} " != *" $code "* ]]; then
          echo "readme-test: $status: HTTP $code is neither 2xx nor expected by the block" >&2
          ((rc)) || rc=22
        fi ;;
      *) printf '%s\\n' "$line" >&2 ;;
    esac
  done < "$err"
  rm -f "$err"
  return "$rc"
}
export -f curl
`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  statuses: string[];
  /** What Prism found wrong with the block's requests and answers (HR_PRISM=1 only). */
  violations: string[];
}

function sh(script: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A group of its own, so that a hung example is ended with everything it started (npm, node, curl).
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\nreadme-test: killed after ${timeoutMs} ms`;
      process.kill(-child.pid!, 'SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const blocks = shellBlocks(readme);
const dir = mkdtempSync(join(tmpdir(), 'hr-readme-'));
const pgliteDir = join(dir, 'pglite');
let base = '';
/** Where the examples' `localhost:3000` goes: the server, or Prism's proxy in front of it (HR_PRISM=1). */
let exampleBase = '';
let proxy: PrismProxy | undefined;
let server: ChildProcess | undefined;
let serverLog = '';
const supplied: Record<string, string> = {};

/** The environment every block and process of this test runs with: embedded database, no PostgreSQL. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: pgliteDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_ENV;
  return env;
}

let runs = 0;
async function runBlock(code: string, expected: number[]): Promise<Run> {
  const log = join(dir, `statuses-${++runs}.log`);
  const seen = proxy?.violations().length ?? 0;
  const script = `${PRELUDE}\n: > "$README_TEST_LOG"\n${code.replaceAll('localhost:3000', exampleBase.replace(/^http:\/\//, ''))}`;
  const result = await sh(script, { ...baseEnv(), ...supplied, README_TEST_LOG: log, README_TEST_EXPECT: expected.join(' ') }, 50_000);
  let statuses: string[] = [];
  try {
    statuses = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    // The block failed before its first request.
  }
  return { ...result, statuses, violations: proxy?.violations().slice(seen) ?? [] };
}

function report(block: Block, run: Run): string {
  const prism = run.violations.length ? ['--- Prism violations of openapi/openapi.json', ...run.violations] : [];
  return [`README.md:${block.line} exited ${run.code}`, '--- stderr', run.stderr, '--- stdout', run.stdout.slice(-4000), '--- HTTP', ...run.statuses, ...prism].join('\n');
}

function check(block: Block, run: Run): void {
  expect(run.code, report(block, run)).toBe(0);
  for (const status of block.expect) {
    expect(run.statuses.some((s) => s.startsWith(`${status} `)), `README.md:${block.line} expects an HTTP ${status}\n${report(block, run)}`).toBe(true);
  }
  if (!block.expect.some((s) => s >= 400)) expect(run.stdout, `README.md:${block.line} printed errors\n${report(block, run)}`).not.toMatch(/"errors"\s*:/);
  expect(run.violations, `README.md:${block.line}: the API broke its OpenAPI document (Prism)\n${report(block, run)}`).toEqual([]);
}

function title(block: Block): string {
  const first = block.code.split('\n').find((l) => l.trim()) ?? '';
  return `README.md:${block.line} ${first.trim().slice(0, 70)}`;
}

/** Seeds the demo data and creates the keys the examples are given, in one process (PGlite has one owner). */
async function prepareDatabase(): Promise<void> {
  const script = `
    import { connect } from './src/db/index.js';
    import { seedDemo } from './tools/seed/seed.js';
    import { DEMO_SEED, defaultUntil } from './tools/seed/defaults.js';
    import { createKey } from './src/modules/keys/keys.service.js';
    const database = await connect({ pgliteDir: process.env.PGLITE_DIR });
    await database.migrate();
    await seedDemo(database.db, { jobs: 300, seed: DEMO_SEED, until: defaultUntil() });
    const partner = await createKey(database.db, { name: 'README partner', tier: 'partner', company: 'openai', scopes: ['jobs:read', 'jobs:write'] });
    const spare = await createKey(database.db, { name: 'README spare', tier: 'free' });
    await database.close();
    console.log(JSON.stringify({ KEY: partner.secret, KEY_ID: spare.key.id }));
  `;
  const child = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  if (child.code !== 0) throw new Error(`preparing the database failed: ${child.stderr}`);
  Object.assign(supplied, JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, string>);
}

async function startServer(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...baseEnv(), PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'true', SEED_JOBS: '300', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  child.stderr.on('data', (d) => (serverLog += d));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${serverLog}`)), 60_000);
    // Keep reading stdout for the whole run: a full pipe would block the server's (synchronous) log writes.
    child.stdout.on('data', (chunk: Buffer) => {
      serverLog = (serverLog + chunk.toString()).slice(-20_000);
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(serverLog);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited ${code}:\n${serverLog}`)));
  });
}

describe('README examples', () => {
  beforeAll(prepareDatabase, 60_000);

  afterAll(async () => {
    await proxy?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('has shell examples, every one run or skipped on purpose, and the tools they use', async () => {
    const tools = await sh('command -v curl jq', baseEnv());
    expect(tools.code, 'the README examples need curl and jq on PATH').toBe(0);
    expect(blocks.filter((b) => b.mode === 'run').length).toBeGreaterThan(3);
    expect(blocks.filter((b) => b.mode === 'server-stopped').length).toBeGreaterThan(0);
  });

  for (const block of blocks.filter((b) => b.mode === 'server-stopped')) {
    it(`(server stopped) ${title(block)}`, async () => check(block, await runBlock(block.code, block.expect)), 60_000);
  }

  it('the server starts on the prepared database', async () => {
    base = await startServer();
    proxy = await maybePrismProxy(base);
    exampleBase = proxy.url;
    expect(proxy.enabled).toBe(prismEnabled);
  }, 120_000);

  for (const block of blocks.filter((b) => b.mode === 'run')) {
    it(title(block), async () => {
      expect(base, 'the server did not start').not.toBe('');
      check(block, await runBlock(block.code, block.expect));
    }, 60_000);
  }

  it('fails an example that breaks: a wrong path, a missing file, an unexpected status, a GraphQL error, errors in the output', async () => {
    const broken: [string, number[]][] = [
      [`curl -s 'http://localhost:3000/v1/jbos' | jq .`, []],
      [`curl -s -X PUT http://localhost:3000/v1/partner/jobs/REQ-9 -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d @examples/nope.json`, []],
      [`curl -s 'http://localhost:3000/v1/jobs?limit=0' -o /dev/null -w '%{http_code}\\n'`, [304]],
      [`curl -s localhost:3000/graphql -H 'Content-Type: application/json' -d '{"query": "{ jobs(first: 1) { nope } }"}' | jq .`, []],
      // GraphQL answers 200 when some data came back: the errors beside it still fail the block.
      [`echo '{"data": {"jobs": null}, "errors": [{"message": "boom"}]}' | jq .`, []],
    ];
    for (const [code, expected] of broken) {
      const block: Block = { line: 0, code, mode: 'run', expect: expected };
      const run = await runBlock(code, expected);
      expect(() => check(block, run), code).toThrow();
    }
  }, 60_000);

  it('fails an example whose answer breaks the OpenAPI document (as Prism reports it)', () => {
    const block: Block = { line: 0, code: '', mode: 'run', expect: [] };
    const run: Run = { code: 0, stdout: '{}', stderr: '', statuses: ['200 GET http://x/v1/jobs'], violations: ['GET /v1/jobs → 200: response.body.total must be integer [Error]'] };
    expect(() => check(block, run)).toThrow(/broke its OpenAPI document[\s\S]*response\.body\.total/);
  });
});

describe('the anonymous tier', () => {
  it('is generous in embedded mode, where the README is tried, and keeps its limit on PostgreSQL and in production', () => {
    expect(loadConfig({}).rateLimit.perTier.anonymous).toBe(10_000);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).rateLimit.perTier.anonymous).toBe(60);
    expect(loadConfig({ NODE_ENV: 'production' }).rateLimit.perTier.anonymous).toBe(60);
    expect(loadConfig({ RATE_LIMIT_ANONYMOUS: '5' }).rateLimit.perTier.anonymous).toBe(5);
  });
});
