import {
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ApiGraphQLError } from './errors.js';
import { graphqlRuntime } from './runtime.js';

// Kind is plain strings (either copy of graphql will do); classes and type checks come from the runtime copy.
const { GraphQLError, getArgumentValues, getNamedType, getVariableValues, getOperationAST, isObjectType, isInterfaceType } = graphqlRuntime;

/**
 * Limits that keep one request from costing the database much: depth, aliases and tokens are
 * checked when the document is validated; the cost (and `first`'s bounds, which the cost depends
 * on) once the variables are known, before anything runs.
 */

export const MAX_FIRST = 100;

const tooComplex = (message: string, name: string, max: number, actual: number) =>
  new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', limit: { name, max, actual } } });

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

/** The deepest field nesting of a selection (fragments followed, cycles cut: validation reports them). */
function depthOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let max = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value.startsWith('__')) continue;
      max = Math.max(max, 1 + depthOf(s.selectionSet, fragments, seen));
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(s.selectionSet, fragments, seen));
    } else {
      const name = s.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      max = Math.max(max, depthOf(fragment.selectionSet, fragments, seen));
      seen.delete(name);
    }
  }
  return max;
}

/** Refuses operations nested deeper than `max` fields (introspection fields aside). */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    Document(node) {
      const fragments = fragmentsOf(node);
      for (const d of node.definitions) {
        if (d.kind !== Kind.OPERATION_DEFINITION) continue;
        const depth = depthOf(d.selectionSet, fragments, new Set());
        if (depth > max) {
          context.reportError(tooComplex(`The operation is ${depth} levels deep; at most ${max} are allowed.`, 'depth', max, depth));
        }
      }
    },
  });
}

/** Refuses documents with more than `max` aliases (the cheap way to ask for one field many times). */
export function aliasLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > max) context.reportError(tooComplex(`The document has ${aliases} aliases; at most ${max} are allowed.`, 'aliases', max, aliases));
        },
      },
    };
  };
}

/** What a field costs each time it runs: connections and per-item analytics; other fields are free. */
export interface CostModel {
  /**
   * `Type.field` → cost each time it is resolved: a number, or a function of the field's coerced
   * arguments for fields whose work grows with their input (a batch write costs its items).
   */
  weights: Record<string, number | ((args: Record<string, unknown>) => number)>;
}

export interface Analysis {
  /** Sum over weighted fields of weight × how many times they run (the product of enclosing `first`s). */
  cost: number;
  /** Every field selected, as `Type.field`. */
  fields: Set<string>;
}

/**
 * The operation execution runs: the one named `operationName`, or the only one when no name is
 * given (graphql-js' rule). Refused when there is none, before anything is checked or charged:
 * mercurius' JIT runs the operation it compiled for the document whatever name comes later, so
 * "nothing runs" cannot be relied on.
 */
export function operationToRun(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation) return operation;
  const message =
    operationName === null || operationName === undefined
      ? 'The document has several operations: name the one to run (operationName).'
      : `The document has no operation named ${JSON.stringify(operationName)}.`;
  throw new ApiGraphQLError(message, 'GRAPHQL_VALIDATION_FAILED', {}, 400);
}

/**
 * The document with `operation` as its only operation (fragments kept), or the document itself
 * when it has no other. Executed in place of a document of several operations, it makes what runs
 * the operation that was checked and charged (mercurius' JIT, compiled once per document text for
 * whichever operation ran first, would otherwise run that one for every operation name).
 */
export function onlyOperation(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  const others = document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d !== operation);
  if (!others) return document;
  return { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind !== Kind.OPERATION_DEFINITION) };
}

/**
 * Walks one operation with its variables: cost (GitHub-style: a connection under a connection of
 * `first: 50` runs 50 times), the fields used (for access rules), and `first` within 1..100.
 */
export function analyse(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, model: CostModel): Analysis {
  return analyseOperation(schema, document, operation, variables, model);
}

/**
 * For when the operation that will run is not known here (subscriptions: their hook is not told
 * the operation name): every operation is checked, and the dearest one costed.
 */
export function analyseAll(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, model: CostModel): Analysis {
  const result: Analysis = { cost: 0, fields: new Set() };
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const one = analyseOperation(schema, document, d, variables, model);
    for (const f of one.fields) result.fields.add(f);
    result.cost = Math.max(result.cost, one.cost);
  }
  return result;
}

function analyseOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, model: CostModel): Analysis {
  const result: Analysis = { cost: 0, fields: new Set() };
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return result;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  // Bad variables are reported by execution; cost them as if absent.
  const values = coerced.coerced ?? {};
  const fragments = fragmentsOf(document);

  const walk = (type: GraphQLObjectType, set: SelectionSetNode | undefined, multiplier: number, seen: Set<string>) => {
    if (!set) return;
    for (const s of set.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const cond = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        if (cond && isObjectType(cond)) walk(cond, s.selectionSet, multiplier, seen);
        continue;
      }
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(s.name.value);
        if (!fragment || seen.has(s.name.value)) continue;
        const cond = schema.getType(fragment.typeCondition.name.value);
        if (cond && isObjectType(cond)) walk(cond, fragment.selectionSet, multiplier, new Set([...seen, s.name.value]));
        continue;
      }
      field(type, s, multiplier, seen);
    }
  };

  const field = (type: GraphQLObjectType, node: FieldNode, multiplier: number, seen: Set<string>) => {
    const name = node.name.value;
    if (name.startsWith('__')) return;
    const def = type.getFields()[name];
    if (!def) return;
    const key = `${type.name}.${name}`;
    result.fields.add(key);
    let args: Record<string, unknown> | undefined;
    const argsOf = () => {
      try {
        args ??= getArgumentValues(def, node, values);
      } catch {
        args = {}; // reported by execution
      }
      return args;
    };
    const weight = model.weights[key];
    result.cost += (typeof weight === 'function' ? weight(argsOf()) : (weight ?? (type === root ? 1 : 0))) * multiplier;
    let inner = multiplier;
    if (def.args.some((a) => a.name === 'first')) {
      const first = argsOf().first;
      if (typeof first === 'number' && (first < 1 || first > MAX_FIRST)) {
        throw new ApiGraphQLError(`first must be 1 to ${MAX_FIRST} (got ${first}).`, 'BAD_USER_INPUT', { field: 'first', errors: [{ name: 'first', reason: `must be 1 to ${MAX_FIRST}` }] }, 400);
      }
      inner = multiplier * (typeof first === 'number' ? first : 1);
    }
    const named = getNamedType(def.type);
    if (isObjectType(named)) walk(named, node.selectionSet, inner, seen);
    else if (isInterfaceType(named)) {
      for (const impl of schema.getPossibleTypes(named)) walk(impl, node.selectionSet, inner, seen);
    }
  };

  walk(root, operation.selectionSet, 1, new Set());
  return result;
}
