/** Where demo postings are: countries (currency, salary transparency), weighted offices, remote countries. */
import { cumulative } from './random.js';

interface Country {
  name: string;
  currency: string;
  /** Share of postings in this country that publish a salary (pay-transparency laws make the US high). */
  salaryShare: number;
}

export const COUNTRIES: Record<string, Country> = {
  US: { name: 'United States', currency: 'USD', salaryShare: 0.9 },
  GB: { name: 'United Kingdom', currency: 'GBP', salaryShare: 0.72 },
  FR: { name: 'France', currency: 'EUR', salaryShare: 0.7 },
  DE: { name: 'Germany', currency: 'EUR', salaryShare: 0.7 },
  NL: { name: 'Netherlands', currency: 'EUR', salaryShare: 0.7 },
  IE: { name: 'Ireland', currency: 'EUR', salaryShare: 0.7 },
  ES: { name: 'Spain', currency: 'EUR', salaryShare: 0.7 },
  CA: { name: 'Canada', currency: 'CAD', salaryShare: 0.8 },
  IN: { name: 'India', currency: 'INR', salaryShare: 0.65 },
  SG: { name: 'Singapore', currency: 'SGD', salaryShare: 0.7 },
  CH: { name: 'Switzerland', currency: 'CHF', salaryShare: 0.65 },
  JP: { name: 'Japan', currency: 'JPY', salaryShare: 0.65 },
  AU: { name: 'Australia', currency: 'AUD', salaryShare: 0.75 },
  PL: { name: 'Poland', currency: 'PLN', salaryShare: 0.75 },
};

interface Place {
  city: string;
  region: string | null;
  country: string;
  weight: number;
}

/** Offices for on-site and hybrid postings, weighted: US-heavy like the market. */
export const PLACES: Place[] = [
  { city: 'San Francisco', region: 'CA', country: 'US', weight: 20 },
  { city: 'New York', region: 'NY', country: 'US', weight: 16 },
  { city: 'Seattle', region: 'WA', country: 'US', weight: 9 },
  { city: 'Austin', region: 'TX', country: 'US', weight: 6 },
  { city: 'Boston', region: 'MA', country: 'US', weight: 6 },
  { city: 'Mountain View', region: 'CA', country: 'US', weight: 4 },
  { city: 'Palo Alto', region: 'CA', country: 'US', weight: 3 },
  { city: 'Los Angeles', region: 'CA', country: 'US', weight: 4 },
  { city: 'Chicago', region: 'IL', country: 'US', weight: 4 },
  { city: 'Denver', region: 'CO', country: 'US', weight: 3 },
  { city: 'Atlanta', region: 'GA', country: 'US', weight: 2 },
  { city: 'Washington', region: 'DC', country: 'US', weight: 2 },
  { city: 'San Diego', region: 'CA', country: 'US', weight: 2 },
  { city: 'Raleigh', region: 'NC', country: 'US', weight: 1.5 },
  { city: 'Pittsburgh', region: 'PA', country: 'US', weight: 1.5 },
  { city: 'London', region: 'England', country: 'GB', weight: 7 },
  { city: 'Cambridge', region: 'England', country: 'GB', weight: 1 },
  { city: 'Manchester', region: 'England', country: 'GB', weight: 1 },
  { city: 'Edinburgh', region: 'Scotland', country: 'GB', weight: 0.8 },
  { city: 'Paris', region: 'Île-de-France', country: 'FR', weight: 4 },
  { city: 'Berlin', region: 'Berlin', country: 'DE', weight: 2.5 },
  { city: 'Munich', region: 'Bavaria', country: 'DE', weight: 1.5 },
  { city: 'Heidelberg', region: 'Baden-Württemberg', country: 'DE', weight: 0.5 },
  { city: 'Amsterdam', region: 'North Holland', country: 'NL', weight: 1.5 },
  { city: 'Dublin', region: 'Dublin', country: 'IE', weight: 1.2 },
  { city: 'Barcelona', region: 'Catalonia', country: 'ES', weight: 0.8 },
  { city: 'Toronto', region: 'ON', country: 'CA', weight: 3 },
  { city: 'Montreal', region: 'QC', country: 'CA', weight: 1.2 },
  { city: 'Vancouver', region: 'BC', country: 'CA', weight: 1.2 },
  { city: 'Bangalore', region: 'Karnataka', country: 'IN', weight: 3.5 },
  { city: 'Hyderabad', region: 'Telangana', country: 'IN', weight: 1.5 },
  { city: 'Pune', region: 'Maharashtra', country: 'IN', weight: 0.8 },
  { city: 'Singapore', region: null, country: 'SG', weight: 2 },
  { city: 'Zurich', region: 'Zurich', country: 'CH', weight: 2 },
  { city: 'Tokyo', region: 'Tokyo', country: 'JP', weight: 1.2 },
  { city: 'Sydney', region: 'NSW', country: 'AU', weight: 1.2 },
  { city: 'Melbourne', region: 'VIC', country: 'AU', weight: 0.6 },
  { city: 'Warsaw', region: 'Masovia', country: 'PL', weight: 1.5 },
  { city: 'Krakow', region: 'Lesser Poland', country: 'PL', weight: 0.7 },
];
export const PLACE_CUM = cumulative(PLACES.map((p) => p.weight));

/** Countries of remote postings (city and region stay null). */
export const REMOTE_COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['US', 70],
  ['GB', 6],
  ['CA', 6],
  ['DE', 4],
  ['IN', 4],
  ['PL', 3],
  ['ES', 2],
  ['NL', 2],
  ['IE', 1],
  ['FR', 1],
  ['AU', 1],
];
export const REMOTE_CUM = cumulative(REMOTE_COUNTRIES.map(([, w]) => w));
