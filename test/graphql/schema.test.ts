import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import * as taxonomy from '../../src/reference/taxonomy.js';
import { projectRoot } from '../../src/lib/paths.js';
import { TOTAL_RELATIONS } from '../../src/lib/schemas.js';
import { COMPANY_SORTS } from '../../src/modules/companies/companies.schemas.js';
import { FACET_FIELDS, JOB_SORTS } from '../../src/modules/jobs/jobs.schemas.js';
import { LAYOFF_SORTS, TREND_GROUPS, TREND_INTERVALS } from '../../src/modules/layoffs/layoffs.schemas.js';
import { GROUP_DIMENSIONS, PREMIUM_STATISTICS } from '../../src/modules/salaries/salaries.schemas.js';
import { EMERGING_DIMENSIONS, POSTING_GROUPS, POSTING_INTERVALS, POSTING_METRICS, TREND_LABELS } from '../../src/modules/trends/trends.schemas.js';
import { FIELD_RULES, loadSchemaSource } from '../../src/plugins/graphql.js';

const schema = buildSchema(loadSchemaSource());

describe('GraphQL schema', () => {
  it('the committed src/graphql/generated.ts is what codegen makes of src/graphql/schema/*.graphql (run `npm run codegen`)', async () => {
    const [output] = await generate({ ...config, cwd: projectRoot, silent: true }, false);
    const committed = await readFile(join(projectRoot, 'src', 'graphql', 'generated.ts'), 'utf8');
    expect(output!.content).toBe(committed);
  }, 60_000);

  // Enum values are the REST strings as they are: one vocabulary, checked here so it cannot drift.
  it.each([
    ['Role', taxonomy.ROLE_KEYS],
    ['RoleFamily', taxonomy.ROLE_FAMILIES],
    ['Seniority', taxonomy.SENIORITY_KEYS],
    ['Domain', taxonomy.DOMAIN_KEYS],
    ['CompanyCategory', taxonomy.COMPANY_CATEGORY_KEYS],
    ['Workplace', taxonomy.WORKPLACE_KEYS],
    ['EmploymentType', taxonomy.EMPLOYMENT_TYPE_KEYS],
    ['SalaryPeriod', taxonomy.SALARY_PERIOD_KEYS],
    ['JobStatus', taxonomy.JOB_STATUS_KEYS],
    ['JobStatusFilter', ['open', 'closed', 'all']],
    ['CloseReason', taxonomy.CLOSE_REASON_KEYS],
    ['KeyTier', taxonomy.KEY_TIERS],
    ['Tier', taxonomy.TIERS],
    ['TrendLabel', TREND_LABELS],
    ['JobSort', JOB_SORTS],
    ['JobFacetField', FACET_FIELDS],
    ['CompanySort', COMPANY_SORTS],
    ['SalaryGroupDimension', GROUP_DIMENSIONS],
    ['PremiumStatistic', PREMIUM_STATISTICS],
    ['PostingMetric', POSTING_METRICS],
    ['PostingInterval', POSTING_INTERVALS],
    ['PostingGroup', POSTING_GROUPS],
    ['EmergingDimension', EMERGING_DIMENSIONS],
    ['LayoffSort', LAYOFF_SORTS],
    ['LayoffInterval', TREND_INTERVALS],
    ['LayoffGroup', TREND_GROUPS],
    ['TotalRelation', TOTAL_RELATIONS],
    ['SavedSearchMatchEventType', taxonomy.JOB_EVENT_TYPES],
    ['WebhookDeliveryState', ['pending', 'delivered', 'failed']],
  ] as const)('enum %s has exactly the REST values', (name, values) => {
    const type = schema.getType(name);
    expect(isEnumType(type), `${name} is an enum`).toBe(true);
    if (!isEnumType(type)) return;
    expect(type.getValues().map((v) => v.name)).toEqual([...values]);
  });

  it('every enum of the SDL is checked above', () => {
    const checked = new Set(['Role', 'RoleFamily', 'Seniority', 'Domain', 'CompanyCategory', 'Workplace', 'EmploymentType', 'SalaryPeriod', 'JobStatus', 'JobStatusFilter', 'CloseReason', 'KeyTier', 'Tier', 'TrendLabel', 'JobSort', 'JobFacetField', 'CompanySort', 'SalaryGroupDimension', 'PremiumStatistic', 'PostingMetric', 'PostingInterval', 'PostingGroup', 'EmergingDimension', 'LayoffSort', 'LayoffInterval', 'LayoffGroup', 'TotalRelation', 'WriteResult', 'BatchOp', 'SavedSearchMatchEventType', 'WebhookDeliveryState', 'WebhookEvent', 'WebhookDeliveryEventType']);
    const enums = Object.values(schema.getTypeMap()).filter((t) => isEnumType(t) && !t.name.startsWith('__')).map((t) => t.name);
    expect(enums.filter((e) => !checked.has(e))).toEqual([]);
  });

  it('every root field has an access rule', () => {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : []));
    expect(roots.filter((f) => !FIELD_RULES[f])).toEqual([]);
  });
});
