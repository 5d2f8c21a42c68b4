import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './tables.js';

/** The one drizzle interface the services see, whichever backend is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction of that database, as `db.transaction(async (tx) => …)` hands it over. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What a statement runs on: the database itself or one of its transactions. */
export type Executor = Database | Transaction;
