import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { classifyDatabaseError, DATA_EXCEPTION_DETAIL, DATABASE_FAILURE_DETAIL, isDataException, RETRY_AFTER_SECONDS } from '../db/errors.js';
import { ABOUT_BLANK, ERROR_CATALOGUE, HttpProblem, type ErrorKind, type FieldError } from '../lib/errors.js';
import { isApiRoute } from '../http/route-hooks.js';
import { ProblemSchema } from '../lib/schemas.js';
import { fieldErrors, type AjvError } from '../lib/field-errors.js';

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: 'Problem' } } },
});

/**
 * Every error leaves as RFC 9457 problem+json: validation failures name each bad parameter,
 * client errors keep their message, and a 5xx shows only the request id that the log line has.
 */
export default fp(
  async function problems(app: FastifyInstance) {
    app.addSchema(ProblemSchema);

    // Declares the shared error responses on every route, so no route copies them.
    app.addHook('onRoute', (route: RouteOptions) => {
      if (route.schema?.hide) return;
      const schema = (route.schema ??= {});
      // Unknown query parameters are refused everywhere, also on routes that take none.
      if (route.method !== 'OPTIONS' && !schema.querystring) schema.querystring = { type: 'object', properties: {}, additionalProperties: false };
      const response = ((schema.response as Record<string, unknown> | undefined) ??= {});
      if (schema.querystring || schema.params || schema.body) response[400] ??= problemResponse('Invalid request: see `errors`.');
      if (route.url.includes(':')) response[404] ??= problemResponse('Not found.');
      response[500] ??= problemResponse('Internal error; carries the request id.');
      if (isApiRoute(route.url)) response[503] ??= problemResponse('The database is unavailable for a moment, or the request ran past the statement timeout: retry after `Retry-After` seconds.');
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.validation) {
        const errors = fieldErrors(error.validation as AjvError[], error.validationContext ?? 'querystring');
        return sendProblem(request, reply, catalogued('validation', errors.map((e) => `${e.name}: ${e.reason}`).join('; '), errors));
      }
      if (error instanceof HttpProblem) {
        return sendProblem(request, reply, {
          status: error.status,
          type: error.type,
          title: error.title,
          detail: error.message,
          ...(error.errors ? { errors: error.errors } : {}),
        });
      }
      const failure = classifyDatabaseError(error);
      if (failure) {
        // The request could not be served now; a retry after a moment may well succeed.
        if (failure === 'aborted') request.log.info('client went away; its database work was cancelled');
        else request.log.warn({ err: error }, failure === 'timeout' ? 'statement timed out' : 'database unavailable');
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return sendProblem(request, reply, catalogued('unavailable', DATABASE_FAILURE_DETAIL[failure]));
      }
      if (isDataException(error)) {
        request.log.warn({ err: error }, 'a statement refused a value that input validation let through');
        return sendProblem(request, reply, catalogued('validation', DATA_EXCEPTION_DETAIL));
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // Fastify's own client errors (bad JSON, body too large, bad media type) have safe messages.
        return sendProblem(request, reply, { status, type: ABOUT_BLANK, title: statusTitle(status), detail: error.message });
      }
      request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, {
        ...catalogued('internal', `Something went wrong on our side. Quote request id ${request.id} when reporting it.`),
        status: status >= 500 && status < 600 ? status : ERROR_CATALOGUE.internal.status,
      });
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, catalogued('notFound', `No route ${request.method} ${request.url.split('?')[0]}. The API reference is at /docs.`)),
    );
  },
  { name: 'problems' },
);

interface ProblemBody {
  status: number;
  type: string;
  title: string;
  detail: string;
  errors?: FieldError[];
}

/** The problem body of a kind of the catalogue. */
function catalogued(kind: ErrorKind, detail: string, errors?: FieldError[]): ProblemBody {
  const { status, type, title } = ERROR_CATALOGUE[kind];
  return { status, type, title, detail, ...(errors ? { errors } : {}) };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemBody) {
  if (problem.status === ERROR_CATALOGUE.unauthenticated.status) reply.header('www-authenticate', 'Bearer realm="hiring-radar"');
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({ ...problem, instance: request.url.split('?')[0], request_id: String(request.id) });
}

function statusTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    409: 'Conflict',
    412: 'Precondition Failed',
    413: 'Content Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    429: 'Too Many Requests',
  };
  return titles[status] ?? 'Client Error';
}
