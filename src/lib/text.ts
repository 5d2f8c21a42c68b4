import type { FieldError } from './errors.js';

/**
 * Text PostgreSQL cannot store: NUL (not allowed in `text`) and UTF-16 surrogates without their pair
 * (not valid Unicode, refused in `jsonb` and silently replaced by U+FFFD in `text`).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unstorableReason(text: string): string | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  return match[0] === '\u0000' ? 'must not contain the NUL character (U+0000)' : 'must not contain an unpaired UTF-16 surrogate (invalid Unicode)';
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The first string (value or key) in `value` that cannot be stored, as a field error: `name` is
 * the JSON pointer under `pointer`. `skip` leaves out subtrees that are checked elsewhere (batch
 * items, which report their own errors). Iterative, so deep documents cannot exhaust the stack.
 */
export function findUnstorableText(value: unknown, pointer = '', skip?: (pointer: string, value: unknown) => boolean): FieldError | undefined {
  const stack: [unknown, string][] = [[value, pointer]];
  while (stack.length) {
    const [current, at] = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      if (reason) return { name: at, reason };
    } else if (current !== null && typeof current === 'object') {
      if (skip?.(at, current)) continue;
      for (const [key, child] of Object.entries(current)) {
        const childAt = `${at}/${escapePointer(key)}`;
        const keyReason = unstorableReason(key);
        if (keyReason) return { name: childAt, reason: `(the name) ${keyReason}` };
        stack.push([child, childAt]);
      }
    }
  }
  return undefined;
}
