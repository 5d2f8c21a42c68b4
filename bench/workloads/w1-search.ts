import { expectOk, searchPaths, throughputRow, type Workload } from '../lib/context.js';
import { compare, httpLoad, opLoad, replay, type CapturedStatement } from '../lib/load.js';

/** The statements each path makes the API send, checked to answer 200. */
export async function capturePaths(ctx: Parameters<Workload['run']>[0], paths: string[]): Promise<CapturedStatement[][]> {
  const app = await ctx.capture();
  const all: CapturedStatement[][] = [];
  for (const path of paths) {
    const { status, body, statements } = await app.capture(path);
    if (status !== 200) throw new Error(`${path} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    all.push(statements);
  }
  return all;
}

/** W1: keyword + country search by relevance vs the very statements it sends, driven through pg. */
export const w1: Workload = {
  id: 'W1',
  title: 'keyword + filter search',
  async run(ctx) {
    const paths = searchPaths();
    const api = await ctx.api();
    await expectOk(api.url, paths);
    const statements = await capturePaths(ctx, paths);
    ctx.details.W1 = {
      paths,
      statementsPerRequest: statements[0]!.length,
      sql: statements[0]!.map((s) => ({ text: s.config.text, values: s.values })),
    };
    const pool = ctx.pool();
    const m = await compare(
      { api: (s) => httpLoad(api.url, paths.map((path) => ({ path })), s), sql: (s) => opLoad(statements.map((st) => replay(pool, st)), s) },
      ctx.load,
    );
    return [
      throughputRow('W1', 'search q + country, relevance', m.api, `same SQL via pg (${statements[0]!.length} statements)`, m.sql, 0.8),
    ];
  },
};
