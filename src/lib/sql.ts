import { sql } from 'drizzle-orm';

/** A `text[]` literal of bound parameters (drizzle binds a JS array as a record, not an array). */
export const textArray = (values: readonly string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
