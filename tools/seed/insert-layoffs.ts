/** How the seeder stores demo layoffs: in bulk, skipping the ones it stored before. */
import { sql } from 'drizzle-orm';
import { companies, layoffs } from '../../src/db/tables.js';
import { queryRows, type Database } from '../../src/db/index.js';

/** A layoff to store in bulk; the company is found by slug (rows of unknown companies are skipped). */
export interface NewLayoffRow {
  id: string;
  companySlug: string;
  /** YYYY-MM-DD */
  announcedOn: string;
  headcount: number;
  aiAttributed: boolean;
  reason: string | null;
  sourceUrl: string | null;
}

const INSERT_BATCH = 2000;

/**
 * Set-based bulk insert (one INSERT … SELECT per 2,000 rows). Rows whose id exists already are
 * skipped, so re-running a seed with deterministic ids adds nothing twice. Returns the rows inserted.
 */
export async function insertLayoffs(db: Database, rows: readonly NewLayoffRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH).map((r) => ({
      id: r.id,
      company_slug: r.companySlug,
      announced_on: r.announcedOn,
      headcount: r.headcount,
      ai_attributed: r.aiAttributed,
      reason: r.reason,
      source_url: r.sourceUrl,
    }));
    const [result] = await queryRows<{ n: number }>(
      db,
      sql`with ins as (
            insert into ${layoffs} (id, company_id, announced_on, headcount, ai_attributed, reason, source_url)
            select x.id, c.id, x.announced_on, x.headcount, x.ai_attributed, x.reason, x.source_url
            from json_to_recordset(${JSON.stringify(batch)}::json) as x(
              id uuid, company_slug text, announced_on date, headcount int, ai_attributed boolean, reason text, source_url text)
            join ${companies} c on c.slug = x.company_slug
            on conflict (id) do nothing
            returning 1
          )
          select count(*)::int as n from ins`,
    );
    inserted += Number(result?.n ?? 0);
  }
  return inserted;
}
