/** Calendar days in UTC, as `YYYY-MM-DD` strings and epoch milliseconds. */
export const DAY_MS = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
