import type { FieldRules } from '../../graphql/access.js';
import type { MutationResolvers, Resolvers } from '../../graphql/generated.js';
import { camelize, restBody } from '../../graphql/rest.js';
import { CreateKeyBody, RotateKeyBody } from '../keys/keys.schemas.js';
import { createKey, revokeKey, rotateKey, toApiKey } from '../keys/keys.service.js';
import { toRestBody } from '../partner/partner.resolvers.js';

/** Key administration, as `/v1/admin/keys…` (JWT role `admin` or a key with the `admin` scope). */
const Mutation: MutationResolvers = {
  createKey: async (_root, args, ctx) => {
    const body = restBody<CreateKeyBody>(CreateKeyBody, toRestBody(args.input), 'input');
    const { key, secret } = await createKey(ctx.app.deps.db, body);
    return camelize({ key: toApiKey(key), secret });
  },
  revokeKey: async (_root, args, ctx) => {
    const key = await revokeKey(ctx.app.deps.db, args.id);
    ctx.app.invalidateKey(key.prefix);
    return camelize(toApiKey(key));
  },
  rotateKey: async (_root, args, ctx) => {
    const body = restBody<{ old_key_expires_at?: string }>(RotateKeyBody, toRestBody(args.oldKeyExpiresAt ? { oldKeyExpiresAt: args.oldKeyExpiresAt } : {}), '');
    const until = body.old_key_expires_at ? new Date(body.old_key_expires_at) : undefined;
    const { key, secret, oldPrefix } = await rotateKey(ctx.app.deps.db, args.id, until);
    ctx.app.invalidateKey(oldPrefix);
    return camelize({ key: toApiKey(key), secret });
  },
};

export const adminResolvers: Resolvers = { Mutation };

const ADMIN = { scope: 'admin', anonymous: false } as const;
export const adminRules: FieldRules = { 'Mutation.createKey': ADMIN, 'Mutation.revokeKey': ADMIN, 'Mutation.rotateKey': ADMIN };
