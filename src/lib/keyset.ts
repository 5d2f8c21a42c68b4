import { sql, type SQL } from 'drizzle-orm';
import type { CursorCodec } from './cursor.js';
import { ValidationProblem } from './errors.js';

/**
 * Newest-first keyset paging over `(created_at, id)`, for the lists a caller owns (saved searches,
 * webhook endpoints, deliveries). `list` names the list and its filters, so a cursor of one cannot
 * page another.
 */
export const newestFirst = {
  /** `(created_at, id) < cursor's`; a 400 naming `cursor` for anything this API did not issue. */
  after(cursors: CursorCodec, cursor: string, list: string, createdAt: SQL, id: SQL): SQL {
    const [at, last] = cursors.decode(cursor, { sort: 'newest', fingerprint: list }).k;
    if (typeof at !== 'string' || typeof last !== 'string' || Number.isNaN(Date.parse(at)) || last.length > 100) {
      throw new ValidationProblem([{ name: 'cursor', reason: 'is not a cursor issued by this API' }]);
    }
    return sql`(${createdAt}, ${id}::text) < (${at}::timestamptz, ${last}::text)`;
  },

  /** The cursor after the page's last row, or null when there is no more. */
  next(cursors: CursorCodec, list: string, last: { createdAt: Date; id: string } | undefined, more: boolean): string | null {
    return more && last ? cursors.encode({ s: 'newest', f: list, k: [last.createdAt.toISOString(), last.id] }) : null;
  },
};
