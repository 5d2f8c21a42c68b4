/* global process, console */
/**
 * The one list of what the image holds besides its production node_modules: everything the server
 * and the CLIs read at run time. The Dockerfile's build stage runs this script after the build and
 * the final stage copies its output; test/app/image.test.ts replays those Dockerfile steps without a
 * Docker engine and starts the server from the result. A file the runtime starts reading is added
 * here, or the image test fails.
 *
 *   node scripts/image-files.mjs <target dir>     (from the project root, after `npm run build`)
 */
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `path` relative to the project root; `only` keeps the files (not folders) it accepts. */
export const IMAGE_FILES = [
  // "type": "module" makes dist/ ESM; the OpenAPI document shows its version.
  { path: 'package.json' },
  // The compiled server and CLIs; the build info only serves the next incremental build.
  { path: 'dist', only: (file) => !file.endsWith('.tsbuildinfo') },
  // Applied by the embedded database at start and by `node dist/src/cli/migrate.js`.
  { path: 'migrations' },
  // The GraphQL SDL, read at start (src/graphql/sdl.ts); the rest of src/ is compiled into dist/.
  { path: 'src/graphql/schema', only: (file) => file.endsWith('.graphql') },
  // `npm run migrate|seed|keys` inside the image (no src/, no tsx there: it runs dist/).
  { path: 'scripts/cli.mjs' },
];

/** Copies IMAGE_FILES from `root` into `target`; returns the files copied, relative to `target`. */
export function copyImageFiles(root, target) {
  mkdirSync(target, { recursive: true });
  const copied = [];
  for (const entry of IMAGE_FILES) {
    const from = join(root, entry.path);
    if (!existsSync(from)) {
      throw new Error(`image file ${entry.path} is missing in ${root}${entry.path === 'dist' ? ' (run `npm run build` first)' : ''}`);
    }
    const to = join(target, entry.path);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, {
      recursive: true,
      filter: (src) => statSync(src).isDirectory() || !entry.only || entry.only(src),
    });
    copied.push(...listFiles(to).map((f) => relative(target, f).split(sep).join('/')));
  }
  if (!copied.some((f) => f.endsWith('.graphql'))) throw new Error('no src/graphql/schema/*.graphql copied: the server would not start');
  return copied.sort();
}

function listFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => listFiles(join(path, name)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    console.error('usage: node scripts/image-files.mjs <target dir>');
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  try {
    const files = copyImageFiles(root, resolve(target));
    console.log(`image files: ${files.length} copied into ${target}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
