import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Fields of one selection set by response name, inline fragments and fragment spreads flattened. */
type FieldMap = Map<string, FieldNode[]>;

class OverBudget extends Error {}

/**
 * An upper estimate of the work of graphql-js's `OverlappingFieldsCanBeMerged` validation rule,
 * counted up to `budget` and no further.
 *
 * That rule compares every pair of same-named fields in a selection set, and, for fields with
 * selections, their sub-selections pair by pair, recursively: its time grows with the square of
 * the document. Four kilobytes of `messages { totalCount }` repeated take graphql-js over 100 ms
 * of blocked event loop, well under any token limit a real client needs. Real queries repeat a
 * field a few times (union members, fragments), which costs tens of comparisons.
 *
 * The count flattens fragments (graphql-js compares fragment pairs once), so it never
 * undercounts. It stops once `budget` is passed, so it costs at most `budget` steps itself.
 */
export function overlapWork(document: DocumentNode, budget: number): number {
  const counter = new OverlapCounter(document, budget);
  try {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
        counter.everySet(definition.selectionSet);
      }
    }
  } catch (error) {
    if (error instanceof OverBudget) return counter.steps;
    throw error;
  }
  return counter.steps;
}

class OverlapCounter {
  steps = 0;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly maps = new WeakMap<SelectionSetNode, FieldMap>();

  constructor(
    document: DocumentNode,
    private readonly budget: number,
  ) {
    for (const d of document.definitions) {
      if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
    }
  }

  /** The rule's work for `set` and every selection set inside it (the rule visits each one). */
  everySet(set: SelectionSetNode): void {
    this.within(set);
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet)
        this.everySet(selection.selectionSet);
    }
  }

  /** Every pair of same-named fields within one selection set. */
  private within(set: SelectionSetNode): void {
    for (const fields of this.fieldMap(set).values()) {
      for (let i = 0; i < fields.length; i += 1) {
        for (let j = i + 1; j < fields.length; j += 1) this.pair(fields[i]!, fields[j]!);
      }
    }
  }

  /** Every same-named pair across two sub-selections of fields being compared. */
  private between(a: SelectionSetNode, b: SelectionSetNode): void {
    const other = this.fieldMap(b);
    for (const [name, fields] of this.fieldMap(a)) {
      for (const right of other.get(name) ?? []) {
        for (const left of fields) this.pair(left, right);
      }
    }
  }

  private pair(a: FieldNode, b: FieldNode): void {
    this.step();
    if (a.selectionSet && b.selectionSet) this.between(a.selectionSet, b.selectionSet);
  }

  private step(): void {
    this.steps += 1;
    if (this.steps > this.budget) throw new OverBudget();
  }

  private fieldMap(set: SelectionSetNode): FieldMap {
    let map = this.maps.get(set);
    if (!map) {
      map = new Map();
      this.collect(set, map, new Set());
      this.maps.set(set, map);
    }
    return map;
  }

  /** Flattens `set` into `map`; each fragment once, as graphql-js's own collection does. */
  private collect(set: SelectionSetNode, map: FieldMap, seen: Set<string>): void {
    for (const selection of set.selections) {
      this.step();
      if (selection.kind === Kind.FIELD) {
        const name = selection.alias?.value ?? selection.name.value;
        const fields = map.get(name);
        if (fields) fields.push(selection);
        else map.set(name, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        this.collect(selection.selectionSet, map, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = this.fragments.get(selection.name.value);
        if (fragment) this.collect(fragment.selectionSet, map, seen);
      }
    }
  }
}
