import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { connect } from '../src/db/index.js';
import { withAdmin, withDatabase } from './helpers/database.js';

/** On PostgreSQL: migrate one template database that every test file clones (fast, isolated). */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return;
  const template = `hr_template_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`create database ${template}`));
  const handle = await connect({ databaseUrl: withDatabase(serverUrl, template), poolSize: 1 });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  project.provide('templateDatabase', template);
  return async () => {
    await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${template} with (force)`));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
