import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
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
  return builder.toSchema();
}

/** The schema as SDL, sorted so `schema.graphql` diffs stay readable. */
export function printGatewaySchema(schema: GraphQLSchema = buildSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
