import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, printGatewaySchema } from '../src/schema/index.js';

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
