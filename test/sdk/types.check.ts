/**
 * Compile-time checks of the SDK's generated types (`npx tsc --noEmit -p .` fails when they are
 * wrong; vitest does not run this file). They catch a schema that degrades to `unknown` or `string`.
 */
import type { HiringRadarClient, Job, QueryOf, Written } from '../../clients/typescript/src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** True when T is a union of string literals (not `string`, not `unknown`). */
type IsStringUnion<T> = [T] extends [string] ? (string extends T ? false : true) : false;
const check = <T extends true>() => undefined as unknown as T;

export async function typeChecks(client: HiringRadarClient): Promise<void> {
  // GET /v1/jobs/{id}: the JSON body, not a union with JSON-LD.
  const _job = await client.jobs.get('id');
  check<Equal<typeof _job.posted_at, string>>();
  check<Equal<typeof _job.id, string>>();
  const { data } = await client.raw.GET('/v1/jobs/{id}', { params: { path: { id: 'id' } } });
  if (data) check<Equal<typeof data.posted_at, string>>();
  check<Equal<Job['status'], 'open' | 'closed'>>();
  check<IsStringUnion<Job['workplace']>>();

  // Enums of query parameters are string unions.
  type ListJobs = QueryOf<'listJobs'>;
  check<Equal<NonNullable<ListJobs['status']>, 'open' | 'closed' | 'all'>>();
  check<IsStringUnion<NonNullable<ListJobs['sort']>>>();
  check<IsStringUnion<NonNullable<QueryOf<'listCompanies'>['sort']>>>();
  check<IsStringUnion<NonNullable<QueryOf<'postingTrends'>['interval']>>>();

  // @ts-expect-error: not a sort order
  client.jobs.list({ sort: 'random' });
  // @ts-expect-error: not a parameter of GET /v1/jobs
  client.jobs.list({ colour: 'blue' });

  // The iterator yields jobs; pages carry the total.
  for await (const _item of client.jobs.list({ q: 'llm', role: ['llm_engineer', 'rag_retrieval'] })) check<Equal<typeof _item, Job>>();
  const _page = await client.jobs.list().first();
  check<Equal<typeof _page.total, number>>();
  check<Equal<typeof _page.next_cursor, string | null>>();

  // Writes: the posting, or on a dry run the report.
  const _put = await client.partner.upsertJob('x', {} as Parameters<HiringRadarClient['partner']['upsertJob']>[1]);
  check<Equal<typeof _put.data.external_id, string>>();
  const _dry = await client.partner.upsertJob('x', {} as Parameters<HiringRadarClient['partner']['upsertJob']>[1], { dryRun: true });
  check<Equal<typeof _dry.data.dry_run, true>>();
  check<Equal<Written<{ dry_run: true } | { id: string }, false>, { id: string }>>();
  const _batch = await client.partner.batch([{ op: 'close', external_id: 'x', reason: 'filled' }]);
  check<IsStringUnion<(typeof _batch.data.results)[number]['result']>>();

  // Analytics answers are typed too.
  const _stats = await client.salaries.stats({ group_by: ['role'] });
  check<Equal<typeof _stats.overall.p10, number | null>>();
}
