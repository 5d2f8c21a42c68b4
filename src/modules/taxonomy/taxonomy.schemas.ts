import { Type, type Static } from 'typebox';
import { StringEnum } from '../../lib/schemas.js';
import { ROLE_FAMILIES } from '../../reference/taxonomy.js';

const Terms = (description: string) =>
  Type.Array(Type.Object({ key: Type.String(), label: Type.String() }), { description });

export const Taxonomy = Type.Object({
  roles: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      family: StringEnum(ROLE_FAMILIES, { description: '`ai` roles build AI; `software` and `business` are for comparison.' }),
      description: Type.String(),
    }),
    { description: 'Role families (`role` filter).' },
  ),
  seniorities: Terms('`seniority` values, junior to principal.'),
  domains: Terms('`domain` values.'),
  company_categories: Terms('`company_category` values.'),
  company_sizes: Terms('Company `size` bands.'),
  workplaces: Terms('`workplace` values.'),
  employment_types: Terms('`employment_type` values.'),
  salary_periods: Terms('Salary `period` values.'),
  job_statuses: Terms('Job `status` values.'),
  close_reasons: Terms('`close_reason` values.'),
}, { title: 'Taxonomy', description: 'The vocabularies of every filter, with labels.' });
export type Taxonomy = Static<typeof Taxonomy>;
