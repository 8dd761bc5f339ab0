import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.js';
import { badInput } from './errors.js';
import { decodeNodeId } from './ids.js';

/** The one Pothos builder; each file in this folder adds its type and its own query fields. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: File; Output: never };
  };
  DefaultFieldNullability: false;
}>({
  // Errors first, as its docs ask: it wraps the resolvers of fields that return result unions.
  plugins: [ErrorsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A malformed id, or one of a type that has none, is the client's mistake: say so with a
    // stable code instead of Pothos's uncoded "Foo has not been implemented".
    decodeGlobalID: (globalID) => decodeNodeId(globalID),
  },
});

/** The builder's resolved schema types, for helpers that take refs. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

builder.queryType({ description: 'Support tickets from every configured provider, as one graph.' });
builder.mutationType({
  description:
    'Writes to one provider. Expected failures are typed in each result union; outages are GraphQL errors.',
});

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string in UTC (`2024-01-15T10:00:00.000Z`).',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => parseDateTime(value),
});

builder.scalarType('JSON', {
  description: 'Any JSON value: a provider payload as it was received.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.scalarType('File', {
  description: 'A file upload, sent with the GraphQL multipart request spec.',
  serialize: () => {
    throw new Error('File is an input type only.');
  },
  parseValue: (value) => {
    // yoga's multipart parser hands over its own File class: check the shape, not the class.
    const file = value as Partial<File> | null;
    if (
      file &&
      typeof file.name === 'string' &&
      typeof file.size === 'number' &&
      typeof file.arrayBuffer === 'function'
    ) {
      return value as File;
    }
    throw badInput('Expected a file sent with the GraphQL multipart request spec.');
  },
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw badInput(`Expected an ISO 8601 date-time like "2024-01-15T10:00:00Z", got ${shown(value)}.`);
  }
  return date;
}

/** A client's value as quoted back in a message: JSON, cut short whatever its size. */
function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}
