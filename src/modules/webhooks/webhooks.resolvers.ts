import type { FieldRules } from '../../graphql/access.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { MutationResolvers, QueryResolvers, Resolvers, WebhookDeliveryEventType, WebhookEvent as GqlWebhookEvent } from '../../graphql/generated.js';
import { camelize, listConnection, pointerToPath, renamed, restBody } from '../../graphql/rest.js';
import { ownerOf } from '../../http/owner.js';
import { ownedId } from '../saved-searches/saved-searches.resolvers.js';
import { PING_EVENT, WEBHOOK_EVENTS, type WebhookEvent } from './events.js';
import { WebhookCreateBody, WebhookPatchBody, type WebhookDelivery, type WebhookEndpoint } from './webhooks.schemas.js';
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
} from './webhooks.service.js';

/**
 * Event names: REST's `job.created`, `saved_search.matched` … are GraphQL's `JOB_CREATED`,
 * `SAVED_SEARCH_MATCHED` … (a GraphQL name cannot hold the dot).
 */
const enumName = (event: string) => event.replace('.', '_').toUpperCase();
const TO_REST = new Map<string, string>([...WEBHOOK_EVENTS, PING_EVENT].map((e): [string, string] => [enumName(e), e]));

export const toRestEvent = (event: GqlWebhookEvent): WebhookEvent => TO_REST.get(event) as WebhookEvent;
export const toGqlEvent = (event: WebhookEvent) => enumName(event) as GqlWebhookEvent;

/** Body and service problems as argument names: `/saved_search_ids/0` or `saved_search_ids/0` → `savedSearchIds.0`. */
const rename = (name: string) => (name === 'limit' ? 'first' : name === 'cursor' ? 'after' : pointerToPath('', name.startsWith('/') ? name : `/${name}`));

export function toGqlWebhook(endpoint: WebhookEndpoint) {
  return { ...camelize(endpoint), events: endpoint.events.map(toGqlEvent) };
}

export function toGqlDelivery(delivery: WebhookDelivery) {
  return { ...camelize(delivery), eventType: enumName(delivery.event_type) as WebhookDeliveryEventType };
}

const owner = (ctx: GraphQLContext) => ownerOf(ctx.principal);
/** What the webhook services need beyond the database: the delivery queue and the URL policy (src/plugins/webhooks.ts). */
const deps = (ctx: GraphQLContext) => ctx.app.webhooks.deps();

const Query: QueryResolvers = {
  webhooks: async (_root, args, ctx) => {
    const who = owner(ctx);
    return listConnection(await renamed(() => listWebhooks(ctx.app.deps, who, { limit: args.first, cursor: args.after ?? undefined }), rename), toGqlWebhook);
  },
  webhook: async (_root, args, ctx) => {
    const who = owner(ctx);
    return toGqlWebhook(await getWebhook(ctx.app.deps.db, who, ownedId(args.id)));
  },
  webhookDeliveries: async (_root, args, ctx) => {
    const who = owner(ctx);
    const id = ownedId(args.webhookId, 'webhookId');
    const page = await renamed(() => listDeliveries(ctx.app.deps, who, id, { limit: args.first, cursor: args.after ?? undefined, state: args.state ?? undefined }), rename);
    return listConnection(page, toGqlDelivery);
  },
};

const Mutation: MutationResolvers = {
  createWebhook: async (_root, args, ctx) => {
    const who = owner(ctx);
    const input: Record<string, unknown> = { url: args.url, events: args.events.map(toRestEvent) };
    if (args.savedSearchIds !== undefined) input.saved_search_ids = args.savedSearchIds;
    if (args.description !== undefined) input.description = args.description;
    const body = restBody<WebhookCreateBody>(WebhookCreateBody, input, '');
    const { secret, ...endpoint } = await renamed(() => createWebhook(deps(ctx), who, body), rename);
    return { webhook: toGqlWebhook(endpoint), secret };
  },
  updateWebhook: async (_root, args, ctx) => {
    const who = owner(ctx);
    const id = ownedId(args.id);
    // Absent arguments stay; `description: null` clears; other nulls are refused as REST refuses them.
    const patch: Record<string, unknown> = {};
    if (args.url !== undefined) patch.url = args.url;
    if (args.events !== undefined) patch.events = args.events === null ? null : args.events.map(toRestEvent);
    if (args.savedSearchIds !== undefined) patch.saved_search_ids = args.savedSearchIds;
    if (args.description !== undefined) patch.description = args.description;
    if (args.enabled !== undefined) patch.enabled = args.enabled;
    const body = restBody<WebhookPatchBody>(WebhookPatchBody, patch, '');
    return toGqlWebhook(await renamed(() => updateWebhook(deps(ctx), who, id, body), rename));
  },
  deleteWebhook: async (_root, args, ctx) => {
    const who = owner(ctx);
    const id = ownedId(args.id);
    await deleteWebhook(ctx.app.deps.db, who, id);
    return id;
  },
  rotateWebhookSecret: async (_root, args, ctx) => {
    const who = owner(ctx);
    return camelize(await rotateWebhookSecret(ctx.app.deps.db, who, ownedId(args.id)));
  },
  pingWebhook: async (_root, args, ctx) => {
    const who = owner(ctx);
    return toGqlDelivery(await pingWebhook(deps(ctx), who, ownedId(args.id)));
  },
  retryWebhookDelivery: async (_root, args, ctx) => {
    const who = owner(ctx);
    return toGqlDelivery(await retryDelivery(deps(ctx), who, ownedId(args.webhookId, 'webhookId'), ownedId(args.deliveryId, 'deliveryId')));
  },
};

export const webhooksResolvers: Resolvers = { Query, Mutation };

/** As the REST routes: an API key (or token) with `jobs:read`; anonymous callers own nothing. */
const KEY = { scope: 'jobs:read', anonymous: false } as const;
export const webhooksRules: FieldRules = {
  'Query.webhooks': KEY,
  'Query.webhook': KEY,
  'Query.webhookDeliveries': KEY,
  'Mutation.createWebhook': KEY,
  'Mutation.updateWebhook': KEY,
  'Mutation.deleteWebhook': KEY,
  'Mutation.rotateWebhookSecret': KEY,
  'Mutation.pingWebhook': KEY,
  'Mutation.retryWebhookDelivery': KEY,
};
