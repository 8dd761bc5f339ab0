import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_SIZE, estimateCost, UNPAGINATED_SIZE } from '../../src/edge/cost.js';
import { DEFAULT_LIMITS } from '../../src/edge/limits.js';
import { bracketNesting } from '../../src/edge/nesting.js';
import { overlapWork } from '../../src/edge/overlap.js';
import { boundedParserCache } from '../../src/edge/parse-cache.js';
import { buildSchema } from '../../src/schema/index.js';
import * as examples from './example-queries.js';

const schema = buildSchema();
const cost = (query: string, variables: Record<string, unknown> = {}, providerCount = 4): number =>
  estimateCost({ schema, document: parse(query), variables, providerCount }).cost;

describe('estimateCost: fan-out of an operation before it runs', () => {
  it('counts first × providers for the federated list, then each field once per item', () => {
    // tickets: 50 × 4 providers; edges, node and id: 50 each.
    expect(cost('{ tickets(first: 50) { edges { node { id } } } }')).toBe(200 + 150);
    expect(cost('{ tickets(first: 50) { edges { node { id } } } }', {}, 2)).toBe(100 + 150);
    // `filter.providers` narrows the fan-out; duplicates count once.
    expect(cost('{ tickets(first: 50, filter: { providers: ["a", "a"] }) { edges { node { id } } } }')).toBe(
      50 + 150,
    );
    // The schema's default page size when `first` is left out; variables are read.
    expect(cost('{ tickets { edges { node { id } } } }')).toBe(20 * 4 + 60);
    expect(cost('query($n: Int) { tickets(first: $n) { edges { node { id } } } }', { n: 7 })).toBe(
      7 * 4 + 21,
    );
  });

  it('multiplies nested lists: messages(first) per ticket, unpaginated lists at the default size', () => {
    const page = (messages: string): number =>
      cost(`{ tickets(first: 10) { edges { node { ${messages} { edges { node { body } } } } } } }`);
    // tickets 40 + edges 10 + node 10 + messages 10 × 3 + edges 30 + node 30 + body 30.
    expect(page('messages(first: 3)')).toBe(40 + 20 + 30 + 90);
    expect(page('messages')).toBe(40 + 20 + 10 * UNPAGINATED_SIZE * 4);
    expect(cost('{ providers { key categories { name } } }')).toBe(4 + 4 + 4 * DEFAULT_LIST_SIZE * 2);
  });

  it('counts aliases, fragments and both arms of a union, and honours @skip and @include', () => {
    const one = cost('{ tickets(first: 10) { edges { node { id } } } }');
    expect(
      cost(
        '{ a: tickets(first: 10) { edges { node { id } } } b: tickets(first: 10) { edges { node { id } } } }',
      ),
    ).toBe(2 * one);
    expect(
      cost('{ tickets(first: 10) { ...C } } fragment C on TicketConnection { edges { node { id } } }'),
    ).toBe(one);
    expect(
      cost('query($s: Boolean!) { tickets(first: 10) @skip(if: $s) { edges { node { id } } } }', { s: true }),
    ).toBe(0);
    expect(
      cost('query($i: Boolean!) { tickets(first: 10) @include(if: $i) { edges { node { id } } } }', {
        i: true,
      }),
    ).toBe(one);
    expect(cost('{ node(id: "x") { ... on Ticket { id subject } ... on Message { id body } } }')).toBe(1 + 4);
  });

  it('counts one per id of nodes(ids:) and reports the largest id list', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `id${i}`);
    const estimate = estimateCost({
      schema,
      document: parse('query($ids: [ID!]!) { nodes(ids: $ids) { id } }'),
      variables: { ids },
      providerCount: 4,
    });
    expect(estimate).toEqual({ cost: 500, nodeIds: 250 });
  });

  it('grows geometrically with ticket → messages → ticket nesting, and costs introspection nothing', () => {
    let query = 'id';
    for (let i = 0; i < 12; i += 1) query = `ticket { messages { edges { node { ${query} } } } }`;
    const deep = cost(`query($id: ID!) { ticket(id: $id) { messages { edges { node { ${query} } } } } }`, {
      id: 'x',
    });
    expect(deep).toBeGreaterThan(UNPAGINATED_SIZE ** 12);
    expect(cost(getIntrospectionQuery())).toBe(0);
  });

  it('costs a fragment once however often it is spread (no exponential walk)', () => {
    const bomb = Array.from({ length: 30 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`);
    const started = performance.now();
    const total = cost(`{ ...F30 } fragment F0 on Query { providers { key } } ${bomb.join(' ')}`);
    expect(performance.now() - started).toBeLessThan(50);
    expect(total).toBe(2 ** 30 * 8);
  });

  it('prices the example queries well under the default limit (the README states these)', () => {
    const costs = Object.fromEntries(
      Object.entries(examples).map(([name, query]) => [name, cost(query, { ticketId: 'x' })]),
    );
    console.info('example query costs (4 providers):', costs);
    expect(costs).toEqual({
      GRAPHIQL_QUERY: 454,
      INBOX_PAGE: 8_584,
      README_MESSAGE_ADDED: 7,
      README_MUTATION: 23,
      README_QUERY: 2_244,
      README_TICKET_CHANGED: 5,
    });
    for (const value of Object.values(costs)) expect(value).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
  });
});

describe('overlapWork: what merging same-named fields costs validation', () => {
  it('is small for real queries and large for repeated fields, and stops at the budget', () => {
    for (const query of Object.values(examples)) expect(overlapWork(parse(query), 1e9)).toBeLessThan(100);
    expect(overlapWork(parse(getIntrospectionQuery()), 1e9)).toBeLessThan(200);
    const repeated = parse(`{ tickets { ${'edges { node { id } } '.repeat(300)} } }`);
    expect(overlapWork(repeated, 1e9)).toBeGreaterThan(300 * 299);
    expect(overlapWork(repeated, 1_000)).toBe(1_001);
  });
});

describe('bracketNesting: the parser-stack guard', () => {
  it('counts braces, parentheses and brackets, ignoring strings, block strings and comments', () => {
    expect(bracketNesting('{ a { b(x: [1]) } }')).toBe(4);
    expect(bracketNesting('{ a(s: "{{{{[[[(", t: """ {{{{ \\""" {{{ """) # {{{{{\n }')).toBe(2);
    expect(bracketNesting(`{${'a{'.repeat(3000)}b${'}'.repeat(3001)}`)).toBe(3001);
    expect(bracketNesting(`{${'a{'.repeat(3000)}`, 50)).toBe(51);
  });
});

describe('the parse cache: bounded by entries and by size', () => {
  it('never holds more than its bounds, and skips entries heavier than one slot', () => {
    const bounds = { maxEntries: 50, maxBytes: 2_000_000, maxEntryBytes: 500_000 };
    const { documentCache, errorCache } = boundedParserCache(bounds);
    for (let i = 0; i < 200; i += 1) {
      const text = `{ __typename }${' '.repeat(20_000 + i)}`;
      documentCache.set(text, parse(text));
      errorCache.set(text, new Error('x'));
    }
    expect(documentCache.entries).toBeLessThanOrEqual(50);
    expect(documentCache.size).toBeLessThanOrEqual(2_000_000);
    expect(errorCache.size).toBeLessThanOrEqual(2_000_000);
    const huge = `{ __typename }${' '.repeat(300_000)}`;
    documentCache.set(huge, parse(huge));
    expect(documentCache.get(huge)).toBeUndefined();
  });
});
