import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, renderSchemaTypes, SCHEMA_FILE } from '../../clients/typescript/scripts/schema.js';
import { projectRoot } from '../../src/lib/paths.js';

describe('SDK types', () => {
  it(`${SCHEMA_FILE} is what openapi-typescript makes of ${OPENAPI_FILE} (run \`npm run openapi\`)`, async () => {
    const openapi = await readFile(join(projectRoot, OPENAPI_FILE), 'utf8');
    const committed = await readFile(join(projectRoot, SCHEMA_FILE), 'utf8');
    expect(committed === (await renderSchemaTypes(openapi)), `${SCHEMA_FILE} is stale: run \`npm run openapi\``).toBe(true);
  });
});
