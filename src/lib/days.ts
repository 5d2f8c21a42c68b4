/** Calendar days in UTC, as `YYYY-MM-DD` strings and epoch milliseconds. */
import { ValidationProblem } from './errors.js';

export const DAY_MS = 86_400_000;

/** The shape of a day, `YYYY-MM-DD` (it may still be an impossible one, such as 2026-02-30). */
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day holding an instant. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The instant a day starts (UTC midnight); NaN for what is not a day. */
export const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The day `n` days after (or before, n < 0) `day`. */
export const addDays = (day: string, n: number) => isoDay(dayMs(day) + n * DAY_MS);

/** Whether a value has the shape `YYYY-MM-DD` (not whether that day exists). */
export const isDayShaped = (value: string) => DAY_SHAPE.test(value);

/** Today's date (UTC). */
export function todayUtc(now = Date.now()): string {
  return isoDay(now);
}

/** The latest calendar date anywhere on Earth right now (UTC+14): later ones are in the future for everyone. */
export function latestDayOnEarth(now = Date.now()): string {
  return isoDay(now + 14 * 3600 * 1000);
}

/** A YYYY-MM-DD value (shape checked by the schema) that is a real calendar day, or a 400 naming it. */
export function parseDay(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!isDayShaped(value) || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new ValidationProblem([{ name, reason: 'is not a valid calendar date' }]);
  }
  return value;
}
