import { Ajv, type AnySchema, type Options } from 'ajv';
import addFormats from 'ajv-formats';

/** What may differ between the project's Ajv instances: only whether input types are coerced. */
export interface AjvChoice {
  /** `'array'` (the default): query-string values are coerced, a single value becomes a one-item list. `false`: a JSON body item is checked as sent. */
  coerceTypes?: 'array' | false;
}

/**
 * The project's one set of Ajv options: the REST routes' validator (buildApp), the GraphQL argument
 * checks (graphql/rest.ts) and the partner batch items (partner.service.ts) all get their instance here.
 * Unknown parameters are errors, not silently dropped; every bad input is reported at once; defaults apply.
 */
export function createAjv(choice: AjvChoice = {}): Ajv {
  const options: Options = {
    allErrors: true,
    strict: false,
    useDefaults: true,
    removeAdditional: false,
    coerceTypes: choice.coerceTypes ?? 'array',
    // As Fastify's own compiler: schemas with an $id are added explicitly (shared schemas), not on compile.
    addUsedSchema: false,
  };
  const ajv = new Ajv(options);
  addFormats.default(ajv);
  return ajv;
}

/**
 * A Fastify `schemaController.compilersFactory.buildValidator` over createAjv(): the shared schemas
 * (`app.addSchema`) are added to the instance, and a schema with an $id is compiled once, as
 * Fastify's own compiler does. Typed structurally, so that src/lib does not import fastify.
 */
export function buildValidator(externalSchemas: Record<string, AnySchema | AnySchema[]>) {
  const ajv = createAjv();
  for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema);
  return ({ schema }: { schema: AnySchema }) => (typeof schema === 'object' && typeof schema.$id === 'string' ? ajv.getSchema(schema.$id) : undefined) ?? ajv.compile(schema);
}
