import { existsSync } from 'node:fs';
import type { Workload } from '../lib/context.js';

/** W6: nested GraphQL vs the REST calls that fetch the same data; statements per request; JIT on vs off. */
export const w6: Workload = {
  id: 'W6',
  title: 'GraphQL',
  async run() {
    if (!existsSync('src/plugins/graphql.ts')) {
      return [{ id: 'W6', workload: 'GraphQL companies(first: 20) { jobs(first: 10) }', note: 'not available: the API has no GraphQL endpoint yet (src/plugins/graphql.ts)' }];
    }
    return [{ id: 'W6', workload: 'GraphQL companies(first: 20) { jobs(first: 10) }', note: 'not available: not measured yet' }];
  },
};
