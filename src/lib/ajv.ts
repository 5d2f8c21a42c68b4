import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';

/** What may differ between the project's Ajv instances: only whether input types are coerced. */
export interface AjvChoice {
  /** `'array'` (the default): query-string values are coerced, a single value becomes a one-item list. `false`: a JSON body item is checked as sent. */
  coerceTypes?: 'array' | false;
}

/**
 * The project's one set of Ajv options: Fastify's own compiler takes them for the REST routes
 * (buildApp's `ajv.customOptions`), and createAjv() builds the instances of the GraphQL argument checks
 * (graphql/rest.ts) and the partner batch items (partner.service.ts) from them.
 * Unknown parameters are errors, not silently dropped; every bad input is reported at once; defaults apply.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  useDefaults: true,
  removeAdditional: false,
  coerceTypes: 'array',
} as const satisfies Options;

export function createAjv(choice: AjvChoice = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, coerceTypes: choice.coerceTypes ?? AJV_OPTIONS.coerceTypes });
  addFormats.default(ajv);
  return ajv;
}
