import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { TicketProvider } from '../providers/provider.js';
import { CountingEventTarget, createLivePubSub, type LivePubSub } from './events.js';
import { Interest } from './interest.js';
import { ProviderPoller } from './poller.js';
import { LivePublisher } from './publisher.js';
import { MemoryLiveState, type LiveState } from './state.js';

export interface LiveOptions {
  providers: ReadonlyMap<string, TicketProvider>;
  pollIntervalMs: number;
  /** Where events travel: in memory by default, Redis with several instances. */
  eventTarget?: EventTarget;
  state?: LiveState;
  maxPages?: number;
  detailBudget?: number;
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
  /** This instance in poll leases: the process id first, so operators (and tests) can tell who polls. */
  readonly holder = `${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly state: LiveState;
  private readonly pollers = new Map<string, ProviderPoller>();

  constructor(private readonly options: LiveOptions) {
    this.events = new CountingEventTarget(options.eventTarget ?? unboundedEventTarget());
    this.pubsub = createLivePubSub(this.events);
    this.state = options.state ?? new MemoryLiveState();
    this.publisher = new LivePublisher(this.pubsub, this.state);
    this.interest = new Interest((provider, watched) => this.watch(provider, watched));
  }

  /** Providers being polled by this instance right now (it may not hold their leases). */
  polling(): string[] {
    return [...this.pollers.keys()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.pollers.values()].map((p) => p.stop()));
    this.pollers.clear();
    await this.state.close();
  }

  private watch(key: string, watched: boolean): void {
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
      onError: (p, error) =>
        console.warn(`live: polling ${p} failed: ${error instanceof Error ? error.message : error}`),
    });
    this.pollers.set(key, poller);
    poller.start();
  }
}
