import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  char,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  CLOSE_REASON_KEYS,
  COMPANY_CATEGORY_KEYS,
  COMPANY_SIZE_KEYS,
  DOMAIN_KEYS,
  EMPLOYMENT_TYPE_KEYS,
  JOB_EVENT_TYPES,
  JOB_STATUS_KEYS,
  KEY_TIERS,
  ROLE_FAMILIES,
  SALARY_PERIOD_KEYS,
  SENIORITY_KEYS,
  WORKPLACE_KEYS,
} from '../reference/taxonomy.js';

export const roleFamily = pgEnum('role_family', ROLE_FAMILIES);
export const seniority = pgEnum('seniority', SENIORITY_KEYS);
export const domain = pgEnum('domain', DOMAIN_KEYS);
export const companyCategory = pgEnum('company_category', COMPANY_CATEGORY_KEYS);
export const companySize = pgEnum('company_size', COMPANY_SIZE_KEYS);
export const workplace = pgEnum('workplace', WORKPLACE_KEYS);
export const employmentType = pgEnum('employment_type', EMPLOYMENT_TYPE_KEYS);
export const salaryPeriod = pgEnum('salary_period', SALARY_PERIOD_KEYS);
export const jobStatus = pgEnum('job_status', JOB_STATUS_KEYS);
export const closeReason = pgEnum('close_reason', CLOSE_REASON_KEYS);
export const jobEventType = pgEnum('job_event_type', JOB_EVENT_TYPES);
export const keyTier = pgEnum('key_tier', KEY_TIERS);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** 64-bit transaction id: orders the change feed so that a reader never skips a late commit. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

// Millisecond precision: a JavaScript Date (and so a keyset cursor) holds every stored instant exactly.
const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
};

/** Role taxonomy: rows are kept in step with src/reference/taxonomy.ts by migrate(). */
export const roles = pgTable('roles', {
  key: text('key').primaryKey(),
  label: text('label').notNull(),
  family: roleFamily('family').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull(),
});

export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    category: companyCategory('category').notNull(),
    website: text('website'),
    hqCountry: char('hq_country', { length: 2 }),
    size: companySize('size'),
    description: text('description'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('companies_slug_key').on(t.slug),
    index('companies_name_id_idx').on(sql`lower(${t.name})`, t.id),
    index('companies_category_idx').on(t.category),
  ],
);

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    externalId: text('external_id'),
    title: text('title').notNull(),
    role: text('role')
      .notNull()
      .references(() => roles.key),
    seniority: seniority('seniority').notNull(),
    domain: domain('domain').notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    employmentType: employmentType('employment_type').notNull(),
    workplace: workplace('workplace').notNull(),
    city: text('city'),
    region: text('region'),
    country: char('country', { length: 2 }),
    salaryMin: numeric('salary_min', { precision: 14, scale: 2, mode: 'number' }),
    salaryMax: numeric('salary_max', { precision: 14, scale: 2, mode: 'number' }),
    salaryCurrency: char('salary_currency', { length: 3 }),
    salaryPeriod: salaryPeriod('salary_period'),
    /** Normalised annual USD, whole dollars (see the FX table and ANNUALISE). */
    salaryUsdMin: integer('salary_usd_min'),
    salaryUsdMax: integer('salary_usd_max'),
    salaryFxAsOf: date('salary_fx_as_of'),
    postedAt: timestamp('posted_at', { withTimezone: true, precision: 3 }).notNull(),
    validThrough: timestamp('valid_through', { withTimezone: true, precision: 3 }),
    status: jobStatus('status').notNull().default('open'),
    closeReason: closeReason('close_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    applyUrl: text('apply_url'),
    search: tsvector('search').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('jobs_company_external_id_key').on(t.companyId, t.externalId),
    index('jobs_search_idx').using('gin', t.search),
    index('jobs_skills_idx').using('gin', t.skills),
    // Keyset sorts: each serves ORDER BY <key>, id within a status.
    index('jobs_status_posted_idx').on(t.status, t.postedAt, t.id),
    // status=all, newest or oldest (open ones are listed from job_search).
    index('jobs_posted_idx').on(t.postedAt, t.id),
    index('jobs_status_salary_max_idx').on(t.status, sql`coalesce(${t.salaryUsdMax}, -1)`, t.id),
    index('jobs_status_salary_min_idx').on(t.status, sql`coalesce(${t.salaryUsdMin}, 2147483647)`, t.id),
    index('jobs_company_status_posted_idx').on(t.companyId, t.status, t.postedAt),
    // A partner's postings of every status, newest first (`/v1/partner/jobs`).
    index('jobs_company_posted_idx').on(t.companyId, t.postedAt, t.id),
    // Filters.
    index('jobs_role_idx').on(t.role, t.status),
    index('jobs_seniority_idx').on(t.seniority, t.status),
    index('jobs_domain_idx').on(t.domain, t.status),
    index('jobs_country_idx').on(t.country, t.status),
    index('jobs_workplace_idx').on(t.workplace, t.status),
    // Salary statistics read only these columns: an index-only scan instead of the wide rows.
    index('jobs_salary_facts_idx')
      .on(t.role, t.seniority, t.domain, t.workplace, t.status, t.country, t.employmentType, t.companyId, t.postedAt, t.salaryUsdMin, t.salaryUsdMax)
      .where(sql`${t.salaryUsdMin} is not null and ${t.salaryUsdMax} is not null`),
    check('jobs_salary_range', sql`${t.salaryMin} is null or (${t.salaryMin} >= 0 and ${t.salaryMax} >= ${t.salaryMin})`),
    check('jobs_salary_usd_range', sql`${t.salaryUsdMin} is null or ${t.salaryUsdMax} >= ${t.salaryUsdMin}`),
    check('jobs_closed_at', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/**
 * The open postings, narrowed to what searches filter, sort and match on: open postings are most
 * of the traffic and a fraction of the rows, so searches scan and count here instead of the wide
 * `jobs` heap of every posting ever stored. Kept current by triggers on `jobs` (migration 0006) in
 * the writer's transaction, so a posting is found as soon as its write commits and not after it closes.
 * `title_search` and `head_search` are the title (weight A) and the title, skills and company name
 * (A–C) of `search`, for relevance tiers served by their own indexes.
 */
export const jobSearch = pgTable(
  'job_search',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id').notNull(),
    role: text('role').notNull(),
    seniority: seniority('seniority').notNull(),
    domain: domain('domain').notNull(),
    skills: text('skills').array().notNull(),
    employmentType: employmentType('employment_type').notNull(),
    workplace: workplace('workplace').notNull(),
    country: char('country', { length: 2 }),
    salaryUsdMin: integer('salary_usd_min'),
    salaryUsdMax: integer('salary_usd_max'),
    postedAt: timestamp('posted_at', { withTimezone: true, precision: 3 }).notNull(),
    search: tsvector('search').notNull(),
    titleSearch: tsvector('title_search').notNull(),
    headSearch: tsvector('head_search').notNull(),
  },
  (t) => {
    // The sort indexes carry every filter column after (key, id): a listing in a sort order its
    // filters are anti-correlated with (cheapest postings first, but only the best paid match) is
    // then an index-only scan that skips rows at index speed instead of fetching each one.
    const filterColumns = [t.workplace, t.country, t.role, t.seniority, t.domain, t.employmentType, t.companyId] as const;
    return [
      index('job_search_posted_idx').on(t.postedAt, t.id, ...filterColumns, t.salaryUsdMin, t.salaryUsdMax),
      index('job_search_salary_max_idx').on(sql`coalesce(${t.salaryUsdMax}, -1)`, t.id, t.salaryUsdMin, t.salaryUsdMax, ...filterColumns, t.postedAt),
      index('job_search_salary_min_idx').on(sql`coalesce(${t.salaryUsdMin}, 2147483647)`, t.id, t.salaryUsdMin, t.salaryUsdMax, ...filterColumns, t.postedAt),
      index('job_search_company_posted_idx').on(t.companyId, t.postedAt, t.id),
      index('job_search_search_idx').using('gin', t.search),
      index('job_search_title_idx').using('gin', t.titleSearch),
      index('job_search_head_idx').using('gin', t.headSearch),
      index('job_search_skills_idx').using('gin', t.skills),
      index('job_search_role_idx').on(t.role),
      index('job_search_seniority_idx').on(t.seniority),
      index('job_search_domain_idx').on(t.domain),
      index('job_search_workplace_idx').on(t.workplace),
      index('job_search_employment_type_idx').on(t.employmentType),
      index('job_search_country_idx').on(t.country),
      // Every filter column: counts of filter-only searches by an index-only scan, without the wide rows.
      index('job_search_filters_idx').on(...filterColumns, t.salaryUsdMin, t.salaryUsdMax, t.postedAt),
    ];
  },
);

/** A posting's filterable fields before an event (job_events.previous). */
export interface PreviousJobState {
  role: string;
  seniority: string;
  domain: string;
  workplace: string;
  employment_type: string;
  country: string | null;
  skills: string[];
  salary_usd_min: number | null;
  salary_usd_max: number | null;
  posted_at: string;
  status: string;
}

export const jobEvents = pgTable(
  'job_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    type: jobEventType('type').notNull(),
    changedFields: text('changed_fields').array().notNull().default(sql`'{}'::text[]`),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
    /**
     * For events of an existing posting: the filterable fields it had before (the `JobFilters`
     * columns), so saved searches can tell a posting that changed into their match from one that
     * matched all along. `previous_search` only when the search text changed.
     */
    previous: jsonb('previous').$type<PreviousJobState>(),
    previousSearch: tsvector('previous_search'),
  },
  (t) => [
    index('job_events_job_idx').on(t.jobId, t.id),
    index('job_events_occurred_idx').on(t.occurredAt, t.id),
    index('job_events_feed_idx').on(t.txid, t.id),
  ],
);

/** The key columns both rollups share: a grouping set's bit mask, the status and the five dimensions. */
const rollupKey = () => ({
  /** GROUPING(role, seniority, domain, workplace, company_category): a bit set for each "all" dimension. */
  grouping: smallint('grouping').notNull(),
  status: jobStatus('status').notNull(),
  role: text('role'),
  seniority: seniority('seniority'),
  domain: domain('domain'),
  workplace: workplace('workplace'),
  companyCategory: companyCategory('company_category'),
});

const rollupDelta = () => ({
  /** False for a delta row a write appended; true for the one row per key compaction writes. */
  compacted: boolean('compacted').notNull().default(false),
});

/**
 * Posting counts per UTC month, kept current by triggers on jobs and companies (migration 0005):
 * each write appends signed delta rows in its own transaction, so trends are exact at once and
 * writers never wait on each other's rollup rows. Rows come in grouping sets: a null dimension
 * means "all values" (jobs never hold null there), so a query reads the smallest set that keeps
 * the dimensions it filters or groups by. Readers sum per key; compaction folds delta rows.
 */
export const postingRollup = pgTable(
  'posting_rollup',
  {
    ...rollupKey(),
    month: date('month').notNull(),
    /** Postings whose posted_at falls in the month. */
    posted: integer('posted').notNull().default(0),
    /** Postings whose closed_at falls in the month. */
    closed: integer('closed').notNull().default(0),
    /** Closed postings whose greatest(posted_at, closed_at) falls in the month: where "open" drops. */
    ended: integer('ended').notNull().default(0),
    ...rollupDelta(),
  },
  (t) => [
    index('posting_rollup_grouping_month_idx').on(t.grouping, t.month),
    index('posting_rollup_delta_idx').on(t.month).where(sql`not ${t.compacted}`),
  ],
);

/**
 * How many salaried postings have each exact midpoint (annual USD), in grouping sets like
 * posting_rollup and kept current the same way (migration 0005). Percentiles, means and extremes of
 * a group are exact from these counts, without reading the postings.
 */
export const salaryRollup = pgTable(
  'salary_rollup',
  {
    ...rollupKey(),
    /** salary_usd_min + salary_usd_max: twice the midpoint, which is a whole or half dollar amount. */
    midX2: bigint('mid_x2', { mode: 'number' }).notNull(),
    postings: integer('postings').notNull(),
    ...rollupDelta(),
  },
  (t) => [
    index('salary_rollup_grouping_role_idx').on(t.grouping, t.role),
    index('salary_rollup_delta_idx').on(t.grouping).where(sql`not ${t.compacted}`),
  ],
);

/** Units of USD per unit of a currency, as of a date; salaries are normalised with the latest rate. */
export const fxRates = pgTable(
  'fx_rates',
  {
    currency: char('currency', { length: 3 }).notNull(),
    asOf: date('as_of').notNull(),
    usdPerUnit: numeric('usd_per_unit', { precision: 18, scale: 8, mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.asOf] })],
);

/**
 * API keys. The secret is never stored: only its SHA-256 (keys carry ≥128 random bits, so a
 * fast hash is enough) and a visible prefix that identifies the key in logs and lists.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    name: text('name').notNull(),
    companyId: uuid('company_id').references(() => companies.id),
    scopes: text('scopes').array().notNull(),
    tier: keyTier('tier').notNull(),
    rotatedFrom: uuid('rotated_from'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
    index('api_keys_company_idx').on(t.companyId),
    index('api_keys_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * Idempotency-Key records, per caller: the request's hash and, once finished, the response to
 * replay. `locked_until` lets a retry take over a request whose process died mid-way.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    owner: text('owner').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['in_progress', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseHeaders: text('response_headers'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
  },
  (t) => [primaryKey({ columns: [t.owner, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Layoff events: who cut how many people when, and whether the cut was attributed to AI. */
export const layoffs = pgTable(
  'layoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    announcedOn: date('announced_on').notNull(),
    headcount: integer('headcount').notNull(),
    aiAttributed: boolean('ai_attributed').notNull(),
    reason: text('reason'),
    sourceUrl: text('source_url'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('layoffs_announced_idx').on(t.announcedOn, t.id),
    index('layoffs_company_idx').on(t.companyId, t.announcedOn),
    check('layoffs_headcount_positive', sql`${t.headcount} > 0`),
  ],
);

/** Curated, published salary ranges (e.g. from the market article), kept beside what postings show. */
export const reportedSalaryBands = pgTable(
  'reported_salary_bands',
  {
    id: text('id').primaryKey(),
    role: text('role')
      .notNull()
      .references(() => roles.key),
    seniority: seniority('seniority'),
    label: text('label').notNull(),
    minUsd: integer('min_usd').notNull(),
    maxUsd: integer('max_usd').notNull(),
    demandTrend: text('demand_trend'),
    source: text('source').notNull(),
    publishedOn: date('published_on').notNull(),
  },
  (t) => [index('reported_salary_bands_role_idx').on(t.role)],
);

/**
 * Saved searches: a name and the filters of `GET /v1/jobs`, as the caller sent them (query
 * parameters), owned by a partner company (`company:<id>`), an API key (`key:<id>`) or a JWT
 * subject (`jwt:<sub>`).
 */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    owner: text('owner').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string | number>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('saved_searches_owner_idx').on(t.owner, t.createdAt, t.id)],
);

/**
 * When each posting started (and stopped) matching a saved search, as the webhook dispatcher reads
 * the change feed: one row per stretch of matching. Rows are numbered in dispatch order (one
 * dispatcher at a time), so `id` is the cursor of `GET /v1/saved-searches/{id}/matches`.
 */
export const savedSearchMatches = pgTable(
  'saved_search_matches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    savedSearchId: uuid('saved_search_id')
      .notNull()
      .references(() => savedSearches.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id),
    /** The change-feed event after which the posting matched. */
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: jobEventType('event_type').notNull(),
    matchedAt: timestamp('matched_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Set when a later event made the posting stop matching. */
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('saved_search_matches_search_idx').on(t.savedSearchId, t.id),
    uniqueIndex('saved_search_matches_current_key').on(t.savedSearchId, t.jobId).where(sql`${t.endedAt} is null`),
  ],
);

/** Webhook endpoints and their signing secrets (needed in clear to sign; never logged, shown once). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    owner: text('owner').notNull(),
    /** The partner company whose postings `job.*` events report (null for other owners). */
    companyId: uuid('company_id').references(() => companies.id),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    savedSearchIds: uuid('saved_search_ids').array().notNull().default(sql`'{}'::uuid[]`),
    description: text('description'),
    secret: text('secret').notNull(),
    /** The secret before the last rotation: it signs too until `previous_secret_expires_at`. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true, precision: 3 }),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, precision: 3 }),
    /** First failed attempt since the last success: five days of failing disables the endpoint. */
    failingSince: timestamp('failing_since', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_owner_idx').on(t.owner, t.createdAt, t.id), index('webhook_endpoints_company_idx').on(t.companyId)],
);

/**
 * One message to one endpoint: its body is fixed when it is enqueued, and its id is the
 * `webhook-id` of every attempt. `queue_job_id` is the pg-boss job that runs the next attempt.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    state: text('state', { enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    queueJobId: uuid('queue_job_id'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt, t.id),
    // What is still to deliver (metrics): a small part of all deliveries.
    index('webhook_deliveries_pending_idx').on(t.createdAt).where(sql`${t.state} = 'pending'`),
  ],
);

/** Every attempt of a delivery: when, what the receiver answered, how long it took, what went wrong. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp('attempted_at', { withTimezone: true, precision: 3 }).notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    responseBody: text('response_body'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

/** Per-endpoint delivery slots, leased by the instance attempting a delivery (the concurrency bound across instances). */
export const webhookEndpointSlots = pgTable(
  'webhook_endpoint_slots',
  {
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    slot: integer('slot').notNull(),
    holder: text('holder').notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.slot] })],
);

/** Where the webhook dispatcher is in the change feed (one row): feed events before it have been turned into deliveries. */
export const webhookDispatch = pgTable('webhook_dispatch', {
  id: integer('id').primaryKey(),
  txid: xid8('txid').notNull(),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Weekly radars already announced (`radar.published`), by the Monday of their ISO week. */
export const radarPublications = pgTable('radar_publications', {
  week: date('week').primaryKey(),
  publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
