/**
 * `npm run contract:release [-- --force]`: writes the released baseline of the current version
 * (package.json's) to openapi/released/<version>.openapi.json and <version>.schema.graphql, which
 * test/contract/breaking-changes.test.ts diffs the current contract against. See scripts/contract-diff.ts.
 */
import { relative } from 'node:path';
import { projectRoot } from '../src/lib/paths.js';
import { formatChanges, releaseBaseline } from './contract-diff.js';

const force = process.argv.slice(2).includes('--force');
try {
  const { written, replacedBreaking } = await releaseBaseline({ force });
  if (replacedBreaking.length) console.warn(`overwrote the baseline despite breaking changes (--force):\n${formatChanges(replacedBreaking)}`);
  for (const file of written) console.log(`wrote ${relative(projectRoot, file)}`);
} catch (err) {
  console.error(`contract:release: ${(err as Error).message}`);
  process.exitCode = 1;
}
