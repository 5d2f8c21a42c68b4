import { Type } from 'typebox';
import type { FieldRules } from '../../graphql/access.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { MutationResolvers, QueryResolvers, Resolvers, SavedSearchFilter } from '../../graphql/generated.js';
import { argumentName, camel, filterQuery, listConnection, renamed, restBody, restQuery, snake } from '../../graphql/rest.js';
import { ownerOf } from '../../http/owner.js';
import type { Job } from '../jobs/jobs.schemas.js';
import { toGqlJob } from '../jobs/jobs.resolvers.js';
import { SavedSearchCreateBody, SavedSearchPatchBody, type SavedSearch, type SavedSearchQuery } from './saved-searches.schemas.js';
import {
  checkSavedSearchQuery,
  createSavedSearch,
  deleteSavedSearch,
  getSavedSearch,
  listSavedSearches,
  listSavedSearchMatches,
  updateSavedSearch,
} from './saved-searches.service.js';

/** The id as the REST path parameter takes it (`/v1/saved-searches/{id}`, also `/v1/webhooks/{id}`). */
export const OwnedIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });

/** Checks an id argument as REST checks the path parameter; problems name the argument. */
export function ownedId(value: string, argument = 'id'): string {
  return restQuery<{ id: string }>(OwnedIdParams, { id: value }, () => argument).id;
}

/**
 * Service and body problems with GraphQL argument names: `query.salary_min` (the service's name for
 * a filter) → `filter.salaryMin`, `query` → `filter`, `limit`/`cursor` → `first`/`after`.
 */
function rename(name: string): string {
  if (name === 'query') return 'filter';
  if (name.startsWith('query.')) return argumentName(snake(name.slice('query.'.length).split('.')[0]!));
  return argumentName(name);
}

/** A GraphQL JobFilter as the stored REST query (checked and canonicalised as REST does). */
function restFilter(filter: object): SavedSearchQuery {
  return renamed(() => checkSavedSearchQuery(filterQuery(filter)).query, rename);
}

/** REST filter keys that are comma-separated lists (the JobFilter fields that are lists). */
const LIST_KEYS = new Set(['role', 'seniority', 'domain', 'company', 'company_category', 'workplace', 'employment_type', 'country', 'skills']);

/** The stored REST query as the JobFilter-shaped SavedSearchFilter (lists split, camelCase names). */
export function toGqlFilter(query: SavedSearchQuery): SavedSearchFilter {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[camel(key)] = LIST_KEYS.has(key) && typeof value === 'string' ? value.split(',').filter(Boolean) : value;
  }
  return out as SavedSearchFilter;
}

export function toGqlSavedSearch(search: SavedSearch) {
  return { id: search.id, name: search.name, filter: toGqlFilter(search.query), createdAt: search.created_at, updatedAt: search.updated_at };
}

const owner = (ctx: GraphQLContext) => ownerOf(ctx.principal);

const Query: QueryResolvers = {
  savedSearches: async (_root, args, ctx) => {
    const who = owner(ctx);
    const page = await renamed(() => listSavedSearches(ctx.app.deps, who, { limit: args.first, cursor: args.after ?? undefined }), rename);
    return listConnection(page, toGqlSavedSearch);
  },
  savedSearch: async (_root, args, ctx) => {
    const who = owner(ctx);
    return toGqlSavedSearch(await getSavedSearch(ctx.app.deps.db, who, ownedId(args.id)));
  },
  savedSearchMatches: async (_root, args, ctx) => {
    const who = owner(ctx);
    const page = await listSavedSearchMatches(ctx.app.deps, who, ownedId(args.id), { since: args.since ?? undefined, limit: args.first });
    return {
      nodes: page.data.map((m) => ({ matchedAt: m.matched_at, event: m.event, job: toGqlJob(m.job as Job) })),
      nextCursor: page.next_cursor,
      hasMore: page.has_more,
    };
  },
};

const Mutation: MutationResolvers = {
  createSavedSearch: async (_root, args, ctx) => {
    const who = owner(ctx);
    const query = restFilter(args.filter);
    const body = renamed(() => restBody<SavedSearchCreateBody>(SavedSearchCreateBody, { name: args.name, query }, ''), rename);
    return toGqlSavedSearch(await renamed(() => createSavedSearch(ctx.app.deps.db, who, body), rename));
  },
  updateSavedSearch: async (_root, args, ctx) => {
    const who = owner(ctx);
    const id = ownedId(args.id);
    // Absent arguments stay; null ones are refused by the body schema as REST refuses them.
    const patch: Record<string, unknown> = {};
    if (args.name !== undefined) patch.name = args.name;
    if (args.filter !== undefined) patch.query = args.filter === null ? null : restFilter(args.filter);
    const body = renamed(() => restBody<SavedSearchPatchBody>(SavedSearchPatchBody, patch, ''), rename);
    return toGqlSavedSearch(await renamed(() => updateSavedSearch(ctx.app.deps.db, who, id, body), rename));
  },
  deleteSavedSearch: async (_root, args, ctx) => {
    const who = owner(ctx);
    const id = ownedId(args.id);
    await deleteSavedSearch(ctx.app.deps.db, who, id);
    return id;
  },
};

export const savedSearchesResolvers: Resolvers = { Query, Mutation };

/** As the REST routes: an API key (or token) with `jobs:read`; anonymous callers own nothing. */
const KEY = { scope: 'jobs:read', anonymous: false } as const;
export const savedSearchesRules: FieldRules = {
  'Query.savedSearches': KEY,
  'Query.savedSearch': KEY,
  'Query.savedSearchMatches': KEY,
  'Mutation.createSavedSearch': KEY,
  'Mutation.updateSavedSearch': KEY,
  'Mutation.deleteSavedSearch': KEY,
};
