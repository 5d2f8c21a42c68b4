/**
 * The analytics rollups (posting_rollup, salary_rollup; see migration 0005): which grouping set
 * answers a request, the conditions that select it, and compaction. Both tables are kept current
 * by triggers in the writers' transactions, so whatever they answer is exact at once.
 */
import { sql, type SQL } from 'drizzle-orm';
import { postingRollup, salaryRollup } from '../../db/tables.js';
import { queryRows, type Database } from '../../db/index.js';
import type { JobFilters } from '../jobs/jobs.query.js';
import { textArray } from '../../lib/sql.js';

export type RollupDimension = 'role' | 'seniority' | 'domain' | 'workplace' | 'company_category';
/** In GROUPING() argument order: role is the highest bit of the mask, company_category the lowest. */
export const ROLLUP_DIMENSIONS: readonly RollupDimension[] = ['role', 'seniority', 'domain', 'workplace', 'company_category'];

type RollupTable = typeof postingRollup | typeof salaryRollup;

/** The grouping sets each table holds (as migration 0005 writes them), smallest first. */
const SINGLES: RollupDimension[][] = [[], ['role'], ['seniority'], ['domain'], ['workplace'], ['company_category']];
const ROLE_PAIRS: RollupDimension[][] = [
  ['role', 'seniority'],
  ['role', 'domain'],
  ['role', 'workplace'],
  ['role', 'company_category'],
];
export const POSTING_ROLLUP_SETS: readonly (readonly RollupDimension[])[] = [...SINGLES, ...ROLE_PAIRS, ROLLUP_DIMENSIONS];
export const SALARY_ROLLUP_SETS: readonly (readonly RollupDimension[])[] = [...SINGLES, ['role', 'seniority']];

/** The rollup dimension each job filter reads; status is in every set; any other filter needs the postings. */
const FILTER_DIMENSIONS: Partial<Record<keyof JobFilters, RollupDimension>> = {
  role: 'role',
  seniority: 'seniority',
  domain: 'domain',
  workplace: 'workplace',
  companyCategory: 'company_category',
};

/**
 * The smallest grouping set that keeps every dimension the request groups by and every filter it
 * sets, or undefined when a filter or grouping is not a rollup dimension.
 */
export function chooseRollupSet(
  sets: readonly (readonly RollupDimension[])[],
  filters: JobFilters,
  groupBy: readonly string[],
): readonly RollupDimension[] | undefined {
  const needed = new Set<RollupDimension>();
  for (const g of groupBy) {
    if (!(ROLLUP_DIMENSIONS as readonly string[]).includes(g)) return undefined;
    needed.add(g as RollupDimension);
  }
  for (const key of Object.keys(filters) as (keyof JobFilters)[]) {
    if (filters[key] === undefined || key === 'status') continue;
    const dimension = FILTER_DIMENSIONS[key];
    if (!dimension) return undefined;
    needed.add(dimension);
  }
  return sets.find((set) => [...needed].every((d) => set.includes(d)));
}

export function rollupColumn(table: RollupTable, d: RollupDimension): SQL {
  switch (d) {
    case 'role':
      return sql`${table.role}`;
    case 'seniority':
      return sql`${table.seniority}`;
    case 'domain':
      return sql`${table.domain}`;
    case 'workplace':
      return sql`${table.workplace}`;
    case 'company_category':
      return sql`${table.companyCategory}`;
  }
}


/** The rows of one grouping set, narrowed by the filters. */
export function rollupConditions(table: RollupTable, set: readonly RollupDimension[], f: JobFilters): SQL[] {
  const values: Record<RollupDimension, readonly string[] | undefined> = {
    role: f.role,
    seniority: f.seniority,
    domain: f.domain,
    workplace: f.workplace,
    company_category: f.companyCategory,
  };
  const mask = ROLLUP_DIMENSIONS.reduce((m, d, i) => (set.includes(d) ? m : m | (1 << (ROLLUP_DIMENSIONS.length - 1 - i))), 0);
  const conditions = [sql`${table.grouping} = ${mask}`];
  for (const d of ROLLUP_DIMENSIONS) {
    const only = values[d];
    if (set.includes(d) && only) conditions.push(sql`${rollupColumn(table, d)}::text = any(${textArray(only)})`);
  }
  if (f.status !== 'all') conditions.push(sql`${table.status} = ${f.status}`);
  return conditions;
}

const KEY = 'grouping, status, role, seniority, domain, workplace, company_category';
// Within one grouping the same dimensions are null (those rolled up; postings have every dimension),
// so comparing with nulls as '' is "is not distinct from", and unlike that, it can be hash-joined: a
// compaction after a bulk load folds millions of rows in one pass instead of a loop per key.
const SAME_KEY = `r.grouping = k.grouping and r.status = k.status
  and ${['role', 'seniority', 'domain', 'workplace', 'company_category'].map((d) => `coalesce(r.${d}::text, '') = coalesce(k.${d}::text, '')`).join(' and ')}`;

/**
 * Folds the delta rows of both rollups into one row per key. Each statement moves exactly the rows
 * it deleted, so concurrent compactions and writers never lose or double a count.
 */
export async function compactRollups(db: Database): Promise<number> {
  const fold = (table: string, keyExtra: string, counts: string[]) => {
    const key = `${KEY}, ${keyExtra}`;
    const sums = counts.map((c) => `sum(${c})`);
    return sql.raw(`with keys as (select distinct ${key} from ${table} where not compacted),
        moved as (
          delete from ${table} r using keys k
          where ${SAME_KEY} and r.${keyExtra} = k.${keyExtra}
          returning r.*
        ),
        inserted as (
          insert into ${table} (${key}, ${counts.join(', ')}, compacted)
          select ${key}, ${sums.join(', ')}, true from moved
          group by ${key}
          having ${sums.map((s) => `${s} <> 0`).join(' or ')}
        )
        select count(*)::int as moved from moved`);
  };
  let moved = 0;
  for (const statement of [fold('posting_rollup', 'month', ['posted', 'closed', 'ended']), fold('salary_rollup', 'mid_x2', ['postings'])]) {
    // The planner counts the delta rows from statistics taken before the last bulk write, often as
    // one: a nested loop over "one" key then scans a whole grouping per key (minutes after a bulk
    // load). One hashed pass over the rollup costs a fraction of a second whatever the delta; a merge
    // join, the planner's other pick then, filtered ~43 million rows for a 5,000-posting seed (13.6 s).
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_nestloop = off`);
      await tx.execute(sql`set local enable_mergejoin = off`);
      return queryRows<{ moved: number }>(tx, statement);
    });
    moved += rows[0]?.moved ?? 0;
  }
  return moved;
}
