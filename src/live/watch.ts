import { filter, map, pipe, Repeater } from 'graphql-yoga';
import type { LiveTopics, TicketGonePayload } from './events.js';
import type { LiveService } from './service.js';

/** What a subscription watches: the named providers, or one ticket of one of them. */
export interface Watch {
  providers: string[];
  ticket?: { provider: string; remoteId: string };
}

/**
 * A watched ticket's last event: the provider answers 404 for it. The subscription reports
 * NOT_FOUND for it and ends.
 */
export class TicketGone {
  constructor(
    readonly providerKey: string,
    readonly ticketRemoteId: string,
  ) {}
}

/** The topics a subscriber reads; `ticketGone` only ends streams. */
export type WatchTopic = Exclude<keyof LiveTopics, 'ticketGone'>;

function matches(watch: Watch, event: { providerKey: string; ticketRemoteId: string }): boolean {
  return (
    watch.providers.includes(event.providerKey) &&
    (!watch.ticket || event.ticketRemoteId === watch.ticket.remoteId)
  );
}

/**
 * The events of `topic` for what `watch` covers, while it registers interest (so the pollers
 * run). A ticket watched by id ends with a `TicketGone` when a poller finds it gone, on
 * whichever instance polls: `ticketGone` travels on the shared event bus.
 */
export function watchStream<K extends WatchTopic>(
  live: LiveService,
  topic: K,
  watch: Watch,
): AsyncIterable<LiveTopics[K][0] | TicketGone> {
  // Both topics carry one payload and no id argument; generic K hides that from the type checker.
  const subscribe = live.pubsub.subscribe.bind(live.pubsub) as (name: K) => AsyncIterable<LiveTopics[K][0]>;
  return live.streams.stream<LiveTopics[K][0] | TicketGone>(
    () => {
      const events = pipe(
        subscribe(topic),
        filter((e: LiveTopics[K][0]) => matches(watch, e)),
      );
      return {
        events: watch.ticket ? Repeater.merge([events, goneEvents(live, watch)]) : events,
        close: live.interest.add(watch.providers, watch.ticket),
      };
    },
    (event) => event instanceof TicketGone,
  );
}

function goneEvents(live: LiveService, watch: Watch): AsyncIterable<TicketGone> {
  return pipe(
    live.pubsub.subscribe('ticketGone'),
    filter((e: TicketGonePayload) => matches(watch, e)),
    map((e: TicketGonePayload) => new TicketGone(e.providerKey, e.ticketRemoteId)),
  );
}
