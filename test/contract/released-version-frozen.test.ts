/**
 * A released version's contract is frozen: while package.json still carries a version that
 * `npm run contract:release` recorded, the OpenAPI document the app builds and the GraphQL schema the
 * server loads are byte-identical to that version's baseline in openapi/released/. Restructuring the
 * code (issue #16) therefore proves it changed nothing a client sees; any change to the contract,
 * even an additive one, moves the version first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentGraphqlSdl, packageVersion, releasedFolder } from '../../scripts/contract-diff.js';
import { renderOpenApi } from '../../src/openapi-document.js';

const version = packageVersion();
const baseline = (suffix: string): string => join(releasedFolder, `${version}.${suffix}`);
const released = existsSync(baseline('openapi.json'));

describe.runIf(released)(`contract of released version ${version}`, () => {
  it('the OpenAPI document built from the routes is byte-identical to the released one', async () => {
    expect(await renderOpenApi()).toBe(readFileSync(baseline('openapi.json'), 'utf8'));
  });

  it('the GraphQL schema the server loads prints byte-identical to the released one', () => {
    expect(currentGraphqlSdl()).toBe(readFileSync(baseline('schema.graphql'), 'utf8'));
  });
});

