import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from '../../schema/index.js';

/** The one drizzle interface the services see, whichever backend is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
