import type { Static } from 'typebox';
import type { Company } from '../modules/companies/companies.schemas.js';
import type { CompanyRef, Job } from '../modules/jobs/jobs.schemas.js';
import type { Layoff } from '../modules/layoffs/layoffs.schemas.js';
import type { Camelized } from './rest.js';

/**
 * What the resolvers return for the GraphQL object types that nest others (codegen.ts `mappers`):
 * the REST answers (TypeBox `Static<>` of the route schemas) as camelize() turns them. Fields the
 * GraphQL type adds (`CompanyRef.company`, `Company.jobs` …) have resolvers of their own.
 */
export type JobModel = Camelized<Job>;
export type CompanyRefModel = Camelized<Static<typeof CompanyRef>>;
export type CompanyModel = Camelized<Company>;
export type LayoffModel = Camelized<Layoff>;
