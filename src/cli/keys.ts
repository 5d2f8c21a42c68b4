import { KEY_TIERS, SCOPES, type KeyTier, type Scope } from '../reference/taxonomy.js';
import { ConfigError, loadConfig } from '../config.js';
import { connect, DatabaseInUseError } from '../db/index.js';
import { HttpProblem } from '../lib/errors.js';
import { CursorCodec } from '../lib/cursor.js';
import { createKey, listKeys, revokeKey } from '../modules/keys/keys.service.js';
import { cliArgs } from './args.js';

const usage = [
  'npm run keys -- create --name "Acme app" [--tier free|partner|internal] [--company <slug>] [--scopes jobs:read,jobs:write] [--expires 2027-01-01T00:00:00Z]',
  '       npm run keys -- list [--company <slug>]',
  '       npm run keys -- revoke <key id>',
].join('\n');

const { values, positionals } = cliArgs(
  {
    name: { type: 'string' },
    tier: { type: 'string' },
    company: { type: 'string' },
    scopes: { type: 'string' },
    expires: { type: 'string' },
  },
  usage,
);

function fail(message: string): never {
  console.error(`${message}\nusage: ${usage}`);
  process.exit(2);
}

const [command, ...rest] = positionals;
if (!command || !['create', 'list', 'revoke'].includes(command)) fail(`unknown command ${JSON.stringify(command ?? '')}`);

try {
  const config = loadConfig();
  const database = await connect({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, holder: 'npm run keys' });
  try {
    // Embedded databases migrate themselves at start; do the same here so a first `keys create` works.
    if (database.backend === 'pglite') await database.migrate();
    if (command === 'create') {
      if (!values.name) fail('--name is required');
      // A key bound to a company is a partner's unless said otherwise.
      values.tier ??= values.company ? 'partner' : 'free';
      if (!KEY_TIERS.includes(values.tier as KeyTier)) fail(`--tier must be one of ${KEY_TIERS.join(', ')}`);
      const scopes = values.scopes?.split(',').map((s) => s.trim());
      const unknown = scopes?.filter((s) => !SCOPES.includes(s as Scope));
      if (unknown?.length) fail(`unknown scope ${unknown.join(', ')}; scopes are ${SCOPES.join(', ')}`);
      const { key, secret } = await createKey(database.db, {
        name: values.name,
        tier: values.tier as KeyTier,
        ...(scopes ? { scopes: scopes as Scope[] } : {}),
        ...(values.company ? { company: values.company } : {}),
        ...(values.expires ? { expires_at: new Date(values.expires).toISOString() } : {}),
      });
      console.log(`created key ${key.id} (${key.prefix}…) tier=${key.tier} scopes=${key.scopes.join(',')}${key.companySlug ? ` company=${key.companySlug}` : ''}`);
      console.log('the key is shown this once; store it now:');
      console.log(secret);
    } else if (command === 'list') {
      const page = await listKeys({ db: database.db, cursors: new CursorCodec(config.cursorSecret) }, { limit: 100, ...(values.company ? { company: values.company } : {}) });
      for (const k of page.data) console.log([k.id, `${k.prefix}…`, k.status, k.tier, k.scopes.join(','), k.company?.slug ?? '-', k.name].join('\t'));
      if (page.total > page.data.length) console.log(`(${page.total - page.data.length} more: use GET /v1/admin/keys)`);
    } else {
      const [id] = rest;
      if (!id) fail('revoke needs a key id');
      const key = await revokeKey(database.db, id);
      console.log(`revoked ${key.id} (${key.prefix}…) at ${key.revokedAt?.toISOString()}`);
    }
  } finally {
    await database.close();
  }
} catch (err) {
  // PGlite files have one user at a time: while the server runs, keys go through its admin API.
  if (err instanceof DatabaseInUseError) {
    console.error(
      `${err.message}; stop it, or manage keys through the admin API of the running server: POST /v1/admin/keys (create), GET /v1/admin/keys (list), DELETE /v1/admin/keys/{id} (revoke), with a credential that has the admin scope.`,
    );
    process.exit(1);
  }
  if (err instanceof HttpProblem) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
