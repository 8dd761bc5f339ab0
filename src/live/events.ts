import { createPubSub, type PubSub } from 'graphql-yoga';
import type { TicketStatus } from '../providers/model.js';
import type { TicketJson } from './codec.js';

/** A new message on a ticket; the ticket (with the message) travels along, JSON-safe. */
export interface MessageAddedPayload {
  providerKey: string;
  ticketRemoteId: string;
  messageRemoteId: string;
  ticket: TicketJson;
}

/** A ticket whose fields changed. */
export interface TicketChangedPayload {
  providerKey: string;
  ticketRemoteId: string;
  previousStatus: TicketStatus | null;
  changedFields: string[];
  ticket: TicketJson;
}

/**
 * A ticket the poller found gone (the provider answers 404 for it): every subscription that
 * watches it by id ends, on every instance, and nobody polls it any more.
 */
export interface TicketGonePayload {
  providerKey: string;
  ticketRemoteId: string;
}

export type LiveTopics = {
  messageAdded: [MessageAddedPayload];
  ticketChanged: [TicketChangedPayload];
  ticketGone: [TicketGonePayload];
};

export type LivePubSub = PubSub<LiveTopics>;

/** The event target shape yoga's pubsub and the Redis event target share. */
type AnyEventTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;

/**
 * Counts listeners on an event target, so tests (and operators) can see subscriptions go
 * away when their clients do.
 */
export class CountingEventTarget {
  private counts = new Map<string, number>();

  constructor(private readonly inner: AnyEventTarget) {}

  listeners(topic?: string): number {
    if (topic !== undefined) return this.counts.get(topic) ?? 0;
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  asEventTarget(): AnyEventTarget {
    return {
      addEventListener: (type: string, listener: Parameters<AnyEventTarget['addEventListener']>[1]) => {
        if (listener) this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
        this.inner.addEventListener(type, listener);
      },
      removeEventListener: (type: string, listener: Parameters<AnyEventTarget['removeEventListener']>[1]) => {
        if (listener) this.counts.set(type, Math.max(0, (this.counts.get(type) ?? 0) - 1));
        this.inner.removeEventListener(type, listener);
      },
      dispatchEvent: (event: Event) => this.inner.dispatchEvent(event),
    };
  }
}

/** The live event bus over an event target (in memory by default, Redis with several instances). */
export function createLivePubSub(target: CountingEventTarget): LivePubSub {
  return createPubSub<LiveTopics>({ eventTarget: target.asEventTarget() as never });
}
