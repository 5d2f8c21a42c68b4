import createFetchClient, { type Client, type ClientPathsWithMethod, type MaybeOptionalInit, type MethodResponse } from 'openapi-fetch';
import { CACHE_STATUS_HEADER, etagFetch, MemoryEtagCache, type EtagCache } from './etag.js';
import { HiringRadarError } from './errors.js';
import { Paginator } from './pagination.js';
import { retryingFetch, type FetchLike, type RetryOptions } from './retry.js';
import type { components, operations, paths } from './schema.js';

/** Media types whose bodies openapi-fetch types as `data`: JSON (not JSON-LD, not problem+json). */
export type JsonMedia = `${string}/json`;
/** The openapi-fetch client over every operation of the OpenAPI document. */
export type RawClient = Client<paths, JsonMedia>;

type Operation = keyof operations;
/** The query parameters of an operation. */
export type QueryOf<O extends Operation> = NonNullable<operations[O]['parameters']['query']>;
/** The JSON body of an operation. */
export type BodyOf<O extends Operation> = NonNullable<operations[O]['requestBody']> extends { content: { 'application/json': infer B } } ? B : never;
/** Query parameters as the SDK takes them: comma-separated lists (`role`, `skills`, `facets`…) also as arrays. */
export type Params<Q> = { [K in keyof Q]?: Q[K] | (string extends NonNullable<Q[K]> ? readonly string[] : never) };
/** A list's parameters; the paginator follows `next_cursor` itself (a `cursor` given here is where it starts). */
export type ListParams<O extends Operation> = Params<QueryOf<O>>;

export type Job = components['schemas']['Job'];
export type Company = components['schemas']['Company'];
export type PartnerJob = components['schemas']['PartnerJob'];
export type JobPage = MethodResponse<RawClient, 'get', '/v1/jobs'>;
export type CompanyPage = MethodResponse<RawClient, 'get', '/v1/companies'>;
export type PartnerJobInput = BodyOf<'putPartnerJob'>;
export type PartnerJobCreateInput = BodyOf<'createPartnerJob'>;
export type PartnerJobPatch = BodyOf<'patchPartnerJob'>;
export type BatchItem = BodyOf<'batchPartnerJobs'>['items'][number];
export type BatchResult = MethodResponse<RawClient, 'post', '/v1/partner/jobs/batch'>;

export interface ClientOptions {
  /** The API's origin, e.g. `https://api.example.com` (default `http://localhost:3000`). */
  baseUrl?: string;
  /** An API key (`hr_live_…`) or an internal JWT, sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** The fetch to use (default globalThis.fetch): a proxy, a test double, instrumentation. */
  fetch?: FetchLike;
  /** Retries of 429/503 and network errors for retry-safe requests: a count (default 2), options, or false. */
  retries?: number | false | RetryOptions;
  /** Where ETag-validated GET answers are kept (default: in memory, 500 entries); false sends no conditional GETs. */
  etagCache?: EtagCache | false;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Makes Idempotency-Keys (default crypto.randomUUID). */
  idempotencyKey?: () => string;
}

/** POST routes that honour Idempotency-Key: the SDK sends one (new per call) unless the caller did. */
export const IDEMPOTENT_POSTS: ReadonlySet<string> = new Set(['/v1/partner/jobs', '/v1/partner/jobs/{external_id}/reopen', '/v1/partner/jobs/batch', '/v1/admin/layoffs']);

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers for this request. */
  headers?: Record<string, string>;
}

export interface WriteOptions<D extends boolean = false> extends RequestOptions {
  /** `?dry_run=true`: validate and report what would change, writing nothing. */
  dryRun?: D;
}

export interface KeyedWriteOptions<D extends boolean = false> extends WriteOptions<D> {
  /** The Idempotency-Key (default: a new UUID per call, reused by that call's retries). */
  idempotencyKey?: string;
}

export interface GuardedWriteOptions<D extends boolean = false> extends WriteOptions<D> {
  /** The ETag the change is based on: another write in between makes it a 412. */
  ifMatch?: string;
}

/** What a write answered, besides its body. */
export interface WriteResult<T> {
  data: T;
  status: number;
  /** The posting's ETag after the write (for a later If-Match). */
  etag: string | null;
  /** `created`, `updated`, `unchanged`, `closed`, `reopened` (the X-Result header), when the route says. */
  result: string | null;
  /** True when the server replayed the stored answer of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
  /** The Idempotency-Key sent (null for PUT/PATCH/DELETE, which need none). */
  idempotencyKey: string | null;
  requestId: string | null;
  response: Response;
}

/** The answer of a conditional GET (see `client.conditionalGet`). */
export interface ConditionalResult<T> {
  data: T;
  etag: string | null;
  /** True when the server answered 304 and `data` is the kept copy. */
  fromCache: boolean;
  response: Response;
}

type DryRunOf<T> = Extract<T, { dry_run: true }>;
/** A write's body: the posting, or on a dry run the report of what would change. */
export type Written<T, D extends boolean> = D extends true ? DryRunOf<T> : Exclude<T, { dry_run: true }>;

type FetchResult = { data?: unknown; error?: unknown; response: Response };

async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw HiringRadarError.from(error, response);
  return data as T;
}

function writeResult<T>(res: FetchResult, idempotencyKey: string | null): WriteResult<T> {
  const { response } = res;
  if (!response.ok) throw HiringRadarError.from(res.error, response);
  return {
    data: res.data as T,
    status: response.status,
    etag: response.headers.get('etag'),
    result: response.headers.get('x-result'),
    replayed: response.headers.get('idempotent-replayed') === 'true',
    idempotencyKey,
    requestId: response.headers.get('x-request-id'),
    response,
  };
}

const dryRunQuery = (dryRun: boolean | undefined) => (dryRun ? { dry_run: true } : {});

/**
 * A Hiring Radar client: typed resource helpers over the REST API, and `raw`, the openapi-fetch
 * client, for every operation of the OpenAPI document.
 */
export function createClient(options: ClientOptions = {}) {
  const newKey = options.idempotencyKey ?? (() => globalThis.crypto.randomUUID());
  const base: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const retry = options.retries === false ? { retries: 0 } : typeof options.retries === 'number' ? { retries: options.retries } : (options.retries ?? {});
  const cache = options.etagCache === false ? undefined : (options.etagCache ?? new MemoryEtagCache());
  // openapi-fetch → conditional GETs → retries → the network: a retried GET keeps its If-None-Match.
  const withRetries = retryingFetch(base, retry);
  const transport = cache ? etagFetch(withRetries, cache) : withRetries;

  const raw: RawClient = createFetchClient<paths, JsonMedia>({
    baseUrl: options.baseUrl ?? 'http://localhost:3000',
    fetch: transport,
    headers: { ...options.headers, ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
    // The API takes lists comma-separated: role=llm_engineer,applied_ml.
    querySerializer: { array: { style: 'form', explode: false } },
  });
  raw.use({
    onRequest({ request, schemaPath }) {
      if (request.method === 'POST' && IDEMPOTENT_POSTS.has(schemaPath) && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', newKey());
      }
      return request;
    },
  });

  const init = (o: RequestOptions | undefined) => ({ ...(o?.signal ? { signal: o.signal } : {}), ...(o?.headers ? { headers: o.headers } : {}) });
  // The SDK's Params allow arrays where the schema says string; the query serializer joins them.
  const q = <O extends Operation>(query: Params<QueryOf<O>> | undefined) => (query ?? {}) as QueryOf<O>;
  const paged = <P extends { data: unknown[]; next_cursor: string | null }>(
    query: { cursor?: unknown } | undefined,
    fetchPage: (cursor: string | undefined) => Promise<P>,
  ) => new Paginator<P>(fetchPage, typeof query?.cursor === 'string' ? query.cursor : undefined);

  const jobs = {
    /** Search postings; iterate for every match, or take pages (`.first()`, `.pages()`). */
    list: (query?: ListParams<'listJobs'>, o?: RequestOptions) =>
      paged(query, (cursor) => unwrap(raw.GET('/v1/jobs', { params: { query: { ...q<'listJobs'>(query), ...(cursor ? { cursor } : {}) } }, ...init(o) }))),
    /** One posting (revalidated with its ETag when it was read before). */
    get: (id: string, o?: RequestOptions) => unwrap(raw.GET('/v1/jobs/{id}', { params: { path: { id } }, ...init(o) })),
    /** The change feed: one page of events after `since` (pass its next_cursor as `since` next time). */
    changes: (query?: Params<QueryOf<'listJobChanges'>>, o?: RequestOptions) =>
      unwrap(raw.GET('/v1/jobs/changes', { params: { query: q<'listJobChanges'>(query) }, ...init(o) })),
    /**
     * The change feed from `since` up to now, page after page while `has_more`; keep the last page's
     * `next_cursor` to poll on from there.
     */
    async *changePages(query?: Params<QueryOf<'listJobChanges'>>, o?: RequestOptions) {
      let since = query?.since as string | undefined;
      for (;;) {
        const page = await jobs.changes({ ...query, ...(since ? { since } : {}) }, o);
        yield page;
        if (!page.has_more || !page.next_cursor || page.next_cursor === since) return;
        since = page.next_cursor;
      }
    },
  };

  const companies = {
    list: (query?: ListParams<'listCompanies'>, o?: RequestOptions) =>
      paged(query, (cursor) => unwrap(raw.GET('/v1/companies', { params: { query: { ...q<'listCompanies'>(query), ...(cursor ? { cursor } : {}) } }, ...init(o) }))),
    get: (slug: string, o?: RequestOptions) => unwrap(raw.GET('/v1/companies/{slug}', { params: { path: { slug } }, ...init(o) })),
    /** A company's postings, with the filters of jobs.list. */
    jobs: (slug: string, query?: ListParams<'listCompanyJobs'>, o?: RequestOptions) =>
      paged(query, (cursor) =>
        unwrap(raw.GET('/v1/companies/{slug}/jobs', { params: { path: { slug }, query: { ...q<'listCompanyJobs'>(query), ...(cursor ? { cursor } : {}) } }, ...init(o) })),
      ),
    stats: (slug: string, query?: Params<QueryOf<'companyStats'>>, o?: RequestOptions) =>
      unwrap(raw.GET('/v1/companies/{slug}/stats', { params: { path: { slug }, query: q<'companyStats'>(query) }, ...init(o) })),
  };

  const salaries = {
    /** Salary statistics of the matching postings, grouped by `group_by`. */
    stats: (query?: Params<QueryOf<'getSalaryStats'>>, o?: RequestOptions) => unwrap(raw.GET('/v1/salaries', { params: { query: q<'getSalaryStats'>(query) }, ...init(o) })),
    premiums: (query?: Params<QueryOf<'getSalaryPremiums'>>, o?: RequestOptions) =>
      unwrap(raw.GET('/v1/salaries/premiums', { params: { query: q<'getSalaryPremiums'>(query) }, ...init(o) })),
    histogram: (query?: Params<QueryOf<'getSalaryHistogram'>>, o?: RequestOptions) =>
      unwrap(raw.GET('/v1/salaries/histogram', { params: { query: q<'getSalaryHistogram'>(query) }, ...init(o) })),
    reported: (query?: Params<QueryOf<'listReportedSalaryBands'>>, o?: RequestOptions) =>
      unwrap(raw.GET('/v1/salaries/reported', { params: { query: q<'listReportedSalaryBands'>(query) }, ...init(o) })),
  };

  const trends = {
    /** Postings per period (new, open or closed), by role or another dimension. */
    postings: (query?: Params<QueryOf<'postingTrends'>>, o?: RequestOptions) => unwrap(raw.GET('/v1/trends/postings', { params: { query: q<'postingTrends'>(query) }, ...init(o) })),
    emerging: (query?: Params<QueryOf<'emergingTrends'>>, o?: RequestOptions) => unwrap(raw.GET('/v1/trends/emerging', { params: { query: q<'emergingTrends'>(query) }, ...init(o) })),
    layoffs: (query?: Params<QueryOf<'layoffTrends'>>, o?: RequestOptions) => unwrap(raw.GET('/v1/trends/layoffs', { params: { query: q<'layoffTrends'>(query) }, ...init(o) })),
    market: (query?: Params<QueryOf<'marketSummary'>>, o?: RequestOptions) => unwrap(raw.GET('/v1/trends/market', { params: { query: q<'marketSummary'>(query) }, ...init(o) })),
    radar: (query?: Params<QueryOf<'weeklyRadar'>>, o?: RequestOptions) => unwrap(raw.GET('/v1/radar', { params: { query: q<'weeklyRadar'>(query) }, ...init(o) })),
  };

  const layoffs = {
    list: (query?: ListParams<'listLayoffs'>, o?: RequestOptions) =>
      paged(query, (cursor) => unwrap(raw.GET('/v1/layoffs', { params: { query: { ...q<'listLayoffs'>(query), ...(cursor ? { cursor } : {}) } }, ...init(o) }))),
    get: (id: string, o?: RequestOptions) => unwrap(raw.GET('/v1/layoffs/{id}', { params: { path: { id } }, ...init(o) })),
  };

  type CreateData = MethodResponse<RawClient, 'post', '/v1/partner/jobs'>;
  type PutData = MethodResponse<RawClient, 'put', '/v1/partner/jobs/{external_id}'>;
  type PatchData = MethodResponse<RawClient, 'patch', '/v1/partner/jobs/{external_id}'>;
  type CloseData = MethodResponse<RawClient, 'delete', '/v1/partner/jobs/{external_id}'>;
  type ReopenData = MethodResponse<RawClient, 'post', '/v1/partner/jobs/{external_id}/reopen'>;
  const keyed = (o: KeyedWriteOptions<boolean> | undefined) => {
    const key = o?.idempotencyKey ?? newKey();
    return { key, headers: { ...o?.headers, 'idempotency-key': key } };
  };
  const guarded = (o: GuardedWriteOptions<boolean> | undefined) => ({ ...o?.headers, ...(o?.ifMatch ? { 'if-match': o.ifMatch } : {}) });

  /** Writes of a partner key (scope jobs:write, bound to one company), keyed by the partner's external ids. */
  const partner = {
    /** Create a posting (409 if the external id exists); retry-safe: one Idempotency-Key per call, reused by its retries. */
    async createJob<D extends boolean = false>(job: PartnerJobCreateInput, o?: KeyedWriteOptions<D>): Promise<WriteResult<Written<CreateData, D>>> {
      const { key, headers } = keyed(o);
      const res = await raw.POST('/v1/partner/jobs', { params: { query: dryRunQuery(o?.dryRun) }, body: job, ...init(o), headers });
      return writeResult(res, key);
    },
    /** Create or replace a posting by its external id (PUT: idempotent, so retried as is). */
    async upsertJob<D extends boolean = false>(externalId: string, job: PartnerJobInput, o?: GuardedWriteOptions<D>): Promise<WriteResult<Written<PutData, D>>> {
      const res = await raw.PUT('/v1/partner/jobs/{external_id}', {
        params: { path: { external_id: externalId }, query: dryRunQuery(o?.dryRun) },
        body: job,
        ...init(o),
        headers: guarded(o),
      });
      return writeResult(res, null);
    },
    /** Change some fields (JSON merge patch: null clears). Not retried: a PATCH is not idempotent. */
    async patchJob<D extends boolean = false>(externalId: string, patch: PartnerJobPatch, o?: GuardedWriteOptions<D>): Promise<WriteResult<Written<PatchData, D>>> {
      const res = await raw.PATCH('/v1/partner/jobs/{external_id}', {
        params: { path: { external_id: externalId }, query: dryRunQuery(o?.dryRun) },
        body: patch,
        ...init(o),
        headers: guarded(o),
      });
      return writeResult(res, null);
    },
    /** Close a posting (idempotent). */
    async closeJob<D extends boolean = false>(
      externalId: string,
      o?: WriteOptions<D> & { reason?: QueryOf<'closePartnerJob'>['reason'] },
    ): Promise<WriteResult<Written<CloseData, D>>> {
      const res = await raw.DELETE('/v1/partner/jobs/{external_id}', {
        params: { path: { external_id: externalId }, query: { ...dryRunQuery(o?.dryRun), ...(o?.reason ? { reason: o.reason } : {}) } },
        ...init(o),
      });
      return writeResult(res, null);
    },
    async reopenJob<D extends boolean = false>(externalId: string, o?: KeyedWriteOptions<D>): Promise<WriteResult<Written<ReopenData, D>>> {
      const { key, headers } = keyed(o);
      const res = await raw.POST('/v1/partner/jobs/{external_id}/reopen', {
        params: { path: { external_id: externalId }, query: dryRunQuery(o?.dryRun) },
        ...init(o),
        headers,
      });
      return writeResult(res, key);
    },
    /** One of your postings (with its ETag in `client.conditionalGet` if you need it). */
    getJob: (externalId: string, o?: RequestOptions) => unwrap(raw.GET('/v1/partner/jobs/{external_id}', { params: { path: { external_id: externalId } }, ...init(o) })),
    /** Your postings, open and closed. */
    listJobs: (query?: ListParams<'listPartnerJobs'>, o?: RequestOptions) =>
      paged(query, (cursor) =>
        unwrap(raw.GET('/v1/partner/jobs', { params: { query: { ...q<'listPartnerJobs'>(query), ...(cursor ? { cursor } : {}) } }, ...init(o) })),
      ),
    /**
     * Up to 1,000 upserts/closes in one transaction, a result per item. Retry-safe: the call's
     * Idempotency-Key goes with every attempt, so a retry after a lost answer replays it.
     */
    async batch(items: BatchItem[], o?: KeyedWriteOptions<boolean>): Promise<WriteResult<BatchResult>> {
      const { key, headers } = keyed(o);
      const res = await raw.POST('/v1/partner/jobs/batch', { params: { query: dryRunQuery(o?.dryRun) }, body: { items }, ...init(o), headers });
      return writeResult(res, key);
    },
  };

  /**
   * A GET through the ETag cache, telling whether the server answered 304 (the kept copy is
   * `data`). Every GET of the client revalidates this way; this helper also returns the ETag.
   */
  async function conditionalGet<P extends ClientPathsWithMethod<RawClient, 'get'>>(
    path: P,
    ...rest: MaybeOptionalInit<paths[P], 'get'> extends infer I ? (undefined extends I ? [init?: I] : [init: I]) : never
  ): Promise<ConditionalResult<MethodResponse<RawClient, 'get', P>>> {
    const get = raw.GET as unknown as (path: string, init?: unknown) => Promise<FetchResult>;
    const res = await get(path, rest[0]);
    if (!res.response.ok) throw HiringRadarError.from(res.error, res.response);
    return {
      data: res.data as MethodResponse<RawClient, 'get', P>,
      etag: res.response.headers.get('etag'),
      fromCache: res.response.headers.get(CACHE_STATUS_HEADER) === 'revalidated',
      response: res.response,
    };
  }

  return {
    /** The openapi-fetch client (same auth, retries, ETag cache): `client.raw.GET('/v1/taxonomy')`. */
    raw,
    jobs,
    companies,
    salaries,
    trends,
    layoffs,
    partner,
    conditionalGet,
    /** Your key's budget and usage (GET /v1/usage). */
    usage: (o?: RequestOptions) => unwrap(raw.GET('/v1/usage', init(o))),
    /** The vocabularies: roles, seniorities, domains… (GET /v1/taxonomy). */
    taxonomy: (o?: RequestOptions) => unwrap(raw.GET('/v1/taxonomy', init(o))),
    /** The ETag cache in use (undefined when off). */
    etagCache: cache,
  };
}

export type HiringRadarClient = ReturnType<typeof createClient>;
