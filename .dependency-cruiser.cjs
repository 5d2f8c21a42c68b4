/**
 * Layers of src/, lowest first; a file imports only from its own layer or a lower one:
 *   1. core lib   src/lib      pure helpers: no fastify/mercurius, nothing from the layers above
 *   2. db         src/db       connection, migrations, reference data: no modules/plugins/graphql
 *   3. services   *.service.ts business logic over the db: no plugins, no routes/resolvers
 *   4. routes / resolvers / plugins / graphql   HTTP and GraphQL glue over the services
 *   5. app        src/app.ts, src/main.ts, src/cli    wires everything together
 * Rules marked `warn` are the target the tree does not meet yet (issue #16).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'no-orphans',
      severity: 'warn',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/main\\.ts$', '^src/app\\.ts$', '^src/cli/', '^src/graphql/generated\\.ts$', '^src/openapi-document\\.ts$'] },
      to: {},
    },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
    {
      name: 'lib-is-core',
      comment: 'src/lib imports no web framework and nothing from the layers above it.',
      severity: 'error',
      // http.ts and route-hooks.ts are Fastify helpers that sit in lib for now: see lib-fastify-helpers.
      from: { path: '^src/lib/', pathNot: '^src/lib/(http|route-hooks)\\.ts$' },
      to: { path: ['^node_modules/(fastify|mercurius)', '^src/(modules|plugins|graphql|db)/'] },
    },
    {
      name: 'lib-fastify-helpers',
      comment: 'Target: the Fastify helpers of src/lib (http.ts, route-hooks.ts) move up to the plugins layer.',
      severity: 'warn',
      from: { path: '^src/lib/(http|route-hooks)\\.ts$' },
      to: { path: '^node_modules/(fastify|mercurius)' },
    },
    {
      name: 'usage-reads-replies',
      comment: 'Target: usage.service.ts imports plugins/auth.ts; it should take plain values from its route.',
      severity: 'warn',
      from: { path: '^src/modules/usage/usage\\.service\\.ts$' },
      to: { path: ['^src/plugins/', '\\.routes\\.ts$', '\\.resolvers\\.ts$'] },
    },
    {
      name: 'db-below-modules',
      comment: 'Target: src/db imports nothing from modules/plugins/graphql.',
      severity: 'warn',
      from: { path: '^src/db/' },
      to: { path: '^src/(modules|plugins|graphql)/' },
    },
    {
      name: 'services-below-glue',
      comment: 'Services import no plugins, routes or resolvers.',
      severity: 'error',
      from: { path: '\\.service\\.ts$', pathNot: '^src/modules/usage/usage\\.service\\.ts$' },
      to: { path: ['^src/plugins/', '\\.routes\\.ts$', '\\.resolvers\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
