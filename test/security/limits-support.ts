import { expect } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { ticketGlobalId, type GraphQLResponse } from '../support/gateway.js';

/** POSTs an operation and returns the HTTP status with the parsed body. */
export async function post(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

/** Requests the simulators received since their last reset. */
export function upstreamRequests(simulators: RunningSimulator[]): number {
  return simulators.reduce((n, s) => n + s.controls.requests(), 0);
}

/**
 * Asserts that `url` refuses the operation as too complex (HTTP 400 for
 * `application/graphql-response+json`, no data, `QUERY_TOO_COMPLEX`, a message naming
 * `setting`) without one upstream request; returns the message.
 */
export async function expectRefused(
  simulators: RunningSimulator[],
  url: string,
  query: string,
  setting: string,
  variables?: Record<string, unknown>,
): Promise<string> {
  const { status, body } = await post(url, query, variables);
  expect(status, JSON.stringify(body).slice(0, 300)).toBe(400);
  expect(body.data ?? undefined).toBeUndefined();
  expect(body.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
  expect(body.errors?.[0]?.message).toContain(setting);
  expect(upstreamRequests(simulators)).toBe(0);
  return body.errors![0]!.message;
}

/** `ticket → messages → ticket …` `levels` deep, valid GraphQL (the attacker's 554-byte query). */
export function ticketMessageChain(levels: number): string {
  let inner = 'id';
  for (let i = 1; i < levels; i += 1) inner = `ticket { messages { edges { node { ${inner} } } } }`;
  return `query($id: ID!) { ticket(id: $id) { messages { edges { node { ${inner} } } } } }`;
}

/** `count` aliases of the federated list, each with its own search (so no page is shared). */
export function aliasedSearches(count: number): string {
  const lists = Array.from(
    { length: count },
    (_, i) => `a${i}: tickets(first: 100, filter: { search: "x${i}" }) { totalCount }`,
  );
  return `{ ${lists.join(' ')} }`;
}

/** A selection set `levels` deep (the one that answered HTTP 500 from a stack overflow). */
export const deepSelection = (levels: number): string =>
  `{${'tickets {'.repeat(levels)} id ${'}'.repeat(levels + 1)}`;

/** More tokens than the default limit allows. */
export const tooManyTokens = `{ ${'__typename '.repeat(5_001)}}`;

/** Within depth and aliases; 3 × 10 messages × 10 messages × 10 attachments × 7 fields: over 20,000. */
export const costlySubscription = `subscription { messageAdded { ticket { ${['a', 'b', 'c']
  .map(
    (alias) =>
      `${alias}: messages { edges { node { ticket { messages { edges { node {
        attachments { id url filename mimeType size createdAt } } } } } } } }`,
  )
  .join(' ')} } } }`;

export const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

/** Ids of tickets that do not exist (each one an upstream GET, were they looked up). */
export const madeUpIds = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => ticketGlobalId('taskip', `nope-${i}`));
