import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Database, DatabaseHandle } from '../db/index.js';
import { CursorCodec } from '../lib/cursor.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: DatabaseHandle;
    /** What the services need: the database, the cursor codec and the search counting bound. */
    deps: { db: Database; cursors: CursorCodec; countBound: number };
    /** Every route registered, as `METHOD url` (the OpenAPI test checks each /v1 one is documented). */
    routeList: { method: string; url: string }[];
  }
}

export interface AppContextOptions {
  config: Config;
  database: DatabaseHandle;
  /** buildApp connected the database itself: it is closed with the app. */
  ownsDatabase: boolean;
}

/**
 * What every other part reads from the app: its config, its database and the services' `deps`, and
 * the list of routes as they are added. Registered first: its onClose (closing a database the app
 * opened itself) then runs after every other plugin's (Fastify runs onClose hooks last-added first),
 * so the key-use flush of `auth` still has the database.
 */
export default fp(
  async function appContext(app: FastifyInstance, opts: AppContextOptions) {
    const { config, database } = opts;
    const routeList: { method: string; url: string }[] = [];
    app.decorate('routeList', routeList);
    // Reads routes, changes nothing (see src/http/route-hooks.ts for the hooks that do).
    app.addHook('onRoute', function listRoute(route) {
      for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
    });
    app.decorate('config', config);
    app.decorate('database', database);
    app.decorate('deps', { db: database.db, cursors: new CursorCodec(config.cursorSecret), countBound: config.searchCountBound });
    if (opts.ownsDatabase) app.addHook('onClose', () => database.close());
  },
  { name: 'app-context' },
);
