import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationProblem } from './errors.js';

/**
 * Opaque, tamper-evident keyset cursors: base64url(JSON payload) + '.' + a truncated HMAC.
 * The payload names the query it belongs to, so a cursor cannot be replayed against another
 * sort or filter set, and any edited byte answers 400 instead of silently skipping rows.
 */
export interface CursorPayload {
  /** Sort the cursor was made for. */
  s: string;
  /** Fingerprint of the filters. */
  f: string;
  /** The last row's sort key and id. */
  k: (string | number)[];
}

const TAG_BYTES = 12;

export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(payload: CursorPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.tag(body)}`;
  }

  /** Decodes a cursor or throws a 400 naming the `cursor` parameter. */
  decode(cursor: string, expected: { sort: string; fingerprint: string }): CursorPayload {
    const invalid = (reason: string) => new ValidationProblem([{ name: 'cursor', reason }]);
    const [body, tag, extra] = cursor.split('.');
    if (!body || !tag || extra !== undefined) throw invalid('is not a cursor issued by this API');
    const expectedTag = Buffer.from(this.tag(body));
    const givenTag = Buffer.from(tag);
    if (givenTag.length !== expectedTag.length || !timingSafeEqual(givenTag, expectedTag)) {
      throw invalid('is not a cursor issued by this API (it was altered or truncated)');
    }
    let payload: CursorPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPayload;
    } catch {
      throw invalid('is not a cursor issued by this API');
    }
    if (payload.s !== expected.sort || payload.f !== expected.fingerprint) {
      throw invalid('belongs to a different query: keep the same filters and sort while paging');
    }
    return payload;
  }

  private tag(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest().subarray(0, TAG_BYTES).toString('base64url');
  }
}

/** A stable fingerprint of a filter object (key order does not matter). */
export function fingerprint(filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(filters)
      .sort()
      .filter((k) => filters[k] !== undefined)
      .map((k) => [k, filters[k]]),
  );
  return createHmac('sha256', 'filters').update(canonical).digest().subarray(0, 8).toString('base64url');
}
