import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config.js';
import { loggableError } from '../db/errors.js';
import { PROBLEM_TYPES } from '../lib/errors.js';
import { sendProblem } from '../plugins/problems.js';

/**
 * What cannot be a plugin: the options Fastify takes when it is created (src/app.ts passes them):
 * how requests are logged and identified, and the answers to requests no route ever sees.
 */

/** Logger level and destination (tests pass a stream, or `false` for none); redaction always applies. */
export type LoggerChoice = false | { level?: string; stream?: DestinationStream };

/** A key pasted into a URL must not reach the logs (the request itself is refused). */
export function redactUrl(url: string): string {
  return url.replace(/([?&][^=&]*=)([^&]*)/g, (all, name: string, value: string) =>
    /key|token|auth/i.test(name) || /hr_/.test(decodeURIComponentSafe(value)) ? `${name}[redacted]` : all,
  );
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The logger: credentials redacted from headers and URLs, failed statements without their parameters. */
export function loggerOptions(config: Config, logger: LoggerChoice | undefined) {
  if (logger === false) return false;
  return {
    level: logger?.level ?? config.logLevel,
    ...(logger?.stream ? { stream: logger.stream } : {}),
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      // Failed statements are logged without their parameters (they carry the request's data).
      err: loggableError,
      req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's x-request-id is kept when it is sane, so their logs and ours line up. */
export function genReqId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The router's own refusals (a malformed percent-encoding, an overlong path parameter) are
 * problem+json like every other error.
 */
export function problemOnFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, {
    status: error.statusCode ?? 400,
    type: PROBLEM_TYPES.validation,
    title: error.statusCode === 414 ? 'URI Too Long' : 'Invalid request',
    detail: error.code === 'FST_ERR_BAD_URL' ? 'The URL has an invalid percent-encoding.' : error.message,
  });
}

/** Errors of the HTTP parser (before there is a request): a plain problem+json, then the socket closes. */
export function problemOnClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const title = STATUS_CODES[status]!;
  const detail = status === 408 ? 'The request was not received in time.' : status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP.';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
