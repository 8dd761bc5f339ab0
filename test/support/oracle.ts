import { compareTickets } from '../../src/federation/order.js';
import { matchesFilter, type Ticket, type TicketFilter } from '../../src/providers/model.js';
import type { TicketProvider } from '../../src/providers/provider.js';

/**
 * The expected federated list, computed the slow, obvious way: every provider's whole
 * unfiltered list, filtered and sorted in memory.
 */
export async function expectedTickets(
  providers: ReadonlyMap<string, TicketProvider>,
  filter: TicketFilter,
): Promise<Ticket[]> {
  const all: Ticket[] = [];
  for (const provider of providers.values()) {
    for (let page = 1; ; page += 1) {
      const result = await provider.listTickets({ filter: {}, page });
      all.push(...result.tickets);
      if (!result.hasMore || result.tickets.length === 0) break;
    }
  }
  return all.filter((t) => matchesFilter(t, filter)).sort(compareTickets);
}

/** `provider:remoteId` of each ticket, for readable comparisons. */
export function ticketKeys(tickets: Array<{ providerKey: string; remoteId: string }>): string[] {
  return tickets.map((t) => `${t.providerKey}:${t.remoteId}`);
}
