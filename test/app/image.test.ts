/**
 * The Docker image, proven without a Docker engine (none runs on our machines or in CI).
 *
 * The Dockerfile is read, not trusted: its stages are replayed in temporary folders, instruction by
 * instruction. COPY copies what it names (the build context filtered by .dockerignore, or another
 * stage's files), RUN runs (npm ci --omit=dev for real, from the lockfile), and the final stage's
 * ENV, CMD and HEALTHCHECK are what the server is started and probed with, on PGlite and, when
 * DATABASE_URL is set, on a fresh PostgreSQL database migrated by the image's own CLI. An instruction
 * the replay does not know fails the test instead of being skipped, so the Dockerfile cannot drift
 * from what is checked. Two things are not replayed: the build stage's full `npm ci` (this checkout's
 * node_modules, installed from the same lockfile, stands in) and USER (asserted non-root instead).
 *
 * Set IMAGE_TEST=skip to leave it out (about a minute: a type-checked build and a production install);
 * IMAGE_TEST_DOCKERFILE=<path> replays another Dockerfile (to see the check fail on a broken one),
 * IMAGE_TEST_KEEP=1 keeps the replayed stages in the temporary folder it logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EnvSchema } from '../../src/config.js';
import { projectRoot } from '../../src/lib/paths.js';
import { withAdmin, withDatabase } from '../helpers/database.js';

const skip = process.env.IMAGE_TEST === 'skip';
if (skip) console.warn('test/app/image.test.ts skipped: IMAGE_TEST=skip');

// ---------------------------------------------------------------------------------------------
// The Dockerfile, parsed

interface Instruction {
  line: number;
  op: string;
  args: string;
}
interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Instructions per stage: continuation lines joined, comments and the syntax directive dropped. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i]!;
    if (/^\s*(#|$)/.test(logical)) continue;
    while (logical.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      logical = logical.trimEnd().slice(0, -1) + ' ' + lines[++i]!.trim();
    }
    const m = /^\s*(\w+)\s+(.*)$/.exec(logical);
    if (!m) throw new Error(`Dockerfile:${start + 1}: cannot read "${logical}"`);
    const op = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (op === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile:${start + 1}: FROM ${args}`);
      stages.push({ name: from[2] ?? String(stages.length), base: from[1]!, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile:${start + 1}: ${op} before FROM`);
      stage.instructions.push({ line: start + 1, op, args });
    }
  }
  return stages;
}

/** The `KEY=value …` pairs of an ENV instruction (no quoting: the Dockerfile needs none). */
function envPairs(args: string, line: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of args.split(/\s+/)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(pair);
    if (!m) throw new Error(`Dockerfile:${line}: ENV ${args}: only KEY=value pairs are replayed`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

function execForm(args: string, line: number): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`Dockerfile:${line}: exec form expected`);
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// The build context, as .dockerignore filters it

/** Docker's pattern syntax as far as .dockerignore uses it: `*`, `?`, `**`, anchored at the root. */
function ignoreMatcher(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => {
      if (p.startsWith('!')) throw new Error(`.dockerignore: exceptions (${p}) are not replayed by test/app/image.test.ts`);
      const source = p
        .replace(/^\/+|\/+$/g, '')
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) => (part === '**/' || part === '**' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return new RegExp(`^${source}$`);
    });
  // A path is out when it, or a folder above it, matches.
  return (path) => {
    const parts = path.split('/');
    return parts.some((_, i) => patterns.some((re) => re.test(parts.slice(0, i + 1).join('/'))));
  };
}

function copyContext(target: string): void {
  const ignored = ignoreMatcher(readFileSync(join(projectRoot, '.dockerignore'), 'utf8'));
  cpSync(projectRoot, target, {
    recursive: true,
    filter: (src) => {
      const rel = relative(projectRoot, src).split(sep).join('/');
      return rel === '' || !ignored(rel);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The replay

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

interface Image {
  /** The final stage's /app. */
  app: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
  user: string;
  base: string;
  timings: Record<string, number>;
}

const APP = '/app';

/** Replays the stages into `root/<stage>/`; the final one is the image. */
async function replay(stages: Stage[], root: string): Promise<Image> {
  const dirs = new Map<string, string>();
  const done = new Map<string, Promise<void>>();
  const timings: Record<string, number> = {};
  const finalStage = stages.at(-1)!;
  const image: Image = { app: '', env: {}, cmd: [], healthcheck: [], user: 'root', base: finalStage.base, timings };

  const inStage = (dir: string, path: string, line: number) => {
    if (path !== APP && !path.startsWith(`${APP}/`)) throw new Error(`Dockerfile:${line}: only paths under ${APP} are replayed (got ${path})`);
    return join(dir, path);
  };

  async function replayStage(stage: Stage): Promise<void> {
    if (stages.some((s) => s.name === stage.base)) throw new Error(`FROM ${stage.base}: a stage built on another stage is not replayed`);
    const dir = join(root, stage.name);
    mkdirSync(dir, { recursive: true });
    dirs.set(stage.name, dir);
    let workdir = '/';
    const cwd = () => inStage(dir, workdir, 0);
    const started = performance.now();
    for (const { line, op, args } of stage.instructions) {
      switch (op) {
        case 'WORKDIR':
          workdir = args.startsWith('/') ? args : join(workdir, args);
          mkdirSync(inStage(dir, workdir, line), { recursive: true });
          break;
        case 'COPY': {
          const words = args.split(/\s+/);
          let from: string | undefined;
          while (words[0]?.startsWith('--')) {
            const flag = words.shift()!;
            if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
            else if (!flag.startsWith('--chown=')) throw new Error(`Dockerfile:${line}: COPY ${flag} is not replayed`);
          }
          const dest = words.pop()!;
          if (!words.length) throw new Error(`Dockerfile:${line}: COPY needs a source and a destination`);
          const destPath = inStage(dir, dest.startsWith('/') ? dest : join(workdir, dest), line);
          let sourceRoot: string;
          if (from) {
            await done.get(from);
            const fromDir = dirs.get(from);
            if (!fromDir) throw new Error(`Dockerfile:${line}: COPY --from=${from}: no such earlier stage`);
            sourceRoot = fromDir;
          } else {
            sourceRoot = join(root, 'context');
            if (!existsSync(sourceRoot)) copyContext(sourceRoot);
          }
          for (const src of words) {
            const srcPath = from ? inStage(sourceRoot, src, line) : join(sourceRoot, src);
            if (!existsSync(srcPath)) throw new Error(`Dockerfile:${line}: COPY source ${src} does not exist${from ? ` in stage ${from}` : ' in the build context'}`);
            // Docker copies a folder's contents, a file into the folder the destination names.
            const intoFolder = dest.endsWith('/') || dest === '.' || words.length > 1;
            const target = statSync(srcPath).isDirectory() || !intoFolder ? destPath : join(destPath, basename(srcPath));
            mkdirSync(dirname(target), { recursive: true });
            cpSync(srcPath, target, { recursive: true, verbatimSymlinks: true });
          }
          break;
        }
        case 'RUN': {
          if (args.startsWith('[')) throw new Error(`Dockerfile:${line}: RUN in exec form is not replayed`);
          // The dev install of the build stage: this checkout's node_modules, from the same lockfile.
          if (/^npm ci\b/.test(args) && !/--omit=dev/.test(args)) {
            symlinkSync(join(projectRoot, 'node_modules'), join(cwd(), 'node_modules'), 'dir');
            break;
          }
          // The final stage's data folder (its owner is USER's, which a replay cannot be).
          const dataDir = /^mkdir -p (\/app\/\S+) && chown [\w:]+ \1$/.exec(args);
          if (dataDir) {
            mkdirSync(inStage(dir, dataDir[1]!, line), { recursive: true });
            break;
          }
          if (/(^|\s)\//.test(args)) throw new Error(`Dockerfile:${line}: RUN with an absolute path is not replayed: ${args}`);
          const t = performance.now();
          const result = await run('sh', ['-c', args], { cwd: cwd() });
          timings[`${stage.name}: ${args}`] = Math.round(performance.now() - t);
          if (result.code !== 0) throw new Error(`Dockerfile:${line}: RUN ${args} failed (${result.code ?? result.signal}):\n${result.output.slice(-4000)}`);
          break;
        }
        case 'ENV':
          if (stage === finalStage) Object.assign(image.env, envPairs(args, line));
          break;
        case 'USER':
          image.user = args;
          break;
        case 'CMD':
          image.cmd = execForm(args, line);
          break;
        case 'HEALTHCHECK': {
          const m = /^(?:--\S+\s+)*CMD\s+(\[.*\])$/.exec(args);
          if (!m) throw new Error(`Dockerfile:${line}: HEALTHCHECK ${args}: only the exec form is replayed`);
          image.healthcheck = execForm(m[1]!, line);
          break;
        }
        case 'EXPOSE':
        case 'VOLUME':
          break;
        default:
          throw new Error(`Dockerfile:${line}: ${op} is not replayed by test/app/image.test.ts; teach it, or do without`);
      }
    }
    if (stage === finalStage) image.app = inStage(dir, workdir, 0);
    timings[`stage ${stage.name}`] = Math.round(performance.now() - started);
  }

  // Stages run side by side as far as their COPY --from allow (the build and the install overlap).
  for (const stage of stages) done.set(stage.name, replayStage(stage));
  await Promise.all(done.values());
  return image;
}

function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel)).flatMap((name) => {
    const path = rel ? `${rel}/${name}` : name;
    return statSync(join(dir, path)).isDirectory() ? listFiles(dir, path) : [path];
  });
}

// ---------------------------------------------------------------------------------------------
// The server, started the way the image starts it

interface Server {
  base: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
}

/** The image's environment for a process: its ENV over a clean slate (no DATABASE_URL leaking in). */
function imageEnv(image: Image, extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
  const base = Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]));
  return { ...base, ...image.env, ...extra };
}

function node(cmd: string[]): [string, string[]] {
  // The image's `node` is the Node this suite runs on (CI runs it on Node 20 and on the image's Node 24).
  return [cmd[0] === 'node' ? process.execPath : cmd[0]!, cmd.slice(1)];
}

async function startServer(image: Image, env: Record<string, string>): Promise<Server> {
  const [command, args] = node(image.cmd);
  const child = spawn(command, args, { cwd: image.app, env: imageEnv(image, { HOST: '127.0.0.1', PORT: '0', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not listen within 120 s:\n${output.slice(-4000)}`)), 120_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output.slice(-4000)}`));
    });
  });
  return {
    base,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

async function cli(image: Image, script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return run(process.execPath, [`dist/src/cli/${script}.js`, ...args], { cwd: image.app, env: imageEnv(image, env), timeoutMs: 120_000 });
}

/** The requests an image must answer: REST, GraphQL, the docs, the document, the health check. */
async function exercise(image: Image, server: Server, key: string): Promise<void> {
  const auth = { authorization: `Bearer ${key}` };

  const jobs = await fetch(`${server.base}/v1/jobs?limit=1`, { headers: auth });
  expect(jobs.status, await jobs.clone().text()).toBe(200);
  const page = (await jobs.json()) as { data: { id: string }[]; total: number };
  expect(page.data).toHaveLength(1);

  const graphql = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ ok jobs(first: 1) { totalCount edges { node { id title } } } }' }),
  });
  const answer = (await graphql.json()) as { data?: { ok: boolean; jobs: { edges: { node: { id: string } }[] } }; errors?: unknown };
  expect(graphql.status, JSON.stringify(answer)).toBe(200);
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.ok).toBe(true);
  expect(answer.data?.jobs.edges[0]?.node.id).toBe(page.data[0]!.id);

  const docs = await fetch(`${server.base}/docs`);
  expect(docs.status).toBe(200);
  expect(docs.headers.get('content-type')).toMatch(/text\/html/);
  expect(await docs.text()).toMatch(/swagger/i);
  // The page's script and stylesheet come from node_modules (swagger-ui-dist), a production dependency.
  const asset = await fetch(`${server.base}/docs/static/swagger-ui-bundle.js`);
  expect(asset.status).toBe(200);

  const document = await fetch(`${server.base}/openapi.json`);
  expect(document.status).toBe(200);
  expect(((await document.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);

  const [command, args] = node(image.healthcheck);
  const health = await run(command, args, { cwd: image.app, env: imageEnv(image, { PORT: new URL(server.base).port }), timeoutMs: 10_000 });
  expect(health.code, health.output).toBe(0);
}

function createdKey(result: Run): string {
  expect(result.code, result.output).toBe(0);
  const secret = result.output.trim().split('\n').at(-1)!;
  expect(secret).toMatch(/^hr_live_/);
  return secret;
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(skip)('the Docker image (replayed from the Dockerfile)', () => {
  const stages = parseDockerfile(readFileSync(process.env.IMAGE_TEST_DOCKERFILE ?? join(projectRoot, 'Dockerfile'), 'utf8'));
  let root: string;
  let image: Image;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'hr-image-'));
    const started = performance.now();
    image = await replay(stages, root);
    image.timings.total = Math.round(performance.now() - started);
    console.log(`image replay in ${root} (ms):`, image.timings);
  }, 300_000);

  afterAll(() => {
    if (root && !process.env.IMAGE_TEST_KEEP) rmSync(root, { recursive: true, force: true });
  });

  it('is multi-stage, on the current LTS, non-root, with a node CMD and a HEALTHCHECK', () => {
    expect(stages.length).toBeGreaterThan(1);
    expect(stages.map((s) => s.base)).toEqual(stages.map(() => 'node:24-bookworm-slim'));
    expect(image.user).not.toMatch(/^(root|0)(:|$)/);
    expect(image.cmd).toEqual(['node', 'dist/src/main.js']);
    expect(image.healthcheck[0]).toBe('node');
    // The Node the image runs is one `engines` claims (and CI tests).
    const engines = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(/>=24 <25/);
  });

  it('holds the runtime and production dependencies, no sources and no dev tools', () => {
    const files = listFiles(image.app).filter((f) => !f.startsWith('node_modules/'));
    expect(files).toContain('dist/src/main.js');
    for (const cli of ['migrate', 'seed', 'keys']) expect(files).toContain(`dist/src/cli/${cli}.js`);
    expect(files).toContain('package.json');
    const sdl = (f: string): boolean => /^src\/graphql\/schema\/[^/]+\.graphql$/.test(f);
    expect(files.filter(sdl).length).toBeGreaterThan(0);
    expect(files.filter((f) => /^migrations\/\d+_.*\.sql$/.test(f)).length).toBeGreaterThan(0);
    // The SDL is the only file of src/ the server reads at run time; no TypeScript source ships.
    expect(files.filter((f) => (/^(src|tools|test|bench)\//.test(f) && !sdl(f)) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
    for (const dev of ['typescript', 'tsx', 'vitest', 'eslint', 'drizzle-kit']) expect(existsSync(join(image.app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(image.app, 'node_modules', 'fastify'))).toBe(true);
  });

  it('starts on PGlite: CLIs, REST, GraphQL, /docs, health check, clean shutdown', async () => {
    const env = { PGLITE_DIR: join(root, 'pglite'), SEED_JOBS: '200', LOG_LEVEL: 'info' };
    // The embedded database has one owner at a time: the CLIs run before the server.
    const migrated = await cli(image, 'migrate', [], env);
    expect(migrated.code, migrated.output).toBe(0);
    const key = createdKey(await cli(image, 'keys', ['create', '--name', 'image test', '--tier', 'free'], env));
    // `npm run keys` inside the image runs the compiled CLI (there is neither src/ nor tsx).
    const listed = await run('npm', ['run', '--silent', 'keys', '--', 'list'], { cwd: image.app, env: imageEnv(image, env), timeoutMs: 120_000 });
    expect(listed.code, listed.output).toBe(0);
    expect(listed.output).toMatch(/image test/);

    const server = await startServer(image, env);
    try {
      expect(server.output()).toMatch(/demo data seeded/);
      await exercise(image, server, key);
    } finally {
      expect(await server.stop(), server.output().slice(-4000)).toBe(0);
    }
  }, 240_000);

  it.skipIf(!process.env.DATABASE_URL)('starts on PostgreSQL migrated and seeded by its own CLIs', async () => {
    const serverUrl = process.env.DATABASE_URL!;
    const name = `hr_image_${randomBytes(6).toString('hex')}`;
    await withAdmin(serverUrl, (admin) => admin.query(`create database ${name}`));
    const env: Record<string, string> = { DATABASE_URL: withDatabase(serverUrl, name), LOG_LEVEL: 'info' };
    if (process.env.REDIS_URL) Object.assign(env, { REDIS_URL: process.env.REDIS_URL, RATE_LIMIT_REDIS_PREFIX: `hr:image:${name}:` });
    try {
      const migrated = await cli(image, 'migrate', [], env);
      expect(migrated.code, migrated.output).toBe(0);
      expect(migrated.output).toMatch(/migrations applied \(postgres\)/);
      const seeded = await cli(image, 'seed', ['--jobs', '200'], env);
      expect(seeded.code, seeded.output).toBe(0);
      const key = createdKey(await cli(image, 'keys', ['create', '--name', 'image test', '--tier', 'free'], env));

      const server = await startServer(image, env);
      try {
        await exercise(image, server, key);
      } finally {
        expect(await server.stop(), server.output().slice(-4000)).toBe(0);
      }
    } finally {
      await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    }
  }, 240_000);

  it('is what compose.yaml runs: its commands exist in the image, its variables in the config', () => {
    interface Service {
      build?: string;
      image?: string;
      command?: string[];
      environment?: Record<string, string>;
    }
    const compose = parseYaml(readFileSync(join(projectRoot, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
    const ours = Object.entries(compose.services).filter(([, s]) => s.build === '.');
    const apis = ours.filter(([, s]) => !s.command);
    expect(apis.length, 'API instances').toBeGreaterThanOrEqual(2);
    for (const [name, service] of ours) {
      const command = service.command ?? image.cmd;
      expect(command[0], name).toBe('node');
      expect(existsSync(join(image.app, command[1]!)), `${name}: ${command.join(' ')}`).toBe(true);
      for (const variable of Object.keys(service.environment ?? {})) expect(Object.keys(EnvSchema.properties), `${name}: ${variable}`).toContain(variable);
    }
    for (const [name, service] of apis) {
      expect(service.environment?.DATABASE_URL, name).toMatch(/^postgres:/);
      expect(service.environment?.REDIS_URL, name).toMatch(/^redis:/);
    }
    expect(new Set(apis.map(([, s]) => s.environment?.CURSOR_SECRET)).size, 'one CURSOR_SECRET').toBe(1);
  });
});
