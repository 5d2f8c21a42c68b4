/**
 * Reference exchange rates (USD per unit) as of 2026-01-01, loaded by migrate() so salaries in
 * these currencies can be normalised on any database. Newer rates can be added as new rows:
 * normalisation uses the latest `as_of` per currency.
 */
export const FX_REFERENCE_DATE = '2026-01-01';

export const REFERENCE_FX_RATES: { currency: string; asOf: string; usdPerUnit: number }[] = [
  ['USD', 1],
  ['EUR', 1.165],
  ['GBP', 1.335],
  ['CAD', 0.72],
  ['INR', 0.01115],
  ['SGD', 0.77],
  ['CHF', 1.25],
  ['JPY', 0.00645],
  ['AUD', 0.66],
  ['PLN', 0.275],
  ['SEK', 0.106],
  ['NOK', 0.0985],
  ['DKK', 0.156],
  ['NZD', 0.58],
  ['HKD', 0.1285],
  ['CNY', 0.139],
  ['KRW', 0.00069],
  ['BRL', 0.18],
  ['MXN', 0.055],
  ['ILS', 0.28],
  ['ZAR', 0.056],
].map(([currency, usdPerUnit]) => ({ currency: currency as string, asOf: FX_REFERENCE_DATE, usdPerUnit: usdPerUnit as number }));
