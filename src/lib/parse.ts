import { COUNTRY_CODES } from '../reference/countries.js';
import { ValidationProblem } from './errors.js';

/** Splits a validated comma-separated parameter; empty and absent are the same. */
export function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  return [...new Set(value.split(','))];
}

/** Country codes, upper-cased and checked against ISO 3166-1. */
export function parseCountries(name: string, value: string | undefined): string[] | undefined {
  const codes = splitList(value)?.map((c) => c.toUpperCase());
  const unknown = codes?.filter((c) => !COUNTRY_CODES.has(c));
  if (unknown?.length) {
    throw new ValidationProblem([{ name, reason: `unknown ISO 3166-1 alpha-2 country code ${unknown.join(', ')}` }]);
  }
  return codes;
}

/**
 * A date (UTC midnight) or RFC 3339 date-time, already shape-checked by the schema; rejects
 * impossible calendar values such as 2026-02-30 that Date would silently roll over.
 */
export function parseInstant(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const [datePart] = value.split(/[Tt ]/);
  const [y, m, d] = datePart!.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const instant = new Date(value.length === 10 ? `${value}T00:00:00Z` : value.replace(' ', 'T'));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d || Number.isNaN(instant.getTime())) {
    throw new ValidationProblem([{ name, reason: 'is not a valid calendar date or time' }]);
  }
  return instant;
}
