/**
 * Breaking-change checks of the public contracts against the released baselines in openapi/released/.
 *
 * - REST: openapi/openapi.json vs `openapi/released/<version>.openapi.json`, diffed by api-smart-diff
 *   (pure JS, classifies each change as breaking / non-breaking / annotation, knows request vs response
 *   direction: a field removed from a response or a type narrowed in a request is breaking, an optional
 *   field added is not). Both documents are dereferenced first and their `components` (but the security
 *   schemes) dropped, so moving an inline schema into a `$ref` component of the same shape is no change
 *   at all, and removing an unused component is not reported. Where its per-item rules get value sets
 *   wrong (`type`/`enum` changes, optional response fields removed, `additionalProperties`), the change is
 *   judged again here by the values the schema allows (see reclassify).
 * - GraphQL: the SDL of src/graphql/schema/*.graphql (as the server loads it, printed as one sorted SDL) vs
 *   `openapi/released/<version>.schema.graphql`, diffed by @graphql-inspector/core — the engine of
 *   `graphql-inspector diff`, run in-process on the project's own `graphql` (the CLI would add babel,
 *   loaders and a server for the same answer).
 *
 * Used by test/contract/breaking-changes.test.ts and scripts/contract-release.ts (`npm run contract:release`).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CriticalityLevel, diff as graphqlDiff } from '@graphql-inspector/core';
import { apiCompare } from 'api-smart-diff';
import { loadSchemaSource } from '../src/graphql/sdl.js';
import { projectRoot } from '../src/lib/paths.js';

// graphql ships CommonJS (main) and ESM (module) builds: under vitest, an `import` from here may get the
// ESM one while @graphql-inspector/core (loaded by Node) gets the CommonJS one, and a schema from one
// realm is refused by the other. Loading it the way Node resolves it for the inspector keeps one realm.
const { buildSchema, lexicographicSortSchema, printSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const releasedFolder = join(projectRoot, 'openapi', 'released');
export const openApiFile = join(projectRoot, 'openapi', 'openapi.json');

export interface ContractChange {
  /** Where: a JSON path in the OpenAPI document, or a GraphQL schema coordinate (`Job.title`). */
  path: string;
  /** What changed, as the tool words it. */
  what: string;
  /** Why it is (or is not) breaking. */
  why: string;
  level: 'breaking' | 'dangerous' | 'non-breaking' | 'annotation' | 'unclassified';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------------------------------------- versions

/** `1.2.3` → [1, 2, 3]; pre-release tags sort before the release (`1.0.0-rc.1` < `1.0.0`). */
function parseVersion(version: string): { parts: number[]; pre: string } {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([\w.-]+))?$/.exec(version);
  if (!match) throw new Error(`not a semantic version: "${version}"`);
  return { parts: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ?? '' };
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x.parts[i] !== y.parts[i]) return x.parts[i]! - y.parts[i]!;
  if (x.pre === y.pre) return 0;
  if (!x.pre) return 1;
  if (!y.pre) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/**
 * Whether going from `from` to `to` may break clients under semver: a major bump, or a minor bump while
 * the major is 0 (0.x: the minor is the breaking digit).
 */
export function allowsBreakingChanges(from: string, to: string): boolean {
  const a = parseVersion(from).parts;
  const b = parseVersion(to).parts;
  if (b[0]! > a[0]!) return true;
  return a[0] === 0 && b[0] === 0 && b[1]! > a[1]!;
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface Baseline {
  version: string;
  openApiFile: string;
  graphqlFile: string;
}

/** The released baselines, oldest first. */
export function releasedBaselines(dir: string = releasedFolder): Baseline[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const versions = names.map((n) => /^(.+)\.openapi\.json$/.exec(n)?.[1]).filter((v): v is string => v !== undefined);
  return versions
    .sort(compareVersions)
    .map((version) => ({ version, openApiFile: join(dir, `${version}.openapi.json`), graphqlFile: join(dir, `${version}.schema.graphql`) }));
}

// ---------------------------------------------------------------------------------------------- OpenAPI

function decodePointer(pointer: string): string[] {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Inlines every local `$ref` (`#/...`), keeping the keywords beside it (OpenAPI 3.1 / JSON Schema 2020-12
 * allow siblings; they win over the target's). A cyclic reference is left as it is.
 */
export function dereference(doc: Json): Json {
  const resolve = (pointer: string): Json => {
    let node: Json = doc;
    for (const key of decodePointer(pointer)) {
      if (node && typeof node === 'object' && !Array.isArray(node) && key in node) node = node[key]!;
      else if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)]!;
      else throw new Error(`unresolvable $ref "${pointer}"`);
    }
    return node;
  };
  const walk = (node: Json, stack: string[]): Json => {
    if (Array.isArray(node)) return node.map((n) => walk(n, stack));
    if (!node || typeof node !== 'object') return node;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#')) {
      if (stack.includes(ref)) return node;
      const { $ref: _ref, ...siblings } = node;
      const target = walk(resolve(ref), [...stack, ref]);
      const rest = walk(siblings, stack) as Record<string, Json>;
      return target && typeof target === 'object' && !Array.isArray(target) ? { ...target, ...rest } : target;
    }
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, stack);
    return out;
  };
  return walk(doc, []);
}

/** What is compared: the dereferenced document without reusable components (their uses are inlined). */
export function normalizeOpenApi(doc: unknown): Record<string, Json> {
  const flat = dereference(structuredClone(doc) as Json) as Record<string, Json>;
  const components = flat.components as Record<string, Json> | undefined;
  if (components) flat.components = components.securitySchemes ? { securitySchemes: components.securitySchemes } : {};
  return flat;
}

/** `GET /v1/companies: responses.200.content.application/json.schema.properties.website`, or `components.securitySchemes…`. */
function changePath(path: (string | number)[]): string {
  const [root, route, method, ...rest] = path.map(String);
  if (root === 'paths' && route !== undefined) {
    const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
    if (method === undefined) return route;
    if (!methods.includes(method)) return `${route}: ${[method, ...rest].join('.')}`;
    return `${method.toUpperCase()} ${route}${rest.length ? `: ${rest.join('.')}` : ''}`;
  }
  return path.map(String).join('.');
}

const WHY: Record<ContractChange['level'], string> = {
  breaking: 'a client written against the released document may fail (a response promises less, or a request must send more or other input)',
  dangerous: 'may change the behaviour of existing clients',
  'non-breaking': 'existing clients keep working',
  annotation: 'documentation only',
  unclassified: 'the tool could not classify it',
};

function openApiWhy(action: string, path: (string | number)[]): string {
  const inResponse = direction(path) === 'response';
  const inRequest = direction(path) === 'request';
  if (path[0] === 'paths' && path.length <= 3 && action === 'remove') return 'a route or operation clients call is gone';
  if (inResponse && action === 'remove') return 'a response no longer promises something a client may read';
  if (inResponse) return 'a response now promises something different (a client may read a value it cannot handle)';
  if (inRequest && action === 'add') return 'a request must now send something a released client does not send';
  if (inRequest) return 'a request accepts less than before (a released client may now be rejected)';
  if (path.includes('security') || path.includes('securitySchemes')) return 'clients must authenticate differently';
  return WHY.breaking;
}

/** Whether a schema change at `path` is in what the API sends (response) or what it is sent (request). */
function direction(path: (string | number)[]): 'response' | 'request' | undefined {
  if (path[0] !== 'paths') return undefined;
  if (path[2] === 'parameters' || path[3] === 'parameters' || path[3] === 'requestBody') return 'request';
  if (path[3] === 'responses') return 'response';
  return undefined;
}

function nodeAt(doc: unknown, path: (string | number)[]): Record<string, unknown> | undefined {
  let node: unknown = doc;
  for (const key of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The values a schema node allows, as far as `type`, `enum`, `const` and `nullable` say (undefined: any). */
interface ValueSet {
  types?: Set<string>;
  values?: unknown[];
}

function valueSet(node: Record<string, unknown>): ValueSet | undefined {
  const set: ValueSet = {};
  if (node.type !== undefined) {
    const list = Array.isArray(node.type) ? node.type : [node.type];
    if (!list.every((t) => typeof t === 'string')) return undefined;
    set.types = new Set(list as string[]);
    if (node.nullable === true) set.types.add('null');
  }
  if ('const' in node) set.values = [node.const];
  else if (Array.isArray(node.enum)) set.values = node.enum as unknown[];
  return set;
}

function typeWithin(type: string, types: Set<string> | undefined): boolean {
  return !types || types.has(type) || (type === 'integer' && types.has('number'));
}

/** Whether every value `inner` allows is allowed by `outer`. */
function valuesWithin(inner: ValueSet, outer: ValueSet): boolean {
  const allowedByOuter = (v: unknown): boolean =>
    typeWithin(jsonType(v), outer.types) && (!outer.values || outer.values.some((o) => JSON.stringify(o) === JSON.stringify(v)));
  if (inner.values) return inner.values.filter((v) => typeWithin(jsonType(v), inner.types)).every(allowedByOuter);
  if (outer.values) return false;
  if (!outer.types) return true;
  if (!inner.types) return false;
  return [...inner.types].every((t) => typeWithin(t, outer.types));
}

/**
 * api-smart-diff judges `type` and `enum` changes item by item and flips the request rule for responses,
 * which gets sets wrong: `string` → `integer` in a response comes out non-breaking, and a free `string`
 * that gains an `enum` comes out breaking. Decide them by the values the schema allows instead: a
 * response breaks when it may now send a value it could not, a request when it no longer accepts a value
 * it did. It also calls removing an optional response property non-breaking, which it is not for a
 * client that reads the field when present, and a response's `additionalProperties` going from `true`
 * to `false` breaking, which narrows what is sent.
 */
function reclassify(
  d: { path: (string | number)[]; before?: unknown; after?: unknown; action: string },
  before: unknown,
  after: unknown,
): ContractChange['level'] | undefined {
  const path = d.path;
  const side = direction(path);
  if (!side) return undefined;
  if (path.at(-2) === 'properties') return side === 'response' && d.action === 'remove' ? 'breaking' : undefined;
  const key = path.at(-1);
  if (key === 'additionalProperties' && typeof (d.before ?? true) === 'boolean' && typeof (d.after ?? true) === 'boolean') {
    const wider = (d.after ?? true) === true && d.before === false;
    return side === 'response' || wider ? 'non-breaking' : 'breaking';
  }
  const at = ['type', 'enum', 'const', 'nullable'].includes(String(key)) ? -1 : path.at(-2) === 'enum' || path.at(-2) === 'type' ? -2 : 0;
  if (at === 0) return undefined;
  const parent = path.slice(0, at);
  const b = nodeAt(before, parent);
  const a = nodeAt(after, parent);
  if (!b || !a) return undefined;
  const bs = valueSet(b);
  const as = valueSet(a);
  if (!bs || !as) return undefined;
  return (side === 'response' ? valuesWithin(as, bs) : valuesWithin(bs, as)) ? 'non-breaking' : 'breaking';
}

/** Every change between two OpenAPI documents, classified. */
export function openApiChanges(before: unknown, after: unknown): ContractChange[] {
  // The diff of the whole document takes seconds; an unchanged one needs none.
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const b = normalizeOpenApi(before);
  const a = normalizeOpenApi(after);
  // apiCompare rewrites what it is given (e.g. adds `enum: []` to align two schemas): give it copies.
  const { diffs } = apiCompare(structuredClone(b), structuredClone(a));
  return diffs.map((d) => {
    const level = reclassify(d, b, a) ?? (d.type as ContractChange['level']);
    return {
      path: changePath(d.path),
      what: d.description || `${d.action} ${JSON.stringify(d.after ?? d.before)?.slice(0, 120)}`,
      why: level === 'breaking' ? openApiWhy(d.action, d.path) : WHY[level] ?? level,
      level,
    };
  });
}

// ---------------------------------------------------------------------------------------------- GraphQL

/** The schema the server serves, printed as one SDL with types and fields in name order. */
export function currentGraphqlSdl(): string {
  return printSchema(lexicographicSortSchema(buildSchema(loadSchemaSource()))) + '\n';
}

const GRAPHQL_LEVEL: Record<CriticalityLevel, ContractChange['level']> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'non-breaking',
};

/** Every change between two GraphQL SDLs, classified by graphql-inspector. */
export async function graphqlChanges(before: string, after: string): Promise<ContractChange[]> {
  const changes = await graphqlDiff(buildSchema(before), buildSchema(after));
  return changes.map((c) => {
    const level = GRAPHQL_LEVEL[c.criticality.level];
    const fallback = level === 'breaking' ? 'operations written against the released schema may fail, or get values of another type or nullability' : WHY[level];
    return { path: c.path ?? '(schema)', what: c.message, why: c.criticality.reason ?? fallback, level };
  });
}

// ---------------------------------------------------------------------------------------------- report

export function formatChanges(changes: ContractChange[]): string {
  return changes.map((c) => `- [${c.level}] ${c.path}\n    what: ${c.what}\n    why:  ${c.why}`).join('\n');
}

export interface ContractReport {
  current: string;
  baseline: Baseline | undefined;
  openApi: ContractChange[];
  graphql: ContractChange[];
}

/** Diffs the current OpenAPI document and GraphQL schema against the newest released baseline. */
export async function compareWithLatestRelease(dir: string = releasedFolder): Promise<ContractReport> {
  const current = packageVersion();
  const baseline = releasedBaselines(dir).at(-1);
  if (!baseline) return { current, baseline, openApi: [], graphql: [] };
  const openApi = openApiChanges(JSON.parse(readFileSync(baseline.openApiFile, 'utf8')), JSON.parse(readFileSync(openApiFile, 'utf8')));
  const graphql = await graphqlChanges(readFileSync(baseline.graphqlFile, 'utf8'), currentGraphqlSdl());
  return { current, baseline, openApi, graphql };
}

// ---------------------------------------------------------------------------------------------- release

export interface ReleaseResult {
  written: string[];
  /** Breaking changes against the baseline this release replaced (only with `force`). */
  replacedBreaking: ContractChange[];
}

/**
 * Writes the baseline of the current version: openapi/openapi.json as it is, and the printed GraphQL SDL.
 * Refuses a version older than the newest baseline, a document whose info.version is not the package's,
 * and replacing an existing baseline of this version with a breaking one (unless `force`): a released
 * baseline is what clients were promised, so overwriting it would defeat the check.
 */
export async function releaseBaseline(options: { dir?: string; force?: boolean } = {}): Promise<ReleaseResult> {
  const dir = options.dir ?? releasedFolder;
  const version = packageVersion();
  const documentText = readFileSync(openApiFile, 'utf8');
  const documentVersion = (JSON.parse(documentText) as { info?: { version?: string } }).info?.version;
  if (documentVersion !== version) {
    throw new Error(`openapi/openapi.json says version ${documentVersion}, package.json ${version}: run \`npm run openapi\` first`);
  }
  const newest = releasedBaselines(dir).at(-1);
  if (newest && compareVersions(version, newest.version) < 0) {
    throw new Error(`version ${version} is older than the newest baseline ${newest.version}: bump package.json's version`);
  }
  const sdl = currentGraphqlSdl();
  let replacedBreaking: ContractChange[] = [];
  if (newest && newest.version === version) {
    const breaking = [
      ...openApiChanges(JSON.parse(readFileSync(newest.openApiFile, 'utf8')), JSON.parse(documentText)),
      ...(await graphqlChanges(readFileSync(newest.graphqlFile, 'utf8'), sdl)),
    ].filter((c) => c.level === 'breaking');
    if (breaking.length && !options.force) {
      throw new Error(
        `the baseline of ${version} exists and the current contract breaks it:\n${formatChanges(breaking)}\n` +
          `Bump the version in package.json (then \`npm run openapi\`), or overwrite the baseline with \`npm run contract:release -- --force\` if ${version} was never released.`,
      );
    }
    replacedBreaking = breaking;
  }
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, `${version}.openapi.json`), join(dir, `${version}.schema.graphql`)];
  writeFileSync(files[0]!, documentText.endsWith('\n') ? documentText : `${documentText}\n`);
  writeFileSync(files[1]!, sdl);
  return { written: files, replacedBreaking };
}
