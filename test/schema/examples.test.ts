import { readFileSync } from 'node:fs';
import {
  getNamedType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../../src/server.js';
import { buildSchema } from '../../src/schema/index.js';

const schema = buildSchema();

/** Every ```graphql block of the README. */
function readmeExamples(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Selections of object types that have an `id` but do not select it (fragments on the same type count). */
function missingIds(document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const missing: string[] = [];
  const selectsId = (set: SelectionSetNode): boolean =>
    set.selections.some(
      (s) =>
        (s.kind === Kind.FIELD && s.name.value === 'id' && !s.alias) ||
        (s.kind === Kind.INLINE_FRAGMENT && selectsId(s.selectionSet)),
    );
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = getNamedType(typeInfo.getType());
        if (!node.selectionSet || !isObjectType(type) || !type.getFields()['id']) return;
        if (!selectsId(node.selectionSet)) missing.push(`${node.name.value}: ${type.name}`);
      },
    }),
  );
  return missing;
}

describe('the examples users copy', () => {
  const examples = readmeExamples()
    .map((text, i): [string, string] => [`README example ${i + 1}`, text])
    .concat([['GraphiQL example', EXAMPLE_QUERY]]);

  it('are found, and a selection without id would be caught', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const careless = parse('{ tickets { edges { node { subject provider { key } } } } }');
    expect(missingIds(careless)).toEqual(['node: Ticket', 'provider: Provider']);
  });

  it.each(examples)('%s validates and selects id on every object with one', (_name, text) => {
    // The README writes ids as "…": any string will do for validation.
    const document = parse(text);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    expect(missingIds(document)).toEqual([]);
  });
});
