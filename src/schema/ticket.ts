import { TICKET_PRIORITIES, TICKET_STATUSES, type Ticket } from '../providers/model.js';
import { attachmentNodes, AttachmentRef, PersonRef } from './attachment.js';
import { builder } from './builder.js';
import { decodeTypedId, localId, parseLocalId } from './ids.js';
import { messageConnection, MessageConnectionRef } from './message.js';
import { ProviderRef } from './provider.js';
import { findTicket, lazyField } from './ticket-load.js';

export const TicketStatusEnum = builder.enumType('TicketStatus', {
  description:
    "Unified status; the provider's own value is in `remoteStatus`. PENDING waits on the customer.",
  values: TICKET_STATUSES,
});

export const TicketPriorityEnum = builder.enumType('TicketPriority', {
  description: "Unified priority; the provider's own value is in `remotePriority`.",
  values: TICKET_PRIORITIES,
});

export const TicketRef = builder.objectRef<Ticket>('Ticket');

builder.node(TicketRef, {
  description: 'A support ticket in one provider, in the unified model.',
  id: { resolve: (t) => localId(t.providerKey, t.remoteId) },
  loadOne: (id, ctx) => {
    const [providerKey, remoteId] = parseLocalId(id, 2) as [string, string];
    return findTicket(ctx, providerKey, remoteId);
  },
  fields: (t) => ({
    provider: t.field({
      type: ProviderRef,
      resolve: (ticket, _args, ctx) => ctx.providers.get(ticket.providerKey)!,
    }),
    remoteId: t.exposeString('remoteId', { description: "The ticket's id in its provider." }),
    reference: t.exposeString('reference', { nullable: true, description: 'A human-facing ticket number.' }),
    subject: t.exposeString('subject'),
    description: t.string({
      nullable: true,
      resolve: (ticket, _a, ctx) => lazyField(ticket, 'description', ctx),
    }),
    status: t.expose('status', { type: TicketStatusEnum }),
    remoteStatus: t.exposeString('remoteStatus'),
    priority: t.expose('priority', { type: TicketPriorityEnum, nullable: true }),
    remotePriority: t.exposeString('remotePriority', { nullable: true }),
    category: t.string({ nullable: true, resolve: (ticket, _a, ctx) => lazyField(ticket, 'category', ctx) }),
    requester: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (ticket, _a, ctx) => lazyField(ticket, 'requester', ctx),
    }),
    unreadCount: t.int({
      nullable: true,
      description: 'Messages the requester has not read, where the provider tracks it.',
      resolve: (ticket, _a, ctx) => lazyField(ticket, 'unreadCount', ctx),
    }),
    lastMessageAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (ticket, _a, ctx) => lazyField(ticket, 'lastMessageAt', ctx),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (ticket, _a, ctx) => lazyField(ticket, 'updatedAt', ctx),
    }),
    // `messages` and `attachments` need the ticket's details, a second upstream call: nullable
    // so that its failure costs only the field (with an error at its path), not the ticket.
    messages: t.field({
      type: MessageConnectionRef,
      nullable: true,
      description:
        "The conversation, oldest first, starting with the opening message; null when the provider failed to load the ticket's details (`errors` says why).",
      args: {
        first: t.arg.int({ required: false, description: 'From 0 to 100; all messages when left out.' }),
        after: t.arg.string({
          required: false,
          description: '`endCursor` of the previous page; null or "" start at the top.',
        }),
      },
      resolve: async (ticket, args, ctx) =>
        messageConnection(ticket, (await lazyField(ticket, 'messages', ctx)) ?? [], args.first, args.after),
    }),
    attachments: t.field({
      type: [AttachmentRef],
      nullable: true,
      description:
        "Every file on the ticket, its messages' included; null when the provider failed to load the ticket's details.",
      resolve: async (ticket, _a, ctx) =>
        attachmentNodes(
          ticket.providerKey,
          ticket.remoteId,
          (await lazyField(ticket, 'attachments', ctx)) ?? [],
        ),
    }),
    raw: t.field({
      type: 'JSON',
      description: "The provider's payload this ticket was read from, unchanged.",
      resolve: (ticket) => ticket.raw,
    }),
  }),
});

builder.queryField('ticket', (t) =>
  t.field({
    type: TicketRef,
    nullable: true,
    description: 'One ticket by its global id; null when the provider does not have it.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      const [providerKey, remoteId] = parseTicketId(String(args.id));
      return findTicket(ctx, providerKey, remoteId);
    },
  }),
);

function parseTicketId(id: string): [string, string] {
  return decodeTypedId(id, 'Ticket', 2) as [string, string];
}
