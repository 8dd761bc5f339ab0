import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  getNamedType,
  getIntrospectionQuery,
  graphql,
  type GraphQLSchema,
  type IntrospectionQuery,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { check, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../src/server.js';
import { buildSchema, possibleTypes, printGatewaySchema, printPossibleTypes } from '../src/schema/index.js';
import { postGraphQL } from './support/gateway.js';

describe('schema.graphql', () => {
  it('is the printed schema (run `npm run schema:print` after changing the schema)', () => {
    expect(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).toBe(printGatewaySchema());
  });

  it('keeps the names frontends rely on', () => {
    const sdl = printGatewaySchema();
    for (const piece of [
      'node(id: ID!): Node',
      'providers: [Provider!]!',
      'ticket(id: ID!): Ticket',
      'type Ticket implements Node',
      'type Message implements Node',
      'type Attachment implements Node',
      'enum TicketStatus',
      'enum AuthorType',
    ]) {
      expect(sdl).toContain(piece);
    }
    const tickets = buildSchema().getQueryType()!.getFields()['tickets']!;
    expect(String(tickets.type)).toBe('TicketConnection!');
    expect(
      tickets.args
        .map(
          (a) =>
            `${a.name}: ${String(a.type)}${a.defaultValue === undefined ? '' : ` = ${String(a.defaultValue)}`}`,
        )
        .sort(),
    ).toEqual(['after: String', 'filter: TicketFilter', 'first: Int = 20']);
  });
});

describe('possible-types.json', () => {
  const path = fileURLToPath(new URL('../possible-types.json', import.meta.url));
  const text = readFileSync(path, 'utf8');

  it('is every abstract type with its concrete types (run `npm run schema:print` after changing the schema)', () => {
    expect(JSON.parse(text)).toEqual(possibleTypes());
    expect(JSON.parse(text)).toEqual(JSON.parse(printPossibleTypes()));
  });

  it("lists the result unions and interfaces in Apollo's shape, sorted", () => {
    const types = JSON.parse(text) as Record<string, string[]>;
    expect(Object.keys(types)).toEqual(Object.keys(types).sort());
    for (const members of Object.values(types)) expect(members).toEqual([...members].sort());
    expect(types['Error']).toEqual([
      'NotFoundError',
      'TicketClosedError',
      'UnsupportedOperationError',
      'ValidationError',
    ]);
    expect(types['Node']).toEqual(['Attachment', 'Message', 'Provider', 'Ticket']);
    expect(types['AddMessageResult']).toEqual(['AddMessageSuccess', ...types['Error']!]);
    for (const name of [
      'CreateTicketResult',
      'UpdateTicketStatusResult',
      'UpdateTicketPriorityResult',
      'AssignTicketResult',
      'DeleteTicketResult',
    ]) {
      expect(types[name]).toEqual(
        expect.arrayContaining([name.replace(/Result$/, 'Success'), ...types['Error']!]),
      );
    }
  });

  it('is formatted as prettier formats it, so `npm run check` does not fight `schema:print`', async () => {
    expect(await check(text, { ...(await resolveConfig(path)), filepath: path })).toBe(true);
  });
});

/** Every scalar a field, an argument, an input field or a directive of the schema uses. */
function usedScalars(schema: GraphQLSchema): string[] {
  const used = new Set<string>();
  const note = (type: Parameters<typeof getNamedType>[0]) => {
    const named = getNamedType(type);
    if (isScalarType(named)) used.add(named.name);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        note(field.type);
        field.args.forEach((arg) => note(arg.type));
      }
    } else if (isInputObjectType(type)) {
      Object.values(type.getFields()).forEach((field) => note(field.type));
    }
  }
  for (const directive of schema.getDirectives()) directive.args.forEach((arg) => note(arg.type));
  return [...used].sort();
}

function scalarsOf(introspection: IntrospectionQuery): string[] {
  return introspection.__schema.types
    .filter((type) => type.kind === 'SCALAR')
    .map((type) => type.name)
    .sort();
}

describe('scalars in introspection', () => {
  const USED = ['Boolean', 'DateTime', 'File', 'ID', 'Int', 'JSON', 'String'];

  it('are exactly the ones the schema uses (no Float)', async () => {
    const schema = buildSchema();
    const result = await graphql({ schema, source: getIntrospectionQuery() });
    expect(result.errors).toBeUndefined();
    const listed = scalarsOf(result.data as unknown as IntrospectionQuery);
    expect(listed).toEqual(usedScalars(schema));
    expect(listed).toEqual(USED);
  });

  it('are the same over HTTP, from the gateway itself', async () => {
    const gateway = await startGateway({ providers: new Map(), port: 0 });
    try {
      const res = await postGraphQL<IntrospectionQuery>(gateway.url, getIntrospectionQuery());
      expect(res.errors).toBeUndefined();
      expect(scalarsOf(res.data!)).toEqual(USED);
    } finally {
      await gateway.close();
    }
  });
});
