import { getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/edge/cost.js';
import { DEFAULT_LIMITS, type OperationLimits } from '../../src/edge/limits.js';
import { buildSchema } from '../../src/schema/index.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import {
  resetAll,
  startTestGateway,
  startTestSimulators,
  ticketGlobalId,
  type TestGateway,
} from '../support/gateway.js';
import { wsClient } from '../support/live.js';
import * as examples from './example-queries.js';
import {
  aliasedSearches,
  costlySubscription,
  deepSelection,
  expectRefused,
  madeUpIds,
  NODES,
  post,
  ticketMessageChain,
  tooManyTokens,
  upstreamRequests,
} from './limits-support.js';

let simulators: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators);
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});
beforeEach(() => resetAll(simulators));

const refused = (query: string, setting: string, variables?: Record<string, unknown>, url = gw.gateway.url) =>
  expectRefused(simulators, url, query, setting, variables);

/** Runs `check` against a gateway with some limits changed, then closes it. */
async function withLimits(changes: Partial<OperationLimits>, check: (url: string) => Promise<void>) {
  const other = await startTestGateway(simulators, (c) => c, {
    security: { limits: { ...DEFAULT_LIMITS, ...changes } },
  });
  try {
    await check(other.gateway.url);
  } finally {
    await other.close();
  }
}

describe('the defaults accept what a real inbox UI sends', () => {
  it('answers the README, GraphiQL and 50-ticket inbox queries and introspection, and prints their costs', async () => {
    const variables = { ticketId: ticketGlobalId('taskip', 'does-not-exist') };
    const queries = { ...examples, INTROSPECTION: getIntrospectionQuery() };
    const schema = buildSchema();
    const costs: Record<string, number> = {};
    for (const [name, query] of Object.entries(queries)) {
      costs[name] = estimateCost({ schema, document: parse(query), variables, providerCount: 4 }).cost;
      if (query.trimStart().startsWith('subscription')) continue; // over graphql-ws below
      const { status, body } = await post(gw.gateway.url, query, variables);
      expect(status, name).toBe(200);
      expect(body.errors ?? [], `${name}: ${JSON.stringify(body.errors)}`).toEqual([]);
    }
    console.info(`costs with 4 providers (limit ${DEFAULT_LIMITS.maxCost}):`, costs);
  });

  it('starts the README subscriptions over graphql-ws without a limit error', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const errors: unknown[] = [];
    const stops = [examples.README_MESSAGE_ADDED, examples.README_TICKET_CHANGED].map((query) =>
      client.subscribe(
        { query, variables: { ticketId: ticketGlobalId('taskip', '1') } },
        { next: (v) => v.errors && errors.push(v.errors), error: (e) => errors.push(e), complete: () => {} },
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    stops.forEach((stop) => stop());
    await client.dispose();
    expect(errors).toEqual([]);
  });
});

describe('operations over a limit are refused with QUERY_TOO_COMPLEX before any upstream call', () => {
  it('refuses the 12-level ticket → messages → ticket query: by depth, and by cost where depth allows it', async () => {
    const id = ticketGlobalId('taskip', '1');
    expect(await refused(ticketMessageChain(12), 'MAX_QUERY_DEPTH', { id })).toMatch(
      /^Query depth is \d+, over the limit of 12 \(MAX_QUERY_DEPTH\)\.$/,
    );
    await withLimits({ maxDepth: 100 }, async (url) => {
      expect(await refused(ticketMessageChain(12), 'MAX_QUERY_COST', { id }, url)).toMatch(
        new RegExp(
          `^Query cost is \\d+ .*, over the limit of ${DEFAULT_LIMITS.maxCost} \\(MAX_QUERY_COST\\)\\.$`,
        ),
      );
      // Two levels are an ordinary query, and run.
      expect((await post(url, ticketMessageChain(2), { id })).body.errors ?? []).toEqual([]);
    });
  });

  it('refuses 100 aliased federated searches: by aliases, and by cost where aliases allow them', async () => {
    expect(await refused(aliasedSearches(100), 'MAX_ALIASES')).toBe(
      'Query has 100 aliases, over the limit of 30 (MAX_ALIASES).',
    );
    await withLimits({ maxAliases: 1_000 }, async (url) => {
      await refused(aliasedSearches(100), 'MAX_QUERY_COST', undefined, url);
    });
  });

  it('refuses nodes(ids:) with 101 and with 10,000 made-up ids, and takes 100', async () => {
    for (const count of [101, 10_000]) {
      expect(await refused(NODES, 'MAX_NODE_IDS', { ids: madeUpIds(count) })).toBe(
        `nodes(ids:) asks for ${count} ids, over the limit of 100 (MAX_NODE_IDS).`,
      );
    }
    const { body } = await post(gw.gateway.url, NODES, { ids: madeUpIds(100) });
    expect(body.errors?.some((e) => e.extensions?.['code'] === 'QUERY_TOO_COMPLEX')).toBeFalsy();
  });

  it('refuses a 3,000-level selection set with a code, not HTTP 500', async () => {
    expect(await refused(deepSelection(3_000), 'MAX_QUERY_DEPTH')).toBe(
      'Query nests brackets more than 112 deep, the limit (MAX_QUERY_DEPTH + 100).',
    );
  });

  it('refuses too many directives, too many tokens, too large a document and repeated fields', async () => {
    expect(await refused(`{ ${'__typename @include(if: true) '.repeat(51)}}`, 'MAX_DIRECTIVES')).toBe(
      'Query has 51 directives, over the limit of 50 (MAX_DIRECTIVES).',
    );
    expect(await refused(tooManyTokens, 'MAX_TOKENS')).toBe(
      'Query has more than 5000 tokens, the limit (MAX_TOKENS).',
    );
    expect(await refused(`{ __typename }${' '.repeat(100_000)}`, 'MAX_DOCUMENT_BYTES')).toBe(
      'Query document of 100014 bytes, over the limit of 100000 (MAX_DOCUMENT_BYTES).',
    );
    const repeated = `{ tickets { edges { node { ${'messages { totalCount } '.repeat(250)}} } } }`;
    await refused(repeated, 'MAX_FIELD_COMPARISONS');
  });

  it('refuses the same over graphql-ws, subscriptions included', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    type Errors = Array<{ message: string; extensions?: { code?: string } }> | undefined;
    const run = (query: string, variables?: Record<string, unknown>) =>
      new Promise<Errors>((resolve) => {
        let errors: Errors;
        client.subscribe(
          { query, variables },
          {
            next: (v) => (errors = v.errors as Errors),
            error: (e) => resolve(e as Errors),
            complete: () => resolve(errors),
          },
        );
      });
    try {
      const cases: Array<[string, string, Record<string, unknown>?]> = [
        [ticketMessageChain(12), 'MAX_QUERY_DEPTH', { id: ticketGlobalId('taskip', '1') }],
        [aliasedSearches(100), 'MAX_ALIASES'],
        [NODES, 'MAX_NODE_IDS', { ids: madeUpIds(101) }],
        [costlySubscription, 'MAX_QUERY_COST'],
        [tooManyTokens, 'MAX_TOKENS'],
        [deepSelection(3_000), 'MAX_QUERY_DEPTH'],
      ];
      for (const [query, setting, variables] of cases) {
        const errors = await run(query, variables);
        expect(errors?.[0]?.extensions?.code, setting).toBe('QUERY_TOO_COMPLEX');
        expect(errors?.[0]?.message).toContain(setting);
      }
      expect(upstreamRequests(simulators)).toBe(0);
    } finally {
      await client.dispose();
    }
  });
});

describe('limits are configurable', () => {
  it('refuses with the configured values in the message, and lets through what is within them', async () => {
    const strict = { maxDepth: 3, maxCost: 100, maxNodeIds: 2, maxDocumentBytes: 1_000 };
    await withLimits(strict, async (url) => {
      expect(await refused('{ tickets { edges { node { id } } } }', 'MAX_QUERY_DEPTH', undefined, url)).toBe(
        'Query depth is 4, over the limit of 3 (MAX_QUERY_DEPTH).',
      );
      // 30 tickets × 4 providers, and totalCount: 1 + 4 providers × 20 (an unpaginated list each).
      expect(await refused('{ tickets(first: 30) { totalCount } }', 'MAX_QUERY_COST', undefined, url)).toBe(
        'Query cost is 201 (page sizes × nested lists × providers), over the limit of 100 (MAX_QUERY_COST).',
      );
      await refused(NODES, 'MAX_NODE_IDS', { ids: madeUpIds(3) }, url);
      await refused(`{ __typename }${' '.repeat(1_000)}`, 'MAX_DOCUMENT_BYTES', undefined, url);
      expect((await post(url, '{ tickets(first: 5) { edges { cursor } } }')).body.errors ?? []).toEqual([]);
    });
  });
});
