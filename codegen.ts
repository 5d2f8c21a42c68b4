import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types from the SDL in src/graphql/schema/*.graphql; `npm run codegen` writes them, a test checks they are current. */
const config: CodegenConfig = {
  schema: 'src/graphql/schema/*.graphql',
  generates: {
    'src/graphql/generated.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: './context.js#GraphQLContext',
        // Resolvers may return partial objects: the fields they leave out have resolvers of their own.
        defaultMapper: 'Partial<{T}>',
        // The types whose REST shape (camelized) differs from the GraphQL one: src/graphql/models.ts.
        mappers: {
          Job: './models.js#JobModel',
          CompanyRef: './models.js#CompanyRefModel',
          Company: './models.js#CompanyModel',
          Layoff: './models.js#LayoffModel',
        },
        scalars: { ID: 'string' },
        maybeValue: 'T | null | undefined',
      },
    },
  },
};

export default config;
