import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/tables.js';
import type { Database } from '../../db/index.js';
import { ApiError, ValidationProblem } from '../../lib/errors.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a finished response is replayed. */
const RETENTION_HOURS = 24;
/** A request that has held its key this long is presumed dead (its process crashed), so a retry may take over. */
const LOCK_SECONDS = 120;

/** A stored answer, replayed to a retry. */
export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type IdempotencyClaim = { kind: 'claimed' } | ({ kind: 'replay' } & StoredResponse);

/** Checks a client's key; `name` is how the problem names it (a header, or an argument). */
export function checkIdempotencyKey(key: unknown, name = 'Idempotency-Key'): string {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new ValidationProblem([{ name, reason: 'must be 1 to 255 visible ASCII characters (a UUID is a good choice)' }]);
  }
  return key;
}

/** The fingerprint of a request: the same key with another fingerprint is refused. */
export function requestFingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Claims `key` for `owner`: `claimed` (go ahead, then complete or release it) or `replay` (the
 * stored answer of an earlier identical request). Another request under the key is a 422; a
 * request still running with it is a 409.
 */
export async function claimIdempotencyKey(db: Database, owner: string, key: string, hash: string): Promise<IdempotencyClaim> {
  const where = and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key));
  for (let attempt = 0; attempt < 3; attempt++) {
    const [claimed] = await db
      .insert(idempotencyKeys)
      .values({ owner, key, requestHash: hash, state: 'in_progress', lockedUntil: sql`now() + ${`${LOCK_SECONDS} seconds`}::interval` })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed) return { kind: 'claimed' };
    const [record] = await db
      .select({
        requestHash: idempotencyKeys.requestHash,
        state: idempotencyKeys.state,
        responseStatus: idempotencyKeys.responseStatus,
        responseBody: idempotencyKeys.responseBody,
        responseHeaders: idempotencyKeys.responseHeaders,
        expired: sql<boolean>`${idempotencyKeys.createdAt} < now() - ${`${RETENTION_HOURS} hours`}::interval`,
        abandoned: sql<boolean>`${idempotencyKeys.lockedUntil} < now()`,
      })
      .from(idempotencyKeys)
      .where(where);
    if (!record) continue; // deleted meanwhile: claim again
    if (record.expired) {
      await db.delete(idempotencyKeys).where(where);
      continue;
    }
    if (record.requestHash !== hash) {
      throw new ApiError('idempotencyKeyReused', 'This Idempotency-Key was used with a different request; use a new key for a new request.');
    }
    if (record.state === 'in_progress') {
      if (!record.abandoned) {
        throw new ApiError('idempotencyInProgress', 'A request with this Idempotency-Key is still being processed; retry shortly.');
      }
      const [taken] = await db
        .update(idempotencyKeys)
        .set({ lockedUntil: sql`now() + ${`${LOCK_SECONDS} seconds`}::interval` })
        .where(and(where, sql`${idempotencyKeys.lockedUntil} < now()`))
        .returning({ key: idempotencyKeys.key });
      if (taken) return { kind: 'claimed' };
      continue;
    }
    return {
      kind: 'replay',
      status: record.responseStatus ?? 200,
      body: record.responseBody ?? '',
      headers: JSON.parse(record.responseHeaders ?? '{}') as Record<string, string>,
    };
  }
  throw new ApiError('idempotencyInProgress', 'This Idempotency-Key is contended; retry shortly.');
}

/** Stores the answer of a claimed request, for its retries. */
export async function completeIdempotencyKey(db: Database, owner: string, key: string, response: StoredResponse): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: 'done', responseStatus: response.status, responseBody: response.body, responseHeaders: JSON.stringify(response.headers), lockedUntil: null })
    .where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)));
}

/** Forgets a claim whose request failed on our side, so the client's retry runs again. */
export async function releaseIdempotencyKey(db: Database, owner: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)));
}
