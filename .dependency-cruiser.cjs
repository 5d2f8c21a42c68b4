/**
 * The layers of src/, lowest first. A file imports only from its own layer or a lower one:
 *   1. reference  src/reference   vocabularies and reference data: imports nothing of ours
 *   2. core       src/lib         errors catalogue, ids, days, cursors, SQL helpers: no web framework
 *   3. db         src/db          tables, connection, migrate, reference-data sync
 *   4. modules    src/modules     services, their queries and schemas: no HTTP, no GraphQL glue
 *   5. edge       *.routes.ts, *.resolvers.ts, src/plugins, src/http, src/graphql: HTTP and GraphQL
 *   6. app        src/app.ts, src/main.ts, src/cli, tools/seed: wiring and tools
 * ARCHITECTURE.md explains each layer; every rule below is an error in `npm test`.
 */
const EDGE = ['^src/(plugins|http|graphql)/', '\\.routes\\.ts$', '\\.resolvers\\.ts$'];
const APP = ['^src/(app|main|openapi-document)\\.ts$', '^src/cli/', '^tools/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'no-orphans',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/main\\.ts$', '^src/app\\.ts$', '^src/cli/', '^src/graphql/generated\\.ts$', '^src/openapi-document\\.ts$'] },
      to: {},
    },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
    {
      name: 'reference-is-data',
      comment: 'Reference data imports nothing of the project.',
      severity: 'error',
      from: { path: '^src/reference/' },
      to: { path: '^(src|tools)/', pathNot: '^src/reference/' },
    },
    {
      name: 'lib-is-core',
      comment: 'src/lib imports no web framework and nothing from the layers above it.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: ['^node_modules/(fastify|mercurius|@fastify)', '^src/(modules|plugins|graphql|http|db)/', ...APP] },
    },
    {
      name: 'db-below-modules',
      comment: 'src/db imports only core and reference data.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: ['^src/(modules|plugins|graphql|http)/', ...APP] },
    },
    {
      name: 'modules-below-edge',
      comment: 'Services and their helpers import no web framework, no plugins, routes, resolvers or GraphQL code.',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: EDGE },
      to: { path: ['^node_modules/(fastify|mercurius|@fastify)', ...EDGE, ...APP] },
    },
    {
      name: 'edge-below-app',
      comment: 'Routes, resolvers and plugins do not import the app wiring or the tools.',
      severity: 'error',
      from: { path: EDGE },
      to: { path: APP },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
