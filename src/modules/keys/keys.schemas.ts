import { Type, type Static } from 'typebox';
import { KEY_TIERS, SCOPES } from '../../reference/taxonomy.js';
import { CursorParam, DateTime, LimitParam, listOf, Nullable, SLUG_ITEM, StringEnum } from '../../lib/schemas.js';

export const KEY_STATUSES = ['active', 'revoked', 'expired'] as const;

export const ApiKey = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the key: identifies it in lists and logs, grants nothing.' }),
    tier: StringEnum(KEY_TIERS),
    scopes: Type.Array(StringEnum(SCOPES)),
    company: Nullable(Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }, { description: 'Owner of a partner key.' })),
    status: StringEnum(KEY_STATUSES),
    rotated_from: Nullable(Type.String({ description: 'Id of the key this one replaced.' })),
    created_at: DateTime(),
    expires_at: Nullable(DateTime()),
    revoked_at: Nullable(DateTime()),
    last_used_at: Nullable(DateTime('Updated in batches, so it may lag by up to a minute.')),
  },
  { $id: 'ApiKey', title: 'ApiKey', description: 'An API key (never its secret).' },
);
export type ApiKey = Static<typeof ApiKey>;

export const NewApiKey = Type.Object(
  {
    key: Type.Ref('ApiKey'),
    secret: Type.String({ description: 'The key itself. Shown this once; only its hash is stored.' }),
  },
  { $id: 'NewApiKey', title: 'NewApiKey', description: 'A key just issued, with its secret: shown this once, store it now.' },
);

export const CreateKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What the key is for (e.g. the app name).' }),
    tier: StringEnum(KEY_TIERS, { description: 'Rate-limit tier.' }),
    scopes: Type.Optional(
      Type.Array(StringEnum(SCOPES), {
        minItems: 1,
        uniqueItems: true,
        description: 'Default: `jobs:read` and `analytics:read`; a key with `company` also gets `jobs:write`.',
      }),
    ),
    company: Type.Optional(Type.String({ pattern: `^${SLUG_ITEM}$`, maxLength: 100, description: 'Slug of the company a partner key acts for.' })),
    expires_at: Type.Optional(DateTime('When the key stops working.')),
  },
  { title: 'CreateApiKeyRequest', description: 'A new API key.', additionalProperties: false },
);
export type CreateKeyBody = Static<typeof CreateKeyBody>;

export const RotateKeyBody = Type.Object(
  {
    old_key_expires_at: Type.Optional(
      DateTime('Until when the replaced key keeps working (default: 24 hours from now; now or earlier: at once).'),
    ),
  },
  { title: 'RotateApiKeyRequest', description: 'How long the replaced secret keeps working.', additionalProperties: false },
);

export const KeyIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

export const KeyListQuery = Type.Object(
  {
    company: Type.Optional(Type.String({ pattern: `^${SLUG_ITEM}$`, maxLength: 100, description: 'Only keys of this company.' })),
    tier: Type.Optional(StringEnum(KEY_TIERS)),
    status: Type.Optional(StringEnum(KEY_STATUSES)),
    limit: Type.Optional(LimitParam),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type KeyListQuery = Static<typeof KeyListQuery>;

export const ApiKeyList = listOf(Type.Ref('ApiKey'), {}, { title: 'ApiKeyList', description: 'A page of API keys, newest first.' });
