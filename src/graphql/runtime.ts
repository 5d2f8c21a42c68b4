import { createRequire } from 'node:module';

/**
 * graphql-js as mercurius loads it (CommonJS). Bundling test runners may resolve `import 'graphql'`
 * to its ESM build, a second copy whose classes fail graphql's realm checks (`instanceof`): every
 * value taken from graphql here comes from the copy the schema was built with.
 */
export const graphqlRuntime = createRequire(import.meta.url)('graphql') as typeof import('graphql');
