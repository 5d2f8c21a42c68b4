/**
 * Breaking-change check of the public contracts (GitHub issue #15).
 *
 * The current OpenAPI document (openapi/openapi.json, whose info.version is package.json's version) and
 * GraphQL schema (src/graphql/schema/*.graphql) are diffed against the newest released baseline in openapi/released/
 * (written by `npm run contract:release`):
 * - same version as the baseline: any breaking change fails, listed with path, what and why;
 * - a later version: breaking changes pass when the bump allows them under semver (a major bump, or a
 *   minor one on 0.x), listed as a notice; the next `npm run contract:release` makes the new version the
 *   baseline. A patch bump does not allow them, and a version older than the newest baseline fails.
 *
 * The rest proves the check bites, on small fixture documents: removed response field, narrowed request
 * type, added required parameter, removed GraphQL field are breaking; added optional fields are not, and
 * moving an inline schema into a `$ref` component of the same shape is no change at all.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  allowsBreakingChanges,
  compareVersions,
  compareWithLatestRelease,
  currentGraphqlSdl,
  dereference,
  formatChanges,
  graphqlChanges,
  openApiChanges,
  openApiFile,
  packageVersion,
  releaseBaseline,
  releasedBaselines,
  type ContractChange,
} from '../../scripts/contract-diff.js';

const breaking = (changes: ContractChange[]): ContractChange[] => changes.filter((c) => c.level === 'breaking');

describe('the current contract against the newest released baseline', () => {
  it('openapi/openapi.json carries the package version', () => {
    const doc = JSON.parse(readFileSync(openApiFile, 'utf8')) as { info: { version: string } };
    expect(doc.info.version, 'run `npm run openapi` after changing package.json\'s version').toBe(packageVersion());
  });

  it('has a baseline (OpenAPI and GraphQL) for every released version', () => {
    const baselines = releasedBaselines();
    expect(baselines.length, 'no baseline in openapi/released/: run `npm run contract:release`').toBeGreaterThan(0);
    for (const b of baselines) expect(() => readFileSync(b.graphqlFile), `${b.version}: the GraphQL baseline is missing`).not.toThrow();
  });

  it('has no breaking change unless the version moved (REST and GraphQL)', async () => {
    const report = await compareWithLatestRelease();
    const baseline = report.baseline;
    if (!baseline) throw new Error('no released baseline in openapi/released/: run `npm run contract:release`');
    const changes = [...report.openApi.map((c) => ({ ...c, path: `REST ${c.path}` })), ...report.graphql.map((c) => ({ ...c, path: `GraphQL ${c.path}` }))];
    const broken = breaking(changes);
    const dangerous = changes.filter((c) => c.level === 'dangerous');
    if (dangerous.length) console.warn(`contract: changes that may affect clients since ${baseline.version}:\n${formatChanges(dangerous)}`);
    const order = compareVersions(report.current, baseline.version);
    expect(order, `package.json's version ${report.current} is older than the newest baseline ${baseline.version}`).toBeGreaterThanOrEqual(0);
    if (order === 0) {
      if (broken.length) {
        throw new Error(
          `${broken.length} breaking change(s) against the released contract ${baseline.version}:\n${formatChanges(broken)}\n\n` +
            'Keep the contract compatible (add instead of change; deprecate instead of remove), or bump the version in package.json ' +
            '(a major bump, a minor one on 0.x), run `npm run openapi`, and `npm run contract:release` when it ships. ' +
            `If ${baseline.version} was never published, \`npm run contract:release -- --force\` replaces its baseline.`,
        );
      }
      return;
    }
    if (broken.length && !allowsBreakingChanges(baseline.version, report.current)) {
      throw new Error(
        `${baseline.version} → ${report.current} does not allow breaking changes (a major bump does, or a minor one on 0.x):\n${formatChanges(broken)}`,
      );
    }
    console.info(
      `contract: version ${report.current} is past the newest baseline ${baseline.version}` +
        (broken.length ? `; its ${broken.length} breaking change(s) are allowed by the bump:\n${formatChanges(broken)}` : '') +
        `\nRun \`npm run contract:release\` when ${report.current} is released, to make it the baseline.`,
    );
  }, 120_000);
});

describe('versions', () => {
  it('orders semantic versions and says which bumps allow breaking changes', () => {
    expect(compareVersions('0.1.0', '0.1.0')).toBe(0);
    expect(compareVersions('0.10.0', '0.9.3')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
    expect(allowsBreakingChanges('0.1.0', '0.2.0')).toBe(true);
    expect(allowsBreakingChanges('0.1.0', '0.1.1')).toBe(false);
    expect(allowsBreakingChanges('1.4.2', '1.5.0')).toBe(false);
    expect(allowsBreakingChanges('1.4.2', '2.0.0')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------- OpenAPI

function fixture() {
  const problem = {
    type: 'object',
    required: ['type', 'title', 'status'],
    properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' } },
  };
  const company = {
    type: 'object',
    required: ['id', 'name', 'size'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      size: { enum: ['small', 'medium', 'large'] },
      website: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] },
    },
  };
  const problemResponse = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'fixture', version: '1.0.0' },
    paths: {
      '/v1/companies': {
        get: {
          operationId: 'listCompanies',
          parameters: [
            { in: 'query', name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { in: 'query', name: 'size', required: false, schema: { enum: ['small', 'medium', 'large'] } },
          ],
          responses: {
            '200': {
              description: 'Companies',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['data', 'next_cursor'],
                    properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Company' } }, next_cursor: { type: ['string', 'null'] } },
                  },
                },
              },
            },
            '400': problemResponse,
          },
        },
      },
      '/v1/companies/{slug}': {
        get: {
          operationId: 'getCompany',
          parameters: [{ in: 'path', name: 'slug', required: true, schema: { type: 'string', maxLength: 100 } }],
          responses: {
            '200': { description: 'A company', content: { 'application/json': { schema: { $ref: '#/components/schemas/Company' } } } },
            '404': problemResponse,
          },
        },
      },
      '/v1/partner/jobs': {
        post: {
          operationId: 'createJob',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['title'],
                  additionalProperties: false,
                  properties: { title: { type: 'string', maxLength: 200 }, workplace: { enum: ['onsite', 'hybrid', 'remote'] } },
                },
              },
            },
          },
          responses: { '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } },
        },
      },
    },
    components: { schemas: { Company: company, Problem: problem } },
  };
}
type Fixture = ReturnType<typeof fixture>;

function changed(mutate: (doc: Fixture) => void): ContractChange[] {
  const after = fixture();
  mutate(after);
  return openApiChanges(fixture(), after);
}

describe('the OpenAPI diff', () => {
  it('finds nothing between a document and itself', () => {
    expect(openApiChanges(fixture(), fixture())).toEqual([]);
  });

  it('reports a field removed from a response as breaking, at every route that returns it', () => {
    const changes = breaking(
      changed((d) => {
        delete (d.components.schemas.Company.properties as Partial<Fixture['components']['schemas']['Company']['properties']>).website;
      }),
    );
    expect(changes.map((c) => c.path)).toEqual(
      expect.arrayContaining([
        'GET /v1/companies: responses.200.content.application/json.schema.properties.data.items.properties.website',
        'GET /v1/companies/{slug}: responses.200.content.application/json.schema.properties.website',
      ]),
    );
    expect(changes[0]!.what).toMatch(/Removed.*website/);
    expect(changes[0]!.why).toMatch(/response no longer promises/);
    const required = breaking(
      changed((d) => {
        delete (d.components.schemas.Company.properties as Partial<Fixture['components']['schemas']['Company']['properties']>).name;
        d.components.schemas.Company.required = ['id', 'size'];
      }),
    );
    expect(required.map((c) => c.path)).toContain('GET /v1/companies/{slug}: responses.200.content.application/json.schema.properties.name');
  });

  it('reports a narrowed type as breaking: a request limit, a query enum, a response type', () => {
    const maxLength = changed((d) => {
      d.paths['/v1/partner/jobs'].post.requestBody.content['application/json'].schema.properties.title.maxLength = 100;
    });
    expect(breaking(maxLength).map((c) => c.path)).toEqual(['POST /v1/partner/jobs: requestBody.content.application/json.schema.properties.title.maxLength']);
    const maximum = changed((d) => {
      d.paths['/v1/companies'].get.parameters[0]!.schema.maximum = 50;
    });
    expect(breaking(maximum)).toHaveLength(1);
    const enumValue = changed((d) => {
      d.paths['/v1/companies'].get.parameters[1]!.schema.enum = ['small', 'medium'];
    });
    expect(breaking(enumValue)).toHaveLength(1);
    const responseType = changed((d) => {
      (d.components.schemas.Company.properties.id as { type: string }).type = 'integer';
    });
    expect(breaking(responseType).length).toBeGreaterThanOrEqual(2);
  });

  it('reports a widened response (a new enum value, a field made nullable) as breaking, a widened request as not', () => {
    expect(breaking(changed((d) => d.components.schemas.Company.properties.size.enum.push('huge'))).length).toBeGreaterThan(0);
    expect(breaking(changed((d) => ((d.components.schemas.Company.properties.name as { type: unknown }).type = ['string', 'null'])))).not.toEqual([]);
    const widerRequest = changed((d) => {
      d.paths['/v1/partner/jobs'].post.requestBody.content['application/json'].schema.properties.title.maxLength = 500;
    });
    expect(widerRequest).not.toEqual([]);
    expect(breaking(widerRequest)).toEqual([]);
  });

  it('judges enums and types by the values they allow: a response narrowed to an enum is fine, a request is not', () => {
    const responseEnum = changed((d) => {
      (d.components.schemas.Company.properties.id as Record<string, unknown>).enum = ['a', 'b'];
    });
    expect(responseEnum.length).toBeGreaterThan(0);
    expect(breaking(responseEnum), formatChanges(responseEnum)).toEqual([]);
    const requestEnum = changed((d) => {
      (d.paths['/v1/partner/jobs'].post.requestBody.content['application/json'].schema.properties.title as Record<string, unknown>).enum = ['a', 'b'];
    });
    expect(breaking(requestEnum).length).toBeGreaterThan(0);
    const reordered = changed((d) => d.components.schemas.Company.properties.size.enum.reverse());
    expect(reordered).toEqual([]);
    const closed = changed((d) => {
      (d.components.schemas.Company as Record<string, unknown>).additionalProperties = true;
      d.paths['/v1/partner/jobs'].post.requestBody.content['application/json'].schema.additionalProperties = true;
    });
    expect(closed.length).toBeGreaterThan(0);
    expect(breaking(closed), formatChanges(closed)).toEqual([]);
  });

  it('reports a new required parameter or required body field as breaking, an optional one as not', () => {
    const required = changed((d) => {
      d.paths['/v1/companies'].get.parameters.push({ in: 'query', name: 'region', required: true, schema: { type: 'string' } } as never);
    });
    expect(breaking(required).map((c) => c.path)).toEqual(['GET /v1/companies: parameters.2']);
    expect(breaking(required)[0]!.why).toMatch(/must now send/);
    const optional = changed((d) => {
      d.paths['/v1/companies'].get.parameters.push({ in: 'query', name: 'region', required: false, schema: { type: 'string' } } as never);
    });
    expect(optional).toHaveLength(1);
    expect(breaking(optional)).toEqual([]);
    const requiredField = changed((d) => {
      d.paths['/v1/partner/jobs'].post.requestBody.content['application/json'].schema.required.push('workplace');
    });
    expect(breaking(requiredField)).toHaveLength(1);
  });

  it('reports an added optional response field as non-breaking', () => {
    const changes = changed((d) => {
      (d.components.schemas.Company.properties as Record<string, unknown>).founded = { type: 'integer' };
    });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.level === 'non-breaking'), formatChanges(changes)).toBe(true);
  });

  it('reports a removed route as breaking, a new one as not', () => {
    expect(breaking(changed((d) => delete (d.paths as Partial<Fixture['paths']>)['/v1/partner/jobs'])).map((c) => c.path)).toEqual(['POST /v1/partner/jobs']);
    const added = changed((d) => ((d.paths as Record<string, unknown>)['/v1/sectors'] = { get: { responses: { '200': { description: 'ok' } } } }));
    expect(added).toHaveLength(1);
    expect(breaking(added)).toEqual([]);
  });

  it('sees no change when an inline schema becomes a $ref component of the same shape, or a component goes unused', () => {
    const before = fixture();
    const after = fixture();
    // Inline → component: the request body's schema moves to components.schemas.NewJob.
    const body = after.paths['/v1/partner/jobs'].post.requestBody.content['application/json'];
    (after.components.schemas as Record<string, unknown>).NewJob = body.schema;
    (body as { schema: unknown }).schema = { $ref: '#/components/schemas/NewJob' };
    // Component → inline, and an enum pulled out as a named component with a description beside the $ref.
    const slug = after.paths['/v1/companies/{slug}'].get.responses['200'].content['application/json'];
    (slug as { schema: unknown }).schema = structuredClone(before.components.schemas.Company);
    (after.components.schemas as Record<string, unknown>).CompanySize = { enum: ['small', 'medium', 'large'] };
    (after.components.schemas.Company.properties as Record<string, unknown>).size = { $ref: '#/components/schemas/CompanySize' };
    (after.components.schemas as Record<string, unknown>).Unused = { type: 'string' };
    expect(openApiChanges(before, after)).toEqual([]);
  });

  it('sees no change in the real document when every $ref of it is inlined', () => {
    const doc = JSON.parse(readFileSync(openApiFile, 'utf8')) as Record<string, unknown>;
    const inlined = dereference(doc as never) as Record<string, unknown>;
    inlined.components = { securitySchemes: (doc.components as { securitySchemes: unknown }).securitySchemes };
    expect(JSON.stringify(inlined)).not.toContain('"$ref"');
    expect(openApiChanges(doc, inlined)).toEqual([]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------- GraphQL

const SDL = /* GraphQL */ `
  enum Workplace { ONSITE HYBRID REMOTE }
  type Company { id: ID! name: String! website: String }
  type Job { id: ID! title: String! workplace: Workplace! company: Company! }
  type Query {
    job(id: ID!): Job
    jobs(first: Int = 20, workplace: [Workplace!]): [Job!]!
  }
`;

async function gqlChanged(edit: (sdl: string) => string): Promise<ContractChange[]> {
  const after = edit(SDL);
  expect(after, 'the edit changed nothing').not.toBe(SDL);
  return graphqlChanges(SDL, after);
}

describe('the GraphQL diff', () => {
  it('reports a removed field as breaking, with path, what and why', async () => {
    const changes = breaking(await gqlChanged((s) => s.replace('website: String', '')));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ path: 'Company.website', level: 'breaking' });
    expect(changes[0]!.what).toMatch(/website.*removed/i);
    expect(changes[0]!.why).not.toBe('');
  });

  it('reports a changed field type, a field made nullable and a new required argument as breaking', async () => {
    expect(breaking(await gqlChanged((s) => s.replace('title: String!', 'title: Int!'))).map((c) => c.path)).toEqual(['Job.title']);
    expect(breaking(await gqlChanged((s) => s.replace('title: String!', 'title: String'))).map((c) => c.path)).toEqual(['Job.title']);
    expect(breaking(await gqlChanged((s) => s.replace('jobs(first: Int = 20,', 'jobs(first: Int = 20, country: String!,'))).map((c) => c.path)).toEqual([
      'Query.jobs.country',
    ]);
    expect(breaking(await gqlChanged((s) => s.replace('ONSITE HYBRID REMOTE', 'ONSITE REMOTE')))).toHaveLength(1);
  });

  it('reports an added optional field as non-breaking, an added optional argument as dangerous at most', async () => {
    const field = await gqlChanged((s) => s.replace('website: String', 'website: String\n founded: Int'));
    expect(field.map((c) => [c.path, c.level])).toEqual([['Company.founded', 'non-breaking']]);
    const argument = await gqlChanged((s) => s.replace('jobs(first: Int = 20,', 'jobs(first: Int = 20, country: String,'));
    expect(argument).toHaveLength(1);
    expect(breaking(argument)).toEqual([]);
  });

  it('prints the served SDL as one schema that diffs clean against itself', async () => {
    const sdl = currentGraphqlSdl();
    expect(sdl).toMatch(/type Query \{/);
    expect(await graphqlChanges(sdl, sdl)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- release

describe('npm run contract:release', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hr-contract-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the baseline of the current version, and will not replace it with a breaking one unless forced', async () => {
    const version = packageVersion();
    const first = await releaseBaseline({ dir });
    expect(first.written.map((f) => f.slice(dir.length + 1))).toEqual([`${version}.openapi.json`, `${version}.schema.graphql`]);
    expect(readFileSync(first.written[0]!, 'utf8')).toBe(readFileSync(openApiFile, 'utf8').replace(/\n?$/, '\n'));
    expect(readFileSync(first.written[1]!, 'utf8')).toBe(currentGraphqlSdl());

    // The released schema had a field the current one lacks: replacing it would hide a break.
    const sdlFile = first.written[1]!;
    writeFileSync(sdlFile, readFileSync(sdlFile, 'utf8').replace(/type Query \{/, 'type Query {\n  retiredField: Int'));
    copyFileSync(sdlFile, `${sdlFile}.kept`);
    await expect(releaseBaseline({ dir })).rejects.toThrow(/Query\.retiredField[\s\S]*--force/);
    expect(readFileSync(sdlFile, 'utf8')).toBe(readFileSync(`${sdlFile}.kept`, 'utf8'));
    const forced = await releaseBaseline({ dir, force: true });
    expect(forced.replacedBreaking.map((c) => c.path)).toEqual(['Query.retiredField']);
    expect(readFileSync(sdlFile, 'utf8')).toBe(currentGraphqlSdl());
  }, 120_000);

  it('refuses a version older than the newest baseline', async () => {
    const newer = join(dir, 'newer');
    const next = `${Number(packageVersion().split('.')[0]) + 1}.0.0`;
    mkdirSync(newer);
    writeFileSync(join(newer, `${next}.openapi.json`), '{}');
    writeFileSync(join(newer, `${next}.schema.graphql`), 'type Query { ok: Boolean }');
    await expect(releaseBaseline({ dir: newer })).rejects.toThrow(/older than the newest baseline/);
  });
});
