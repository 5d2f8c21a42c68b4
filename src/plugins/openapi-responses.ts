/**
 * Completes the generated OpenAPI document so that it describes exactly what each operation answers:
 * every status it can send (with the problem `type` URNs that status carries), the response headers
 * (shared as `components.headers`), and named component schemas for every titled shape.
 *
 * Documentation only: it runs when the document is generated (the `transform` and `transformObject`
 * hooks of @fastify/swagger), never touches a route's runtime schema, so validation and serialisation
 * are exactly what the route files declare. What it adds is derived from route properties (method,
 * body, path parameters, auth rule, idempotency, rate limiting) and the responses the route declares
 * (304 means a conditional GET, 412 means If-Match, 201 means Location).
 */
import type { RouteOptions } from 'fastify';
import { ABOUT_BLANK, PROBLEM_TYPES } from '../lib/errors.js';
import { isApiRoute } from '../http/route-hooks.js';
import { DELIVERED_EVENTS, WEBHOOK_HEADERS, WEBHOOK_PAYLOAD_COMPONENTS, WEBHOOK_PAYLOADS } from '../modules/webhooks/payload.schemas.js';
import type { AuthRule } from './auth.js';

/** Problem `type` URNs of the error catalogue (src/lib/errors.ts). */
export const PROBLEM_TYPE_URNS = {
  ...PROBLEM_TYPES,
  /** Fastify's own client errors (malformed JSON, body too large, unsupported media type). */
  blank: ABOUT_BLANK,
} as const;
const T = PROBLEM_TYPE_URNS;

/** Methods whose request body Fastify parses (so malformed JSON, 413 and 415 apply). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const integer = { type: 'integer', minimum: 0 };

/** The response headers of the API, referenced from every response that sends them. */
export const RESPONSE_HEADERS: Record<string, { description: string; required?: boolean; schema: Record<string, unknown> }> = {
  'X-Request-Id': {
    description:
      'Id of this request: the caller\'s own `X-Request-Id` when it is 1 to 128 of `A-Za-z0-9._:-`, otherwise a UUID. Problem bodies ' +
      'carry it as `request_id`, and our log lines too: quote it when reporting a problem.',
    required: true,
    schema: { type: 'string', maxLength: 128 },
  },
  'RateLimit-Limit': {
    description: 'Requests allowed per window for the caller\'s tier (IETF RateLimit header fields, draft 6). Sent on every response of a metered route.',
    schema: integer,
  },
  'RateLimit-Remaining': { description: 'Requests left in the current window.', schema: integer },
  'RateLimit-Reset': { description: 'Seconds until the current window ends and the budget is full again.', schema: integer },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: integer },
  Link: {
    description:
      'RFC 8288 link to the next page, `</v1/…?…&cursor=…>; rel="next"` (the same request with `cursor` set); absent on the last page.',
    schema: { type: 'string' },
  },
  ETag: {
    description: 'Entity tag of this representation (strong). Send it back in `If-None-Match` for a 304, or in `If-Match` on an update.',
    schema: { type: 'string' },
  },
  Vary: { description: 'The representation depends on `Accept` (JSON or JSON-LD).', schema: { type: 'string' } },
  Location: { description: 'Path of the resource created.', schema: { type: 'string', format: 'uri-reference' } },
  'Idempotent-Replayed': {
    description: 'Present (`true`) when this answer is the stored answer to an earlier request with the same `Idempotency-Key` and body.',
    schema: { type: 'string', enum: ['true'] },
  },
  'WWW-Authenticate': { description: 'The authentication scheme: `Bearer realm="hiring-radar"`.', required: true, schema: { type: 'string' } },
  'X-Result': {
    description: 'What the write did (or would do, on a dry run).',
    schema: { type: 'string', enum: ['created', 'updated', 'unchanged', 'closed', 'reopened'] },
  },
  'X-Dry-Run': { description: 'Present (`true`) on a dry run: nothing was written.', schema: { type: 'string', enum: ['true'] } },
};

/** The request headers some operations honour (the others ignore them). */
export const REQUEST_HEADERS: Record<string, { name: string; in: 'header'; required: false; description: string; schema: Record<string, unknown> }> = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes the POST safe to retry: the same key and body within 24 hours replays the stored answer (`Idempotent-Replayed: true`), the ' +
      'same key with another body is a 422, and a retry while the first request runs is a 409. 1 to 255 visible ASCII characters (a UUID).',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'Apply the change only if the resource still has this `ETag` (or `*`): 412 otherwise.',
    schema: { type: 'string' },
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'An `ETag` from an earlier answer: 304 (no body) when the representation still has it.',
    schema: { type: 'string' },
  },
};

/** Operations whose answers set headers no route property reveals. */
const ETAG_ON_WRITE = new Set(['createPartnerJob', 'putPartnerJob', 'patchPartnerJob', 'closePartnerJob', 'reopenPartnerJob', 'createLayoff', 'updateLayoff']);
const RESULT_HEADERS = new Set(['createPartnerJob', 'putPartnerJob', 'patchPartnerJob', 'closePartnerJob', 'reopenPartnerJob']);
/** Operations that also take a schema.org JobPosting JSON-LD body (see partner.routes.ts). */
const JSON_LD_BODIES = new Set(['createPartnerJob', 'putPartnerJob']);
const JOB_POSTING_LD_INPUT = {
  type: 'object',
  required: ['@context', '@type'],
  properties: {
    '@context': { description: '`https://schema.org`, or an array or context object that includes it.' },
    '@type': { description: '`JobPosting`, or an array that includes it.' },
  },
  additionalProperties: true,
  description:
    'A schema.org JobPosting as JSON-LD (`Content-Type: application/ld+json`), as Google for Jobs reads it; `GET /v1/jobs/{id}` writes ' +
    'the same shape (`JobPostingLd`). It is mapped to a `JobInput`: `title`, `description`, `datePosted`, `validThrough`, ' +
    '`employmentType`, `jobLocation`, `jobLocationType`, `applicantLocationRequirements`, `baseSalary`, `url` and `skills`, with our ' +
    'own dimensions as `hiringRadar:role` (required), `hiringRadar:seniority`, `hiringRadar:domain` and `hiringRadar:workplace`; on ' +
    'POST, `identifier` becomes the `external_id`. Errors name the JSON-LD property (e.g. `/baseSalary/value/minValue`).',
};
/** 409s beyond those of idempotent routes, by operation. */
const CONFLICTS: Record<string, string> = {
  createPartnerJob: 'A posting with this `external_id` exists already (PUT replaces it).',
  createCompany: 'A company with this slug exists already.',
  retryWebhookDelivery: 'The endpoint is disabled: resume it (PATCH `enabled: true`) first.',
};

interface OpenApiResponse {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
}
interface OpenApiOperation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, OpenApiResponse>;
}
type Doc = {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  webhooks?: Record<string, unknown>;
  components?: Record<string, Record<string, unknown>>;
};

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** The component name of each (status, problem types) pair the API answers. */
const PROBLEM_NAMES: Record<string, string> = {
  [`400 ${T.validation}`]: 'ValidationProblem',
  [`400 ${T.validation} ${T.blank}`]: 'BadRequestProblem',
  [`401 ${T.unauthenticated}`]: 'UnauthenticatedProblem',
  [`403 ${T.forbidden}`]: 'ForbiddenProblem',
  [`404 ${T.notFound}`]: 'NotFoundProblem',
  [`409 ${T.conflict}`]: 'ConflictProblem',
  [`409 ${T.idempotencyInProgress}`]: 'IdempotencyInProgressProblem',
  [`409 ${T.conflict} ${T.idempotencyInProgress}`]: 'ConflictOrInProgressProblem',
  [`412 ${T.precondition}`]: 'PreconditionFailedProblem',
  [`413 ${T.blank}`]: 'ContentTooLargeProblem',
  [`414 ${T.validation}`]: 'UriTooLongProblem',
  [`415 ${T.blank}`]: 'UnsupportedMediaTypeProblem',
  [`422 ${T.idempotencyKeyReused}`]: 'IdempotencyKeyReusedProblem',
  [`429 ${T.rateLimited}`]: 'RateLimitedProblem',
  [`500 ${T.internal}`]: 'InternalErrorProblem',
  [`503 ${T.unavailable}`]: 'UnavailableProblem',
};

/** The problem schemas a document uses, by component name. */
type ProblemSchemas = Map<string, unknown>;

function problemContent(problemSchemas: ProblemSchemas, status: number, types: readonly string[]) {
  const unique = [...new Set(types)];
  const name = PROBLEM_NAMES[`${status} ${unique.join(' ')}`];
  if (!name) throw new Error(`OpenAPI: name the problem schema of ${status} ${unique.join(', ')} in PROBLEM_NAMES`);
  // A Problem whose `type` and `status` are narrowed to what this status carries.
  problemSchemas.set(name, {
    title: name,
    description: `RFC 9457 problem details of a ${status}: \`type\` is ${unique.map((t) => `\`${t}\``).join(' or ')}.`,
    allOf: [
      { $ref: '#/components/schemas/Problem' },
      {
        type: 'object',
        required: ['type', 'status'],
        properties: { type: { type: 'string', enum: unique }, status: { type: 'integer', enum: [status] } },
      },
    ],
  });
  return { 'application/problem+json': { schema: { $ref: `#/components/schemas/${name}` } } };
}

function typesText(types: readonly string[]): string {
  return ` Problem type${types.length > 1 ? 's' : ''}: ${[...new Set(types)].map((t) => `\`${t}\``).join(', ')}.`;
}

/** Adds (or completes) a problem response: its description names the problem types it carries. */
function addProblem(
  problemSchemas: ProblemSchemas,
  responses: Record<string, OpenApiResponse>,
  status: number,
  description: string,
  types: readonly string[],
) {
  const existing = responses[status];
  const text = (existing?.description ?? description).replace(/ Problem types?: .*$/, '');
  responses[status] = { ...existing, description: text + typesText(types), content: problemContent(problemSchemas, status, types) };
}

/** `get /v1/jobs/{id}`: an operation as the document names it. */
const keyOf = (method: string, url: string) => `${method.toLowerCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;

export function createOpenApiCompletion() {
  const routes = new Map<string, RouteOptions>();

  /** @fastify/swagger `transform`: remembers each route, for `transformObject`. */
  function transform({ schema, url, route }: { schema: unknown; url: string; route: RouteOptions }) {
    for (const method of [route.method].flat()) routes.set(keyOf(method, url), route);
    return { schema, url } as never;
  }

  /** @fastify/swagger `transformObject`: completes responses, headers and components. */
  function transformObject(document: { openapiObject: unknown } | { swaggerObject: unknown }) {
    const doc = ('openapiObject' in document ? document.openapiObject : document.swaggerObject) as Doc;
    const components = (doc.components ??= {});
    components.headers = { ...(components.headers ?? {}), ...RESPONSE_HEADERS };
    components.parameters = { ...(components.parameters ?? {}), ...REQUEST_HEADERS };
    const problemSchemas: ProblemSchemas = new Map();
    components.schemas = { ...(components.schemas ?? {}), JobPostingLdInput: { title: 'JobPostingLdInput', ...JOB_POSTING_LD_INPUT } };
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item)) {
        const route = routes.get(`${method} ${path}`);
        if (route) completeOperation(op, route, method.toUpperCase(), problemSchemas);
      }
    }
    Object.assign((components.schemas ??= {}) as Record<string, unknown>, Object.fromEntries(problemSchemas));
    addWebhooks(doc);
    hoistTitledSchemas(doc);
    return doc as never;
  }

  return { transform, transformObject };
}

function completeOperation(op: OpenApiOperation, route: RouteOptions, method: string, problemSchemas: ProblemSchemas) {
  const responses = (op.responses ??= {});
  const problem = (status: number, description: string, types: readonly string[]) => addProblem(problemSchemas, responses, status, description, types);
  const config = (route.config ?? {}) as { auth?: AuthRule; idempotent?: boolean };
  const api = isApiRoute(route.url);
  const bodyParsed = BODY_METHODS.has(method);
  const hasParams = route.url.includes(':');
  const operationId = op.operationId ?? '';
  if (JSON_LD_BODIES.has(operationId) && op.requestBody?.content) {
    op.requestBody.content['application/ld+json'] = { schema: { $ref: '#/components/schemas/JobPostingLdInput' } };
  }

  // --- statuses, with the problem types each carries
  problem(400, 'Invalid request: each bad parameter or body field is listed in `errors`.', bodyParsed ? [T.validation, T.blank] : [T.validation]);
  if (route.url.startsWith('/v1/')) {
    problem(401, 'Credentials are wrong, revoked or expired (or missing where required).', [T.unauthenticated]);
    if (config.auth?.scope) problem(403, `The credentials lack the \`${config.auth.scope}\` scope.`, [T.forbidden]);
  }
  if (hasParams) {
    problem(404, 'Not found.', [T.notFound]);
    problem(414, 'A path parameter is longer than 200 characters.', [T.validation]);
  }
  const conflicts = [...(CONFLICTS[operationId] ? [T.conflict] : []), ...(config.idempotent ? [T.idempotencyInProgress] : [])];
  if (conflicts.length) {
    const why = [CONFLICTS[operationId], config.idempotent ? 'A request with this `Idempotency-Key` is still being processed: retry shortly.' : undefined];
    // One description for every cause, whatever the route file said about one of them.
    delete responses[409]?.description;
    problem(409, why.filter(Boolean).join(' '), conflicts);
  }
  if (responses[412]) problem(412, 'If-Match does not match the current ETag.', [T.precondition]);
  if (bodyParsed) {
    problem(413, 'The request body is larger than the limit.', [T.blank]);
    problem(415, 'The request body has a media type this operation does not accept.', [T.blank]);
  }
  if (config.idempotent) problem(422, 'This `Idempotency-Key` was used with a different request: use a new key.', [T.idempotencyKeyReused]);
  if (api) problem(429, 'Over the rate limit of the tier: retry after `Retry-After` seconds (`GET /v1/usage` shows the budget).', [T.rateLimited]);
  problem(500, 'Internal error; carries the request id.', [T.internal]);
  if (api || responses[503]) {
    problem(503,
      api
        ? 'The database is unavailable for a moment, or the request ran past the statement timeout: retry after `Retry-After` seconds.'
        : 'The database does not answer.',
      [T.unavailable],
    );
  }

  // --- request headers the operation honours
  const honoured = [
    ...(config.idempotent ? ['IdempotencyKey'] : []),
    ...(responses[412] ? ['IfMatch'] : []),
    ...(responses[304] ? ['IfNoneMatch'] : []),
  ];
  if (honoured.length) {
    const parameters = ((op as { parameters?: unknown[] }).parameters ??= []);
    parameters.push(...honoured.map((name) => ({ $ref: `#/components/parameters/${name}` })));
  }

  // --- response headers
  const conditional = Boolean(responses[304]);
  const lists = Object.values(responses[200]?.content ?? {}).some((m) => isList(m.schema));
  for (const [key, response] of Object.entries(responses)) {
    const status = Number(key);
    const names = ['X-Request-Id'];
    if (api) names.push('RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset');
    if (status === 401) names.push('WWW-Authenticate');
    if (status === 429 || (status === 503 && api)) names.push('Retry-After');
    if (config.idempotent && status < 500) names.push('Idempotent-Replayed');
    if (status >= 200 && status < 300) {
      if (lists && status === 200) names.push('Link');
      if (status === 201) names.push('Location');
      if ((conditional && method === 'GET') || (ETAG_ON_WRITE.has(operationId) && status !== 204)) names.push('ETag');
      if (RESULT_HEADERS.has(operationId)) names.push('X-Result', 'X-Dry-Run');
    }
    if (status === 304) names.push('ETag');
    if (operationId === 'getJob' && (status === 200 || status === 304)) names.push('Vary');
    response.headers = { ...(response.headers ?? {}), ...Object.fromEntries(names.map((n) => [n, headerRef(n)])) };
  }

  // --- the order of statuses, ascending
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

function isList(schema: unknown): boolean {
  const s = schema as { properties?: Record<string, unknown>; $ref?: string } | undefined;
  return Boolean(s?.properties?.next_cursor && s.properties.total);
}

/**
 * Every schema with a `title` becomes a component of that name (referenced where it was inline), so
 * clients get named types. Two different shapes under one title are a mistake in the route schemas.
 */
function hoistTitledSchemas(doc: Doc) {
  const schemas = ((doc.components ??= {}).schemas ??= {}) as Record<string, unknown>;
  const hoisted = new Map<string, string>();
  const visit = (node: unknown, isComponentRoot: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, false));
    if (!node || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      // Property names, header and media-type maps are containers of schemas, not schemas.
      out[k] = k === 'properties' || k === 'patternProperties' || k === '$defs'
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, s]) => [name, visit(s, false)]))
        : visit(v, false);
    }
    const title = typeof obj.title === 'string' && looksLikeSchema(obj) ? obj.title : undefined;
    if (!title || isComponentRoot) return out;
    const text = JSON.stringify(out);
    const before = hoisted.get(title);
    if (before === undefined) {
      const existing = schemas[title];
      if (existing !== undefined && JSON.stringify(existing) !== text) throw new Error(`OpenAPI: two different schemas are titled ${title}`);
      schemas[title] = out;
      hoisted.set(title, text);
    } else if (before !== text) {
      throw new Error(`OpenAPI: two different schemas are titled ${title}`);
    }
    return { $ref: `#/components/schemas/${title}` };
  };
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = visit(schema, true);
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const media of Object.values(op.requestBody?.content ?? {})) media.schema = visit(media.schema, false);
      for (const response of Object.values(op.responses ?? {})) {
        for (const media of Object.values(response.content ?? {})) media.schema = visit(media.schema, false);
      }
    }
  }
  // Components hoisted while visiting others are visited as they are added; sort for a stable document.
  doc.components!.schemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}

const titleOf = (schema: unknown) => String((schema as { title?: string }).title);

/** `$ref: 'Job'` (a TypeBox reference by `$id` or title) as the document names it. */
function componentRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(componentRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && !v.startsWith('#') ? `#/components/schemas/${v}` : componentRefs(v)]),
  );
}

/**
 * The OpenAPI 3.1 top-level `webhooks`: one `post` per event we deliver, its body a named component
 * (src/modules/webhooks/payload.schemas.ts), the Standard Webhooks headers as header parameters, and
 * what the receiver's answer means.
 */
function addWebhooks(doc: Doc) {
  const components = (doc.components ??= {});
  const schemas = (components.schemas ??= {}) as Record<string, unknown>;
  for (const schema of WEBHOOK_PAYLOAD_COMPONENTS) schemas[titleOf(schema)] = componentRefs(schema);
  components.parameters = { ...(components.parameters ?? {}), ...WEBHOOK_HEADERS };
  const parameters = Object.keys(WEBHOOK_HEADERS).map((name) => ({ $ref: `#/components/parameters/${name}` }));
  doc.webhooks = Object.fromEntries(
    DELIVERED_EVENTS.map((event) => {
      const { schema, summary, when } = WEBHOOK_PAYLOADS[event];
      const operationId = `webhook${event.replace(/(^|[._])([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase())}`;
      return [
        event,
        {
          post: {
            operationId,
            tags: ['webhooks'],
            summary,
            description:
              `${when} POSTed as JSON to each enabled endpoint subscribed to \`${event}\`, signed with its secret (README: Webhooks and saved searches). ` +
              'Verify the signature on the raw body, answer 2xx at once and do the work afterwards; deduplicate on `webhook-id`.',
            parameters,
            requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${titleOf(schema)}` } } } },
            // One `default`: the project's lint asks every 2XX/4XX response for our X-Request-Id header, which a receiver's answer does not carry.
            responses: {
              default: {
                description:
                  'Your answer. 2xx: accepted, the delivery is done (its body is ignored beyond the first 64 KiB, kept in the delivery log). ' +
                  '410 Gone: the endpoint is disabled at once, the reason shown in `GET /v1/webhooks/{id}`. Anything else — another status, a redirect ' +
                  '(never followed), no answer within 10 s — is retried with growing delays (17 attempts over about 3 days by default: README, Retries), then the delivery is failed; an endpoint whose ' +
                  'deliveries have all failed for 5 days is disabled.',
              },
            },
          },
        },
      ];
    }),
  );
}

function looksLikeSchema(obj: Record<string, unknown>): boolean {
  return 'type' in obj || 'properties' in obj || 'anyOf' in obj || 'oneOf' in obj || 'allOf' in obj || 'enum' in obj || '$ref' in obj;
}
