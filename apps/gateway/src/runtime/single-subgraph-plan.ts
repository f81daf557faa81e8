import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  Kind,
  OperationTypeNode,
  TypeInfo,
  buildASTSchema,
  getNamedType,
  getOperationAST,
  isAbstractType,
  parse,
  specifiedRules,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type {
  ConstDirectiveNode,
  DocumentNode,
  GraphQLSchema,
  TypeDefinitionNode,
  ValidationRule,
} from 'graphql';
import { QUERY_LIMITS } from './gateway-runtime.js';

/**
 * A query the gateway may send as it is to one subgraph: every field it selects is resolved by that subgraph alone,
 * so the federated plan would be one request to it with the same selection.
 */
export interface SingleSubgraphPlan {
  /** The subgraph's name in the supergraph (`join__graph(name:)`): the audience of the caller token. */
  readonly subgraph: string;
  /** The operation's name, for the access log. */
  readonly operationName: string | null;
}

/** Which graphs resolve each field, and which graphs define each type, read from the supergraph's join directives. */
interface Ownership {
  /** `Type.field` → graphs that resolve it (without `@external`, `@requires` or an overridden copy). */
  readonly fields: ReadonlyMap<string, readonly string[]>;
  /** Type → graphs that define it (`@join__type`). */
  readonly types: ReadonlyMap<string, readonly string[]>;
}

function argument(directive: ConstDirectiveNode, name: string) {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function isTrue(directive: ConstDirectiveNode, name: string): boolean {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN && value.value;
}

function graphOf(directive: ConstDirectiveNode): string | null {
  const value = argument(directive, 'graph');
  return value?.kind === Kind.ENUM ? value.value : null;
}

function readOwnership(supergraph: DocumentNode): {
  ownership: Ownership;
  graphNames: ReadonlyMap<string, string>;
} {
  const fields = new Map<string, string[]>();
  const types = new Map<string, string[]>();
  const graphNames = new Map<string, string>();
  for (const definition of supergraph.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = value.directives?.find((d) => d.name.value === 'join__graph');
        const nameValue = name ? argument(name, 'name') : undefined;
        if (nameValue?.kind === Kind.STRING) graphNames.set(value.name.value, nameValue.value);
      }
      continue;
    }
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.UNION_TYPE_DEFINITION
    )
      continue;
    const typeDefinition: TypeDefinitionNode = definition;
    const typeGraphs = (typeDefinition.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map(graphOf)
      .filter((g): g is string => g !== null);
    types.set(typeDefinition.name.value, typeGraphs);
    if (typeDefinition.kind === Kind.UNION_TYPE_DEFINITION) continue;
    for (const field of typeDefinition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      // A field without @join__field is resolved by every graph that defines its type.
      const graphs =
        joins.length === 0
          ? typeGraphs
          : joins
              .filter(
                (d) =>
                  !isTrue(d, 'external') &&
                  !isTrue(d, 'usedOverridden') &&
                  argument(d, 'requires') === undefined,
              )
              .map(graphOf)
              .filter((g): g is string => g !== null);
      fields.set(`${typeDefinition.name.value}.${field.name.value}`, graphs);
    }
  }
  return { ownership: { fields, types }, graphNames };
}

/** The supergraph's API schema: the supergraph without its join and link machinery is what clients query. */
function apiSchemaOf(supergraph: DocumentNode): GraphQLSchema {
  return buildASTSchema(supergraph, { assumeValidSDL: true });
}

/**
 * The graph that alone resolves every field `document` selects, or null: a field resolved elsewhere (an entity
 * field from another subgraph), by several graphs at the root, an introspection field (`__schema`, `__type`), or a
 * directive other than `@skip`/`@include` makes the document a federated plan's business.
 */
function soleGraph(
  schema: GraphQLSchema,
  ownership: Ownership,
  document: DocumentNode,
): string | null {
  let graph: string | null = null;
  let eligible = true;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Directive(node) {
        if (node.name.value !== 'skip' && node.name.value !== 'include') eligible = false;
      },
      Field(node) {
        if (!eligible) return false;
        if (node.name.value === '__typename') return undefined;
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith('__')) {
          eligible = false;
          return false;
        }
        const graphs = ownership.fields.get(`${parent.name}.${node.name.value}`) ?? [];
        // At the root the graph is chosen: exactly one may resolve the field. Below, the chosen one must.
        if (graph === null) {
          if (graphs.length !== 1) eligible = false;
          else graph = graphs[0] ?? null;
        } else if (!graphs.includes(graph)) {
          eligible = false;
        }
        // An abstract type's objects come from the chosen graph only if it alone defines the type.
        const returned = typeInfo.getType();
        const named = returned ? getNamedType(returned) : null;
        if (named !== null && isAbstractType(named)) {
          const definedBy = ownership.types.get(named.name) ?? [];
          if (definedBy.length !== 1 || definedBy[0] !== graph) eligible = false;
        }
        return eligible ? undefined : false;
      },
    }),
  );
  return eligible ? graph : null;
}

/**
 * Decides, once per distinct query text, whether a request can skip the federated query planner: a query (never a
 * mutation) that parses within the token limit, passes the same validation as the runtime (the GraphQL rules and
 * the same depth, alias, cost and directive limits) and is resolved by one subgraph alone. Anything else returns
 * null and takes the federated path, which answers it (and every error) as before.
 */
export class SingleSubgraphPlanner {
  private readonly schema: GraphQLSchema;
  private readonly ownership: Ownership;
  private readonly graphNames: ReadonlyMap<string, string>;
  private readonly rules: readonly ValidationRule[];
  private readonly plans = new Map<string, SingleSubgraphPlan | null>();

  /** At most this many distinct documents are remembered (a bounded cache: clients cannot grow it without end). */
  static readonly CACHE_ENTRIES = 2_000;
  /** Longer documents are planned every time rather than remembered. */
  static readonly CACHE_MAX_QUERY_LENGTH = 8_192;

  constructor(supergraphSdl: string) {
    const supergraph = parse(supergraphSdl);
    this.schema = apiSchemaOf(supergraph);
    const { ownership, graphNames } = readOwnership(supergraph);
    this.ownership = ownership;
    this.graphNames = graphNames;
    const limits = new ApolloArmor({
      maxDepth: { n: QUERY_LIMITS.maxDepth },
      maxAliases: { n: QUERY_LIMITS.maxAliases },
      costLimit: { maxCost: QUERY_LIMITS.maxCost },
      maxDirectives: { n: QUERY_LIMITS.maxDirectives },
      maxTokens: { enabled: false },
      blockFieldSuggestion: { enabled: false },
    }).protect().validationRules;
    this.rules = [...specifiedRules, ...limits];
  }

  /** How many documents are remembered (for tests of the bound). */
  cachedPlans(): number {
    return this.plans.size;
  }

  /** The plan for `query` (with `operationName` choosing among several operations), or null. */
  plan(query: string, operationName: string | null): SingleSubgraphPlan | null {
    const key = `${operationName ?? ''}\n${query}`;
    const known = this.plans.get(key);
    if (known !== undefined) return known;
    const plan = this.planUncached(query, operationName);
    if (query.length <= SingleSubgraphPlanner.CACHE_MAX_QUERY_LENGTH) {
      if (this.plans.size >= SingleSubgraphPlanner.CACHE_ENTRIES) this.plans.clear();
      this.plans.set(key, plan);
    }
    return plan;
  }

  private planUncached(query: string, operationName: string | null): SingleSubgraphPlan | null {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens, noLocation: true });
    } catch {
      return null;
    }
    // One operation, a query; fragments are fine (they travel with the document).
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length !== 1) return null;
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation || operation.operation !== OperationTypeNode.QUERY) return null;
    if (validate(this.schema, document, this.rules).length > 0) return null;
    const graph = soleGraph(this.schema, this.ownership, document);
    const subgraph = graph === null ? undefined : this.graphNames.get(graph);
    if (subgraph === undefined) return null;
    return { subgraph, operationName: operation.name?.value ?? null };
  }
}
