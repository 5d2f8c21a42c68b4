/**
 * Schema-driven fuzzing of the whole public surface: every operation of GET /openapi.json and every
 * GraphQL root field (from the schema itself), with values built from each one's own schemas, both
 * plausible and hostile, sent anonymously, with a partner key and with an admin JWT.
 *
 * The rules: no answer is a 5xx; every REST error is application/problem+json; a 400 to a request
 * that was well formed (valid URL encoding, JSON that parses, a declared content type) names at
 * least one field in `errors`; GraphQL never reports INTERNAL_SERVER_ERROR, not even inside a 200.
 *
 * Reproduce with FUZZ_SEED=<seed printed at the end> (the default seed is fixed, so CI runs are alike).
 */
import fc from 'fast-check';
import type { GraphQLSchema, IntrospectionField, IntrospectionInputTypeRef, IntrospectionObjectType, IntrospectionSchema, IntrospectionType, IntrospectionTypeRef } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlRuntime } from '../../src/graphql/runtime.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { createTestApp } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { inSeconds, signJwt } from '../helpers/jwt.js';
import { partnerPosting } from '../helpers/partner.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_701);
/** Runs per GraphQL field and of the two hostile properties; each run is sent with the three credentials. */
const GRAPHQL_RUNS = 30;
const RAW_URL_RUNS = 200;
const GRAPHQL_DOCUMENT_RUNS = 150;
const MIN_REQUESTS = 10_000;
/** The REST operations share what is left of this budget (a little above the minimum, so the count holds). */
const REQUEST_BUDGET = 10_500;
const JWT_SECRET = 'fuzz-openapi-secret-that-is-long-enough!';

// ---------------------------------------------------------------------------------------------
// The app, its data and the document. Set up at load time: the tests are made from the document.
// ---------------------------------------------------------------------------------------------

const ctx = await createTestApp({ JWT_SECRET, RATE_LIMIT_PARTNER: '100000000', RATE_LIMIT_FREE: '100000000' });
afterAll(() => ctx.close());
await seedTestJobs(ctx.database.db, 40, 5);
const partner = await createKey(ctx.database.db, { name: 'fuzz partner', tier: 'partner', company: 'openai' });
// Keys the admin routes may revoke, rotate and delete; the partner key's id is never offered to them.
const spareKeys = await Promise.all([1, 2, 3].map((n) => createKey(ctx.database.db, { name: `fuzz spare ${n}`, tier: 'free' })));
const adminJwt = signJwt({ sub: 'fuzz-admin', role: 'admin', exp: inSeconds(3600) }, JWT_SECRET);

const CREDENTIALS = ['anonymous', 'partner', 'admin'] as const;
type Credential = (typeof CREDENTIALS)[number];

let sent = 0;
const statuses = new Map<number, number>();
const started = Date.now();

interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** The operation it was made for (the URL may be unrecognisable). */
  route: string;
  /** URL percent-encoding decodes, the body parses as JSON and its content type is declared: a 400 must name a field. */
  wellFormed: boolean;
}

interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

async function send(ex: Exchange, credential: Credential, partnerInHeader = false): Promise<Answer> {
  const headers = { ...ex.headers };
  if (credential !== 'anonymous') {
    delete headers.authorization;
    delete headers['x-api-key'];
    if (credential === 'admin') headers.authorization = `Bearer ${adminJwt}`;
    else if (partnerInHeader) headers['x-api-key'] = partner.secret;
    else headers.authorization = `Bearer ${partner.secret}`;
  }
  const res = await ctx.app.inject({
    method: ex.method as 'GET',
    url: ex.url,
    headers,
    ...(ex.payload !== undefined ? { payload: ex.payload } : {}),
  });
  sent++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  return { statusCode: res.statusCode, headers: res.headers, body: res.body };
}

const visible = (text: string, max: number) =>
  text.length <= max ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, max))}… (${text.length} chars, ends ${JSON.stringify(text.slice(-80))})`;

/** The exact exchange, with control characters and lone surrogates escaped so they can be seen. */
function narrate(ex: Exchange, credential: Credential, res: Answer): string {
  const headers = Object.fromEntries(Object.entries(ex.headers).map(([k, v]) => [k, v.length > 200 ? `${v.slice(0, 200)}… (${v.length} chars)` : v]));
  const payload = ex.payload === undefined ? '(none)' : Buffer.isBuffer(ex.payload) ? `bytes ${visible(ex.payload.toString('latin1'), 1500)}` : visible(ex.payload, 1500);
  return [
    '',
    `route:    ${ex.route}`,
    `request:  ${ex.method} ${ex.url.length > 1500 ? `${ex.url.slice(0, 1500)}… (${ex.url.length} chars)` : ex.url}`,
    `          credentials: ${credential}; headers: ${JSON.stringify(headers)}`,
    `          body: ${payload}`,
    `response: ${res.statusCode} ${String(res.headers['content-type'] ?? '(no content-type)')}`,
    `          ${res.body.slice(0, 1500)}`,
  ].join('\n');
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The rules every REST answer follows; the messages say which one broke. */
function restViolations(ex: Exchange, res: Answer): string[] {
  const out: string[] = [];
  if (res.statusCode >= 500) out.push(`answered ${res.statusCode}`);
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 400 && !type.startsWith('application/problem+json')) out.push(`error ${res.statusCode} is not application/problem+json`);
  if (res.statusCode === 400 && ex.wellFormed && ex.method !== 'HEAD') {
    const errors = (parse(res.body) as { errors?: unknown } | undefined)?.errors;
    const named = Array.isArray(errors) && errors.length > 0 && errors.every((e) => typeof (e as { name?: unknown })?.name === 'string' && (e as { name: string }).name !== '');
    if (!named) out.push('400 to a well-formed request names no field in `errors`');
  }
  return out;
}

/** GraphQL answers are GraphQL-shaped (or problem+json when Fastify refused the HTTP request itself). */
function graphqlViolations(res: Answer): string[] {
  const out: string[] = [];
  if (res.statusCode >= 500) out.push(`answered ${res.statusCode}`);
  const body = parse(res.body) as { errors?: { extensions?: { code?: unknown } }[] } | { errors?: unknown }[] | undefined;
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 400 && !type.startsWith('application/problem+json') && !(type.startsWith('application/json') && body && (Array.isArray(body) || Array.isArray(body.errors)))) {
    out.push(`error ${res.statusCode} is neither a GraphQL error nor problem+json`);
  }
  const results = Array.isArray(body) ? body : body ? [body] : [];
  for (const r of results) {
    // A batch answers one GraphQL result per operation, whatever the operation was.
    if (!r || typeof r !== 'object' || !('data' in r || 'errors' in r)) out.push(`not a GraphQL result: ${JSON.stringify(r).slice(0, 200)}`);
    const codes = Array.isArray(r.errors) ? (r.errors as { extensions?: { code?: unknown } }[]).map((e) => e?.extensions?.code) : [];
    if (codes.includes('INTERNAL_SERVER_ERROR')) out.push('GraphQL error INTERNAL_SERVER_ERROR');
  }
  return out;
}

async function exchange(ex: Exchange, graphql: boolean, partnerInHeader: boolean): Promise<void> {
  for (const credential of CREDENTIALS) {
    const res = await send(ex, credential, partnerInHeader);
    const violations = graphql ? graphqlViolations(res) : restViolations(ex, res);
    if (violations.length) throw new Error(violations.join('; ') + narrate(ex, credential, res)); // FUZZ-ASSERT
  }
}

// ---------------------------------------------------------------------------------------------
// Values: plausible ones from the schemas, hostile ones for every type.
// ---------------------------------------------------------------------------------------------

/** A JSON token (or URL text) written as it is: numbers JSON.stringify cannot write, duplicated keys, deep nesting. */
class Raw {
  constructor(readonly text: string) {}
}

function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `arb` with probability `p`, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: Math.round((1 - p) * 100), arbitrary: fc.constant(null) }, { weight: Math.round(p * 100), arbitrary: arb });

const LONG = 'ab'.repeat(50_000);
const deepArray = (n: number) => new Raw('['.repeat(n) + ']'.repeat(n));
const deepObject = (n: number) => new Raw('{"a":'.repeat(n) + '1' + '}'.repeat(n));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    'x\ud800y',
    '\udfff\ud800',
    'llm_engineer\u0000',
    '\uffff',
    '\ufeffopen',
    '\u202egnp.exe',
    'line\r\nbreak',
    '%',
    '%zz',
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    "' or 1=1 --",
    '\\',
    '"',
    '{}',
    '[]',
    'null',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    String(2n ** 63n),
    '9'.repeat(400),
    '',
    ' ',
    '😀'.repeat(50),
    '\u0085\u2028\u2029',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', 'a', 'é', '😀', '\u0001', ',', '%', '"'), maxLength: 40 }),
  fc.constantFrom(1_000, 10_000, 100_000).map((n) => LONG.slice(0, n)),
);

const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    new Raw('1e309'),
    new Raw('-1e309'),
    new Raw('-0'),
    new Raw('9'.repeat(400)),
    new Raw(`-${'9'.repeat(400)}`),
    new Raw(String(2n ** 63n)),
    new Raw('1e-400'),
    new Raw(`0.${'0'.repeat(400)}1`),
    2 ** 63,
    -(2 ** 63),
    2 ** 53 + 2,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    0,
    -1,
    0.5,
    1e21,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Hostile values as query-string text. */
const hostileText: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber.map((n) => (n instanceof Raw ? n : String(n))),
  fc.constantFrom(new Raw('%zz'), new Raw('%ED%A0%80'), new Raw('%C0%80'), new Raw('%FF'), new Raw('%'), new Raw('%E0%A4%A'), new Raw('a%00b')),
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom(deepArray(1_200), deepObject(1_200), deepArray(5_000)),
);

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minProperties?: number;
  title?: string;
};

type Mode = 'valid' | 'mixed';

interface Doc {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> } }>>;
  components?: Record<string, Record<string, unknown>>;
}
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

/** Real values the schemas cannot know (ids, slugs, cursors, dates), offered wherever they fit a schema. */
const pool: string[] = [];

function fits(schema: Schema, value: string): boolean {
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) return false;
  if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T/.test(value)) return false;
  return true;
}

/**
 * A record of some of `arbs`: the required keys and a few optional ones. With a dozen optional
 * values at once, one of them is nearly always off and nothing gets past validation.
 */
function sparse(arbs: Record<string, fc.Arbitrary<unknown>>, required: string[], mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  const optional = Object.keys(arbs).filter((k) => !required.includes(k));
  return fc.tuple(fc.record(arbs), fc.shuffledSubarray(optional, { maxLength: Math.min(optional.length, mode === 'valid' ? 3 : 5) })).map(([values, chosen]) => {
    const keep = new Set([...required, ...chosen]);
    return Object.fromEntries(Object.entries(values).filter(([k]) => keep.has(k)));
  });
}

class Generator {
  private readonly cache = new Map<Schema, fc.Arbitrary<unknown>>();
  private readonly titled: Schema[] = [];

  constructor(private readonly doc: Doc) {
    JSON.stringify(doc, (_k, v: unknown) => {
      if (v && typeof v === 'object' && typeof (v as Schema).title === 'string' && (v as Schema).type === 'object') this.titled.push(v as Schema);
      return v;
    });
  }

  resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; s.$ref && i < 20; i++) {
      const path = s.$ref.replace(/^#\//, '').split('/');
      s = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc) as Schema;
    }
    return s;
  }

  /** A value of `schema`: plausible throughout ('valid'), or with hostile values at any node ('mixed'). */
  value(schema: Schema, mode: Mode, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if (mode === 'valid') return this.plausible(s, depth);
    return fc.oneof({ weight: 3, arbitrary: this.structure(s, 'mixed', depth) }, { weight: 1, arbitrary: this.hostile(s, depth) });
  }

  private plausible(s: Schema, depth: number): fc.Arbitrary<unknown> {
    let arb = this.cache.get(s);
    if (!arb) {
      arb = this.structure(s, 'valid', depth);
      this.cache.set(s, arb);
    }
    return arb;
  }

  private types(s: Schema): string[] {
    if (Array.isArray(s.type)) return s.type;
    if (s.type) return [s.type];
    if (s.properties) return ['object'];
    if (s.items) return ['array'];
    return [];
  }

  private structure(s: Schema, mode: Mode, depth: number): fc.Arbitrary<unknown> {
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const branches = s.anyOf ?? s.oneOf;
    if (branches) return fc.oneof(...branches.map((b) => this.value(b, mode, depth)));
    if (s.allOf) return this.value(Object.assign({}, ...s.allOf.map((b) => this.resolve(b))) as Schema, mode, depth);
    const types = this.types(s);
    if (types.length > 1) return fc.oneof(...types.map((type) => this.structure({ ...s, type }, mode, depth)));
    switch (types[0]) {
      case 'string':
        return this.string(s);
      case 'integer': {
        const min = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : -1_000_000);
        const max = s.maximum ?? (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : 1_000_000);
        return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
      }
      case 'number': {
        const min = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : -1e9);
        const max = s.maximum ?? (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : 1e9);
        return fc.oneof(
          fc.double({ min, max, noNaN: true, noDefaultInfinity: true, minExcluded: s.exclusiveMinimum !== undefined, maxExcluded: s.exclusiveMaximum !== undefined }),
          fc.integer({ min: Math.ceil(min) + 1, max: Math.floor(max) }),
        );
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const item = s.items ? this.value(s.items, mode, depth + 1) : fc.jsonValue({ maxDepth: 1 });
        const bounds = { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, Math.max(4, s.minItems ?? 0)) };
        return s.uniqueItems ? fc.uniqueArray(item, { ...bounds, selector: (v) => toJson(v) }) : fc.array(item, bounds);
      }
      case 'object': {
        const props = s.properties ?? {};
        if (depth > 6 || Object.keys(props).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
        const record = sparse(
          Object.fromEntries(Object.entries(props).map(([k, v]) => [k, this.value(v, mode, depth + 1)])),
          (s.required ?? []).filter((k) => k in props),
          mode,
        );
        return s.minProperties ? record.filter((o) => Object.keys(o).length >= s.minProperties!) : record;
      }
      default:
        // Untyped (e.g. a batch item's `job`): any titled object schema of the document, or any JSON.
        return fc.oneof(...this.titled.slice(0, 3).map((t) => this.value(t, mode, depth + 1)), fc.jsonValue({ maxDepth: 2 }));
    }
  }

  private string(s: Schema): fc.Arbitrary<string> {
    const known = pool.filter((v) => fits(s, v));
    let base: fc.Arbitrary<string>;
    if (s.format === 'date-time') base = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    else if (s.format === 'uri') base = fc.webUrl({ validSchemes: ['https'] });
    else if (s.pattern) base = fc.stringMatching(new RegExp(s.pattern, 'u'));
    else base = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
    const bounded = base.filter((v) => fits({ ...s, pattern: undefined }, v));
    return known.length ? fc.oneof({ weight: 1, arbitrary: bounded }, { weight: 2, arbitrary: fc.constantFrom(...known) }) : bounded;
  }

  /** Wrong for this schema, or right but nasty (NUL, lone surrogates, extremes, deep nesting). */
  hostile(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    const types = s.enum ? ['enum'] : this.types(s);
    const kind = types.includes('object') ? 'object' : types.includes('array') ? 'array' : (types[0] ?? 'any');
    switch (kind) {
      case 'string':
      case 'enum':
        return fc.oneof(
          { weight: 4, arbitrary: hostileString },
          { weight: 1, arbitrary: s.enum ? fc.constantFrom(...s.enum.map((e) => `${String(e).toUpperCase()}`), ...s.enum.map((e) => ` ${String(e)}`)) : hostileString },
          { weight: 1, arbitrary: hostileNumber },
          { weight: 1, arbitrary: wrongType },
        );
      case 'integer':
      case 'number':
        return fc.oneof({ weight: 4, arbitrary: hostileNumber }, { weight: 1, arbitrary: hostileText }, { weight: 1, arbitrary: wrongType });
      case 'object': {
        const valid = this.plausible(s, depth);
        return fc.oneof(
          valid.map((v) => [v]),
          fc.tuple(valid, fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })).map(([v, k, x]) => ({ ...(v as object), [`${k}`]: x })),
          fc.tuple(valid, hostileString).map(([v, h]) => ({ ...(v as object), id: h, created_at: h, __proto__x: h })),
          // Duplicated keys: JSON.parse keeps the last one. (Plausible values for the second: hostile ones recurse forever.)
          fc.tuple(valid, this.plausible(s, depth + 1)).map(([v, x]) => {
            const [first] = Object.keys(v as object);
            const text = toJson(v);
            return first === undefined ? new Raw(text) : new Raw(`${text.slice(0, -1)},${JSON.stringify(first)}:${toJson((x as Record<string, unknown>)?.[first] ?? x)}}`);
          }),
          fc.constantFrom({}, new Raw('{"__proto__":{"admin":true}}'), new Raw('{"constructor":{"prototype":{"admin":true}}}')),
          wrongType,
        );
      }
      case 'array': {
        const item = s.items ? this.plausible(this.resolve(s.items), depth + 1) : fc.jsonValue({ maxDepth: 1 });
        return fc.oneof(
          item,
          fc.array(s.items ? this.hostile(s.items, depth + 1) : wrongType, { minLength: 1, maxLength: 3 }),
          fc.constant(Array.from({ length: (s.maxItems ?? 100) + 1 }, () => ({}))),
          fc.tuple(item).map(([v]) => [v, v]),
          wrongType,
        );
      }
      case 'boolean':
        return fc.oneof(fc.constantFrom('true', 'yes', 0, 1, '', null), wrongType);
      default:
        return fc.oneof(wrongType, hostileString, hostileNumber);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Requests: URL encoding as a client would do it, and as no client should.
// ---------------------------------------------------------------------------------------------

/** Percent-encodes UTF-8; a lone surrogate becomes its WTF-8 bytes (%ED%A0%80), as a sloppy client sends it. */
function encode(value: unknown): { text: string; ok: boolean } {
  if (value instanceof Raw) return { text: value.text, ok: decodes(value.text) };
  const s = typeof value === 'string' ? value : value === null ? '' : typeof value === 'object' ? toJson(value) : String(value);
  let text = '';
  let ok = true;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      text += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      ok = false;
      text += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else text += encodeURIComponent(s[i]!);
  }
  return { text, ok };
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Header values a real HTTP parser lets through (visible Latin-1, space, tab); anything else never reaches the app. */
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f && (c < 0x80 || c > 0x9f)).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom('', '*', '"v1"', 'W/"v1"', '"v999"', 'v1', 'application/json', 'application/ld+json', 'application/problem+json', 'text/html', 'application/xml', '*/*;q=0', 'gzip, br', 'identity;q=0', 'no-cache', 'max-age=0', 'no-store', 'x'.repeat(8_000), 'ÿ'.repeat(50)),
);
const junkAuth = fc.oneof(
  fc.constantFrom('Bearer', 'Bearer ', 'Bearer hr_live_', 'Bearer hr_live_garbage', 'Basic YWRtaW46YWRtaW4=', 'Bearer a.b.c', `Bearer ${adminJwt.slice(0, -3)}xyz`, `Bearer ${partner.secret}x`, `bearer ${partner.secret}`),
  fc.constantFrom(signJwt({ sub: 'x', role: 'admin', exp: inSeconds(600) }, '', 'none'), signJwt({ sub: 'x', role: 'admin', exp: inSeconds(-60) }, JWT_SECRET)).map((t) => `Bearer ${t}`),
  headerText.map((t) => `Bearer ${t}`),
);
const extraHeaders = fc.dictionary(
  fc.constantFrom('accept', 'accept-encoding', 'if-match', 'if-none-match', 'idempotency-key', 'x-request-id', 'origin', 'x-forwarded-for', 'cache-control', 'prefer', 'accept-language'),
  headerText,
  { maxKeys: 3 },
);
const anonymousAuth = sometimes(fc.oneof(junkAuth.map((v) => ({ authorization: v })), headerText.map((v) => ({ 'x-api-key': v }))), 0.2);

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'];
const BAD_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=iso-8859-1', 'application/xml', 'application/jsonx', 'application/JSON', '*/*', 'application/json;;;', ''];

/** Bodies that are not JSON, or JSON no parser should have to take. */
const rawBodies: fc.Arbitrary<{ payload: string | Buffer; parses: boolean }> = fc.oneof(
  fc.constantFrom('', ' ', '{', '{"a":', '[1,]', '{"a":1}}', "{'a':1}", 'undefined', 'NaN', '\ufeff{}', '{"a":"\u0000"}', '\u0000').map((payload) => ({ payload, parses: false })),
  fc.constantFrom(deepArray(1_500), deepObject(1_500), deepArray(20_000), deepObject(20_000)).map((r) => ({ payload: r.text, parses: true })),
  fc.constantFrom(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), Buffer.from([0xc0, 0x80])).map((payload) => ({ payload, parses: false })),
  fc.constant({ payload: `{"description":"${'x'.repeat(1_100_000)}"}`, parses: true }),
);

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { required: boolean; contentTypes: string[]; schema: Schema };
}

function operationsOf(doc: Doc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'patch', 'delete', 'head', 'options'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const contentTypes = Object.keys(content);
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        ...(contentTypes.length ? { body: { required: op.requestBody?.required ?? false, contentTypes, schema: content[contentTypes[0]!]!.schema } } : {}),
      });
    }
  }
  return out;
}

interface Generated {
  ex: Exchange;
  partnerInHeader: boolean;
}

const hostilePathSegment = fc.oneof(
  hostileString,
  fc.constantFrom('', '.', '..', 'a/b', 'x'.repeat(201), 'x'.repeat(5_000), new Raw('%zz'), new Raw('%ED%A0%80'), new Raw('%00'), new Raw('%2e%2e'), new Raw('%C0%AF'), new Raw('a%2Fb')),
);

function requestsOf(op: Operation, gen: Generator): fc.Arbitrary<Generated> {
  const byPlace = (place: Parameter['in']) => op.parameters.filter((p) => p.in === place);
  const paramsArb = (params: Parameter[], mode: Mode, hostile: fc.Arbitrary<unknown>) =>
    sparse(
      Object.fromEntries(params.map((p) => [p.name, mode === 'valid' ? gen.value(p.schema, 'valid') : fc.oneof({ weight: 3, arbitrary: gen.value(p.schema, 'mixed') }, { weight: 1, arbitrary: hostile })])),
      params.filter((p) => p.required || p.in === 'path').map((p) => p.name),
      mode,
    );
  const queryNames = byPlace('query').map((p) => p.name);
  const mode = fc.constantFrom<Mode>('valid', 'mixed', 'mixed');

  return mode.chain((m) =>
    fc.record({
      path: paramsArb(byPlace('path'), m, hostilePathSegment),
      query: paramsArb(byPlace('query'), m, hostileText),
      headerParams: paramsArb(byPlace('header'), m, headerText),
      // Duplicated parameters (?limit=1&limit=2) and unknown ones.
      duplicate: m === 'valid' || !queryNames.length ? fc.constant(null) : sometimes(fc.tuple(fc.constantFrom(...queryNames), hostileText), 0.3),
      unknown: m === 'valid' ? fc.constant([]) : fc.array(fc.tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('api_key', 'access_token', '__proto__', 'constructor', '')), hostileText), { maxLength: 2 }),
      rawQuery: m === 'valid' ? fc.constant(null) : sometimes(fc.constantFrom('%zz', '%', '&&&', '==', 'a=%ED%A0%80', '%ED%A0%80=1', 'q=%E0%A4%A', ';', 'a=1;b=2', '#frag'), 0.15),
      headers: fc.tuple(m === 'valid' ? fc.constant({}) : extraHeaders, anonymousAuth).map(([h, a]) => ({ ...h, ...(a ?? {}) })),
      body: op.body
        ? fc.oneof(
            { weight: 8, arbitrary: fc.record({ value: gen.value(op.body.schema, m), type: fc.constantFrom(...op.body.contentTypes, ...JSON_TYPES) }) },
            { weight: m === 'valid' ? 0 : 1, arbitrary: fc.record({ raw: rawBodies, type: fc.constantFrom(...op.body.contentTypes) }) },
            { weight: m === 'valid' ? 0 : 1, arbitrary: fc.record({ value: gen.value(op.body.schema, 'valid'), type: fc.constantFrom(...BAD_TYPES) }) },
            { weight: m === 'valid' ? 0 : 1, arbitrary: fc.constant(null) },
          )
        : // A body where none is expected, sometimes.
          sometimes(fc.record({ value: fc.jsonValue({ maxDepth: 2 }), type: fc.constantFrom(...JSON_TYPES) }), 0.15),
      partnerInHeader: fc.boolean(),
    }),
  ).map((r) => {
    let ok = true;
    let url = op.path.replace(/\{([^}]+)\}/g, (_all, name: string) => {
      const e = encode(r.path[name]);
      ok &&= e.ok;
      return e.text;
    });
    const pairs: string[] = [];
    const add = (name: string, value: unknown) => {
      // An array is sent as repeated parameters.
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v === undefined) continue;
        const k = encode(name);
        const e = encode(v);
        ok &&= e.ok && k.ok;
        pairs.push(`${k.text}=${e.text}`);
      }
    };
    for (const [k, v] of Object.entries(r.query)) add(k, v);
    if (r.duplicate) add(r.duplicate[0], r.duplicate[1]);
    for (const [k, v] of r.unknown) add(k, v);
    if (r.rawQuery) {
      pairs.push(r.rawQuery);
      ok &&= decodes(r.rawQuery);
    }
    if (pairs.length) url += `?${pairs.join('&')}`;

    const headers: Record<string, string> = { ...r.headers };
    for (const [k, v] of Object.entries(r.headerParams)) headers[k] = String(v instanceof Raw ? v.text : typeof v === 'object' ? toJson(v) : v);
    let payload: string | Buffer | undefined;
    const body = r.body as { value?: unknown; raw?: { payload: string | Buffer; parses: boolean }; type: string } | null;
    if (body) {
      if (body.raw) {
        payload = body.raw.payload;
        ok &&= body.raw.parses;
      } else payload = toJson(body.value);
      if (body.type) headers['content-type'] = body.type;
      else delete headers['content-type'];
      const declared = op.body ? [...op.body.contentTypes, ...JSON_TYPES].includes(body.type) : JSON_TYPES.includes(body.type);
      const text = Buffer.isBuffer(payload) ? '' : payload;
      // secure-json-parse refuses prototype keys while parsing, before any validation.
      ok &&= declared && !Buffer.isBuffer(payload) && parse(text) !== undefined && !/"(?:__proto__|constructor)"\s*:/.test(text);
    }
    return { ex: { method: op.method, url, route: `${op.method} ${op.path}`, headers, ...(payload !== undefined ? { payload } : {}), wellFormed: ok }, partnerInHeader: r.partnerInHeader };
  });
}

// ---------------------------------------------------------------------------------------------
// Data the generators offer: ids and slugs that exist, postings the partner owns, cursors.
// ---------------------------------------------------------------------------------------------

const doc = (await ctx.app.inject('/openapi.json')).json() as Doc;
const operations = operationsOf(doc);
const asAdmin = { authorization: `Bearer ${adminJwt}` };
const asPartner = { authorization: `Bearer ${partner.secret}` };
for (const id of ['fz-1', 'fz-2', 'fz-3']) {
  const res = await ctx.app.inject({ method: 'PUT', url: `/v1/partner/jobs/${id}`, headers: asPartner, payload: partnerPosting({ title: `Fuzz posting ${id}` }) });
  if (res.statusCode >= 300) throw new Error(`could not create posting ${id}: ${res.body}`);
  pool.push(id);
}
const page = async (url: string) => (await ctx.app.inject({ url, headers: asAdmin })).json() as { data: Record<string, unknown>[]; next_cursor?: string | null };
const jobs = await page('/v1/jobs?status=all&limit=3');
const companies = await page('/v1/companies?limit=3');
const layoffs = await page('/v1/layoffs?limit=3');
pool.push(
  ...jobs.data.map((j) => String(j.id)),
  ...companies.data.map((c) => String(c.slug)),
  'openai',
  ...layoffs.data.map((l) => String(l.id)),
  ...spareKeys.map((k) => k.key.id),
  ...[jobs.next_cursor, companies.next_cursor, layoffs.next_cursor].filter((c): c is string => typeof c === 'string'),
  '2026-01-15',
  '2026-03-01T09:30:00Z',
  '2026-03-01T09:30:00+02:00',
  '2026-Q2',
  '2026-03',
  '2026-W10',
  '90d',
  'llm',
  '"fine tuning" -junior',
  'python',
  'US',
  'USD',
);
const generator = new Generator(doc);

// ---------------------------------------------------------------------------------------------
// GraphQL: variables from the schema's own input types.
// ---------------------------------------------------------------------------------------------

const introspection: IntrospectionSchema = graphqlRuntime.introspectionFromSchema((ctx.app as unknown as { graphql: { schema: GraphQLSchema } }).graphql.schema).__schema;
const types = new Map<string, IntrospectionType>(introspection.types.map((t) => [t.name, t]));

function typeText(t: IntrospectionTypeRef): string {
  if (t.kind === 'NON_NULL') return `${typeText(t.ofType)}!`;
  if (t.kind === 'LIST') return `[${typeText(t.ofType)}]`;
  return t.name;
}
const named = (t: IntrospectionTypeRef): string => (t.kind === 'NON_NULL' || t.kind === 'LIST' ? named(t.ofType) : t.name);

const gqlString = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });

/** REST schemas by parameter or field name, so GraphQL arguments get the values their REST twins take. */
const restSchemas = new Map<string, Schema>();
function collectSchemas(schema: Schema, depth: number): void {
  const s = generator.resolve(schema);
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    if (!restSchemas.has(name)) restSchemas.set(name, prop);
    if (depth < 3) collectSchemas(prop, depth + 1);
  }
  if (s.items && depth < 3) collectSchemas(s.items, depth + 1);
  for (const b of s.anyOf ?? []) if (depth < 3) collectSchemas(b, depth + 1);
}
for (const op of operations) {
  for (const p of op.parameters) if (!restSchemas.has(p.name)) restSchemas.set(p.name, p.schema);
  if (op.body) collectSchemas(op.body.schema, 0);
}
const REST_NAMES: Record<string, string> = { first: 'limit', after: 'cursor' };
const restTwin = (name: string | undefined, scalar: string): Schema | undefined => {
  if (!name) return undefined;
  let schema = restSchemas.get(REST_NAMES[name] ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  if (!schema) return undefined;
  schema = generator.resolve(schema);
  // A GraphQL list takes the REST array's items, one at a time.
  if (schema.type === 'array' && schema.items) schema = generator.resolve(schema.items);
  const text = JSON.stringify(schema);
  const wanted = scalar === 'Int' ? ['"integer"'] : scalar === 'Float' ? ['"number"', '"integer"'] : ['"string"'];
  return wanted.some((w) => text.includes(`"type":${w}`)) || (scalar === 'String' && schema.enum) ? schema : undefined;
};

function gqlValue(t: IntrospectionInputTypeRef, mode: Mode, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const plain = gqlPlain(t, mode, depth, name);
  if (mode === 'valid') return plain;
  return fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: fc.oneof(hostileString, hostileNumber, wrongType) });
}

function gqlPlain(t: IntrospectionInputTypeRef, mode: Mode, depth: number, name?: string): fc.Arbitrary<unknown> {
  if (t.kind === 'NON_NULL') return gqlValue(t.ofType, mode, depth, name);
  if (t.kind === 'LIST') return fc.oneof(fc.array(gqlValue(t.ofType, mode, depth + 1, name), { maxLength: 3 }), gqlValue(t.ofType, mode, depth + 1, name));
  const type = types.get(t.name);
  if (type?.kind === 'ENUM') return fc.constantFrom(...type.enumValues.map((v) => v.name));
  if (type?.kind === 'INPUT_OBJECT') {
    if (depth > 4) return fc.constant(null);
    return sparse(
      Object.fromEntries(type.inputFields.map((f) => [f.name, gqlValue(f.type, mode, depth + 1, f.name)])),
      type.inputFields.filter((f) => f.type.kind === 'NON_NULL').map((f) => f.name),
      mode,
    );
  }
  const twin = restTwin(name, t.name);
  // A REST twin's schema may hold a comma-separated list; a GraphQL list item is one value.
  const fromRest = twin ? generator.value(twin, 'valid').filter((v) => v !== null).map((v) => (typeof v === 'string' && t.name === 'String' && /,/.test(v) ? v.split(',')[0] : v)) : undefined;
  switch (t.name) {
    case 'Int':
      return fc.oneof(fromRest ?? fc.integer({ min: 1, max: 50 }), fc.integer({ min: -5, max: 120 }));
    case 'Float':
      return fromRest ?? fc.double({ min: 0, max: 1e6, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    default: {
      const plausible = fromRest ? fc.oneof({ weight: 3, arbitrary: fromRest }, { weight: 1, arbitrary: gqlString }) : gqlString;
      return mode === 'valid' ? plausible : fc.oneof(plausible, hostileString);
    }
  }
}

/** Scalars of the answer, two object levels down, skipping fields that need arguments. */
function selection(typeName: string, depth: number): string {
  const type = types.get(typeName);
  if (!type || (type.kind !== 'OBJECT' && type.kind !== 'INTERFACE')) return '';
  const parts = ['__typename'];
  for (const f of (type as IntrospectionObjectType).fields) {
    if (f.args.some((a) => a.type.kind === 'NON_NULL')) continue;
    const inner = types.get(named(f.type));
    if (inner?.kind === 'SCALAR' || inner?.kind === 'ENUM') parts.push(f.name);
    else if (depth < 3 && (inner?.kind === 'OBJECT' || inner?.kind === 'INTERFACE')) parts.push(`${f.name} { ${selection(inner.name, depth + 1)} }`);
  }
  return parts.join(' ');
}

function operationText(kind: 'query' | 'mutation', field: IntrospectionField): string {
  const vars = field.args.map((a) => `$${a.name}: ${typeText(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const sel = selection(named(field.type), 1);
  return `${kind} Fuzz${vars ? `(${vars})` : ''} { f: ${field.name}${args ? `(${args})` : ''}${sel ? ` { ${sel} }` : ''} }`;
}

const graphqlFields: { kind: 'query' | 'mutation'; field: IntrospectionField }[] = [];
for (const [kind, root] of [
  ['query', introspection.queryType],
  ['mutation', introspection.mutationType],
] as const) {
  const type = root && (types.get(root.name) as IntrospectionObjectType | undefined);
  for (const field of type?.fields ?? []) graphqlFields.push({ kind, field });
}

function graphqlRequests(kind: 'query' | 'mutation', field: IntrospectionField): fc.Arbitrary<Generated> {
  const query = operationText(kind, field);
  const required = field.args.filter((a) => a.type.kind === 'NON_NULL').map((a) => a.name);
  const vars = (m: Mode) =>
    sparse(
      Object.fromEntries(field.args.map((a) => [a.name, gqlValue(a.type, m, 0, a.name)])),
      required,
      m,
    );
  return fc
    .record({
      variables: fc.oneof(
        { weight: 3, arbitrary: vars('valid') },
        { weight: 4, arbitrary: vars('mixed') },
        // A required variable missing.
        { weight: required.length ? 1 : 0, arbitrary: vars('mixed').map((v) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== required[0]))) },
      ),
      headers: fc.tuple(fc.oneof(fc.constant({}), extraHeaders), anonymousAuth).map(([h, a]) => ({ ...h, ...(a ?? {}) })),
      partnerInHeader: fc.boolean(),
    })
    .map((r) => ({
      ex: { method: 'POST', url: '/graphql', route: `graphql ${kind} ${field.name}`, headers: { ...r.headers, 'content-type': 'application/json' }, payload: toJson({ query, variables: r.variables }), wellFormed: true },
      partnerInHeader: r.partnerInHeader,
    }));
}

const okQuery = '{ ok }';
const hostileDocuments: fc.Arbitrary<Generated> = fc
  .record({
    body: fc.oneof(
      // Documents that do not parse, are too deep, too long, or hide NUL and surrogates in literals.
      fc.oneof(
        hostileString,
        fc.constantFrom(
          '{ jobs(first: 1, filter: { q: "\\u0000" }) { totalCount } }',
          '{ jobs(first: 1, filter: { q: "\\ud800" }) { totalCount } }',
          '{ company(slug: "\\udfff") { name } }',
          '{ job(id: "\u0000") { id } }',
          `{ jobs(first: ${'9'.repeat(400)}) { totalCount } }`,
          '{ jobs(first: 1e309) { totalCount } }',
          '{ jobs(first: -1) { totalCount } }',
          `${'{ a '.repeat(1_200)}${'}'.repeat(1_200)}`,
          `{ ${Array.from({ length: 3_000 }, (_, i) => `a${i}: ok`).join(' ')} }`,
          `{ ok ${'__typename '.repeat(6_000)}}`,
          'subscription { jobPosted { id } }',
          'mutation { upsertJob(externalId: "fz-1", job: { title: "\\u0000\\u0000\\u0000", description: "x", role: llm_engineer, seniority: mid, workplace: remote }) { result } }',
          '{ __schema { types { name fields { name type { ofType { ofType { ofType { name } } } } } } } }',
          'query A { ok } query B { ok }',
          '',
        ),
      ).map((query) => ({ query })),
      fc.record({ query: fc.constant(okQuery), variables: fc.oneof(hostileString, fc.array(fc.jsonValue(), { maxLength: 2 }), fc.integer(), fc.constant(deepObject(1_500))) }),
      fc.record({ query: fc.constantFrom('query Q($q: String) { jobs(first: 1, filter: { q: $q }) { totalCount } }', 'query Q($s: String!) { company(slug: $s) { name } }'), variables: fc.record({ q: hostileString, s: hostileString }) }),
      fc.record({ query: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.constant(okQuery)), fc.constant({ a: 1 })) }),
      fc.record({ query: fc.constant(okQuery), operationName: fc.oneof(hostileString, fc.integer(), fc.constant(null)) }),
      // Batches: empty, too long, with nonsense members.
      fc.constantFrom([], Array.from({ length: 11 }, () => ({ query: okQuery })), [{ query: okQuery }, 1, null, 'x', { query: '{' }]),
      rawBodies.map((r) => ({ raw: r.payload })),
    ),
    via: fc.constantFrom('json', 'json', 'json', 'get', 'graphql', 'bad-type'),
    headers: fc.tuple(fc.oneof(fc.constant({}), extraHeaders), anonymousAuth).map(([h, a]) => ({ ...h, ...(a ?? {}) })),
    partnerInHeader: fc.boolean(),
  })
  .map((r) => {
    const body = r.body as unknown;
    const raw = (body as { raw?: string | Buffer })?.raw;
    const query = typeof (body as { query?: unknown })?.query === 'string' ? (body as { query: string }).query : okQuery;
    if (r.via === 'get') {
      const params = Object.entries(body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : { query })
        .map(([k, v]) => `${k}=${encode(typeof v === 'string' ? v : toJson(v)).text}`)
        .join('&');
      return { ex: { method: 'GET', url: `/graphql?${params}`, route: 'graphql document', headers: r.headers, wellFormed: true }, partnerInHeader: r.partnerInHeader };
    }
    const headers = { ...r.headers, 'content-type': r.via === 'graphql' ? 'application/graphql' : r.via === 'bad-type' ? 'text/plain' : 'application/json' };
    return { ex: { method: 'POST', url: '/graphql', route: 'graphql document', headers, payload: raw ?? (r.via === 'graphql' ? query : toJson(body)), wellFormed: true }, partnerInHeader: r.partnerInHeader };
  });

// ---------------------------------------------------------------------------------------------
// Raw URLs: what no schema describes.
// ---------------------------------------------------------------------------------------------

const rawUrls: fc.Arbitrary<Generated> = fc
  .record({
    op: fc.constantFrom(...operations),
    method: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') }),
    corruption: fc.constantFrom(
      (u: string) => `${u}%zz`,
      (u: string) => `${u}/%ED%A0%80`,
      (u: string) => u.replace(/\/([^/]*)$/, '/%ED%A0%80$1'),
      (u: string) => `${u}%`,
      (u: string) => `${u}%00`,
      (u: string) => `${u}/%C0%AF`,
      (u: string) => `${u}?%zz=1`,
      (u: string) => `${u}?q=%ED%A0%80`,
      (u: string) => `${u}?q=%E0%A4%A`,
      (u: string) => `${u}?%`,
      (u: string) => `${u}?q=${'a'.repeat(100_000)}`,
      (u: string) => `${u}?${'&'.repeat(20_000)}`,
      (u: string) => `${u}?${Array.from({ length: 3_000 }, (_, i) => `p${i}=${i}`).join('&')}`,
      (u: string) => `${u}/${'x'.repeat(20_000)}`,
      (u: string) => u.replace(/\/[^/]*$/, `/${'y'.repeat(300)}`),
      (u: string) => `${u}//`,
      (u: string) => `${u}/%2e%2e/%2e%2e/`,
      (u: string) => `${u};jsessionid=1`,
      (u: string) => `${u}?limit=1&limit=2&limit=%ED%A0%80`,
      (u: string) => u.toUpperCase(),
      (u: string) => `/${u}`,
    ),
  })
  .map((r) => {
    const base = r.op.path.replace(/\{[^}]+\}/g, (p) => (p.includes('external_id') ? 'fz-1' : p.includes('slug') ? 'openai' : String(jobs.data[0]?.id ?? 'x')));
    return { ex: { method: r.method ?? r.op.method, url: r.corruption(base), route: `raw URL on ${r.op.method} ${r.op.path}`, headers: {}, wellFormed: false }, partnerInHeader: false };
  });

// ---------------------------------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------------------------------

const REST_RUNS = Math.max(30, Math.ceil((REQUEST_BUDGET / CREDENTIALS.length - GRAPHQL_RUNS * graphqlFields.length - RAW_URL_RUNS - GRAPHQL_DOCUMENT_RUNS) / operations.length));
const settings = (index: number, numRuns: number) => ({ seed: SEED + index, numRuns });

/** How fast-check prints a counterexample: the request in short, not megabytes of payload (the error has it all). */
const summarised = (g: Generated): Generated =>
  Object.assign(g, {
    [fc.toStringMethod]: () => {
      const body = g.ex.payload === undefined ? '' : ` body ${Buffer.isBuffer(g.ex.payload) ? `(${g.ex.payload.length} bytes)` : visible(g.ex.payload, 300)}`;
      return `${g.ex.method} ${g.ex.url.length > 300 ? `${g.ex.url.slice(0, 300)}… (${g.ex.url.length} chars)` : g.ex.url} headers ${JSON.stringify(g.ex.headers).slice(0, 300)}${body}`;
    },
  });
const property = (arb: fc.Arbitrary<Generated>, graphql: boolean) =>
  fc.asyncProperty(arb.map(summarised), ({ ex, partnerInHeader }) => exchange(ex, graphql, partnerInHeader));

describe('fuzzing every operation of /openapi.json and every GraphQL field', () => {
  it('the document lists the operations the fuzzer is about to cover', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(graphqlFields.length).toBeGreaterThan(10);
  });

  operations.forEach((op, i) => {
    it(`${op.method} ${op.path}`, async () => {
      await fc.assert(
        property(requestsOf(op, generator), false),
        settings(i, REST_RUNS),
      );
    }, 180_000);
  });

  graphqlFields.forEach(({ kind, field }, i) => {
    it(`POST /graphql ${kind} ${field.name}`, async () => {
      await fc.assert(
        property(graphqlRequests(kind, field), true),
        settings(1_000 + i, GRAPHQL_RUNS),
      );
    }, 180_000);
  });

  it('POST and GET /graphql with hostile documents, variables and batches', async () => {
    await fc.assert(
      property(hostileDocuments, true),
      settings(2_000, GRAPHQL_DOCUMENT_RUNS),
    );
  }, 180_000);

  it('raw URLs: invalid percent-encoding, overlong URLs, odd paths and methods', async () => {
    await fc.assert(
      property(rawUrls, false),
      settings(3_000, RAW_URL_RUNS),
    );
  }, 180_000);

  it(`sent at least ${MIN_REQUESTS.toLocaleString('en-US')} requests`, () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz.openapi: seed ${SEED}, ${sent} requests (${operations.length} operations × ${REST_RUNS} runs, ${graphqlFields.length} GraphQL fields × ${GRAPHQL_RUNS}, × ${CREDENTIALS.length} credentials) in ${seconds} s (${byStatus})`);
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
  });
});
