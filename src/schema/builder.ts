import SchemaBuilder from '@pothos/core';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.js';
import { badInput } from '../errors.js';

/** The one Pothos builder; each file in this folder adds its type and its own query fields. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A malformed id is the client's mistake: say so with a stable code instead of masking it.
    decodeGlobalID: (globalID) => {
      try {
        return decodeGlobalID(globalID);
      } catch {
        throw badInput(`"${globalID}" is not an id this gateway issued.`);
      }
    },
  },
});

builder.queryType({ description: 'Support tickets from every configured provider, as one graph.' });

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

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw badInput(
      `Expected an ISO 8601 date-time like "2024-01-15T10:00:00Z", got ${JSON.stringify(value)}.`,
    );
  }
  return date;
}
