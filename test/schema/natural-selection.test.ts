import {
  buildSchema as schemaFromSdl,
  getNamedType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema/index.js';

/**
 * A field as a client naturally selects it: a leaf by name, an object by `{ id }` where it
 * has one (else `{ __typename }`). Fields with required arguments are left out: no result
 * type has one, and arguments never make two fields of different parent types conflict.
 */
function naturalField(field: GraphQLField<unknown, unknown>): string | undefined {
  if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return undefined;
  const type = getNamedType(field.type);
  if (isLeafType(type)) return field.name;
  const hasId = !isAbstractType(type) && 'id' in type.getFields();
  return `${field.name} { ${hasId ? 'id' : '__typename'} }`;
}

/** `... on T { every natural field }`. */
function fragmentOn(type: { name: string; getFields(): Record<string, GraphQLField<unknown, unknown>> }) {
  const fields = Object.values(type.getFields())
    .map(naturalField)
    .filter((f) => f !== undefined);
  return `... on ${type.name} { ${fields.join(' ')} }`;
}

/**
 * The selection every client writes for a mutation result: `__typename`, each possible type
 * with all its fields, and each interface they implement (`... on Error { message code }`).
 */
export function naturalSelection(schema: GraphQLSchema, mutation: string): string {
  const field = schema.getMutationType()!.getFields()[mutation]!;
  const result = getNamedType(field.type);
  const members: readonly GraphQLObjectType[] = isAbstractType(result)
    ? schema.getPossibleTypes(result)
    : isObjectType(result)
      ? [result]
      : [];
  const interfaces = [...new Set(members.flatMap((m) => m.getInterfaces()))];
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`);
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  const wrap = (list: string[]) => (list.length ? `(${list.join(', ')})` : '');
  const selections = ['__typename', ...members.map(fragmentOn), ...interfaces.map(fragmentOn)];
  return `mutation${wrap(variables)} { ${mutation}${wrap(args)} { ${selections.join(' ')} } }`;
}

/** The validation errors of a mutation's natural selection (default rules, overlap included). */
function problems(schema: GraphQLSchema, mutation: string): string[] {
  return validate(schema, parse(naturalSelection(schema, mutation))).map((e) => e.message);
}

describe('natural selection of mutation results', () => {
  const schema = buildSchema();
  const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();

  it('covers every mutation', () => {
    expect(mutations).toEqual(
      expect.arrayContaining([
        'addMessage',
        'assignTicket',
        'createTicket',
        'deleteTicket',
        'updateTicketPriority',
        'updateTicketStatus',
      ]),
    );
  });

  it.each(mutations)('%s: every success and error field selected together validates', (mutation) => {
    const document = naturalSelection(schema, mutation);
    expect(document).toContain('... on Error { code message }');
    expect(problems(schema, mutation)).toEqual([]);
  });

  it('selects the added message without an alias next to Error.message', () => {
    const document = naturalSelection(schema, 'addMessage');
    expect(document).toContain('... on AddMessageSuccess { addedMessage { id } }');
    expect(problems(schema, 'addMessage')).toEqual([]);
  });

  it('catches a success field that shares a name, but not a type, with an Error field', () => {
    // The shape the schema had before `addedMessage`: the check must see the conflict.
    const clashing = schemaFromSdl(`
      interface Error { message: String! code: String! }
      type Note { id: ID! }
      type Done { message: Note! }
      type Failed implements Error { message: String! code: String! }
      union Result = Done | Failed
      type Query { ok: Boolean }
      type Mutation { add(input: String!): Result! }
    `);
    expect(problems(clashing, 'add')).toContainEqual(expect.stringContaining('Fields "message" conflict'));
  });
});
