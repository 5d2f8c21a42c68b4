/** How the demo quotes pay: its currencies and their rates, pay periods and rounding steps. */
import { REFERENCE_FX_RATES } from '../../src/reference/fx.js';
import type { EmploymentType, SalaryPeriod } from '../../src/reference/taxonomy.js';
import { cumulative } from './random.js';
import type { FxRate } from './types.js';

const DEMO_CURRENCIES = new Set(['USD', 'EUR', 'GBP', 'CAD', 'INR', 'SGD', 'CHF', 'JPY', 'AUD', 'PLN']);

/** The demo quotes salaries in a subset of the reference currencies. */
export const DEMO_FX_RATES: FxRate[] = REFERENCE_FX_RATES.filter((r) => DEMO_CURRENCIES.has(r.currency));

export const USD_PER_UNIT = new Map(DEMO_FX_RATES.map((r) => [r.currency, r.usdPerUnit]));

export const PERIODS: readonly SalaryPeriod[] = ['year', 'month', 'week', 'day', 'hour'];
export const PERIOD_CUM: Record<EmploymentType, Float64Array> = {
  full_time: cumulative([0.97, 0.03, 0, 0, 0]),
  contract: cumulative([0.1, 0.15, 0, 0.2, 0.55]),
  part_time: cumulative([0, 0, 0, 0, 1]),
  temporary: cumulative([0, 0, 0.3, 0, 0.7]),
  internship: cumulative([0, 0.6, 0, 0, 0.4]),
};
/** Rounding step per period in USD-like units; scaled for currencies with small units. */
export const PERIOD_STEP: Record<SalaryPeriod, number> = { year: 1000, month: 100, week: 10, day: 10, hour: 1 };
export const CURRENCY_STEP_SCALE: Record<string, number> = { JPY: 100, INR: 50 };
