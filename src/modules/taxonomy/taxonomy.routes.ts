import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Taxonomy } from './taxonomy.schemas.js';
import { getTaxonomy } from './taxonomy.service.js';

const taxonomyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/taxonomy',
    {
      schema: {
        tags: ['taxonomy'],
        operationId: 'getTaxonomy',
        summary: 'The vocabularies of every filter, with labels',
        response: { 200: Taxonomy },
      },
    },
    async () => getTaxonomy(app.deps.db),
  );
};

export default taxonomyRoutes;
