import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { companies, layoffs } from '../../db/tables.js';
import { COMPANY_CATEGORIES, type CompanyCategory } from '../../reference/taxonomy.js';
import { queryRows, type Database } from '../../db/index.js';
import { fingerprint, type CursorCodec } from '../../lib/cursor.js';
import { groupedBy } from '../../lib/group.js';
import { HttpProblem, NotFoundProblem, ValidationProblem, type FieldError } from '../../lib/errors.js';
import { ifMatch } from '../../lib/http.js';
import { splitList } from '../../lib/parse.js';
import {
  MAX_COMPANY_SERIES,
  MAX_PERIODS,
  type CreateLayoffBody,
  type Layoff,
  type LayoffListQuery,
  type LayoffSort,
  type LayoffTrend,
  type LayoffTrendQuery,
  type TrendGroup,
  type TrendInterval,
  type UpdateLayoffBody,
} from './layoffs.schemas.js';
import { DAY_MS, dayMs, isoDay } from '../../lib/days.js';
import { isUuid } from '../../lib/ids.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const PROBLEM_PRECONDITION = 'urn:hiring-radar:problem:precondition-failed';

// ---------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------


/** A YYYY-MM-DD value (shape checked by the schema) that is a real calendar day, or a 400 naming it. */
export function parseDay(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!DAY.test(value) || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new ValidationProblem([{ name, reason: 'is not a valid calendar date' }]);
  }
  return value;
}

/** Today's date (UTC). */
export function todayUtc(now = Date.now()): string {
  return isoDay(now);
}

/** The latest calendar date anywhere on Earth right now (UTC+14): later ones are in the future for everyone. */
function latestDayOnEarth(now = Date.now()): string {
  return isoDay(now + 14 * 3600 * 1000);
}

// ---------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------

const layoffColumns = {
  id: layoffs.id,
  announcedOn: layoffs.announcedOn,
  headcount: layoffs.headcount,
  aiAttributed: layoffs.aiAttributed,
  reason: layoffs.reason,
  sourceUrl: layoffs.sourceUrl,
  createdAt: layoffs.createdAt,
  updatedAt: layoffs.updatedAt,
  companyId: companies.id,
  companySlug: companies.slug,
  companyName: companies.name,
  companyCategory: companies.category,
};

function selectLayoffs(db: Database) {
  return db.select(layoffColumns).from(layoffs).innerJoin(companies, eq(companies.id, layoffs.companyId));
}

type LayoffRow = Awaited<ReturnType<typeof selectLayoffs>>[number];

function toLayoff(r: LayoffRow): Layoff {
  return {
    id: r.id,
    company: { id: r.companyId, slug: r.companySlug, name: r.companyName, category: r.companyCategory },
    announced_on: r.announcedOn,
    headcount: r.headcount,
    ai_attributed: r.aiAttributed,
    reason: r.reason,
    source_url: r.sourceUrl,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** Strong ETag of a layoff's current version: every write moves `updated_at` forward by at least 1 ms. */
export function layoffEtag(layoff: Pick<Layoff, 'updated_at'>): string {
  return `"l${Date.parse(layoff.updated_at).toString(36)}"`;
}

// ---------------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------------

export interface LayoffFilters {
  company?: string[] | undefined;
  companyCategory?: CompanyCategory[] | undefined;
  aiAttributed?: boolean | undefined;
  minHeadcount?: number | undefined;
  /** Inclusive. */
  announcedAfter?: string | undefined;
  /** Exclusive. */
  announcedBefore?: string | undefined;
}

function filterConditions(f: LayoffFilters): SQL[] {
  const c: SQL[] = [];
  if (f.company) c.push(inArray(companies.slug, f.company));
  if (f.companyCategory) c.push(inArray(companies.category, f.companyCategory));
  if (f.aiAttributed !== undefined) c.push(eq(layoffs.aiAttributed, f.aiAttributed));
  if (f.minHeadcount !== undefined) c.push(gte(layoffs.headcount, f.minHeadcount));
  if (f.announcedAfter) c.push(gte(layoffs.announcedOn, f.announcedAfter));
  if (f.announcedBefore) c.push(lt(layoffs.announcedOn, f.announcedBefore));
  return c;
}

// ---------------------------------------------------------------------------------------------------
// List and read
// ---------------------------------------------------------------------------------------------------

export interface LayoffSearch {
  filters: LayoffFilters;
  sort: LayoffSort;
  limit: number;
  cursor?: string | undefined;
}

export function parseLayoffSearch(query: LayoffListQuery): LayoffSearch {
  const filters: LayoffFilters = {
    company: splitList(query.company),
    companyCategory: splitList(query.company_category) as CompanyCategory[] | undefined,
    aiAttributed: query.ai_attributed,
    minHeadcount: query.min_headcount,
    announcedAfter: parseDay('announced_after', query.announced_after),
    announcedBefore: parseDay('announced_before', query.announced_before),
  };
  if (filters.announcedAfter && filters.announcedBefore && filters.announcedAfter >= filters.announcedBefore) {
    throw new ValidationProblem([{ name: 'announced_after', reason: 'must be earlier than announced_before' }]);
  }
  return { filters, sort: query.sort ?? 'newest', limit: query.limit ?? 20, cursor: query.cursor };
}

export interface LayoffPage {
  data: Layoff[];
  next_cursor: string | null;
  total: number;
  /** Layoff events are few: always counted exactly. */
  total_relation: 'eq';
}

/** The keyset order of each sort; the id breaks ties. */
const LAYOFF_ORDER: Record<LayoffSort, SQL[]> = {
  newest: [desc(layoffs.announcedOn), desc(layoffs.id)],
  oldest: [asc(layoffs.announcedOn), asc(layoffs.id)],
  headcount: [desc(layoffs.headcount), desc(layoffs.id)],
};

/** The condition "after the row this cursor names", or a 400 naming `cursor`. */
function afterCursor(cursors: CursorCodec, cursor: string, sort: LayoffSort, fp: string): SQL {
  const [key, id] = cursors.decode(cursor, { sort, fingerprint: fp }).k;
  const keyOk = sort === 'headcount' ? Number.isInteger(key) : typeof key === 'string' && DAY.test(key);
  if (typeof id !== 'string' || !isUuid(id) || !keyOk) {
    throw new ValidationProblem([{ name: 'cursor', reason: 'is not a cursor issued by this API' }]);
  }
  return sort === 'newest'
    ? sql`(${layoffs.announcedOn}, ${layoffs.id}) < (${key}::date, ${id}::uuid)`
    : sort === 'oldest'
      ? sql`(${layoffs.announcedOn}, ${layoffs.id}) > (${key}::date, ${id}::uuid)`
      : sql`(${layoffs.headcount}, ${layoffs.id}) < (${key}::int, ${id}::uuid)`;
}

/** A page from up to `limit + 1` rows in order (one more than the page tells that there is a next one). */
function layoffPage(cursors: CursorCodec, search: Pick<LayoffSearch, 'sort' | 'limit'>, fp: string, rows: LayoffRow[], total: number): LayoffPage {
  const { sort, limit } = search;
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return {
    data: page.map(toLayoff),
    next_cursor:
      hasMore && last ? cursors.encode({ s: sort, f: fp, k: [sort === 'headcount' ? last.headcount : last.announcedOn, last.id] }) : null,
    total,
    total_relation: 'eq',
  };
}

/** Keyset page over (sort key, id): `newest` and `oldest` by announced_on, `headcount` largest first. */
export async function listLayoffs(deps: { db: Database; cursors: CursorCodec }, search: LayoffSearch): Promise<LayoffPage> {
  const { db, cursors } = deps;
  const { filters, sort, limit } = search;
  const conditions = filterConditions(filters);
  const fp = fingerprint({ ...filters });
  const pageConditions = [...conditions];
  if (search.cursor) pageConditions.push(afterCursor(cursors, search.cursor, sort, fp));
  const [rows, [count]] = await Promise.all([
    selectLayoffs(db)
      .where(pageConditions.length ? and(...pageConditions) : undefined)
      .orderBy(...LAYOFF_ORDER[sort])
      .limit(limit + 1),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(layoffs)
      .innerJoin(companies, eq(companies.id, layoffs.companyId))
      .where(conditions.length ? and(...conditions) : undefined),
  ]);
  return layoffPage(cursors, search, fp, rows, count?.n ?? 0);
}

/** One company of a batched layoff list: its id, its slug (the REST filter) and its own cursor, if any. */
export interface CompanyLayoffsRequest {
  id: string;
  slug: string;
  cursor?: string | undefined;
}

/**
 * `listLayoffs` for many companies at once, as `GET /v1/layoffs?company={slug}` answers each of them
 * (the same filters with `company` set to the slug, sort, limit and cursors), in two statements
 * whatever the number of companies: one page per company by a window over the matches, and one
 * count per company.
 */
export async function listLayoffsByCompany(
  deps: { db: Database; cursors: CursorCodec },
  companiesToList: readonly CompanyLayoffsRequest[],
  search: Omit<LayoffSearch, 'cursor'>,
): Promise<Map<string, LayoffPage>> {
  const { db, cursors } = deps;
  const { sort, limit } = search;
  const result = new Map<string, LayoffPage>();
  if (companiesToList.length === 0) return result;
  const filtersOf = (slug: string): LayoffFilters => ({ ...search.filters, company: [slug] });
  const base = filterConditions({ ...search.filters, company: undefined });
  base.push(inArray(layoffs.companyId, [...new Set(companiesToList.map((c) => c.id))]));
  const pageConditions = [...base];
  for (const c of companiesToList) {
    if (!c.cursor) continue;
    const after = afterCursor(cursors, c.cursor, sort, fingerprint({ ...filtersOf(c.slug) }));
    pageConditions.push(sql`(${layoffs.companyId} <> ${c.id}::uuid or ${after})`);
  }
  const order = LAYOFF_ORDER[sort];
  const ranked = db
    .select({
      id: layoffs.id,
      rn: sql<number>`row_number() over (partition by ${layoffs.companyId} order by ${sql.join(order, sql`, `)})`.as('rn'),
    })
    .from(layoffs)
    .innerJoin(companies, eq(companies.id, layoffs.companyId))
    .where(and(...pageConditions))
    .as('ranked');
  const [rows, counts] = await Promise.all([
    selectLayoffs(db)
      .innerJoin(ranked, eq(ranked.id, layoffs.id))
      .where(lte(ranked.rn, limit + 1))
      .orderBy(asc(layoffs.companyId), asc(ranked.rn)),
    db
      .select({ companyId: layoffs.companyId, n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(layoffs)
      .innerJoin(companies, eq(companies.id, layoffs.companyId))
      .where(and(...base))
      .groupBy(layoffs.companyId),
  ]);
  const totals = new Map(counts.map((c) => [c.companyId, c.n]));
  const byCompany = groupedBy(rows, (row) => row.companyId);
  for (const c of companiesToList) {
    result.set(c.id, layoffPage(cursors, search, fingerprint({ ...filtersOf(c.slug) }), byCompany.get(c.id) ?? [], totals.get(c.id) ?? 0));
  }
  return result;
}

export async function getLayoff(db: Database, id: string): Promise<Layoff> {
  // Anything that cannot be an id is simply not found (and never reaches the database).
  const [row] = isUuid(id) ? await selectLayoffs(db).where(eq(layoffs.id, id.toLowerCase())).limit(1) : [];
  if (!row) throw new NotFoundProblem(`No layoff with id ${JSON.stringify(id)}.`);
  return toLayoff(row);
}

// ---------------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------------

/** The body's announced_on as a day that is neither impossible nor in the future, or a 400 naming it. */
function checkAnnouncedOn(value: string): string {
  parseDay('/announced_on', value);
  if (value > latestDayOnEarth()) throw new ValidationProblem([{ name: '/announced_on', reason: 'must not be in the future' }]);
  if (value < '1900-01-01') throw new ValidationProblem([{ name: '/announced_on', reason: 'must be 1900-01-01 or later' }]);
  return value;
}

async function companyIdOf(db: Database, slug: string): Promise<string> {
  const [row] = await db.select({ id: companies.id }).from(companies).where(eq(companies.slug, slug)).limit(1);
  if (!row) throw new ValidationProblem([{ name: '/company', reason: `no company with slug ${JSON.stringify(slug)}` }]);
  return row.id;
}

export async function createLayoff(db: Database, input: CreateLayoffBody): Promise<Layoff> {
  const announcedOn = checkAnnouncedOn(input.announced_on);
  const companyId = await companyIdOf(db, input.company);
  const [row] = await db
    .insert(layoffs)
    .values({
      companyId,
      announcedOn,
      headcount: input.headcount,
      aiAttributed: input.ai_attributed,
      reason: input.reason ?? null,
      sourceUrl: input.source_url ?? null,
    })
    .returning({ id: layoffs.id });
  return getLayoff(db, row!.id);
}

function preconditionFailed(current: string): HttpProblem {
  return new HttpProblem(412, 'Precondition Failed', `If-Match does not match: the layoff is at ${current}.`, PROBLEM_PRECONDITION, [
    { name: 'If-Match', reason: `the layoff is at ${current}` },
  ]);
}

/** Partial update (absent fields keep their value; `null` clears reason or source_url); `If-Match` guards it. */
export async function updateLayoff(db: Database, id: string, input: UpdateLayoffBody, ifMatchHeader?: string): Promise<Layoff> {
  const problems: FieldError[] = [];
  if (input.announced_on !== undefined) {
    try {
      checkAnnouncedOn(input.announced_on);
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      problems.push(...(err.errors ?? []));
    }
  }
  let companyId: string | undefined;
  if (input.company !== undefined) {
    try {
      companyId = await companyIdOf(db, input.company);
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      problems.push(...(err.errors ?? []));
    }
  }
  const current = await getLayoff(db, id);
  if (problems.length) throw new ValidationProblem(problems);
  await db.transaction(async (tx) => {
    // Locked, so the If-Match check and the write see the same version.
    const [locked] = await tx
      .select({ updatedAt: layoffs.updatedAt })
      .from(layoffs)
      .where(eq(layoffs.id, current.id))
      .for('update');
    if (!locked) throw new NotFoundProblem(`No layoff with id ${JSON.stringify(id)}.`);
    const etag = layoffEtag({ updated_at: locked.updatedAt.toISOString() });
    if (!ifMatch(ifMatchHeader, etag)) throw preconditionFailed(etag);
    await tx
      .update(layoffs)
      .set({
        ...(companyId !== undefined ? { companyId } : {}),
        ...(input.announced_on !== undefined ? { announcedOn: input.announced_on } : {}),
        ...(input.headcount !== undefined ? { headcount: input.headcount } : {}),
        ...(input.ai_attributed !== undefined ? { aiAttributed: input.ai_attributed } : {}),
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        ...(input.source_url !== undefined ? { sourceUrl: input.source_url } : {}),
        updatedAt: sql`greatest(now(), ${layoffs.updatedAt} + interval '1 millisecond')`,
      })
      .where(eq(layoffs.id, current.id));
  });
  return getLayoff(db, current.id);
}

export async function deleteLayoff(db: Database, id: string, ifMatchHeader?: string): Promise<void> {
  const current = await getLayoff(db, id);
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ updatedAt: layoffs.updatedAt }).from(layoffs).where(eq(layoffs.id, current.id)).for('update');
    if (!locked) throw new NotFoundProblem(`No layoff with id ${JSON.stringify(id)}.`);
    const etag = layoffEtag({ updated_at: locked.updatedAt.toISOString() });
    if (!ifMatch(ifMatchHeader, etag)) throw preconditionFailed(etag);
    await tx.delete(layoffs).where(eq(layoffs.id, current.id));
  });
}

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

// ---------------------------------------------------------------------------------------------------
// Trends
// ---------------------------------------------------------------------------------------------------

export interface TrendSpec {
  interval: TrendInterval;
  /** Inclusive days. */
  from: string;
  to: string;
  groupBy: TrendGroup | null;
  filters: Omit<LayoffFilters, 'announcedAfter' | 'announcedBefore'>;
  /** Today (UTC), YYYY-MM-DD: a period that has not ended by then is `partial`. Default: the day the answer is computed. */
  today?: string;
}

/** First day of the period after the one starting on `start`. */
function nextPeriod(interval: TrendInterval, start: string): string {
  const d = new Date(dayMs(start));
  d.setUTCMonth(d.getUTCMonth() + (interval === 'year' ? 12 : interval === 'quarter' ? 3 : 1));
  return isoDay(d.getTime());
}

/**
 * Whether the period starting on `start` has not ended by `today`: it holds today or lies after it
 * (the meaning `partial` has in every period series). A first or last period that `from`/`to` cut
 * is not partial in this sense: the range says which of its days are counted.
 */
export function isPartialLayoffPeriod(interval: TrendInterval, start: string, today: string): boolean {
  return nextPeriod(interval, start) > today;
}

/** Index of the period holding a day: months, quarters or years since year 0. */
export function periodIndex(interval: TrendInterval, day: string): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1;
  return interval === 'year' ? y : interval === 'quarter' ? y * 4 + Math.floor(m / 3) : y * 12 + m;
}

export function parseTrendQuery(query: LayoffTrendQuery, now = Date.now()): TrendSpec {
  const interval = query.interval ?? 'quarter';
  const to = parseDay('to', query.to) ?? todayUtc(now);
  let from = parseDay('from', query.from);
  if (from === undefined) {
    // 18 whole months ending with `to`: the same window as the demo postings.
    const end = new Date(dayMs(to) + DAY_MS);
    from = isoDay(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 18, end.getUTCDate()));
  }
  if (from > to) throw new ValidationProblem([{ name: 'from', reason: `must not be after to (${to})` }]);
  const periods = periodIndex(interval, to) - periodIndex(interval, from) + 1;
  if (periods > MAX_PERIODS) {
    throw new ValidationProblem([
      { name: 'from', reason: `the range ${from}..${to} spans ${periods} ${interval}s; at most ${MAX_PERIODS} periods: narrow it or use a longer interval` },
    ]);
  }
  return {
    interval,
    from,
    to,
    groupBy: query.group_by ?? null,
    today: todayUtc(now),
    filters: {
      company: splitList(query.company),
      companyCategory: splitList(query.company_category) as CompanyCategory[] | undefined,
      aiAttributed: query.ai_attributed,
      minHeadcount: query.min_headcount,
    },
  };
}

const STEP: Record<TrendInterval, string> = { month: '1 month', quarter: '3 months', year: '1 year' };
const FORMAT: Record<TrendInterval, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };
export const OTHER_COMPANIES = { key: '_other', label: 'All other companies' } as const;

interface TrendRow {
  kind: number;
  key: string | null;
  label: string | null;
  period_start: string | null;
  period: string | null;
  headcount: number | string;
  ai_headcount: number | string;
  events: number | string;
  share: number | string | null;
}

/**
 * Layoff totals per calendar period (and per group), computed in one statement: the matching
 * announcements are bucketed with date_trunc, summed with GROUP BY GROUPING SETS, and laid over
 * generate_series of every period in range, so empty periods answer zeros.
 */
export async function layoffTrend(db: Database, spec: TrendSpec): Promise<LayoffTrend> {
  const { interval, from, to, groupBy, filters } = spec;
  const unit = sql.raw(`'${interval}'`);
  const step = sql.raw(`interval '${STEP[interval]}'`);
  const format = sql.raw(`'${FORMAT[interval]}'`);
  const where = and(...filterConditions(filters), gte(layoffs.announcedOn, from), sql`${layoffs.announcedOn} <= ${to}::date`)!;

  const keyExpr =
    groupBy === 'company'
      ? sql`${companies.slug}`
      : groupBy === 'company_category'
        ? sql`${companies.category}::text`
        : groupBy === 'ai_attributed'
          ? sql`case when ${layoffs.aiAttributed} then 'true' else 'false' end`
          : sql`'all'`;

  let grouped: SQL;
  let series: SQL;
  if (groupBy === 'company') {
    // The largest companies get a series each; everyone else is summed in `_other`.
    grouped = sql`ranked as (
        select raw_key, row_number() over (order by sum(headcount) desc, raw_key collate "C")::int as rank
        from filtered group by raw_key
      ),
      grouped as (
        select case when r.rank <= ${MAX_COMPANY_SERIES} then f.raw_key else ${OTHER_COMPANIES.key} end as key,
               f.period_start, f.headcount, f.ai_attributed
        from filtered f join ranked r on r.raw_key = f.raw_key
      )`;
    series = sql`series as (
        select r.raw_key as key, c.name as label, r.rank as ord
        from ranked r join ${companies} c on c.slug = r.raw_key
        where r.rank <= ${MAX_COMPANY_SERIES}
        union all
        select ${OTHER_COMPANIES.key}::text, ${OTHER_COMPANIES.label}::text, ${MAX_COMPANY_SERIES + 1}::int
        where exists (select 1 from ranked where rank > ${MAX_COMPANY_SERIES})
      )`;
  } else {
    grouped = sql`grouped as (select raw_key as key, period_start, headcount, ai_attributed from filtered)`;
    series = sql`series as (
        select key, label, ord from json_to_recordset(${JSON.stringify(fixedSeries(groupBy, filters))}::json) as s(key text, label text, ord int)
      )`;
  }

  const rows = await queryRows<TrendRow>(
    db,
    sql`with filtered as (
          select ${keyExpr} as raw_key,
                 date_trunc(${unit}, ${layoffs.announcedOn}::timestamp)::date as period_start,
                 ${layoffs.headcount} as headcount, ${layoffs.aiAttributed} as ai_attributed
          from ${layoffs} join ${companies} on ${companies.id} = ${layoffs.companyId}
          where ${where}
        ),
        ${grouped},
        ${series},
        agg as (
          select key, period_start, grouping(key, period_start) as g,
                 sum(headcount)::bigint as headcount,
                 coalesce(sum(headcount) filter (where ai_attributed), 0)::bigint as ai_headcount,
                 count(*)::bigint as events
          from grouped
          group by grouping sets ((key, period_start), (key))
        ),
        periods as (
          select gs::date as period_start
          from generate_series(date_trunc(${unit}, ${from}::date::timestamp), date_trunc(${unit}, ${to}::date::timestamp), ${step}) gs
        ),
        answer as (
          select 0 as kind, s.ord, s.key, s.label, p.period_start,
                 coalesce(a.headcount, 0) as headcount, coalesce(a.ai_headcount, 0) as ai_headcount, coalesce(a.events, 0) as events
          from series s cross join periods p
          left join agg a on a.g = 0 and a.key = s.key and a.period_start = p.period_start
          union all
          select 1, s.ord, s.key, s.label, null::date,
                 coalesce(a.headcount, 0), coalesce(a.ai_headcount, 0), coalesce(a.events, 0)
          from series s left join agg a on a.g = 1 and a.key = s.key
          union all
          select 2, 0, null::text, null::text, null::date,
                 coalesce(sum(headcount), 0)::bigint, coalesce(sum(headcount) filter (where ai_attributed), 0)::bigint, count(*)::bigint
          from grouped
        )
        select kind, key, label,
               to_char(period_start::timestamp, 'YYYY-MM-DD') as period_start, to_char(period_start::timestamp, ${format}) as period,
               headcount, ai_headcount, events,
               case when headcount > 0 then round(ai_headcount::numeric / headcount, 4)::float8 end as share
        from answer
        order by kind, ord, period_start`,
  );

  const measures = (r: TrendRow) => ({
    headcount: Number(r.headcount),
    ai_attributed_headcount: Number(r.ai_headcount),
    ai_attributed_share: r.share === null ? null : Number(r.share),
    events: Number(r.events),
  });
  const byKey = new Map<string, LayoffTrend['series'][number]>();
  const zero = { headcount: 0, ai_attributed_headcount: 0, ai_attributed_share: null, events: 0 };
  let totals: LayoffTrend['totals'] = zero;
  for (const r of rows) {
    if (r.kind === 2) {
      totals = measures(r);
      continue;
    }
    const key = r.key!;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { key, label: r.label!, totals: zero, points: [] }));
    if (r.kind === 0) {
      const partial = isPartialLayoffPeriod(interval, r.period_start!, spec.today ?? todayUtc());
      s.points.push({ period_start: r.period_start!, period: r.period!, partial, ...measures(r) });
    }
    else s.totals = measures(r);
  }
  return { interval, from, to, group_by: groupBy, totals, series: [...byKey.values()] };
}

/** The series of a closed vocabulary, in display order, narrowed by the filters on the same dimension. */
function fixedSeries(groupBy: Exclude<TrendGroup, 'company'> | null, filters: TrendSpec['filters']) {
  if (groupBy === 'company_category') {
    return COMPANY_CATEGORIES.filter((c) => !filters.companyCategory || filters.companyCategory.includes(c.key)).map((c, ord) => ({
      key: c.key,
      label: c.label,
      ord,
    }));
  }
  if (groupBy === 'ai_attributed') {
    return [
      { key: 'true', label: 'Attributed to AI', ord: 0 },
      { key: 'false', label: 'Not attributed to AI', ord: 1 },
    ].filter((s) => filters.aiAttributed === undefined || s.key === String(filters.aiAttributed));
  }
  return [{ key: 'all', label: 'All layoffs', ord: 0 }];
}
