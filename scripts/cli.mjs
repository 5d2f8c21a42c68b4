/* global process, console */
/**
 * `npm run migrate|seed|keys -- …`: the TypeScript source through tsx in a checkout (no build
 * needed, never a stale dist/), the compiled JavaScript where there is no source: the image copies
 * dist/ but neither src/ nor the dev dependencies. There, `node dist/src/cli/<name>.js …` is the same.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIS = ['migrate', 'seed', 'keys'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !CLIS.includes(name)) {
  console.error(`usage: node scripts/cli.mjs <${CLIS.join('|')}> [args...]`);
  process.exit(2);
}

/** The tsx loader of this project, or undefined when the dev dependencies are not installed. */
function tsxLoader() {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
}

const source = join(root, 'src', 'cli', `${name}.ts`);
const compiled = join(root, 'dist', 'src', 'cli', `${name}.js`);
const loader = existsSync(source) ? tsxLoader() : undefined;
let argv;
if (loader) argv = ['--import', loader, source, ...args];
else if (existsSync(compiled)) argv = [compiled, ...args];
else {
  console.error(`cannot run ${name}: neither ${source} with tsx nor ${compiled} (run \`npm run build\`)`);
  process.exit(2);
}

const child = spawn(process.execPath, argv, { stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal already; a SIGTERM sent to this process is passed on.
const onSigint = () => {};
const onSigterm = () => child.kill('SIGTERM');
process.on('SIGINT', onSigint).on('SIGTERM', onSigterm);
child.on('exit', (code, signal) => {
  process.off('SIGINT', onSigint).off('SIGTERM', onSigterm);
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
