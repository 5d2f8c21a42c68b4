/**
 * Regenerates src/schema.d.ts from the committed OpenAPI document (`npm run openapi` at the project
 * root runs it after writing openapi/openapi.json). `--check`: write nothing, exit 1 when it is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPENAPI_FILE, renderSchemaTypes, SCHEMA_FILE } from './schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const target = join(root, SCHEMA_FILE);
const types = await renderSchemaTypes(await readFile(join(root, OPENAPI_FILE), 'utf8'));
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  console.log(current === types ? `${SCHEMA_FILE} is current` : `${SCHEMA_FILE} is stale: run \`npm run openapi\``);
  process.exitCode = current === types ? 0 : 1;
} else {
  await writeFile(target, types);
  console.log(`wrote ${target}`);
}
