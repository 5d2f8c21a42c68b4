import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './tables.js';

/** The one drizzle interface the services see, whichever backend is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
