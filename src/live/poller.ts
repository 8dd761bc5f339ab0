import { systemClock, type Clock } from '../clock.js';
import { UpstreamError } from '../errors.js';
import type { Ticket } from '../providers/model.js';
import type { TicketProvider } from '../providers/provider.js';
import { changedFields, fieldsOf, markOf, newMessages, signalOf } from './marks.js';
import { changeKey, statusOf, WriteNotes } from './own-writes.js';
import type { LivePublisher } from './publisher.js';
import { RequestBudget } from './budget.js';
import { PollLoop } from './loop.js';
import { isCurrent, leaseTtl, type LiveState, type PollSnapshot, type TicketMark } from './state.js';

export interface PollerOptions {
  intervalMs: number;
  /** This instance's id in poll leases. */
  holder: string;
  /** Upstream list pages read per poll (newest first). */
  maxPages: number;
  /** Details read per poll for tickets whose list shows no change signal (rate limits). */
  detailBudget: number;
  /** Tickets this instance's subscribers watch one by one: read directly every poll. */
  watched: () => string[];
  /** Called with what made a poll of the timer loop fail; the loop goes on. */
  onError: (provider: string, error: unknown) => void;
  /** Time and timers: the system's by default. */
  clock?: Clock;
}

/**
 * Polls one provider for changes made outside the gateway, while this instance has
 * subscribers for it and holds the provider's poll lease. Each poll reads the list (the
 * cheapest signal), reads details only of tickets whose signal moved (or, where the list has
 * no signal, a budgeted round of open tickets), and publishes what is new.
 */
export class ProviderPoller {
  private readonly clock: Clock;
  private readonly loop: PollLoop;
  private budget: RequestBudget;
  /** The gateway's own writes, as the running poll sees them. */
  private notes = new WriteNotes();

  constructor(
    private readonly provider: TicketProvider,
    private readonly state: LiveState,
    private readonly publisher: LivePublisher,
    private readonly options: PollerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.budget = new RequestBudget(provider.pollBudgetPerMinute, this.clock);
    this.loop = new PollLoop(() => this.poll(), {
      intervalMs: options.intervalMs,
      clock: this.clock,
      onError: (error) => options.onError(provider.key, error),
    });
  }

  /** Starts polling: a poll now, then one an interval after each poll ends. */
  start(): void {
    this.loop.start();
  }

  /** Stops polling, waits for a poll in progress, and gives up the lease. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.state.releaseLease(this.provider.key, this.options.holder);
  }

  /**
   * One poll now (it does nothing without the lease), after any poll in progress; rejects with
   * the poll's error. For tests, which drive polls instead of waiting for intervals.
   */
  pollOnce(): Promise<void> {
    return this.loop.runOnce();
  }

  private async poll(): Promise<void> {
    const ttl = leaseTtl(this.options.intervalMs);
    // Every instance says which tickets its subscribers watch; the lease holder reads them.
    await this.state.watchTickets(this.provider.key, this.options.watched(), ttl);
    if (!(await this.state.lease(this.provider.key, this.options.holder, ttl))) return;
    // Within a tight budget, tickets someone is looking at come before the list.
    const watched = await this.state.watchedTickets(this.provider.key);
    const toRead = new Set(watched.slice(0, this.budget.takeUpTo(watched.length)));
    const readStart = this.clock.now();
    const listed = this.budget.take(1) ? await this.readList() : undefined;
    if (!listed && toRead.size === 0) return;
    const now = this.clock.now();
    const stored = await this.state.loadSnapshot(this.provider.key);
    // A snapshot nobody kept up to date (no subscribers for a while) is history: start afresh.
    const previous = stored && isCurrent(stored, now, this.options.intervalMs) ? stored : undefined;
    // Loaded after the reads began, so every write that returned before them is among these.
    this.notes = new WriteNotes(await this.state.writeNotes(this.provider.key), readStart);
    const snapshot: PollSnapshot = previous ?? { startedAt: now, polledAt: now, tickets: {}, cursor: 0 };
    for (const ticket of listed ?? []) await this.compare(snapshot, ticket, toRead);
    if (listed) this.pickSilent(snapshot, listed, toRead, previous === undefined);
    const inList = new Set((listed ?? []).map((t) => t.remoteId));
    if (toRead.size) await this.readDetails(snapshot, [...toRead], inList);
    snapshot.polledAt = this.clock.now();
    await this.state.saveSnapshot(this.provider.key, snapshot);
    // Only after the save: until then a write would measure from the old marks without its notes.
    await this.state.forgetWrites(this.provider.key, this.notes.done(this.clock.now()));
  }

  private async readList(): Promise<Ticket[]> {
    const tickets: Ticket[] = [];
    for (let page = 1; page <= this.options.maxPages; page += 1) {
      // The first page was paid for by the poll itself.
      if (page > 1 && !this.budget.take(1)) break;
      const result = await this.provider.listTickets({ filter: {}, page });
      tickets.push(...result.tickets);
      if (!result.hasMore || result.tickets.length === 0) break;
    }
    return tickets;
  }

  /**
   * Records a listed ticket; publishes field changes against what subscribers were told (the
   * mark with the gateway's noted writes over it, so a write the read shows is no news); marks
   * it for reading when its signal moved.
   */
  private async compare(
    snapshot: PollSnapshot,
    ticket: Ticket,
    toRead: Set<string>,
    fromDetails = false,
  ): Promise<void> {
    const id = ticket.remoteId;
    // Written through the gateway since this poll's reads began: they may show it or not yet.
    if (this.notes.pending(id)) return;
    this.notes.compare(id);
    const mark = snapshot.tickets[id];
    if (!mark) {
      // Seen for the first time: what it holds now is history, not news.
      snapshot.tickets[id] = markOf(ticket);
      return;
    }
    const signal = signalOf(ticket);
    const fields = fieldsOf(ticket);
    const base = this.notes.baseline(id, mark.fields);
    // Details carry fields the list leaves out (null in a list-made mark): not a change.
    const changed = changedFields(base.fields, fields).filter((f) => !fromDetails || base.fields[f] !== null);
    if (changed.length) {
      const key = changeKey(`${snapshot.startedAt}.${mark.version}`, changed, fields, base.since);
      await this.publisher.ticketChanged(ticket, statusOf(base.fields['status']), changed, key);
    }
    if (changed.length || changedFields(mark.fields, fields).length) mark.version += 1;
    if (signal !== '' && signal !== mark.signal) toRead.add(id);
    Object.assign(mark, { signal, status: ticket.status, fields });
  }

  /**
   * Tickets whose list shows no message signal are read in a round robin within the budget;
   * on the first poll all open ones are read once, to learn the messages they already have.
   */
  private pickSilent(snapshot: PollSnapshot, listed: Ticket[], toRead: Set<string>, first: boolean): void {
    const silent = listed.filter((t) => signalOf(t) === '' && t.status !== 'CLOSED').map((t) => t.remoteId);
    if (silent.length === 0) return;
    // The first poll learns every open ticket's messages once, whatever the budget; later polls
    // read a few at a time, within the provider's rate budget.
    const count = first
      ? silent.length
      : this.budget.takeUpTo(Math.min(this.options.detailBudget, silent.length));
    for (let i = 0; i < count; i += 1) toRead.add(silent[(snapshot.cursor + i) % silent.length]!);
    snapshot.cursor = (snapshot.cursor + count) % silent.length;
  }

  private async readDetails(snapshot: PollSnapshot, ids: string[], inList: Set<string>): Promise<void> {
    const details = await this.provider.getTickets(ids);
    for (const [i, detail] of details.entries()) {
      if (detail instanceof UpstreamError && detail.code === 'NOT_FOUND') await this.drop(snapshot, ids[i]!);
      if (detail instanceof Error) continue;
      const mark = snapshot.tickets[ids[i]!];
      if (!mark) {
        // A watched ticket beyond the pages read: its first read learns what it holds.
        snapshot.tickets[detail.remoteId] = {
          ...markOf(detail),
          messages: (detail.messages ?? []).map((m) => m.remoteId),
        };
        continue;
      }
      // The list did not show it this time: its details are the only place to see changes.
      if (!inList.has(detail.remoteId)) await this.compare(snapshot, detail, new Set(), true);
      await this.announceNew(mark, detail);
    }
  }

  /**
   * A ticket that answers 404 is gone: it leaves the shared watch list and the snapshot at once
   * (so no instance reads it again), and its watchers are told, which ends their subscriptions
   * with NOT_FOUND and takes back their interest.
   */
  private async drop(snapshot: PollSnapshot, remoteId: string): Promise<void> {
    delete snapshot.tickets[remoteId];
    await this.state.unwatchTicket(this.provider.key, remoteId);
    this.publisher.ticketGone(this.provider.key, remoteId);
  }

  private async announceNew(mark: TicketMark, ticket: Ticket): Promise<void> {
    const messages = ticket.messages ?? [];
    for (const message of newMessages(mark, messages)) await this.publisher.messageAdded(ticket, message);
    mark.messages = messages.map((m) => m.remoteId);
  }
}
