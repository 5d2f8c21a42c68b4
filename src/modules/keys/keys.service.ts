import { and, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { apiKeys, companies } from '../../db/tables.js';
import type { KeyTier, Scope } from '../../reference/taxonomy.js';
import type { Database } from '../../db/index.js';
import { generateKey } from '../../lib/api-key.js';
import { fingerprint, type CursorCodec } from '../../lib/cursor.js';
import { NotFoundProblem, ValidationProblem } from '../../lib/errors.js';
import type { ApiKey, CreateKeyBody, KEY_STATUSES } from './keys.schemas.js';
import { DAY_MS } from '../../lib/days.js';
import { isUuid } from '../../lib/ids.js';

/** What authentication needs to know about a key. */
export interface KeyRecord {
  id: string;
  prefix: string;
  secretHash: string;
  name: string;
  tier: KeyTier;
  scopes: Scope[];
  companyId: string | null;
  companySlug: string | null;
  companyName: string | null;
  rotatedFrom: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const keyColumns = {
  id: apiKeys.id,
  prefix: apiKeys.prefix,
  secretHash: apiKeys.secretHash,
  name: apiKeys.name,
  tier: apiKeys.tier,
  scopes: apiKeys.scopes,
  companyId: apiKeys.companyId,
  companySlug: companies.slug,
  companyName: companies.name,
  rotatedFrom: apiKeys.rotatedFrom,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

function selectKeys(db: Database) {
  return db.select(keyColumns).from(apiKeys).leftJoin(companies, eq(companies.id, apiKeys.companyId));
}

export function keyStatus(k: Pick<KeyRecord, 'revokedAt' | 'expiresAt'>, now = new Date()): ApiKey['status'] {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && k.expiresAt <= now) return 'expired';
  return 'active';
}

export function toApiKey(k: KeyRecord): ApiKey {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    tier: k.tier,
    scopes: k.scopes,
    company: k.companyId ? { id: k.companyId, slug: k.companySlug!, name: k.companyName! } : null,
    status: keyStatus(k),
    rotated_from: k.rotatedFrom,
    created_at: k.createdAt.toISOString(),
    expires_at: k.expiresAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
  };
}


export async function findKeyByPrefix(db: Database, prefix: string): Promise<KeyRecord | undefined> {
  const [row] = await selectKeys(db).where(eq(apiKeys.prefix, prefix)).limit(1);
  return row as KeyRecord | undefined;
}

export async function getKey(db: Database, id: string): Promise<KeyRecord> {
  const [row] = isUuid(id) ? await selectKeys(db).where(eq(apiKeys.id, id)).limit(1) : [];
  if (!row) throw new NotFoundProblem(`No API key with id ${JSON.stringify(id)}.`);
  return row as KeyRecord;
}

export function defaultScopes(partner: boolean): Scope[] {
  return partner ? ['jobs:read', 'jobs:write', 'analytics:read'] : ['jobs:read', 'analytics:read'];
}

/** Creates a key and returns it with its secret, which exists nowhere else from then on. */
export async function createKey(db: Database, input: CreateKeyBody): Promise<{ key: KeyRecord; secret: string }> {
  let companyId: string | null = null;
  if (input.company) {
    const [company] = await db.select({ id: companies.id }).from(companies).where(eq(companies.slug, input.company)).limit(1);
    if (!company) throw new ValidationProblem([{ name: '/company', reason: `no company with slug ${input.company}` }]);
    companyId = company.id;
  }
  const scopes = input.scopes ?? defaultScopes(companyId !== null);
  const problems = [];
  if (scopes.includes('jobs:write') && !companyId) {
    problems.push({ name: '/scopes', reason: 'jobs:write needs a company: a partner key acts for exactly one company' });
  }
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && expiresAt <= new Date()) problems.push({ name: '/expires_at', reason: 'must be in the future' });
  if (problems.length) throw new ValidationProblem(problems);
  const generated = generateKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ prefix: generated.prefix, secretHash: generated.hash, name: input.name, companyId, scopes, tier: input.tier, expiresAt })
    .returning({ id: apiKeys.id });
  return { key: await getKey(db, row!.id), secret: generated.secret };
}

export async function revokeKey(db: Database, id: string): Promise<KeyRecord> {
  const key = await getKey(db, id);
  // Idempotent: the first revocation time stands.
  if (!key.revokedAt) await db.update(apiKeys).set({ revokedAt: sql`now()` }).where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)));
  return getKey(db, key.id);
}

/**
 * Issues a new secret with the same name, owner, scopes and tier; the old key keeps working
 * until `oldKeyExpiresAt` (default: a day from now; never later than it would have anyway), so
 * clients can switch over. Returns the old key's prefix too, for callers that cache keys.
 */
export async function rotateKey(
  db: Database,
  id: string,
  oldKeyExpiresAt = new Date(Date.now() + DAY_MS),
): Promise<{ key: KeyRecord; secret: string; oldPrefix: string }> {
  const old = await getKey(db, id);
  if (keyStatus(old) !== 'active') {
    throw new ValidationProblem([{ name: 'id', reason: `the key is ${keyStatus(old)}; only an active key can be rotated` }]);
  }
  const generated = generateKey();
  const newId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        prefix: generated.prefix,
        secretHash: generated.hash,
        name: old.name,
        companyId: old.companyId,
        scopes: old.scopes,
        tier: old.tier,
        expiresAt: old.expiresAt,
        rotatedFrom: old.id,
      })
      .returning({ id: apiKeys.id });
    const until = old.expiresAt && old.expiresAt < oldKeyExpiresAt ? old.expiresAt : oldKeyExpiresAt;
    await tx.update(apiKeys).set({ expiresAt: until }).where(eq(apiKeys.id, old.id));
    return row!.id;
  });
  return { key: await getKey(db, newId), secret: generated.secret, oldPrefix: old.prefix };
}

/** Which keys to list: optional filters and one page (at most `limit`, after `cursor`). */
export interface KeyListing {
  company?: string | undefined;
  tier?: KeyTier | undefined;
  status?: (typeof KEY_STATUSES)[number] | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export async function listKeys(
  deps: { db: Database; cursors: CursorCodec },
  query: KeyListing,
): Promise<{ data: ApiKey[]; next_cursor: string | null; total: number; total_relation: 'eq' }> {
  const { db, cursors } = deps;
  const limit = query.limit ?? 20;
  const conditions: SQL[] = [];
  if (query.company) conditions.push(eq(companies.slug, query.company));
  if (query.tier) conditions.push(eq(apiKeys.tier, query.tier));
  if (query.status === 'revoked') conditions.push(isNotNull(apiKeys.revokedAt));
  if (query.status === 'expired') conditions.push(and(isNull(apiKeys.revokedAt), lte(apiKeys.expiresAt, sql`now()`))!);
  if (query.status === 'active') {
    conditions.push(and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)))!);
  }
  const fp = fingerprint({ company: query.company, tier: query.tier, status: query.status });
  const pageConditions = [...conditions];
  if (query.cursor) {
    const [createdAt, id] = cursors.decode(query.cursor, { sort: 'newest', fingerprint: fp }).k;
    if (typeof createdAt !== 'string' || typeof id !== 'string') {
      throw new ValidationProblem([{ name: 'cursor', reason: 'is not a cursor issued by this API' }]);
    }
    pageConditions.push(sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const [rows, [count]] = await Promise.all([
    selectKeys(db)
      .where(pageConditions.length ? and(...pageConditions) : undefined)
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .limit(limit + 1),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(apiKeys)
      .leftJoin(companies, eq(companies.id, apiKeys.companyId))
      .where(conditions.length ? and(...conditions) : undefined),
  ]);
  const hasMore = rows.length > limit;
  const page = (hasMore ? rows.slice(0, limit) : rows) as KeyRecord[];
  const last = page.at(-1);
  return {
    data: page.map(toApiKey),
    next_cursor: hasMore && last ? cursors.encode({ s: 'newest', f: fp, k: [last.createdAt.toISOString(), last.id] }) : null,
    total: count?.n ?? 0,
    // Keys are few: always counted exactly.
    total_relation: 'eq',
  };
}

/** Writes the latest use of many keys in one statement (never moving a time backwards). */
export async function recordKeyUse(db: Database, uses: Map<string, Date>): Promise<void> {
  if (uses.size === 0) return;
  const ids = [...uses.keys()];
  const times = ids.map((id) => uses.get(id)!.toISOString());
  await db.execute(sql`
    update ${apiKeys} set last_used_at = v.t
    from unnest(ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[],
                ARRAY[${sql.join(times.map((t) => sql`${t}`), sql`, `)}]::timestamptz[]) as v(id, t)
    where ${apiKeys.id} = v.id and (${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < v.t)`);
}
