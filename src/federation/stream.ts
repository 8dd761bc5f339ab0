import { matchesFilter, type Ticket, type TicketFilter } from '../providers/model.js';
import type { TicketPage } from '../providers/provider.js';
import { compareTickets, isAfter } from './order.js';
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
 */
export class ProviderStream {
  private buffer: Buffered[] = [];
  private nextPage: number;
  private exhausted: boolean;
  private lastSeen: { createdAt: number; groupPage: number } | undefined;
  /** Set when an upstream page failed; the stream then yields nothing more. */
  failure: unknown;
  position: Position;

  constructor(
    readonly key: string,
    private readonly filter: TicketFilter,
    start: Position,
    private readonly pages: PageSource,
  ) {
    this.position = start;
    this.exhausted = start === 'done';
    this.nextPage = start === 'done' ? 1 : start.page;
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
    this.position = { page: best.groupPage, last: [ticket.createdAt.getTime(), ticket.remoteId] };
    if (this.exhausted && this.buffer.length === 0) this.position = 'done';
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
    if (this.position !== 'done' && this.position.last && !isAfter(ticket, this.position.last)) return;
    if (!matchesFilter(ticket, this.filter)) return;
    this.buffer.push({ ticket, groupPage });
  }
}
