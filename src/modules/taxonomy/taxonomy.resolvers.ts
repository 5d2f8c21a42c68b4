import type { FieldRules } from '../../graphql/access.js';
import type { Resolvers } from '../../graphql/generated.js';
import { camelize } from '../../graphql/rest.js';
import { getTaxonomy } from './taxonomy.service.js';

export const taxonomyResolvers: Resolvers = {
  Query: { taxonomy: async (_root, _args, ctx) => camelize(await getTaxonomy(ctx.app.deps.db)) },
};

export const taxonomyRules: FieldRules = { 'Query.taxonomy': { scope: 'jobs:read', anonymous: true } };
