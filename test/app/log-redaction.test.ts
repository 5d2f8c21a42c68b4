import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { loggableError } from '../../src/db/errors.js';
import { createTestDatabase } from '../helpers/database.js';

describe('failed statements are logged without their parameters', () => {
  it('unit: a DrizzleQueryError keeps the driver error and the statement head, not the params', () => {
    const cause = Object.assign(new Error('relation "nope" does not exist'), { code: '42P01' });
    const err = new DrizzleQueryError('select * from nope where secret = $1', ['SECRET-PARAM-1'], cause);
    const logged = JSON.stringify(loggableError(err));
    expect(logged).not.toContain('SECRET-PARAM-1');
    expect(logged).toContain('does not exist');
    expect(logged).toContain('42P01');
    expect(logged).toContain('select * from nope');
  });

  it('a real failed statement on this backend: the log entry has the cause and no parameter', async () => {
    const database = await createTestDatabase();
    try {
      const failure = await database.db.execute(sql`select * from no_such_table where title = ${'SECRET-PARAM-2'}`).catch((e: unknown) => e);
      const logged = JSON.stringify(loggableError(failure));
      expect(logged).not.toContain('SECRET-PARAM-2');
      expect(logged).toMatch(/does not exist/);
    } finally {
      await database.close();
    }
  });
});
