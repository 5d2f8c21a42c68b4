import type { ValidateFunction } from 'ajv';
import type { TSchema } from 'typebox';
import { createAjv } from '../lib/ajv.js';
import { ValidationProblem, type FieldError } from '../lib/errors.js';
import { fieldErrors, type AjvError } from '../lib/field-errors.js';

/**
 * GraphQL arguments become the REST request they stand for, which is then checked by the very
 * schema of the REST route and parsed by its parse function: filters, sorts, limits and cursors
 * cannot mean anything else here. Problems name the GraphQL argument (`filter.salaryMin`, `first`).
 */

// The options the REST routes' validator runs with (src/lib/ajv.ts, as buildApp).
const ajv = createAjv();
const compiled = new WeakMap<TSchema, ValidateFunction>();

function validator(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

// Field names are few and repeat for every node of every connection: convert each once (bounded,
// in case a map with free-form keys passes through).
const camelNames = new Map<string, string>();
export function camel(name: string): string {
  let converted = camelNames.get(name);
  if (converted === undefined) {
    converted = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelNames.size < 10_000) camelNames.set(name, converted);
  }
  return converted;
}
export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** How REST parameter names read in GraphQL: filter fields under `filter.`, paging as `first`/`after`. */
export function argumentName(restName: string, filterKeys: ReadonlySet<string> = JOB_FILTER_KEYS): string {
  if (restName === 'limit') return 'first';
  if (restName === 'cursor') return 'after';
  if (filterKeys.has(restName)) return `filter.${camel(restName)}`;
  return camel(restName);
}

/** Renames the problems a REST check, parse or service call (a cursor) raised to GraphQL argument names. */
export function renamed<T>(fn: () => T, rename: (name: string) => string = argumentName): T {
  const convert = (err: unknown) => {
    if (err instanceof ValidationProblem && err.errors) return new ValidationProblem(err.errors.map((e) => ({ ...e, name: rename(e.name) })));
    return err;
  };
  try {
    const result = fn();
    if (result instanceof Promise) {
      return result.catch((err: unknown) => {
        throw convert(err);
      }) as T;
    }
    return result;
  } catch (err) {
    throw convert(err);
  }
}

/** Checks a REST query string built from arguments against the route's schema (defaults applied). */
export function restQuery<T>(schema: TSchema, query: Record<string, unknown>, rename: (name: string) => string = argumentName): T {
  const value = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null));
  const validate = validator(schema);
  if (!validate(value)) {
    const errors: FieldError[] = fieldErrors(validate.errors as AjvError[], 'querystring').map((e) => ({ ...e, name: rename(e.name) }));
    throw new ValidationProblem(errors);
  }
  return value as T;
}

/** Checks a REST body built from an input against the route's schema; problems name `<argument>.<field>`. */
export function restBody<T>(schema: TSchema, body: unknown, argument: string): T {
  const validate = validator(schema);
  if (!validate(body)) throw new ValidationProblem(fieldErrors(validate.errors as AjvError[], 'body').map((e) => ({ ...e, name: pointerToPath(argument, e.name) })));
  return body as T;
}

/** `/salary/max` under `job` → `job.salary.max` (snake_case fields back to camelCase). */
export function pointerToPath(argument: string, pointer: string): string {
  const parts = pointer.split('/').filter(Boolean).map((p) => camel(p.replace(/~1/g, '/').replace(/~0/g, '~')));
  return [argument, ...parts].filter(Boolean).join('.');
}

/** Keys of the job filters, in REST spelling. */
export const JOB_FILTER_KEYS: ReadonlySet<string> = new Set([
  'q', 'role', 'seniority', 'domain', 'company', 'company_category', 'workplace', 'employment_type', 'country', 'skills',
  'salary_min', 'salary_max', 'posted_after', 'posted_before', 'status',
]);

export interface GqlJobFilter {
  q?: string | null;
  role?: readonly string[] | null;
  seniority?: readonly string[] | null;
  domain?: readonly string[] | null;
  company?: readonly string[] | null;
  companyCategory?: readonly string[] | null;
  workplace?: readonly string[] | null;
  employmentType?: readonly string[] | null;
  country?: readonly string[] | null;
  skills?: readonly string[] | null;
  salaryMin?: number | null;
  salaryMax?: number | null;
  postedAfter?: string | null;
  postedBefore?: string | null;
  status?: string | null;
}

/** Any GraphQL filter input as REST query parameters: snake_case names, lists comma-joined. */
export function filterQuery(filter: object | null | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (value === undefined || value === null) continue;
    out[snake(key)] = Array.isArray(value) ? value.join(',') : (value as string | number | boolean);
  }
  return out;
}

/** `company_category` → `companyCategory`, at the type level (as camel()). */
export type CamelName<S extends string> = S extends `${infer Head}_${infer C}${infer Rest}` ? `${Head}${Uppercase<C>}${CamelName<Rest>}` : S;

/** The type camelize() turns a REST answer into: plain objects' keys camelCased, deeply. */
export type Camelized<T> = T extends readonly (infer U)[]
  ? Camelized<U>[]
  : T extends Date | ((...args: never[]) => unknown)
    ? T
    : T extends object
      ? { [K in keyof T as K extends string ? CamelName<K> : K]: Camelized<T[K]> }
      : T;

/** Deep snake_case → camelCase of a REST answer (values untouched). */
export function camelize<T>(value: T): Camelized<T>;
export function camelize<T = unknown>(value: unknown): T;
export function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v: unknown) => camelize(v));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k in value) out[camel(k)] = camelize((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Object.entries keeping the key type of a record whose keys are a closed set (enum values). */
export function entries<K extends string, V>(record: Partial<Record<K, V>>): [K, V][] {
  return Object.entries(record) as [K, V][];
}

/** A REST list page (exactly counted) as a GraphQL connection: `nodes`, `pageInfo` continuing after the page, the count. */
export function listConnection<T, U>(page: { data: T[]; next_cursor: string | null; total: number }, node: (item: T) => U) {
  return {
    nodes: page.data.map(node),
    pageInfo: { hasNextPage: page.next_cursor !== null, endCursor: page.next_cursor },
    totalCount: page.total,
    totalCountRelation: 'eq' as const,
  };
}
