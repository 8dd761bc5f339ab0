import { filter, pipe } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { createLoaders } from '../federation/loaders.js';
import { selectProviders } from '../federation/list.js';
import { decodeTicket, type TicketJson } from '../live/codec.js';
import { liveStream } from '../live/cleanup.js';
import type { LiveTopics, MessageAddedPayload, TicketChangedPayload } from '../live/events.js';
import type { Ticket, TicketStatus } from '../providers/model.js';
import { builder } from './builder.js';
import { decodeTypedId } from './ids.js';
import { MessageRef, type MessageNode } from './message.js';
import { TicketRef, TicketStatusEnum } from './ticket.js';

interface Watch {
  providers: string[];
  ticketRemoteId?: string;
}

/** What a subscription watches: one ticket, or the named providers (all by default). */
function watchOf(
  ctx: GatewayContext,
  args: { ticketId?: string | number | null; providers?: string[] | null },
): Watch {
  if (args.ticketId != null) {
    const [providerKey, ticketRemoteId] = decodeTypedId(String(args.ticketId), 'Ticket', 2) as [
      string,
      string,
    ];
    return { providers: selectProviders(ctx.providers, [providerKey]).map((p) => p.key), ticketRemoteId };
  }
  return { providers: selectProviders(ctx.providers, args.providers).map((p) => p.key) };
}

function matches(watch: Watch, event: { providerKey: string; ticketRemoteId: string }): boolean {
  return (
    watch.providers.includes(event.providerKey) &&
    (!watch.ticketRemoteId || event.ticketRemoteId === watch.ticketRemoteId)
  );
}

/** The event's ticket in fresh loaders: nothing cached from an earlier event is served. */
function freshTicket(ctx: GatewayContext, json: TicketJson): Ticket {
  ctx.loaders = createLoaders(ctx.providers);
  const ticket = decodeTicket(json);
  ctx.loaders.ticket.prime({ providerKey: ticket.providerKey, remoteId: ticket.remoteId }, ticket);
  return ticket;
}

const MessageAddedEvent = builder
  .objectRef<{ message: MessageNode; ticket: Ticket }>('MessageAddedEvent')
  .implement({
    description: 'A new message, written through the gateway or found upstream by the poller.',
    fields: (t) => ({
      message: t.expose('message', { type: MessageRef }),
      ticket: t.expose('ticket', { type: TicketRef }),
    }),
  });

const TicketChangedEvent = builder
  .objectRef<{ ticket: Ticket; previousStatus: TicketStatus | null; changedFields: string[] }>(
    'TicketChangedEvent',
  )
  .implement({
    description: "A ticket's status, priority, subject or category changed.",
    fields: (t) => ({
      ticket: t.expose('ticket', { type: TicketRef }),
      previousStatus: t.expose('previousStatus', { type: TicketStatusEnum, nullable: true }),
      changedFields: t.exposeStringList('changedFields'),
    }),
  });

builder.subscriptionType({ description: 'Live updates over graphql-ws (same URL) or server-sent events.' });

/** The arguments both subscriptions take. */
const watchArgs = {
  ticketId: { description: 'Only this ticket.' },
  providers: { description: 'Only these provider keys (default: all).' },
};

/** One topic's events for what the subscriber watches; its interest ends with the subscription. */
function subscribeTo<K extends keyof LiveTopics>(
  topic: K,
  ctx: GatewayContext,
  args: { ticketId?: string | number | null; providers?: string[] | null },
): AsyncIterable<LiveTopics[K][0]> {
  const watch = watchOf(ctx, args);
  // Both topics carry one payload and no id argument; generic K hides that from the type checker.
  const subscribe = ctx.live.pubsub.subscribe.bind(ctx.live.pubsub) as (
    name: K,
  ) => AsyncIterable<LiveTopics[K][0]>;
  return liveStream(() => ({
    events: pipe(
      subscribe(topic),
      filter((e: LiveTopics[K][0]) => matches(watch, e)),
    ),
    close: ctx.live.interest.add(
      watch.providers,
      watch.ticketRemoteId ? { provider: watch.providers[0]!, remoteId: watch.ticketRemoteId } : undefined,
    ),
  }));
}

builder.subscriptionField('messageAdded', (t) =>
  t.field({
    type: MessageAddedEvent,
    args: {
      ticketId: t.arg.id({ required: false, ...watchArgs.ticketId }),
      providers: t.arg.stringList({ required: false, ...watchArgs.providers }),
    },
    subscribe: (_root, args, ctx) => subscribeTo('messageAdded', ctx, args),
    resolve: (event: MessageAddedPayload, _args, ctx) => {
      const ticket = freshTicket(ctx, event.ticket);
      const message = ticket.messages?.find((m) => m.remoteId === event.messageRemoteId);
      if (!message) throw new Error(`messageAdded event without its message ${event.messageRemoteId}`);
      return {
        ticket,
        message: {
          ...message,
          providerKey: ticket.providerKey,
          ticketRemoteId: ticket.remoteId,
          parent: ticket,
        },
      };
    },
  }),
);

builder.subscriptionField('ticketChanged', (t) =>
  t.field({
    type: TicketChangedEvent,
    args: {
      ticketId: t.arg.id({ required: false, ...watchArgs.ticketId }),
      providers: t.arg.stringList({ required: false, ...watchArgs.providers }),
    },
    subscribe: (_root, args, ctx) => subscribeTo('ticketChanged', ctx, args),
    resolve: (event: TicketChangedPayload, _args, ctx) => ({
      ticket: freshTicket(ctx, event.ticket),
      previousStatus: event.previousStatus,
      changedFields: event.changedFields,
    }),
  }),
);
