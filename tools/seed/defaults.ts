/** The seed of the demo data that `npm start` and `npm run seed` use unless told otherwise. */
export const DEMO_SEED = 2026;

/** Today at UTC midnight: the last day of demo postings unless `--until` is given. */
export function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
