import type { StoredJob } from '../../src/modules/jobs/jobs.store.js';
import type { CompanyCategory, CompanySize, RoleKey } from '../../src/reference/taxonomy.js';

/** A company row as the demo generator makes it (ids are deterministic UUIDs). */
export interface DemoCompany {
  id: string;
  slug: string;
  name: string;
  category: CompanyCategory;
  website: string | null;
  hqCountry: string | null;
  size: CompanySize | null;
  description: string | null;
}

/**
 * A job row as the demo generator makes it: the stored row without the annual USD salary (derived
 * when it is stored), with an external id always set. The description is safe HTML (<p>, <ul>, <li>, <strong>).
 */
export type DemoJob = Omit<StoredJob, 'externalId' | 'role' | 'salaryUsdMin' | 'salaryUsdMax' | 'salaryFxAsOf'> & { externalId: string; role: RoleKey };

/** USD per unit of a currency as of a date. */
export interface FxRate {
  currency: string;
  asOf: string;
  usdPerUnit: number;
}

export interface DemoOptions {
  /** How many jobs. */
  jobs: number;
  /** PRNG seed: the same seed, jobs and until give the same data, row for row. */
  seed: number;
  /** The last day of the 18 months of postings (UTC midnight). */
  until: Date;
}
