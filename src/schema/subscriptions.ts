import type { GatewayContext } from '../context.js';
import { UpstreamError } from '../errors.js';
import { createLoaders } from '../federation/loaders.js';
import { selectProviders } from '../federation/list.js';
import { decodeTicket, type TicketJson } from '../live/codec.js';
import type { LiveTopics, MessageAddedPayload, TicketChangedPayload } from '../live/events.js';
import { TicketGone, watchStream, type Watch, type WatchTopic } from '../live/watch.js';
import type { Ticket, TicketStatus } from '../providers/model.js';
import { builder } from './builder.js';
import { inPublic, toGatewayError } from './errors.js';
import { decodeTypedId } from './ids.js';
import { MessageRef, type MessageNode } from './message.js';
import { TicketRef, TicketStatusEnum } from './ticket.js';

/** What a subscription watches: one ticket, or the named providers (all by default). */
function watchOf(
  ctx: GatewayContext,
  args: { ticketId?: string | number | null; providers?: string[] | null },
): Watch {
  if (args.ticketId != null) {
    const [providerKey, remoteId] = decodeTypedId(String(args.ticketId), 'Ticket', 2) as [string, string];
    const providers = selectProviders(ctx.providers, [providerKey]).map((p) => p.key);
    return { providers, ticket: { provider: providers[0]!, remoteId } };
  }
  return { providers: selectProviders(ctx.providers, args.providers).map((p) => p.key) };
}

/**
 * A ticket watched by id must exist: it is read once (through the request's loaders, so
 * identical checks in one context share a call) before anything is registered, and an unknown
 * one ends the subscription with NOT_FOUND, never polled. Any other failure says nothing about
 * the ticket (its provider is down): the subscription is accepted, and should the ticket not
 * exist after all, the poller finds it answering 404 and ends the subscription then.
 */
async function ensureTicketExists(ctx: GatewayContext, watch: Watch): Promise<void> {
  if (!watch.ticket) return;
  try {
    await ctx.loaders.ticket.load({ providerKey: watch.ticket.provider, remoteId: watch.ticket.remoteId });
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'NOT_FOUND') throw toGatewayError(error);
  }
}

/** The last event of a subscription whose ticket is gone: its NOT_FOUND error. */
function gone(event: TicketGone): never {
  throw toGatewayError(new UpstreamError('NOT_FOUND', event.providerKey, `ticket ${event.ticketRemoteId}`));
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

/**
 * One topic's events for what the subscriber watches, once its ticket (if any) is known to
 * exist; its interest ends with the subscription. An unknown provider key is the client's
 * mistake, answered as such.
 */
async function subscribeTo<K extends WatchTopic>(
  topic: K,
  ctx: GatewayContext,
  args: { ticketId?: string | number | null; providers?: string[] | null },
): Promise<AsyncIterable<LiveTopics[K][0] | TicketGone>> {
  const watch = await inPublic(() => watchOf(ctx, args));
  await ensureTicketExists(ctx, watch);
  return watchStream(ctx.live, topic, watch);
}

builder.subscriptionField('messageAdded', (t) =>
  t.field({
    type: MessageAddedEvent,
    args: {
      ticketId: t.arg.id({ required: false, ...watchArgs.ticketId }),
      providers: t.arg.stringList({ required: false, ...watchArgs.providers }),
    },
    subscribe: (_root, args, ctx) => subscribeTo('messageAdded', ctx, args),
    resolve: (event: MessageAddedPayload | TicketGone, _args, ctx) => {
      if (event instanceof TicketGone) gone(event);
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
    resolve: (event: TicketChangedPayload | TicketGone, _args, ctx) => {
      if (event instanceof TicketGone) gone(event);
      return {
        ticket: freshTicket(ctx, event.ticket),
        previousStatus: event.previousStatus,
        changedFields: event.changedFields,
      };
    },
  }),
);
