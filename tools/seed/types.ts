import type {
  CloseReason,
  CompanyCategory,
  CompanySize,
  Domain,
  EmploymentType,
  JobStatus,
  RoleKey,
  SalaryPeriod,
  Seniority,
  Workplace,
} from '../../src/reference/taxonomy.js';

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

/** A job row as the demo generator makes it; the annual USD salary is derived when it is stored. */
export interface DemoJob {
  id: string;
  companyId: string;
  externalId: string;
  title: string;
  role: RoleKey;
  seniority: Seniority;
  domain: Domain;
  skills: string[];
  /** Safe HTML (<p>, <ul>, <li>, <strong>) */
  description: string;
  employmentType: EmploymentType;
  workplace: Workplace;
  city: string | null;
  region: string | null;
  country: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: SalaryPeriod | null;
  postedAt: Date;
  validThrough: Date | null;
  status: JobStatus;
  closeReason: CloseReason | null;
  closedAt: Date | null;
  applyUrl: string | null;
}

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
