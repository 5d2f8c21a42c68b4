import { buildSchema, isEnumType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelize } from '../../src/graphql/rest.js';
import { createKey } from '../../src/modules/keys/keys.service.js';
import { PING_EVENT, WEBHOOK_EVENTS } from '../../src/modules/webhooks/events.js';
import { loadSchemaSource } from '../../src/plugins/graphql.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { seedTestJobs } from '../helpers/data.js';
import { codeOf, gql } from '../helpers/graphql.js';

let ctx: TestContext;
let free: Record<string, string>;
let partner: Record<string, string>;
let noJobsRead: Record<string, string>;

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

beforeAll(async () => {
  // No delivery attempts: the deliveries stay as the services stored them.
  ctx = await createTestApp({ RATE_LIMIT_FREE: '1000000', RATE_LIMIT_PARTNER: '1000000', WEBHOOK_WORKER: 'false' });
  await seedTestJobs(ctx.database.db, 10, 3);
  free = bearer((await createKey(ctx.database.db, { name: 'free', tier: 'free' })).secret);
  partner = bearer((await createKey(ctx.database.db, { name: 'openai ATS', tier: 'partner', company: 'openai' })).secret);
  noJobsRead = bearer((await createKey(ctx.database.db, { name: 'analytics only', tier: 'free', scopes: ['analytics:read'] })).secret);
}, 120_000);
afterAll(() => ctx?.close());

const SEARCH = 'id name createdAt updatedAt filter { q role seniority domain company companyCategory workplace employmentType country skills salaryMin salaryMax postedAfter postedBefore status }';
const CREATE_SEARCH = `mutation($name: String!, $filter: JobFilter!) { createSavedSearch(name: $name, filter: $filter) { ${SEARCH} } }`;
const WEBHOOK = 'id url events savedSearchIds description enabled disabledReason disabledAt failingSince previousSecretExpiresAt createdAt updatedAt';
const CREATE_WEBHOOK = `mutation($url: String!, $events: [WebhookEvent!]!, $ids: [ID!], $description: String) {
  createWebhook(url: $url, events: $events, savedSearchIds: $ids, description: $description) { secret webhook { ${WEBHOOK} } } }`;
const DELIVERY = 'id eventType state attemptCount nextAttemptAt createdAt deliveredAt lastStatus lastError attempts { attemptedAt statusCode latencyMs error }';

/** A GraphQL answer in REST's spelling (camelCase → snake_case keys), for parity checks. */
const snakeKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(v)]));
  return value;
};

describe('saved searches over GraphQL: the REST services', () => {
  it('create, list, get, update, delete; REST sees the same object', async () => {
    const created = await gql(ctx.app, CREATE_SEARCH, { name: 'Senior LLM in DE', filter: { role: ['llm_engineer', 'applied_ml'], seniority: ['senior'], country: ['DE'], salaryMin: 100000, q: 'pytorch' } }, free);
    expect(created.errors).toBeUndefined();
    const search = created.data.createSavedSearch;
    expect(search).toMatchObject({ name: 'Senior LLM in DE', filter: { role: ['llm_engineer', 'applied_ml'], seniority: ['senior'], country: ['DE'], salaryMin: 100000, q: 'pytorch', domain: null } });

    // Parity: the REST object is the GraphQL one, with the filter as GET /v1/jobs parameters.
    const rest = await ctx.app.inject({ url: `/v1/saved-searches/${search.id}`, headers: free });
    expect(rest.statusCode).toBe(200);
    const body = rest.json();
    expect(body).toMatchObject({ id: search.id, name: search.name, created_at: search.createdAt, updated_at: search.updatedAt });
    expect(body.query).toMatchObject({ role: 'llm_engineer,applied_ml', seniority: 'senior', country: 'DE', salary_min: 100000, q: 'pytorch' });
    for (const [key, value] of Object.entries(body.query as Record<string, unknown>)) {
      const gqlValue = search.filter[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
      expect(Array.isArray(gqlValue) ? gqlValue.join(',') : gqlValue, key).toEqual(value);
    }

    const got = await gql(ctx.app, `query($id: ID!) { savedSearch(id: $id) { ${SEARCH} } }`, { id: search.id }, free);
    expect(got.data.savedSearch).toEqual(search);

    const listed = await gql(ctx.app, `{ savedSearches(first: 10) { totalCount totalCountRelation pageInfo { hasNextPage endCursor } nodes { id name } } }`, undefined, free);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.savedSearches).toMatchObject({ totalCount: 1, totalCountRelation: 'eq', pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ id: search.id, name: search.name }] });

    const updated = await gql(
      ctx.app,
      `mutation($id: ID!, $name: String, $filter: JobFilter) { updateSavedSearch(id: $id, name: $name, filter: $filter) { ${SEARCH} } }`,
      { id: search.id, name: 'Remote RAG', filter: { role: ['rag_retrieval'], workplace: ['remote'] } },
      free,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateSavedSearch).toMatchObject({ id: search.id, name: 'Remote RAG', filter: { role: ['rag_retrieval'], workplace: ['remote'], seniority: null, salaryMin: null } });
    const restAfter = (await ctx.app.inject({ url: `/v1/saved-searches/${search.id}`, headers: free })).json();
    expect(restAfter.name).toBe('Remote RAG');
    expect(restAfter.query).toMatchObject({ role: 'rag_retrieval', workplace: 'remote' });
    expect(restAfter.query.seniority).toBeUndefined();

    const matches = await gql(ctx.app, `query($id: ID!) { savedSearchMatches(id: $id, first: 10) { nodes { matchedAt event { id type } job { id title } } nextCursor hasMore } }`, { id: search.id }, free);
    expect(matches.errors).toBeUndefined();
    expect(matches.data.savedSearchMatches).toMatchObject({ nodes: [], hasMore: false });
    expect(typeof matches.data.savedSearchMatches.nextCursor).toBe('string');
    const restMatches = (await ctx.app.inject({ url: `/v1/saved-searches/${search.id}/matches?limit=10`, headers: free })).json();
    expect(restMatches).toEqual({ data: [], next_cursor: matches.data.savedSearchMatches.nextCursor, has_more: false });

    const deleted = await gql(ctx.app, `mutation($id: ID!) { deleteSavedSearch(id: $id) }`, { id: search.id }, free);
    expect(deleted.data).toEqual({ deleteSavedSearch: search.id });
    expect((await ctx.app.inject({ url: `/v1/saved-searches/${search.id}`, headers: free })).statusCode).toBe(404);
    const gone = await gql(ctx.app, `query($id: ID!) { savedSearch(id: $id) { id } }`, { id: search.id }, free);
    expect(codeOf(gone)).toBe('NOT_FOUND');
  });

  it('a bad filter is BAD_USER_INPUT naming the filter field, as REST names query.<param>', async () => {
    const bad = await gql(ctx.app, CREATE_SEARCH, { name: 'bad', filter: { salaryMin: -1 } }, free);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions).toMatchObject({ field: 'filter.salaryMin' });
    const rest = await ctx.app.inject({ method: 'POST', url: '/v1/saved-searches', headers: free, payload: { name: 'bad', query: { salary_min: -1 } } });
    expect(rest.statusCode).toBe(400);
    expect(rest.json().errors[0].name).toBe('query.salary_min');

    const date = await gql(ctx.app, CREATE_SEARCH, { name: 'bad', filter: { postedAfter: 'yesterday' } }, free);
    expect(codeOf(date)).toBe('BAD_USER_INPUT');
    expect(date.errors![0]!.extensions).toMatchObject({ field: 'filter.postedAfter' });

    const name = await gql(ctx.app, CREATE_SEARCH, { name: '   ', filter: {} }, free);
    expect(codeOf(name)).toBe('BAD_USER_INPUT');
    expect(name.errors![0]!.extensions).toMatchObject({ field: 'name' });
  });

  it('a foreign matches cursor is BAD_USER_INPUT on since', async () => {
    const { data } = await gql(ctx.app, CREATE_SEARCH, { name: 'cursor', filter: { role: ['llm_engineer'] } }, free);
    const id = data.createSavedSearch.id;
    const bad = await gql(ctx.app, `query($id: ID!) { savedSearchMatches(id: $id, since: "nonsense", first: 5) { hasMore } }`, { id }, free);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions).toMatchObject({ field: 'since' });
    await gql(ctx.app, `mutation($id: ID!) { deleteSavedSearch(id: $id) }`, { id }, free);
  });
});

describe('webhooks over GraphQL: the REST services', () => {
  it('event enums are the REST event names', () => {
    const schema = buildSchema(loadSchemaSource());
    const names = (t: string) => {
      const type = schema.getType(t);
      return isEnumType(type) ? type.getValues().map((v) => v.name) : [];
    };
    const upper = (e: string) => e.replace('.', '_').toUpperCase();
    expect(names('WebhookEvent')).toEqual(WEBHOOK_EVENTS.map(upper));
    expect(names('WebhookDeliveryEventType')).toEqual([...WEBHOOK_EVENTS, PING_EVENT].map(upper));
  });

  it('create (with its whsec_ secret), get, list, update, rotate, ping, deliveries, retry, delete; REST agrees', async () => {
    const created = await gql(ctx.app, CREATE_WEBHOOK, { url: 'https://example.com/hook', events: ['RADAR_PUBLISHED'], description: 'weekly radar' }, free);
    expect(created.errors).toBeUndefined();
    const { secret, webhook } = created.data.createWebhook;
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ url: 'https://example.com/hook', events: ['RADAR_PUBLISHED'], savedSearchIds: [], description: 'weekly radar', enabled: true, disabledReason: null });

    // Parity: GET /v1/webhooks/{id} is the GraphQL object in REST spelling (events as REST names).
    const rest = await ctx.app.inject({ url: `/v1/webhooks/${webhook.id}`, headers: free });
    expect(rest.statusCode).toBe(200);
    expect(rest.json()).toEqual({ ...(snakeKeys(webhook) as object), events: ['radar.published'] });
    expect(camelize(rest.json())).toEqual({ ...webhook, events: ['radar.published'] });

    const got = await gql(ctx.app, `query($id: ID!) { webhook(id: $id) { ${WEBHOOK} } }`, { id: webhook.id }, free);
    expect(got.data.webhook).toEqual(webhook);
    const listed = await gql(ctx.app, `{ webhooks(first: 5) { totalCount totalCountRelation pageInfo { hasNextPage endCursor } nodes { id events } } }`, undefined, free);
    expect(listed.data.webhooks).toEqual({ totalCount: 1, totalCountRelation: 'eq', pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ id: webhook.id, events: ['RADAR_PUBLISHED'] }] });

    // Subscribe to a saved search's matches too.
    const search = (await gql(ctx.app, CREATE_SEARCH, { name: 'for the hook', filter: { role: ['llm_engineer'] } }, free)).data.createSavedSearch;
    const updated = await gql(
      ctx.app,
      `mutation($id: ID!, $events: [WebhookEvent!], $ids: [ID!]) { updateWebhook(id: $id, events: $events, savedSearchIds: $ids, description: null, enabled: false) { ${WEBHOOK} } }`,
      { id: webhook.id, events: ['RADAR_PUBLISHED', 'SAVED_SEARCH_MATCHED'], ids: [search.id] },
      free,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateWebhook).toMatchObject({ events: ['RADAR_PUBLISHED', 'SAVED_SEARCH_MATCHED'], savedSearchIds: [search.id], description: null, enabled: false, disabledReason: 'disabled by its owner' });
    expect((await ctx.app.inject({ url: `/v1/webhooks/${webhook.id}`, headers: free })).json()).toMatchObject({ events: ['radar.published', 'saved_search.matched'], saved_search_ids: [search.id], enabled: false });

    const rotated = await gql(ctx.app, `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret previousSecretExpiresAt } }`, { id: webhook.id }, free);
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotated.data.rotateWebhookSecret.secret).not.toBe(secret);
    const after = (await gql(ctx.app, `query($id: ID!) { webhook(id: $id) { previousSecretExpiresAt } }`, { id: webhook.id }, free)).data.webhook;
    expect(after.previousSecretExpiresAt).toBe(rotated.data.rotateWebhookSecret.previousSecretExpiresAt);

    // A ping is sent to a disabled endpoint too (to test it).
    const ping = await gql(ctx.app, `mutation($id: ID!) { pingWebhook(id: $id) { ${DELIVERY} } }`, { id: webhook.id }, free);
    expect(ping.errors).toBeUndefined();
    const delivery = ping.data.pingWebhook;
    expect(delivery).toMatchObject({ eventType: 'WEBHOOK_PING', state: 'pending', attemptCount: 0, attempts: [] });

    const deliveries = await gql(
      ctx.app,
      `query($id: ID!, $state: WebhookDeliveryState) { webhookDeliveries(webhookId: $id, state: $state, first: 10) { totalCount totalCountRelation pageInfo { hasNextPage endCursor } nodes { ${DELIVERY} } } }`,
      { id: webhook.id },
      free,
    );
    expect(deliveries.errors).toBeUndefined();
    expect(deliveries.data.webhookDeliveries).toMatchObject({ totalCount: 1, totalCountRelation: 'eq', pageInfo: { hasNextPage: false, endCursor: null } });
    expect(deliveries.data.webhookDeliveries.nodes).toEqual([delivery]);
    const restDeliveries = (await ctx.app.inject({ url: `/v1/webhooks/${webhook.id}/deliveries`, headers: free })).json();
    expect(restDeliveries.data).toEqual([{ ...(snakeKeys(delivery) as object), event_type: 'webhook.ping' }]);
    const delivered = await gql(ctx.app, `query($id: ID!) { webhookDeliveries(webhookId: $id, state: delivered, first: 10) { totalCount nodes { id } } }`, { id: webhook.id }, free);
    expect(delivered.data.webhookDeliveries).toEqual({ totalCount: 0, nodes: [] });

    // Retrying while disabled is CONFLICT (REST's 409); resumed, it is queued again.
    const RETRY = `mutation($id: ID!, $delivery: ID!) { retryWebhookDelivery(webhookId: $id, deliveryId: $delivery) { id state } }`;
    const refused = await gql(ctx.app, RETRY, { id: webhook.id, delivery: delivery.id }, free);
    expect(codeOf(refused)).toBe('CONFLICT');
    await gql(ctx.app, `mutation($id: ID!) { updateWebhook(id: $id, enabled: true) { id } }`, { id: webhook.id }, free);
    const retried = await gql(ctx.app, RETRY, { id: webhook.id, delivery: delivery.id }, free);
    expect(retried.errors).toBeUndefined();
    expect(retried.data.retryWebhookDelivery).toEqual({ id: delivery.id, state: 'pending' });

    const deleted = await gql(ctx.app, `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, free);
    expect(deleted.data).toEqual({ deleteWebhook: webhook.id });
    expect((await ctx.app.inject({ url: `/v1/webhooks/${webhook.id}`, headers: free })).statusCode).toBe(404);
    await gql(ctx.app, `mutation($id: ID!) { deleteSavedSearch(id: $id) }`, { id: search.id }, free);
  });

  it('a private address is BAD_USER_INPUT naming url', async () => {
    const bad = await gql(ctx.app, CREATE_WEBHOOK, { url: 'http://10.0.0.1/', events: ['RADAR_PUBLISHED'] }, free);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions).toMatchObject({ field: 'url' });
    expect((bad.errors![0]!.extensions!.errors as { name: string }[]).map((e) => e.name)).toContain('url');
  });

  it('a saved search that is not yours is BAD_USER_INPUT naming savedSearchIds.<i>', async () => {
    const theirs = (await gql(ctx.app, CREATE_SEARCH, { name: 'partner search', filter: { role: ['llm_engineer'] } }, partner)).data.createSavedSearch;
    const bad = await gql(ctx.app, CREATE_WEBHOOK, { url: 'https://example.com/hook', events: ['SAVED_SEARCH_MATCHED'], ids: [theirs.id] }, free);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions).toMatchObject({ field: 'savedSearchIds.0' });
    await gql(ctx.app, `mutation($id: ID!) { deleteSavedSearch(id: $id) }`, { id: theirs.id }, partner);
  });

  it('job events need a partner key: refused for a free key, accepted for the partner', async () => {
    const refused = await gql(ctx.app, CREATE_WEBHOOK, { url: 'https://example.com/hook', events: ['JOB_CREATED'] }, free);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'events' });

    const accepted = await gql(ctx.app, CREATE_WEBHOOK, { url: 'https://example.com/partner', events: ['JOB_CREATED', 'JOB_CLOSED'] }, partner);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.createWebhook.webhook.events).toEqual(['JOB_CREATED', 'JOB_CLOSED']);
    await gql(ctx.app, `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: accepted.data.createWebhook.webhook.id }, partner);
  });

  it('another owner cannot see, change or ping the endpoint: NOT_FOUND, as REST answers 404', async () => {
    const { webhook } = (await gql(ctx.app, CREATE_WEBHOOK, { url: 'https://example.com/mine', events: ['JOB_REOPENED'] }, partner)).data.createWebhook;
    const seen = await gql(ctx.app, `query($id: ID!) { webhook(id: $id) { id } }`, { id: webhook.id }, free);
    expect(codeOf(seen)).toBe('NOT_FOUND');
    expect(seen.data).toBeNull();
    for (const op of ['pingWebhook(id: $id) { id }', 'rotateWebhookSecret(id: $id) { secret }', 'deleteWebhook(id: $id)', 'updateWebhook(id: $id, enabled: false) { id }']) {
      expect(codeOf(await gql(ctx.app, `mutation($id: ID!) { ${op} }`, { id: webhook.id }, free)), op).toBe('NOT_FOUND');
    }
    expect(codeOf(await gql(ctx.app, `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 5) { totalCount } }`, { id: webhook.id }, free))).toBe('NOT_FOUND');
    expect((await ctx.app.inject({ url: `/v1/webhooks/${webhook.id}`, headers: free })).statusCode).toBe(404);
    const list = await gql(ctx.app, `{ webhooks(first: 5) { nodes { id } } }`, undefined, free);
    expect(list.data.webhooks.nodes.map((n: { id: string }) => n.id)).not.toContain(webhook.id);
    // Still there for its owner.
    expect((await gql(ctx.app, `query($id: ID!) { webhook(id: $id) { enabled } }`, { id: webhook.id }, partner)).data.webhook).toEqual({ enabled: true });
    await gql(ctx.app, `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, partner);
  });

  it('an id longer than REST takes is BAD_USER_INPUT naming the argument', async () => {
    const bad = await gql(ctx.app, `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 5) { totalCount } }`, { id: 'x'.repeat(65) }, free);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions).toMatchObject({ field: 'webhookId' });
  });
});

describe('access: as the REST routes (an API key with jobs:read)', () => {
  it.each([
    ['{ savedSearches(first: 5) { totalCount } }'],
    ['{ webhooks(first: 5) { totalCount } }'],
    ['{ webhook(id: "00000000-0000-0000-0000-000000000000") { id } }'],
    ['mutation { createWebhook(url: "https://example.com/hook", events: [RADAR_PUBLISHED]) { secret } }'],
    ['mutation { createSavedSearch(name: "x", filter: {}) { id } }'],
  ])('%s: UNAUTHENTICATED anonymous, FORBIDDEN without jobs:read', async (query) => {
    const anonymous = await gql(ctx.app, query);
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.status).toBe(401);
    const forbidden = await gql(ctx.app, query, undefined, noJobsRead);
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
  });

  it('nothing was created by the refused calls', async () => {
    const rest = await ctx.app.inject({ url: '/v1/webhooks', headers: noJobsRead });
    expect(rest.statusCode).toBe(403);
  });
});
