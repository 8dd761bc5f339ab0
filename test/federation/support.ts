import fc from 'fast-check';
import type { Ticket } from '../../src/providers/model.js';
import type { ListPageQuery, TicketPage, TicketProvider } from '../../src/providers/provider.js';

/**
 * An in-memory provider over `tickets` (in upstream order), `pageSize` to a page. `fails(page)`
 * is asked on every call: when it says so, the page fails as an upstream outage would.
 */
export function provider(
  key: string,
  tickets: Ticket[],
  pageSize: number,
  fails: (page: number) => boolean = () => false,
): TicketProvider {
  return {
    key,
    kind: key,
    name: key,
    writes: {},
    features: {},
    pageSize,
    listTickets: async ({ page }: ListPageQuery): Promise<TicketPage> => {
      if (fails(page)) throw new Error(`${key} page ${page}: simulated outage`);
      const slice = tickets.slice((page - 1) * pageSize, page * pageSize);
      return { tickets: slice, hasMore: page * pageSize < tickets.length, total: null };
    },
    getTickets: async () => [],
    close: async () => undefined,
  };
}

const BASE = Date.UTC(2026, 0, 1);

/**
 * Up to 40 tickets of provider `key` in upstream order: newest first, with many sharing a
 * `createdAt` (seven distinct minutes), ties in whatever order the upstream keeps them.
 */
export const ticketsArb = (key: string): fc.Arbitrary<Ticket[]> =>
  fc
    .array(
      fc.record({
        minute: fc.integer({ min: 0, max: 6 }),
        status: fc.constantFrom('OPEN' as const, 'CLOSED' as const),
      }),
      { maxLength: 40 },
    )
    .map((rows) =>
      rows.map((row, i): Ticket => ({
        providerKey: key,
        remoteId: String(i + 1),
        reference: null,
        subject: `t${i}`,
        status: row.status,
        remoteStatus: row.status,
        priority: null,
        remotePriority: null,
        createdAt: new Date(BASE - row.minute * 60_000),
        raw: {},
      })),
    )
    .chain((tickets) =>
      fc.shuffledSubarray(tickets, { minLength: tickets.length, maxLength: tickets.length }),
    )
    .map((tickets) => [...tickets].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()));

/** `provider:remoteId`, for readable comparisons. */
export const keyOf = (t: Ticket): string => `${t.providerKey}:${t.remoteId}`;
