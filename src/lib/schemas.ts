import { Type, type TSchema, type TUnsafe } from 'typebox';

/**
 * Friendly reasons for pattern-checked parameters, keyed by the pattern itself: the validator
 * reports only the pattern, and a 40-alternative regex is no help to a client.
 */
export const patternHints = new Map<string, string>();

function hinted(pattern: string, hint: string): string {
  patternHints.set(pattern, hint);
  return pattern;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** A comma-separated list of values from a closed vocabulary, e.g. `role=llm_engineer,applied_ml`. */
export function csvEnum(values: readonly string[], description: string) {
  const alternatives = `(?:${values.map(escapeRegex).join('|')})`;
  const pattern = hinted(
    `^${alternatives}(?:,${alternatives})*$`,
    `must be one or more of ${values.join(', ')} (comma-separated)`,
  );
  return Type.String({ pattern, maxLength: 2000, description: `${description} Comma-separated list; any of: ${values.map((v) => `\`${v}\``).join(', ')}.` });
}

/** A comma-separated list of tokens that match `item` (a regex without anchors). */
export function csvPattern(item: string, itemHint: string, description: string, maxItems = 50) {
  const pattern = hinted(`^${item}(?:,${item}){0,${maxItems - 1}}$`, `must be a comma-separated list of at most ${maxItems} ${itemHint}`);
  return Type.String({ pattern, maxLength: 4000, description: `${description} Comma-separated list (at most ${maxItems}).` });
}

/** Free text without control characters (NUL and friends are never valid search input). */
export const NO_CONTROL_CHARS = hinted('^[^\\u0000-\\u001f\\u007f]*$', 'must not contain control characters');

/** A calendar date or an RFC 3339 date-time; the value is range-checked when parsed. */
export const DATE_OR_DATETIME = hinted(
  '^\\d{4}-\\d{2}-\\d{2}(?:[Tt ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:[Zz]|[+-]\\d{2}:\\d{2}))?$',
  'must be a date (YYYY-MM-DD) or an RFC 3339 date-time (e.g. 2026-03-01T00:00:00Z)',
);

export const SLUG_ITEM = '[a-z0-9]+(?:-[a-z0-9]+)*';

/**
 * One value of a closed vocabulary: `{ type: "string", enum: [...] }`. The `type` makes the OpenAPI
 * document (and the clients generated from it) say "string union" rather than "any"; the `enum`
 * keyword is what validation reports ("must be one of …").
 */
export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });

export const LimitParam = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size, 1 to 100.' });

export const CursorParam = Type.String({
  maxLength: 2048,
  description: 'Opaque cursor from a previous page\'s `next_cursor`. Keep the other parameters unchanged while paging.',
});

/** How a count relates to the true number: `eq` exact, `gte` at least (counting stopped at its bound). */
export const TOTAL_RELATIONS = ['eq', 'gte'] as const;

/** The envelope every list endpoint answers with. */
export function listOf<T extends TSchema>(item: T, extra: Record<string, TSchema> = {}, options: { title?: string; description?: string } = {}) {
  return Type.Object(
    {
    data: Type.Array(item),
    next_cursor: Nullable(Type.String({ description: 'Cursor of the next page; null on the last page.' })),
    total: Type.Integer({
      minimum: 0,
      description:
        'How many items match, over all pages: exact up to the counting bound (10,000 by default), and that bound when more match ' +
        '(see `total_relation`).',
    }),
    total_relation: StringEnum(TOTAL_RELATIONS, {
      description:
        '`eq`: `total` is exact. `gte`: at least `total` items match; counting stopped at the bound so that no request pays for ' +
        'counting every match (as `track_total_hits` in Elasticsearch). Walking every page still returns every match.',
    }),
    ...extra,
    },
    options,
  );
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference naming the problem type.' }),
    title: Type.String({ description: 'Short summary of the problem type.' }),
    status: Type.Integer({ description: 'The HTTP status code.' }),
    detail: Type.Optional(Type.String({ description: 'What went wrong with this request.' })),
    instance: Type.Optional(Type.String({ description: 'The request path.' })),
    request_id: Type.Optional(Type.String({ description: 'Also in the server log line and the x-request-id header.' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          name: Type.String({ description: 'Query or path parameter name, or JSON pointer into the body.' }),
          reason: Type.String(),
        }),
        { description: 'One entry per invalid input (validation errors only).' },
      ),
    ),
  },
  { $id: 'Problem', title: 'Problem', description: 'RFC 9457 problem details.' },
);
