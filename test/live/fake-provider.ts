import { UpstreamError } from '../../src/errors.js';
import { CountingEventTarget, createLivePubSub } from '../../src/live/events.js';
import { LivePublisher } from '../../src/live/publisher.js';
import type { LiveState } from '../../src/live/state.js';
import type { Message, Ticket } from '../../src/providers/model.js';
import type { ListPageQuery, TicketPage, TicketProvider } from '../../src/providers/provider.js';
import { at, message, ticket } from './fixtures.js';

/**
 * A provider in memory: a list newest first, `pageSize` a page, that shows a change signal
 * (update time and unread count, as IPPanel or Daakey) or none (`silent`, as TaskIP), and
 * details with messages. It counts what the poller asks of it.
 */
export class FakeProvider implements TicketProvider {
  readonly key = 'fake';
  readonly kind = 'fake';
  readonly name = 'Fake';
  readonly writes = {};
  readonly features = {};
  /** Full tickets by remote id, newest (highest number) first in the list. */
  readonly tickets = new Map<string, Ticket>();
  readonly calls = { lists: 0, details: [] as string[][] };
  /** Polls in flight at once, at most (the poller never overlaps them). */
  maxConcurrent = 0;
  private inFlight = 0;
  private minute = 10;

  constructor(
    count: number,
    readonly pageSize = 100,
    readonly silent = false,
    readonly pollBudgetPerMinute?: number,
  ) {
    for (let i = 1; i <= count; i += 1) this.tickets.set(String(i), this.fresh(String(i)));
  }

  /** A reply at the desk: a new message, and the list's signal moves. */
  reply(remoteId: string, body = 'reply'): Message {
    const current = this.get(remoteId);
    const added = message(`m${(this.minute += 1)}`, this.minute, { body, authorType: 'AGENT' });
    this.set(remoteId, { messages: [...(current.messages ?? []), added] });
    return added;
  }

  /** A change of fields at the desk (status, priority…). */
  set(remoteId: string, changes: Partial<Ticket>): void {
    const current = this.get(remoteId);
    const updated = { ...current, ...changes };
    if (!this.silent) Object.assign(updated, { updatedAt: at((this.minute += 1)) });
    this.tickets.set(remoteId, updated);
  }

  async listTickets({ page }: ListPageQuery): Promise<TicketPage> {
    return this.track(async () => {
      this.calls.lists += 1;
      const all = [...this.tickets.values()].sort((a, b) => Number(b.remoteId) - Number(a.remoteId));
      const slice = all.slice((page - 1) * this.pageSize, page * this.pageSize);
      // The list shows no messages; a silent one no signal either.
      const tickets = slice.map(({ messages: _m, ...t }) =>
        this.silent ? { ...t, updatedAt: undefined } : t,
      );
      return { tickets, hasMore: page * this.pageSize < all.length, total: all.length };
    });
  }

  async getTickets(remoteIds: readonly string[]): Promise<Array<Ticket | Error>> {
    return this.track(async () => {
      this.calls.details.push([...remoteIds]);
      return remoteIds.map(
        (id) => this.tickets.get(id) ?? new UpstreamError('NOT_FOUND', this.key, `ticket ${id}`),
      );
    });
  }

  async close(): Promise<void> {}

  /** Detail reads of one ticket so far. */
  reads(remoteId: string): number {
    return this.calls.details.flat().filter((id) => id === remoteId).length;
  }

  private fresh(remoteId: string): Ticket {
    const signal = this.silent ? {} : { updatedAt: at(1), unreadCount: 0 };
    return ticket(remoteId, { ...signal, messages: [message('opening', 0)] });
  }

  private get(remoteId: string): Ticket {
    const found = this.tickets.get(remoteId);
    if (!found) throw new Error(`no ticket ${remoteId}`);
    return found;
  }

  private async track<T>(call: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight);
    try {
      // A real upstream answers in a later turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      return await call();
    } finally {
      this.inFlight -= 1;
    }
  }
}

/** A publisher over a real (in-memory) bus that records each event it published, as text. */
export class RecordingPublisher extends LivePublisher {
  readonly published: string[] = [];

  constructor(state: LiveState) {
    super(createLivePubSub(new CountingEventTarget(new EventTarget())), state);
  }

  override async messageAdded(t: Ticket, m: Message): Promise<boolean> {
    const sent = await super.messageAdded(t, m);
    if (sent) this.published.push(`message ${t.remoteId} ${m.body}`);
    return sent;
  }

  override async ticketChanged(
    t: Ticket,
    previous: Parameters<LivePublisher['ticketChanged']>[1],
    fields: string[],
    change: string,
  ): Promise<boolean> {
    const sent = await super.ticketChanged(t, previous, fields, change);
    if (sent) this.published.push(`changed ${t.remoteId} ${fields.join(',')} ${previous} -> ${t.status}`);
    return sent;
  }

  override ticketGone(providerKey: string, remoteId: string): void {
    super.ticketGone(providerKey, remoteId);
    this.published.push(`gone ${remoteId}`);
  }
}
