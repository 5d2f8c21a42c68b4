import { Type, type Static } from 'typebox';
import { DateTime, listOf } from '../../lib/schemas.js';
import { jobFilterProperties } from '../jobs/jobs.schemas.js';

/** The filters of `GET /v1/jobs`, exactly: a saved search's `query` is checked by this schema. */
export const SavedSearchQuery = Type.Object(jobFilterProperties, {
  additionalProperties: false,
  title: 'SavedSearchQuery',
  description: 'The filters of `GET /v1/jobs`, as its query parameters (lists as comma-separated strings or arrays).',
});
export type SavedSearchQuery = Static<typeof SavedSearchQuery>;

export const SavedSearch = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    query: SavedSearchQuery,
    created_at: DateTime(),
    updated_at: DateTime(),
  },
  { $id: 'SavedSearch', title: 'SavedSearch', description: 'A named set of `GET /v1/jobs` filters whose new matches are kept for you.' },
);
export type SavedSearch = Static<typeof SavedSearch>;

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]*\\S[^\\u0000-\\u001f\\u007f]*$', description: 'Your name for it.' });
/** Checked first by the service, whose errors name `query.<param>` (the route's preValidation); then by this schema. */
const QueryField = SavedSearchQuery;

export const SavedSearchCreateBody = Type.Object(
  { name: Name, query: QueryField },
  { additionalProperties: false, title: 'SavedSearchCreate', description: 'A saved search: its name and the filters of `GET /v1/jobs`.' },
);
export type SavedSearchCreateBody = Static<typeof SavedSearchCreateBody>;

export const SavedSearchPatchBody = Type.Object(
  { name: Type.Optional(Name), query: Type.Optional(QueryField) },
  { additionalProperties: false, minProperties: 1, title: 'SavedSearchPatch', description: 'What to change; `query` replaces the filters as a whole.' },
);
export type SavedSearchPatchBody = Static<typeof SavedSearchPatchBody>;

export const SavedSearchList = listOf(Type.Ref('SavedSearch'), {}, { title: 'SavedSearchList', description: 'A page of your saved searches, newest first.' });

export const SavedSearchMatch = Type.Object(
  {
    matched_at: DateTime('When the dispatcher saw the posting match (feed order).'),
    event: Type.Object(
      {
        id: Type.String({ description: 'The change-feed event after which the posting matched (`GET /v1/jobs/changes`).' }),
        type: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('closed'), Type.Literal('reopened')]),
      },
      { title: 'SavedSearchMatchEvent', description: 'The change-feed event after which the posting matched.' },
    ),
    job: Type.Ref('Job'),
  },
  { title: 'SavedSearchMatch', description: 'A posting that started matching: created, or changed into the match.' },
);

export const SavedSearchMatches = Type.Object(
  {
    data: Type.Array(SavedSearchMatch),
    next_cursor: Type.String({ description: 'Pass as `since` on the next call.' }),
    has_more: Type.Boolean(),
  },
  { title: 'SavedSearchMatches', description: 'Postings that started matching since the cursor, in feed order.' },
);
export type SavedSearchMatches = Static<typeof SavedSearchMatches>;
export type SavedSearchMatch = Static<typeof SavedSearchMatch>;
