/**
 * clients/graphql-example: its typed documents are what codegen makes of src/graphql/schema/*.graphql and
 * its operations, and its script runs against the app over real HTTP. (tsc checks that it compiles.)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../clients/graphql-example/codegen.js';
import { createGraphQLClient, hiringSnapshot } from '../../clients/graphql-example/src/index.js';
import { projectRoot } from '../../src/lib/paths.js';
import { seedTestJobs } from '../helpers/data.js';
import { startSdkServer, type SdkServer } from './helpers.js';

const exampleDir = join(projectRoot, 'clients', 'graphql-example');

describe('GraphQL example', () => {
  let server: SdkServer;
  beforeAll(async () => {
    server = await startSdkServer({ RATE_LIMIT_FREE: '1000000' });
    await seedTestJobs(server.ctx.database.db, 60, 3);
  }, 120_000);
  afterAll(() => server?.close());

  it('the committed src/gql/ is what codegen makes of src/graphql/schema/*.graphql (run `npm run codegen -w @hiring-radar/graphql-example`)', async () => {
    const outputs = await generate({ ...config, cwd: exampleDir, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = await readFile(join(exampleDir, output.filename), 'utf8');
      expect(committed === output.content, `${output.filename} is stale`).toBe(true);
    }
  }, 60_000);

  it('queries jobs and companies with the typed documents', async () => {
    const key = await server.key({ name: 'GraphQL example', tier: 'free' });
    const snapshot = await hiringSnapshot(createGraphQLClient(server.appUrl, key), ['llm_engineer', 'applied_ml'], 4);
    expect(snapshot.jobs.total).toBeGreaterThan(0);
    expect(snapshot.jobs.top.length).toBeGreaterThan(0);
    for (const job of snapshot.jobs.top) expect(['llm_engineer', 'applied_ml']).toContain(job.role);
    const pay = snapshot.jobs.top.filter((j) => j.salary).map((j) => j.salary!.annualUsdMax);
    expect(pay).toEqual([...pay].sort((a, b) => b - a));
    expect(snapshot.companies.length).toBeGreaterThan(0);
    expect(snapshot.companies[0]!.openJobs).toBeGreaterThanOrEqual(snapshot.companies.at(-1)!.openJobs);
  });
});
