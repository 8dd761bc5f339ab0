import { matchesFilter, type Ticket, type TicketFilter } from '../providers/model.js';
import type { TicketPage } from '../providers/provider.js';
import { compareTickets, isAfter, type StreamKey } from './order.js';
import type { Position } from './cursor.js';

/** Loads one upstream page of one provider for the request's filter (through the page loader). */
export type PageSource = (page: number) => Promise<TicketPage>;

interface Buffered {
  ticket: Ticket;
  /** The upstream page where the ticket's `createdAt` tie group starts: where to resume after it. */
  groupPage: number;
}

/**
 * One provider's part of the federated list, read page by page from the upstream as far as
 * the answer needs. Upstream pages are newest first with ties in any order; the stream
 * buffers a tie group whole so it emits in the gateway's exact order, and it resumes from a
 * cursor position by skipping what the position already covers.
 *
 * When an upstream page fails, the stream yields nothing more in this request and its
 * `position` stays after the last ticket it did yield, or at the cursor's own position when
 * it yielded none: the next request asks the provider again from exactly there.
 */
export class ProviderStream {
  private buffer: Buffered[] = [];
  private nextPage: number;
  private exhausted: boolean;
  private lastSeen: { createdAt: number; groupPage: number } | undefined;
  /** The last ticket taken and the page its tie group starts on; none before the first `take`. */
  private taken: { page: number; last: StreamKey } | undefined;
  /** Set when an upstream page failed; the stream then yields nothing more. */
  failure: unknown;

  /**
   * @param origin where the cursor left this provider (`{ page: 1 }` without a cursor)
   * @param pageSize the provider's upstream page size now, which page numbers count in
   */
  constructor(
    readonly key: string,
    private readonly filter: TicketFilter,
    private readonly origin: Position,
    private readonly pageSize: number,
    private readonly pages: PageSource,
  ) {
    this.exhausted = origin === 'done';
    this.nextPage = resumePage(origin, pageSize);
  }

  /**
   * Where this provider's part stands now, for a cursor: `done` once it has nothing more,
   * after the last ticket taken, or, when nothing was taken, the cursor's position unchanged
   * (a provider failing page after page keeps its place instead of drifting back).
   */
  get position(): Position {
    if (this.exhausted && this.buffer.length === 0) return 'done';
    if (this.taken) return { ...this.taken, pageSize: this.pageSize };
    if (this.origin === 'done') return 'done';
    return { pageSize: this.pageSize, ...this.origin };
  }

  /** The next ticket in the federated order, without taking it; `undefined` at the end. */
  async peek(): Promise<Ticket | undefined> {
    await this.fill();
    return this.best()?.ticket;
  }

  /** Takes the ticket `peek` returned and advances the position past it. */
  take(): Ticket {
    const best = this.best();
    if (!best) throw new Error('ProviderStream.take without a ticket');
    this.buffer.splice(this.buffer.indexOf(best), 1);
    const { ticket } = best;
    this.taken = { page: best.groupPage, last: [ticket.createdAt.getTime(), ticket.remoteId] };
    return ticket;
  }

  private best(): Buffered | undefined {
    const head = this.buffer[0];
    if (!head) return undefined;
    // After a failed page, a tie group may be missing members from that page: emitting from it
    // would move the position past them. The next request resumes there instead.
    if (this.failure !== undefined && !this.groupComplete()) return undefined;
    const top = head.ticket.createdAt.getTime();
    let best = head;
    for (const item of this.buffer) {
      if (item.ticket.createdAt.getTime() !== top) break;
      if (compareTickets(item.ticket, best.ticket) < 0) best = item;
    }
    return best;
  }

  /** Reads pages until the newest tie group in the buffer is complete, or the upstream ends. */
  private async fill(): Promise<void> {
    while (!this.exhausted && this.failure === undefined && !this.groupComplete()) {
      const page = this.nextPage;
      let result: TicketPage;
      try {
        result = await this.pages(page);
      } catch (error) {
        this.failure = error;
        return;
      }
      this.nextPage = page + 1;
      for (const ticket of result.tickets) this.accept(ticket, page);
      if (!result.hasMore || result.tickets.length === 0) this.exhausted = true;
    }
  }

  private groupComplete(): boolean {
    const head = this.buffer[0];
    return (
      head !== undefined &&
      this.lastSeen !== undefined &&
      this.lastSeen.createdAt < head.ticket.createdAt.getTime()
    );
  }

  private accept(ticket: Ticket, page: number): void {
    const createdAt = ticket.createdAt.getTime();
    const groupPage = this.lastSeen?.createdAt === createdAt ? this.lastSeen.groupPage : page;
    this.lastSeen = { createdAt, groupPage };
    const after = this.filter.createdAfter?.getTime();
    // Upstream pages are newest first, so nothing after an older-than-wanted ticket can match.
    if (after !== undefined && createdAt < after) {
      this.exhausted = true;
      return;
    }
    const seen = this.taken?.last ?? (this.origin === 'done' ? undefined : this.origin.last);
    if (seen && !isAfter(ticket, seen)) return;
    if (!matchesFilter(ticket, this.filter)) return;
    this.buffer.push({ ticket, groupPage });
  }
}

/**
 * The upstream page to read first: one page before the cursor's page, or, when the provider's
 * page size changed since the cursor was issued (a restart with new config), page 1. Nothing
 * is skipped; the skip by key drops what was already seen.
 */
function resumePage(origin: Position, pageSize: number): number {
  if (origin === 'done' || origin.pageSize !== pageSize) return 1;
  // One page back: tickets that left the list since (resolved while a client walks OPEN,
  // deleted) move later tickets to earlier pages.
  return Math.max(1, origin.page - 1);
}
