import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the example (graphql-codegen's client preset): the API's SDL from the
 * project's src/graphql/schema/*.graphql, the operations from src/*.ts, the output in src/gql/ (committed; a test
 * checks it is current). Run from this folder: `npm run codegen -w @hiring-radar/graphql-example`.
 */
const config: CodegenConfig = {
  schema: '../../src/graphql/schema/*.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  // ESM with NodeNext resolution: imports between the generated files end in .js.
  emitLegacyCommonJSImports: false,
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { ID: 'string' }, avoidOptionals: { field: true, inputValue: false } },
    },
  },
};

export default config;
