import { sql, type SQL } from 'drizzle-orm';

/**
 * The weighted full-text document of a job: title (A) > skills (B) > company name (C) >
 * description text (D). Company name lives in another table, so this is computed on write
 * rather than as a generated column.
 */
export function jobSearchVector(title: SQL, skills: SQL, companyName: SQL, descriptionHtml: SQL): SQL {
  return sql`setweight(to_tsvector('english', coalesce(${title}, '')), 'A')
    || setweight(to_tsvector('english', array_to_string(${skills}, ' ')), 'B')
    || setweight(to_tsvector('english', coalesce(${companyName}, '')), 'C')
    || setweight(to_tsvector('english', regexp_replace(coalesce(${descriptionHtml}, ''), '<[^>]*>', ' ', 'g')), 'D')`;
}
