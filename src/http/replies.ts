import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';

/** The request header of answers kept per database snapshot (documents `wantsFresh`). */
export const KeptAnswerHeaders = Type.Object({
  'cache-control': Type.Optional(
    Type.String({
      description:
        'The answer to a question asked before is kept while no write has happened since (it is never stale); ' +
        '`no-cache` has it computed anew.',
    }),
  ),
});

/** `Cache-Control: no-cache` (or `no-store`): the client wants an answer computed now, not a kept one. */
export function wantsFresh(request: FastifyRequest): boolean {
  return /\bno-(?:cache|store)\b/i.test(request.headers['cache-control'] ?? '');
}

/** Sets `Link: <same request with cursor=next>; rel="next"` when there is a next page. */
export function setNextLink(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (!nextCursor) return;
  const url = new URL(request.url, 'http://local');
  url.searchParams.set('cursor', nextCursor);
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}

/** True when an If-None-Match header names this ETag (or `*`); weak comparison, as RFC 9110 asks. */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/**
 * 304 Not Modified: no body, so no body headers either (a serialised `null` with its content type
 * and length made validating proxies read a 4-byte JSON body into an answer that has none).
 */
export function notModified(reply: FastifyReply): FastifyReply {
  return withoutBody(reply.code(304));
}

/** 204 No Content: the same, for answers that say nothing. */
export function noContent(reply: FastifyReply): FastifyReply {
  return withoutBody(reply.code(204));
}

function withoutBody(reply: FastifyReply): FastifyReply {
  return reply.removeHeader('content-type').removeHeader('content-length').send();
}
