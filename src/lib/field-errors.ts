import type { FieldError } from './errors.js';
import { patternHints } from './schemas.js';

export interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Fields a client might try to set but the server owns: named as such when refused. */
export const SERVER_OWNED_FIELDS = new Set([
  'id', 'company', 'company_id', 'status', 'close_reason', 'closed_at', 'created_at', 'updated_at', 'version',
  'annual_usd_min', 'annual_usd_max', 'fx_as_of', 'search',
]);

/** Maps validator errors to `{name, reason}`: parameter names for query/params, JSON pointers for bodies. */
export function fieldErrors(validation: AjvError[], context: string, pointerPrefix = ''): FieldError[] {
  const inBody = context === 'body';
  const seen = new Set<string>();
  const out: FieldError[] = [];
  // A closed vocabulary is `{type: "string", enum}`: for a value of another type, "must be one of …"
  // says more than "must be string".
  const enumPaths = new Set(validation.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  for (const e of validation) {
    if (e.keyword === 'type' && enumPaths.has(e.instancePath) && e.params.type === 'string') continue;
    let path = e.instancePath;
    let reason = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      path += `/${String(e.params.missingProperty)}`;
      reason = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      path += `/${String(e.params.additionalProperty)}`;
      reason = !inBody
        ? 'is not a known parameter'
        : SERVER_OWNED_FIELDS.has(String(e.params.additionalProperty))
          ? 'is set by the server and cannot be written'
          : 'is not a known field';
    } else if (e.keyword === 'pattern') {
      reason = patternHints.get(String(e.params.pattern)) ?? 'has an invalid format';
    } else if (e.keyword === 'enum') {
      reason = `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    } else if (e.keyword === 'anyOf') {
      // The branches' own errors (reported just before) say more than "must match a schema in anyOf".
      continue;
    }
    // The body as a whole (missing, not an object) is named `body`, not by the empty root pointer.
    const name = inBody ? pointerPrefix + path || 'body' : decodePointer(path).replace(/^\//, '') || context;
    const key = `${name}\u0000${reason}`;
    if (seen.has(key) || (inBody ? false : out.some((o) => o.name === name))) continue;
    seen.add(key);
    out.push({ name, reason });
  }
  return out;
}

function decodePointer(pointer: string): string {
  return pointer.replace(/~1/g, '/').replace(/~0/g, '~');
}
