import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Company } from '../modules/companies/companies.schemas.js';
import { Job } from '../modules/jobs/jobs.schemas.js';
import { JobPostingLd } from '../modules/jobs/jsonld/to-job-posting.js';
import { ApiKey, NewApiKey } from '../modules/keys/keys.schemas.js';

/**
 * Resource schemas shared by several modules, registered once at the root: routes refer to them by
 * `$id`, and the OpenAPI document names its components after them (in this order, after `Problem`).
 */
export default fp(
  async function sharedSchemas(app: FastifyInstance) {
    app.addSchema(Job);
    app.addSchema(JobPostingLd);
    app.addSchema(Company);
    app.addSchema(ApiKey);
    app.addSchema(NewApiKey);
  },
  { name: 'shared-schemas', dependencies: ['problems'] },
);
