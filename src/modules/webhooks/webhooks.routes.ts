import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { noContent, setNextLink } from '../../http/replies.js';
import { ownerOf } from '../../http/owner.js';
import { CursorParam, LimitParam, StringEnum } from '../../lib/schemas.js';
import type { AuthRule } from '../../plugins/auth.js';
import {
  SecretRotation,
  WebhookCreateBody,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookList,
  WebhookPatchBody,
} from './webhooks.schemas.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  pingWebhook,
  retryDelivery,
  rotateWebhookSecret,
  updateWebhook,
  WEBHOOK_QUOTA,
} from './webhooks.service.js';

const KEY: { auth: AuthRule } = { auth: { scope: 'jobs:read', anonymous: false } };
const IdParams = Type.Object({ id: Type.String({ maxLength: 64, description: 'Webhook endpoint id.' }) });
const DeliveryParams = Type.Object({ id: Type.String({ maxLength: 64 }), delivery_id: Type.String({ maxLength: 64, description: 'The delivery’s `webhook-id`.' }) });
const ListQuery = Type.Object({ limit: Type.Optional(LimitParam), cursor: Type.Optional(CursorParam) }, { additionalProperties: false });
const DeliveryListQuery = Type.Object(
  { state: Type.Optional(StringEnum(['pending', 'delivered', 'failed'])), limit: Type.Optional(LimitParam), cursor: Type.Optional(CursorParam) },
  { additionalProperties: false },
);
const quotas = Object.entries(WEBHOOK_QUOTA).map(([tier, n]) => `${tier} ${n}`).join(', ');

/** Webhook endpoints: signed deliveries of postings, saved-search matches and the weekly radar. */
const webhooksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(WebhookEndpoint);
  app.addSchema(WebhookDelivery);
  const tags = ['webhooks'];
  const deps = () => app.webhooks.deps();

  app.post(
    '/v1/webhooks',
    {
      config: KEY,
      schema: {
        tags,
        operationId: 'createWebhook',
        summary: 'Register a webhook endpoint',
        description:
          'Deliveries are signed (Standard Webhooks) with the secret in this answer, shown only here. The URL must be `https` to a public address: ' +
          `private, loopback, link-local and other special addresses, and numeric spellings of IP addresses, are refused (400 naming \`url\`). Endpoints per owner: ${quotas} (429 beyond).`,
        body: WebhookCreateBody,
        response: { 201: WebhookEndpointWithSecret },
      },
    },
    async (request, reply) => {
      const endpoint = await createWebhook(deps(), ownerOf(request.principal), request.body);
      return reply.code(201).header('location', `/v1/webhooks/${endpoint.id}`).send(endpoint);
    },
  );

  app.get(
    '/v1/webhooks',
    { config: KEY, schema: { tags, operationId: 'listWebhooks', summary: 'Your webhook endpoints, newest first', querystring: ListQuery, response: { 200: WebhookList } } },
    async (request, reply) => {
      const page = await listWebhooks(app.deps, ownerOf(request.principal), request.query);
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );

  app.get(
    '/v1/webhooks/:id',
    { config: KEY, schema: { tags, operationId: 'getWebhook', summary: 'One webhook endpoint (and why it is disabled, if it is)', params: IdParams, response: { 200: Type.Ref('WebhookEndpoint') } } },
    async (request) => getWebhook(app.deps.db, ownerOf(request.principal), request.params.id),
  );

  app.patch(
    '/v1/webhooks/:id',
    { config: KEY, schema: { tags, operationId: 'updateWebhook', summary: 'Change, disable or resume an endpoint', params: IdParams, body: WebhookPatchBody, response: { 200: Type.Ref('WebhookEndpoint') } } },
    async (request) => updateWebhook(deps(), ownerOf(request.principal), request.params.id, request.body),
  );

  app.delete(
    '/v1/webhooks/:id',
    { config: KEY, schema: { tags, operationId: 'deleteWebhook', summary: 'Delete an endpoint and its deliveries', params: IdParams, response: { 204: Type.Null({ description: 'Deleted.' }) } } },
    async (request, reply) => {
      await deleteWebhook(app.deps.db, ownerOf(request.principal), request.params.id);
      return noContent(reply);
    },
  );

  app.post(
    '/v1/webhooks/:id/rotate-secret',
    {
      config: KEY,
      schema: {
        tags,
        operationId: 'rotateWebhookSecret',
        summary: 'Rotate the signing secret',
        description: 'For 24 hours every delivery carries two signatures, by the new and the old secret: switch your receiver over, then the old one stops signing.',
        params: IdParams,
        response: { 200: SecretRotation },
      },
    },
    async (request) => rotateWebhookSecret(app.deps.db, ownerOf(request.principal), request.params.id),
  );

  app.post(
    '/v1/webhooks/:id/ping',
    {
      config: KEY,
      schema: {
        tags,
        operationId: 'pingWebhook',
        summary: 'Send a test event',
        description: 'Queues a signed `webhook.ping` delivery (whatever the endpoint subscribes to); follow it in `GET …/deliveries`.',
        params: IdParams,
        response: { 202: Type.Ref('WebhookDelivery') },
      },
    },
    async (request, reply) => reply.code(202).send(await pingWebhook(deps(), ownerOf(request.principal), request.params.id)),
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      config: KEY,
      schema: { tags, operationId: 'listWebhookDeliveries', summary: 'Deliveries and their attempts, newest first', params: IdParams, querystring: DeliveryListQuery, response: { 200: WebhookDeliveryList } },
    },
    async (request, reply) => {
      const page = await listDeliveries(app.deps, ownerOf(request.principal), request.params.id, request.query);
      setNextLink(request, reply, page.next_cursor);
      return page;
    },
  );

  app.post(
    '/v1/webhooks/:id/deliveries/:delivery_id/retry',
    {
      config: KEY,
      schema: {
        tags,
        operationId: 'retryWebhookDelivery',
        summary: 'Attempt a delivery again now',
        description: 'Same body, same `webhook-id`: a failed or delivered delivery starts a new round of retries, a pending one is attempted now. 409 while the endpoint is disabled.',
        params: DeliveryParams,
        response: { 202: Type.Ref('WebhookDelivery') },
      },
    },
    async (request, reply) => reply.code(202).send(await retryDelivery(deps(), ownerOf(request.principal), request.params.id, request.params.delivery_id)),
  );
};

export default webhooksRoutes;
