export {
  createClient,
  IDEMPOTENT_POSTS,
  type BatchItem,
  type BatchResult,
  type BodyOf,
  type ClientOptions,
  type Company,
  type CompanyPage,
  type ConditionalResult,
  type GuardedWriteOptions,
  type HiringRadarClient,
  type Job,
  type JobPage,
  type JsonMedia,
  type KeyedWriteOptions,
  type ListParams,
  type Params,
  type PartnerJob,
  type PartnerJobCreateInput,
  type PartnerJobInput,
  type PartnerJobPatch,
  type QueryOf,
  type RawClient,
  type RequestOptions,
  type WriteOptions,
  type WriteResult,
  type Written,
} from './client.js';
export { CACHE_STATUS_HEADER, MemoryEtagCache, etagFetch, type CachedResponse, type EtagCache } from './etag.js';
export { HiringRadarError, retryAfterMs, type Problem, type ProblemFieldError } from './errors.js';
export { Paginator, type CursorPage } from './pagination.js';
export { IDEMPOTENCY_IN_PROGRESS, isRetrySafe, retryingFetch, type FetchLike, type RetryInfo, type RetryOptions } from './retry.js';
export type { components, operations, paths } from './schema.js';
