import type { Database } from '../../src/db/index.js';
import { seedDemo } from '../../tools/seed/seed.js';

/** A fixed slice of demo data: deterministic, so expectations can be computed from it. */
export const TEST_UNTIL = new Date('2026-06-30T00:00:00Z');

export async function seedTestJobs(db: Database, jobs: number, seed = 7): Promise<void> {
  await seedDemo(db, { jobs, seed, until: TEST_UNTIL });
}
