import { dayMs, todayUtc } from '../../src/lib/days.js';

/** The seed of the demo data that `npm start` and `npm run seed` use unless told otherwise. */
export const DEMO_SEED = 2026;

/** Today at UTC midnight: the last day of demo postings unless `--until` is given. */
export function defaultUntil(): Date {
  return new Date(dayMs(todayUtc()));
}
