import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import {
  resetAll,
  startTestGateway,
  startTestSimulators,
  type GraphQLResponse,
  type TestGateway,
} from '../support/gateway.js';
import { expectedTickets, ticketKeys } from '../support/oracle.js';

interface Page {
  tickets: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      cursor: string;
      node: { provider: { key: string }; remoteId: string; createdAt: string };
    }>;
  };
}

const PAGE = `query Page($first: Int, $after: String, $filter: TicketFilter) {
  tickets(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { provider { key } remoteId createdAt } }
  }
}`;

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

/** Walks every page with `first` and returns the `provider:remoteId` keys in order. */
async function walk(first: number, filter: Record<string, unknown> = {}): Promise<string[]> {
  const keys: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 500; i += 1) {
    const res: GraphQLResponse<Page> = await gw.query<Page>(PAGE, { first, after, filter });
    expect(res.errors).toBeUndefined();
    const page: Page['tickets'] = res.data!.tickets;
    keys.push(...page.edges.map((e) => `${e.node.provider.key}:${e.node.remoteId}`));
    if (!page.pageInfo.hasNextPage) return keys;
    expect(page.edges.length).toBe(first);
    after = page.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

describe('providers', () => {
  it('lists the four demo providers with honest capabilities', async () => {
    const res = await gw.query<{ providers: Array<{ key: string; capabilities: string[] }> }>(
      '{ providers { id key name capabilities } }',
    );
    expect(res.errors).toBeUndefined();
    const keys = res.data!.providers.map((p) => p.key).sort();
    expect(keys).toEqual(['daakey', 'ippanel', 'kinconecta', 'taskip']);
    const kinconecta = res.data!.providers.find((p) => p.key === 'kinconecta')!;
    expect(kinconecta.capabilities).toContain('LIST_TICKETS');
    expect(kinconecta.capabilities).not.toContain('ADD_MESSAGE');
  });
});

describe('tickets: one federated list', () => {
  it('merges every provider newest first, ties by provider key then remote id, with the summed total', async () => {
    const expected = await expectedTickets(gw.providers, {});
    const res = await gw.query<Page>(PAGE, { first: 100 });
    expect(res.errors).toBeUndefined();
    const page = res.data!.tickets;
    expect(page.totalCount).toBe(expected.length);
    expect(
      ticketKeys(page.edges.map((e) => ({ providerKey: e.node.provider.key, remoteId: e.node.remoteId }))),
    ).toEqual(ticketKeys(expected).slice(0, 100));
    expect(new Set(page.edges.map((e) => e.node.provider.key)).size).toBe(4);
  });

  it('walks every page without repeating or skipping, for several page sizes', async () => {
    const expected = ticketKeys(await expectedTickets(gw.providers, {}));
    for (const first of [1, 7, 20, 100]) {
      expect(await walk(first)).toEqual(expected);
    }
  });

  it('applies each filter with the same result as filtering the whole data', async () => {
    const filters = [
      { status: ['OPEN'] },
      { status: ['PENDING'] },
      { status: ['IN_PROGRESS', 'RESOLVED'] },
      { priority: ['URGENT'] },
      { priority: ['NORMAL', 'LOW'] },
      { providers: ['taskip', 'kinconecta'] },
      { search: 'a' },
      { createdAfter: '2026-10-15T00:00:00Z' },
      { createdBefore: '2026-10-20T00:00:00Z', status: ['CLOSED'] },
    ];
    for (const filter of filters) {
      const expected = await expectedTickets(gw.providers, {
        ...filter,
        createdAfter: filter.createdAfter ? new Date(filter.createdAfter) : undefined,
        createdBefore: filter.createdBefore ? new Date(filter.createdBefore) : undefined,
      } as never);
      expect(await walk(9, filter), JSON.stringify(filter)).toEqual(ticketKeys(expected));
      const total = await gw.query<Page>(PAGE, { first: 1, filter });
      expect(total.data!.tickets.totalCount, JSON.stringify(filter)).toBe(expected.length);
    }
  });

  it('rejects a page size out of range, an unknown provider and a foreign cursor with clear errors', async () => {
    for (const first of [101, -1]) {
      const res = await gw.query(PAGE, { first });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain('between 0 and 100');
    }
    const unknown = await gw.query(PAGE, { first: 5, filter: { providers: ['zendesk'] } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toContain('zendesk');
    const first = await gw.query<Page>(PAGE, { first: 5 });
    const cursor = first.data!.tickets.pageInfo.endCursor;
    const other = await gw.query(PAGE, { first: 5, after: cursor, filter: { status: ['OPEN'] } });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const garbage = await gw.query(PAGE, { first: 5, after: 'not-a-cursor' });
    expect(garbage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('fetches upstream pages only as far as the answer needs', async () => {
    const res = await gw.query<Page>('{ tickets(first: 3) { edges { node { subject status } } } }');
    expect(res.errors).toBeUndefined();
    for (const sim of simulators) {
      // One list page per provider answers three tickets; no details are needed for these fields.
      expect(sim.controls.requests(), sim.key).toBe(1);
    }
  });
});
