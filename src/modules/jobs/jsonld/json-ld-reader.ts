/** Reading primitives for JSON-LD input: own properties, single-or-array values, value objects, and the error/source context. */
import type { FieldError } from '../../../lib/errors.js';

export type Obj = Record<string, unknown>;

/** What a read collects: the errors (pointers into the document) and where each input field came from. */
export interface Ctx {
  errors: FieldError[];
  sources: Record<string, string>;
}

export function fail(ctx: Ctx, name: string, reason: string): void {
  ctx.errors.push({ name, reason });
}

export function hasError(ctx: Ctx, pointer: string): boolean {
  return ctx.errors.some((e) => e.name === pointer || e.name.startsWith(pointer + '/'));
}

export function from(ctx: Ctx, inputPointer: string, docPointer: string): void {
  ctx.sources[inputPointer] = docPointer;
}

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property (never one inherited from a prototype); JSON-LD treats null as absent. */
export function own(o: Obj, key: string): unknown {
  if (!Object.hasOwn(o, key)) return undefined;
  const v = o[key];
  return v === null ? undefined : v;
}

/** JSON pointer segment. */
export function seg(key: string | number): string {
  return '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The values of a property that may be single or an array, with their pointers. */
export function listOf(v: unknown, pointer = ''): Array<[string, unknown]> {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => (x === null ? [] : [[`${pointer}/${i}`, x] as [string, unknown]]));
  return [[pointer, v]];
}

/** The string of a JSON-LD value object `{"@value": "…"}`; anything else is returned as is. */
export function textValue(v: unknown): unknown {
  if (isObject(v) && Object.hasOwn(v, '@value')) return v['@value'];
  return v;
}

/** One text property: a string, a value object, or a one-element array of either. */
export function readTextAt(ctx: Ctx, value: unknown, pointer: string): string | undefined {
  const items = listOf(value, pointer);
  if (items.length > 1) {
    fail(ctx, pointer, 'must be a single string');
    return undefined;
  }
  const [p, item] = items[0] ?? [pointer, undefined];
  const v = textValue(item);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    fail(ctx, p, 'must be a string');
    return undefined;
  }
  return v;
}

export function readText(ctx: Ctx, o: Obj, key: string): string | undefined {
  return readTextAt(ctx, own(o, key), seg(key));
}
