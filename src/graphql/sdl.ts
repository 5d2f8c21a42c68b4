import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../lib/paths.js';

/** Where the SDL lives: `src/graphql/schema/` of a checkout, and of the image (scripts/image-files.mjs copies it). */
export const schemaFolder = join(projectRoot, 'src', 'graphql', 'schema');

/** The SDL: every src/graphql/schema/*.graphql, in name order. */
export function loadSchemaSource(dir: string = schemaFolder): string {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  } catch (err) {
    throw new Error(`GraphQL SDL not found: cannot read ${dir} (${(err as Error).message}); a deployment must ship src/graphql/schema/*.graphql`, { cause: err });
  }
  // An empty schema would surface as a cryptic mercurius error far from the cause.
  if (files.length === 0) throw new Error(`GraphQL SDL not found: no *.graphql file in ${dir}`);
  return files
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}
