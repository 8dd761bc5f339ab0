import type { Ticket, TicketFilter } from '../../src/providers/model.js';
import type { TicketProvider } from '../../src/providers/provider.js';

/**
 * The expected federated list, computed the slow, obvious way and with none of the gateway's
 * own ordering or filtering code: every provider's whole unfiltered list, filtered and sorted
 * here from the rules the README states.
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
  return all.filter((t) => wanted(t, filter)).sort(readmeOrder);
}

/** "Newest first (`createdAt` descending), ties by provider key, then remote id." */
function readmeOrder(a: Ticket, b: Ticket): number {
  return (
    b.createdAt.getTime() - a.createdAt.getTime() ||
    byCodeUnits(a.providerKey, b.providerKey) ||
    byRemoteId(a.remoteId, b.remoteId)
  );
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Remote ids that are numbers compare as numbers ("9" before "10"); the simulators' all are. */
function byRemoteId(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || byCodeUnits(a, b);
  return byCodeUnits(a, b);
}

/** The filter as the README states it, each condition checked on its own. */
function wanted(ticket: Ticket, filter: TicketFilter): boolean {
  const time = ticket.createdAt.getTime();
  const needle = filter.search?.toLowerCase();
  const conditions = [
    !filter.providers?.length || filter.providers.includes(ticket.providerKey),
    !filter.status?.length || filter.status.includes(ticket.status),
    !filter.priority?.length || (ticket.priority !== null && filter.priority.includes(ticket.priority)),
    !filter.createdAfter || time >= filter.createdAfter.getTime(),
    !filter.createdBefore || time < filter.createdBefore.getTime(),
    !needle ||
      ticket.subject.toLowerCase().includes(needle) ||
      (ticket.description ?? '').toLowerCase().includes(needle),
  ];
  return conditions.every(Boolean);
}

/** `provider:remoteId` of each ticket, for readable comparisons. */
export function ticketKeys(tickets: Array<{ providerKey: string; remoteId: string }>): string[] {
  return tickets.map((t) => `${t.providerKey}:${t.remoteId}`);
}
