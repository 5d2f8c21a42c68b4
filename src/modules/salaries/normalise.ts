import { ANNUALISE, type SalaryPeriod } from '../../reference/taxonomy.js';

export interface PostedSalary {
  min: number;
  max: number;
  currency: string;
  period: SalaryPeriod;
}

/**
 * Annual USD range of a posted salary: amount × periods per year (2,080 hours, 260 days, 52 weeks,
 * 12 months) × USD per unit of the currency, rounded to whole dollars.
 */
export function annualUsd(salary: PostedSalary, usdPerUnit: number): { min: number; max: number } {
  const factor = ANNUALISE[salary.period] * usdPerUnit;
  return { min: Math.round(salary.min * factor), max: Math.round(salary.max * factor) };
}
