import { GraphQLSchema, isAbstractType, isScalarType, lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './provider.js';
import './attachment.js';
import './message.js';
import './ticket.js';
import './tickets.js';
import './create-ticket.js';
import './add-message.js';
import './ticket-updates.js';
import './subscriptions.js';

/** Builds the gateway's GraphQL schema. */
export function buildSchema(): GraphQLSchema {
  return withoutUnusedScalars(builder.toSchema());
}

/**
 * The schema without scalars no field, argument or directive uses. Pothos's `toSchema` adds
 * every built-in scalar to the schema's types whether used or not, so introspection listed
 * `Float`. Rebuilding with the scalars left out of the explicit types keeps exactly those the
 * schema reaches from its roots, its other types and its directives; the type objects (and
 * their resolvers) are the same ones.
 */
function withoutUnusedScalars(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const types = config.types.filter((type) => !isScalarType(type));
  // Sorted again: the rebuilt type map is in discovery order, introspection should stay sorted.
  return lexicographicSortSchema(new GraphQLSchema({ ...config, types }));
}

/** The schema as SDL, sorted so `schema.graphql` diffs stay readable. */
export function printGatewaySchema(schema: GraphQLSchema = buildSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/**
 * Apollo Client's `possibleTypes`: every interface and union, with the names of its concrete
 * types, all sorted. Without it Apollo cannot match `... on Error` against a union member and
 * silently drops those fields. Published as `possible-types.json` next to `schema.graphql`.
 */
export function possibleTypes(schema: GraphQLSchema = buildSchema()): Record<string, string[]> {
  // Names in code-unit order (plain `sort()`), so the file is the same on every machine.
  const names = (types: readonly { name: string }[]) => types.map((type) => type.name).sort();
  const abstract = Object.values(schema.getTypeMap())
    .filter(isAbstractType)
    .sort((a, b) => (a.name < b.name ? -1 : 1)); // type names are unique: never equal
  return Object.fromEntries(abstract.map((type) => [type.name, names(schema.getPossibleTypes(type))]));
}

/** `possibleTypes` as JSON text, before formatting. */
export function printPossibleTypes(schema: GraphQLSchema = buildSchema()): string {
  return `${JSON.stringify(possibleTypes(schema), null, 2)}\n`;
}
