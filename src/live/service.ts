import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { systemClock, type Clock } from '../clock.js';
import { silentLogger, type Logger } from '../log.js';
import type { Ticket } from '../providers/model.js';
import type { TicketProvider } from '../providers/provider.js';
import { CountingEventTarget, createLivePubSub, type LivePubSub } from './events.js';
import { Interest } from './interest.js';
import { announceWrite } from './own-writes.js';
import { ProviderPoller } from './poller.js';
import { LivePublisher } from './publisher.js';
import { MemoryLiveState, type LiveState } from './state.js';
import { LiveStreams } from './streams.js';

/** What a `LiveService` works with; all but the providers and the interval have defaults. */
export interface LiveOptions {
  providers: ReadonlyMap<string, TicketProvider>;
  pollIntervalMs: number;
  /** Where events travel: in memory by default, Redis with several instances. */
  eventTarget?: EventTarget;
  /** Shared state: in memory (on `clock`) by default, Redis with several instances. */
  state?: LiveState;
  /** Upstream list pages read per poll (10). */
  maxPages?: number;
  /** Details of signal-less tickets read per poll, within the provider's budget (3). */
  detailBudget?: number;
  /** Time and timers of the pollers, their budgets and the gateway's write notes: the system's by default. */
  clock?: Clock;
  /** Where failed polls and announcements are told: nowhere by default. */
  logger?: Logger;
}

/** An in-memory event target: every subscriber is one listener, so Node's leak warning at 10 does not apply. */
function unboundedEventTarget(): EventTarget {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}

/**
 * Live updates of one gateway instance: the event bus, the publisher that keeps each event
 * to one publication, and one poller per provider that runs while someone watches it.
 */
export class LiveService {
  readonly pubsub: LivePubSub;
  readonly publisher: LivePublisher;
  readonly interest: Interest;
  readonly events: CountingEventTarget;
  /** The subscription streams open on this instance (see `endStreams`). */
  readonly streams = new LiveStreams();
  /** This instance in poll leases: the process id first, so operators (and tests) can tell who polls. */
  readonly holder = `${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly state: LiveState;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly pollers = new Map<string, ProviderPoller>();
  private closed = false;

  constructor(private readonly options: LiveOptions) {
    this.events = new CountingEventTarget(options.eventTarget ?? unboundedEventTarget());
    this.pubsub = createLivePubSub(this.events);
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? silentLogger;
    this.state = options.state ?? new MemoryLiveState(() => this.clock.now());
    this.publisher = new LivePublisher(this.pubsub, this.state);
    this.interest = new Interest((provider, watched) => this.watch(provider, watched));
  }

  /** Providers being polled by this instance right now (it may not hold their leases). */
  polling(): string[] {
    return [...this.pollers.keys()];
  }

  /**
   * Polls `provider` once now, after any poll of it in progress, and resolves when that poll
   * is done (rejecting with its error): tests drive the poller with it instead of waiting for
   * intervals. Only while this instance polls `provider` (someone here watches it); without
   * the poll lease the poll does nothing.
   */
  pollOnce(provider: string): Promise<void> {
    const poller = this.pollers.get(provider);
    if (!poller) return Promise.reject(new Error(`live: ${provider} is not being polled here`));
    return poller.pollOnce();
  }

  /**
   * Ends every open subscription stream, for a draining server: each completes (graphql-ws
   * sends `complete` for its id, an SSE response ends with its `complete` event), and any
   * subscription started later completes at once. Resolves with how many streams were open,
   * once their transports have read their ends (at most `timeoutMs`). Call it before closing
   * the sockets: a socket closed first cuts its subscriptions off without `complete`.
   */
  endStreams(timeoutMs?: number): Promise<number> {
    return this.streams.endAll(timeoutMs);
  }

  /**
   * A ticket deleted through the gateway: no instance reads it again, and its watchers' subscriptions
   * end now with NOT_FOUND instead of at the next poll. Subscribers of its whole provider get
   * no `ticketChanged`: the event carries the ticket's new state, and a deleted ticket has none
   * (the poller does not announce a ticket leaving the list either).
   */
  async ticketGone(provider: string, remoteId: string): Promise<void> {
    await this.state.unwatchTicket(provider, remoteId);
    this.publisher.ticketGone(provider, remoteId);
  }

  /**
   * A write through the gateway (status, priority, assignment) returned `ticket`: its
   * `ticketChanged` goes out now, once across instances, and the poller does not announce the
   * same change again (see `announceWrite`). Call it on return of the upstream call, before
   * the mutation answers. Never rejects: the write happened, and a failed announcement must
   * not turn it into an error (the poller then finds the change as if made elsewhere).
   *
   * @param wrote What the write set, by field: `{ status: 'RESOLVED' }`, `{ assignee: '7' }`.
   */
  async ticketWritten(ticket: Ticket, wrote: Record<string, string>): Promise<void> {
    const { state, publisher, clock } = this;
    try {
      await announceWrite(
        { state, publisher, clock, pollIntervalMs: this.options.pollIntervalMs },
        ticket,
        wrote,
      );
    } catch (error) {
      this.log.warn({ err: error, provider: ticket.providerKey }, 'live: announcing a write failed');
    }
  }

  /** Ends every subscription stream (`endStreams`), then stops polling and closes the state. */
  async close(): Promise<void> {
    await this.endStreams();
    this.closed = true;
    await Promise.all([...this.pollers.values()].map((p) => p.stop()));
    this.pollers.clear();
    await this.state.close();
  }

  private watch(key: string, watched: boolean): void {
    // Closed: no poller may start again (it would run on a closed state).
    if (watched && this.closed) return;
    if (!watched) {
      const poller = this.pollers.get(key);
      this.pollers.delete(key);
      void poller?.stop();
      return;
    }
    const provider = this.options.providers.get(key);
    if (!provider || this.pollers.has(key)) return;
    const poller = new ProviderPoller(provider, this.state, this.publisher, {
      intervalMs: this.options.pollIntervalMs,
      holder: this.holder,
      maxPages: this.options.maxPages ?? 10,
      detailBudget: this.options.detailBudget ?? 3,
      watched: () => this.interest.watchedTickets(key),
      onError: (p, error) => this.log.warn({ err: error, provider: p }, 'live: polling failed'),
      clock: this.clock,
    });
    this.pollers.set(key, poller);
    poller.start();
  }
}
