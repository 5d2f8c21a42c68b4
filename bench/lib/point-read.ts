/**
 * The point read: the prepared statement of `GET /v1/jobs/{id}` replayed through a pg pool (W3's
 * limit). The cheapest thing the API asks of PostgreSQL, it is the floor searches and listings are
 * measured against: unlike "the same SQL through pg", it does not get slower when their SQL does.
 */
import { capturePaths } from './capture.js';
import type { Context } from './context.js';
import { opLoad, replay, type CapturedStatement, type Measurement } from './load.js';

export const POINT_READ = "point read via pg (W3's limit)";

/** The job-by-id paths of the run's sample ids and the statements each makes the API send. */
export async function pointReadStatements(ctx: Context): Promise<{ paths: string[]; statements: CapturedStatement[][] }> {
  const paths = (await ctx.jobIds()).map((id) => `/v1/jobs/${id}`);
  return { paths, statements: await capturePaths(await ctx.capture(), paths) };
}

/** The point read's operations for opLoad: one replay per sample id, in turn. */
export const pointReadOps = (ctx: Context, statements: CapturedStatement[][]) => statements.map((st) => replay(ctx.pool(), st));

/** Measures the point read on its own (when W3, which measures it alongside the API, has not run). */
export async function measurePointRead(ctx: Context): Promise<Measurement> {
  const { statements } = await pointReadStatements(ctx);
  return opLoad(pointReadOps(ctx, statements), ctx.load);
}
