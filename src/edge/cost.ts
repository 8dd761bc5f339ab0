import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isLeafType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** What the estimate reads: the operation as it will run, and how many providers are configured. */
export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  /** The request's variables, uncoerced (as they came). */
  variables?: Readonly<Record<string, unknown>> | null;
  /** Configured provider instances: what `tickets` fans out to without `filter.providers`. */
  providerCount: number;
}

export interface CostEstimate {
  /** The estimated fan-out (see `estimateCost`). */
  cost: number;
  /** The most ids any one `nodes(ids:)` asks for. */
  nodeIds: number;
}

/** Items assumed for a plain list no argument bounds (`attachments`, `categories`): files are few. */
export const DEFAULT_LIST_SIZE = 5;
/**
 * Items assumed for a connection asked without `first` where the schema gives no default
 * (`messages` then answers the whole conversation), and for the list `totalCount` walks.
 */
export const UNPAGINATED_SIZE = 20;
/** `first` is refused above this by every resolver, so the estimate never counts more. */
const MAX_PAGE_SIZE = 100;

/**
 * The fan-out of an operation before it runs: what it may cost upstream and in resolvers.
 *
 * Every field costs the number of times it resolves: 1 at the root, times the size of each
 * enclosing list. A list's size is `first` for a connection's `edges` (the schema's default
 * when left out, else `UNPAGINATED_SIZE`), the ids for `nodes(ids:)`, the providers for
 * `providers`, and `DEFAULT_LIST_SIZE` for lists nothing bounds (lists of enums count once). A connection field costs its `first`, and
 * `tickets` that times the providers it reaches (`filter.providers`, else all); its `totalCount`
 * counts `UNPAGINATED_SIZE` per provider (providers without a total of their own are walked
 * page by page). Introspection and `__typename` are free; `@skip`/`@include` are honoured.
 * Aliases count like any field. Pure: document, variables, schema and provider count in.
 */
export function estimateCost(input: CostInput): CostEstimate {
  const operation = getOperationAST(input.document, input.operationName);
  if (!operation) return { cost: 0, nodeIds: 0 };
  const coerced = getVariableValues(input.schema, operation.variableDefinitions ?? [], input.variables ?? {});
  // Variables that do not coerce stop execution before any resolver: nothing to cost.
  if (coerced.errors) return { cost: 0, nodeIds: 0 };
  const root = input.schema.getRootType(operation.operation);
  if (!root) return { cost: 0, nodeIds: 0 };
  const walker = new CostWalker(input, coerced.coerced);
  return { cost: walker.setCost(operation.selectionSet, { type: root }), nodeIds: walker.nodeIds };
}

/** Where a field resolves: its parent type and, inside a connection, the page size and providers. */
interface Scope {
  type: GraphQLCompositeType;
  pageSize?: number;
  providers?: number;
}

class CostWalker {
  nodeIds = 0;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** Cost of a selection set per resolution, by scope: linear in the multiplier, so fragments cost once. */
  private readonly memo = new WeakMap<SelectionSetNode, Map<string, number>>();

  constructor(
    private readonly input: CostInput,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const d of input.document.definitions) {
      if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
    }
  }

  /** The cost of resolving `set` once in `scope`. */
  setCost(set: SelectionSetNode, scope: Scope): number {
    const key = `${scope.type.name}:${scope.pageSize ?? ''}:${scope.providers ?? ''}`;
    const known = this.memo.get(set)?.get(key);
    if (known !== undefined) return known;
    const byScope = this.memo.get(set) ?? new Map<string, number>();
    this.memo.set(set, byScope);
    byScope.set(key, 0); // a fragment cycle (invalid anyway) costs nothing instead of looping
    let cost = 0;
    for (const selection of set.selections) cost += this.selectionCost(selection, scope);
    byScope.set(key, cost);
    return cost;
  }

  private selectionCost(selection: SelectionNode, scope: Scope): number {
    if (!this.included(selection)) return 0;
    if (selection.kind === Kind.FIELD) return this.fieldCost(selection, scope);
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments.get(selection.name.value);
    if (!fragment) return 0;
    const condition = fragment.typeCondition
      ? this.input.schema.getType(fragment.typeCondition.name.value)
      : scope.type;
    // Fragments on every member of a union or interface are summed: an upper bound.
    return isCompositeType(condition)
      ? this.setCost(fragment.selectionSet, { ...scope, type: condition })
      : 0;
  }

  private fieldCost(node: FieldNode, scope: Scope): number {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    const field = 'getFields' in scope.type ? scope.type.getFields()[name] : undefined;
    if (!field) return 0;
    const args = this.args(field, node);
    const coordinate = `${scope.type.name}.${name}`;
    const type = getNullableType(field.type);
    const named = getNamedType(type);
    if (coordinate === 'Query.nodes') this.nodeIds = Math.max(this.nodeIds, listLength(args['ids']));
    const items = isListType(type) && !isLeafType(named) ? this.listSize(coordinate, args, scope) : 1;
    const first = field.args.some((a) => a.name === 'first') ? pageSize(args) : undefined;
    const providers = coordinate === 'Query.tickets' ? this.providersReached(args) : undefined;
    const own = (first ?? items) * (providers ?? 1) + this.totalCountCost(coordinate, scope);
    if (!node.selectionSet || !isCompositeType(named)) return own;
    return own + items * this.setCost(node.selectionSet, { type: named, pageSize: first, providers });
  }

  /** `totalCount` may walk each provider's whole list: an unpaginated list per provider reached. */
  private totalCountCost(coordinate: string, scope: Scope): number {
    if (coordinate !== 'TicketConnection.totalCount') return 0;
    return (scope.providers ?? this.input.providerCount) * UNPAGINATED_SIZE;
  }

  private providersReached(args: Record<string, unknown>): number {
    const filter = args['filter'] as { providers?: unknown } | null | undefined;
    const named = Array.isArray(filter?.providers) ? new Set(filter.providers).size : 0;
    return named || this.input.providerCount;
  }

  private listSize(coordinate: string, args: Record<string, unknown>, scope: Scope): number {
    if (coordinate === 'Query.nodes') return listLength(args['ids']);
    if (coordinate === 'Query.providers') return this.input.providerCount;
    return scope.pageSize ?? DEFAULT_LIST_SIZE;
  }

  private args(field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    try {
      return getArgumentValues(field, node, this.variables);
    } catch {
      return {}; // a bad argument fails that field before its resolver runs
    }
  }

  private included(node: SelectionNode): boolean {
    try {
      const skip = getDirectiveValues(GraphQLSkipDirective, node, this.variables);
      const include = getDirectiveValues(GraphQLIncludeDirective, node, this.variables);
      return skip?.['if'] !== true && include?.['if'] !== false;
    } catch {
      return true;
    }
  }
}

/** A connection's page size: `first` as given (or its default), within what resolvers accept. */
function pageSize(args: Record<string, unknown>): number {
  const first = args['first'];
  if (typeof first !== 'number') return UNPAGINATED_SIZE;
  return Math.min(Math.max(first, 0), MAX_PAGE_SIZE);
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}
