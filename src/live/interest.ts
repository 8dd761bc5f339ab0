/**
 * Which providers (and single tickets) this instance's subscribers watch, counted, so polling
 * starts with the first subscriber of a provider and stops when the last one leaves, and a
 * watched ticket is read directly while someone watches it.
 */
export class Interest {
  private counts = new Map<string, number>();
  private tickets = new Map<string, Map<string, number>>();

  constructor(private readonly onChange: (provider: string, watched: boolean) => void) {}

  /** Registers interest in `providers` (and one ticket); the returned function takes it back (once). */
  add(providers: readonly string[], ticket?: { provider: string; remoteId: string }): () => void {
    for (const p of providers) {
      const n = (this.counts.get(p) ?? 0) + 1;
      this.counts.set(p, n);
      if (n === 1) this.onChange(p, true);
    }
    if (ticket) bump(this.tickets, ticket.provider, ticket.remoteId, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (ticket) bump(this.tickets, ticket.provider, ticket.remoteId, -1);
      for (const p of providers) {
        const n = (this.counts.get(p) ?? 1) - 1;
        if (n > 0) this.counts.set(p, n);
        else {
          this.counts.delete(p);
          this.onChange(p, false);
        }
      }
    };
  }

  /** Remote ids of the tickets of `provider` that subscribers watch one by one. */
  watchedTickets(provider: string): string[] {
    return [...(this.tickets.get(provider)?.keys() ?? [])];
  }

  /** Subscribers per watched provider. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

function bump(map: Map<string, Map<string, number>>, provider: string, remoteId: string, by: number): void {
  const tickets = map.get(provider) ?? new Map<string, number>();
  const n = (tickets.get(remoteId) ?? 0) + by;
  if (n > 0) tickets.set(remoteId, n);
  else tickets.delete(remoteId);
  if (tickets.size) map.set(provider, tickets);
  else map.delete(provider);
}
