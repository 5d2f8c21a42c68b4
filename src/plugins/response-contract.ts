import { channel } from 'node:diagnostics_channel';
import { createHash } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { addRouteHook } from '../http/route-hooks.js';

/**
 * Checks every answer against the OpenAPI document the app publishes: the status is documented for
 * the operation, the headers the contract names are documented on that response (and the required
 * ones sent), and the body matches the schema of its media type. Each mismatch is published on this
 * diagnostics channel; the plugin is active only while something subscribes to it when the app is
 * built (the test suite does, for every app it builds), so production pays nothing.
 */
export const RESPONSE_CONTRACT_CHANNEL = 'hiring-radar:response-contract';

export interface ContractViolation {
  method: string;
  url: string;
  operation: string;
  status: number;
  problem: string;
}

/** Headers whose presence is part of the contract: a response that sends one must document it. */
const CONTRACT_HEADERS = [
  'link',
  'etag',
  'location',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'retry-after',
  'idempotent-replayed',
  'www-authenticate',
];

interface OpenApiResponse {
  description?: string;
  headers?: Record<string, { $ref?: string; required?: boolean }>;
  content?: Record<string, { schema?: unknown }>;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, { operationId?: string; responses?: Record<string, OpenApiResponse | { $ref: string }> }>>;
  components?: Record<string, Record<string, unknown>>;
}

/** One compiled checker per distinct document: every app of a test run shares it. */
const checkers = new Map<string, DocumentChecker>();

class DocumentChecker {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false });
    addFormats.default(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi');
  }

  resolve<T>(value: T | { $ref: string }): T {
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return value as T;
    let node: unknown = this.doc;
    for (const segment of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node as T;
  }

  validator(pointer: string[]): ValidateFunction {
    const key = pointer.join('\u0000');
    let validate = this.validators.get(key);
    if (!validate) {
      const fragment = pointer.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
      validate = this.ajv.compile({ $ref: `openapi#/${fragment}` });
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function checkerFor(doc: OpenApiDocument): DocumentChecker {
  const hash = createHash('sha1').update(JSON.stringify(doc)).digest('hex');
  let checker = checkers.get(hash);
  if (!checker) {
    checker = new DocumentChecker(doc);
    checkers.set(hash, checker);
  }
  return checker;
}

const JSON_MEDIA = /^application\/(?:[\w.-]+\+)?json$/;

function mediaMatches(documented: string, sent: string): boolean {
  if (documented === sent || documented === '*/*') return true;
  return documented.endsWith('/*') && sent.startsWith(documented.slice(0, -1));
}

export function responseContractActive(): boolean {
  return channel(RESPONSE_CONTRACT_CHANNEL).hasSubscribers;
}

export default fp(
  async function responseContract(app: FastifyInstance) {
    const violations = channel(RESPONSE_CONTRACT_CHANNEL);
    const bodies = new WeakMap<FastifyRequest, unknown>();
    // The document exists once the app is ready; it is read at the first answer.
    let checker: DocumentChecker | undefined;

    // A route hook, added before compression's: it sees the body as serialised, not as encoded.
    app.addHook('onRoute', function keepSentBody(route) {
      addRouteHook(route, 'onSend', async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
        bodies.set(request, payload);
        return payload;
      });
    });

    app.addHook('onResponse', async (request, reply) => {
      const routeUrl = request.routeOptions.url;
      if (routeUrl === undefined) return;
      checker ??= checkerFor(app.swagger() as OpenApiDocument);
      const path = routeUrl.replace(/:(\w+)/g, '{$1}');
      const method = request.method.toLowerCase();
      const operation = checker.doc.paths?.[path]?.[method === 'head' ? 'get' : method];
      // Undocumented routes are the hidden ones (docs, GraphQL, assets); the document test covers the rest.
      if (!operation) return;
      const status = reply.statusCode;
      const report = (problem: string) =>
        violations.publish({ method: request.method, url: request.url, operation: `${request.method} ${path}`, status, problem } satisfies ContractViolation);

      const responses = operation.responses ?? {};
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
      if (!key) return report(`status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`);
      const response = checker.resolve(responses[key]!);
      const documentedHeaders = new Map(
        Object.entries(response.headers ?? {}).map(([name, header]) => [name.toLowerCase(), checker!.resolve(header)] as const),
      );
      const sent = reply.getHeaders();
      for (const name of CONTRACT_HEADERS) {
        if (sent[name] !== undefined && !documentedHeaders.has(name)) report(`header ${name} is sent but not documented on ${key}`);
      }
      for (const [name, header] of documentedHeaders) {
        if (header.required && sent[name] === undefined) report(`required header ${name} is missing`);
      }

      const payload = bodies.get(request);
      const empty = payload === undefined || payload === null || payload === '' || (Buffer.isBuffer(payload) && payload.length === 0);
      if (status === 204 || status === 304) {
        if (sent['content-type'] !== undefined || (sent['content-length'] !== undefined && Number(sent['content-length']) !== 0) || !empty) {
          report(`a ${status} carries body headers or a body`);
        }
        return;
      }
      if (request.method === 'HEAD') return;
      const content = response.content;
      if (empty) {
        if (content && Object.keys(content).length) report('the body is empty but the response documents content');
        return;
      }
      const mediaType = String(sent['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const documented = Object.keys(content ?? {}).find((m) => mediaMatches(m.toLowerCase(), mediaType));
      if (!documented) return report(`media type ${mediaType || '(none)'} is not documented on ${key} (documented: ${Object.keys(content ?? {}).join(', ') || 'none'})`);
      // Streams are checked for status, headers and media type only.
      if (!JSON_MEDIA.test(mediaType) || !content![documented]!.schema) return;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return;
      let body: unknown;
      try {
        body = JSON.parse(payload.toString());
      } catch {
        return report(`the ${mediaType} body is not JSON`);
      }
      const validate = checker.validator(['paths', path, method, 'responses', key, 'content', documented, 'schema']);
      if (!validate(body)) {
        const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
        report(`the body does not match the ${documented} schema of ${key}: ${errors.join('; ')}`);
      }
    });
  },
  // Reads the document of `openapi` at the first answer (it is registered later: see src/app.ts).
  { name: 'response-contract' },
);
