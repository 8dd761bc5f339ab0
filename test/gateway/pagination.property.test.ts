import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketFilter } from '../../src/providers/model.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, TEST_NOW, type GraphQLResponse } from '../support/gateway.js';
import { expectedTickets, ticketKeys } from '../support/oracle.js';

let simulators: RunningSimulator[];

beforeAll(async () => {
  simulators = await startTestSimulators();
});
afterAll(async () => {
  await Promise.all(simulators.map((s) => s.close()));
});

const DAY = 24 * 3600_000;
const filterArb = fc.record(
  {
    providers: fc.subarray(['daakey', 'ippanel', 'taskip', 'kinconecta'], { minLength: 1 }),
    status: fc.subarray([...TICKET_STATUSES], { minLength: 1 }),
    priority: fc.subarray([...TICKET_PRIORITIES], { minLength: 1 }),
    search: fc.constantFrom('a', 'e', 'the', 'pay', 'login', 'زمان', 'x'),
    createdAfter: fc.integer({ min: 1, max: 45 }).map((d) => new Date(TEST_NOW - d * DAY)),
    createdBefore: fc.integer({ min: 0, max: 20 }).map((d) => new Date(TEST_NOW - d * DAY)),
  },
  { requiredKeys: [] },
);

interface Page {
  tickets: {
    missingProviders: string[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { provider: { key: string }; remoteId: string } }>;
  };
}

describe('walking the federated list (property)', () => {
  it('never repeats or skips a ticket, for any first, filter and upstream page sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        filterArb,
        fc.record({
          daakey: fc.integer({ min: 1, max: 20 }),
          ippanel: fc.integer({ min: 1, max: 20 }),
          taskip: fc.integer({ min: 1, max: 20 }),
        }),
        async (first, filter: TicketFilter, pageSizes) => {
          if (filter.createdAfter && filter.createdBefore && filter.createdAfter >= filter.createdBefore)
            return;
          const gw = await startTestGateway(simulators, (c) => ({
            ...c,
            pageSize: (pageSizes as Record<string, number>)[c.key] ?? c.pageSize,
          }));
          try {
            const expected = ticketKeys(await expectedTickets(gw.providers, filter));
            const seen: string[] = [];
            let after: string | null = null;
            for (let i = 0; i < 400; i += 1) {
              const res: GraphQLResponse<Page> = await gw.query<Page>(
                `query($first: Int, $after: String, $filter: TicketFilter) {
                  tickets(first: $first, after: $after, filter: $filter) { missingProviders
                    pageInfo { hasNextPage endCursor } edges { node { provider { key } remoteId } } } }`,
                { first, after, filter },
              );
              expect(res.errors).toBeUndefined();
              expect(res.data!.tickets.missingProviders).toEqual([]);
              seen.push(...res.data!.tickets.edges.map((e) => `${e.node.provider.key}:${e.node.remoteId}`));
              if (!res.data!.tickets.pageInfo.hasNextPage) break;
              after = res.data!.tickets.pageInfo.endCursor;
            }
            expect(seen).toEqual(expected);
          } finally {
            await gw.close();
          }
        },
      ),
      { numRuns: 25, seed: 20261122 },
    );
  }, 120_000);
});
