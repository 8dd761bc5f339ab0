import { AUTHOR_TYPES, type Message, type Ticket } from '../providers/model.js';
import { badInput } from './errors.js';
import { attachmentNodes, AttachmentRef, PersonRef } from './attachment.js';
import { builder } from './builder.js';
import { localId, parseLocalId } from './ids.js';
import { findTicket } from './ticket-load.js';
import { TicketRef } from './ticket.js';

/** A message with the ticket it belongs to, so it has a global id and a `ticket` field. */
export interface MessageNode extends Message {
  providerKey: string;
  ticketRemoteId: string;
  /** The ticket the message was read from, so `Message.ticket` costs no further request. */
  parent: Ticket;
}

export const AuthorTypeEnum = builder.enumType('AuthorType', {
  description: 'Who wrote a message: the customer, an agent of the provider, or the system.',
  values: AUTHOR_TYPES,
});

export const MessageRef = builder.objectRef<MessageNode>('Message');

builder.node(MessageRef, {
  description: 'One message of a ticket conversation.',
  id: { resolve: (m) => localId(m.providerKey, m.ticketRemoteId, m.remoteId) },
  loadOne: async (id, ctx) => {
    const [providerKey, ticketRemoteId, remoteId] = parseLocalId(id, 3) as [string, string, string];
    const ticket = await findTicket(ctx, providerKey, ticketRemoteId);
    const found = ticket?.messages?.find((m) => m.remoteId === remoteId);
    return found && ticket ? { ...found, providerKey, ticketRemoteId, parent: ticket } : null;
  },
  fields: (t) => ({
    ticket: t.field({
      // TicketRef is read lazily, when the schema is built, so the import cycle is harmless.
      type: TicketRef,
      resolve: (m) => m.parent,
    }),
    body: t.exposeString('body'),
    author: t.expose('author', { type: PersonRef, nullable: true }),
    authorType: t.expose('authorType', { type: AuthorTypeEnum }),
    internal: t.exposeBoolean('internal', { description: 'Visible to agents only.' }),
    attachments: t.field({
      type: [AttachmentRef],
      resolve: (m) => attachmentNodes(m.providerKey, m.ticketRemoteId, m.attachments),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

interface MessageConnectionShape {
  edges: Array<{ cursor: string; node: MessageNode }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

/** The Relay plugin's connection and edge types, over `messageConnection`'s pages. */
export const MessageConnectionRef = builder.connectionObject<typeof MessageRef, MessageConnectionShape>(
  {
    type: MessageRef,
    name: 'MessageConnection',
    fields: (t) => ({ totalCount: t.exposeInt('totalCount') }),
  },
  { name: 'MessageEdge' },
);

const MESSAGE_CURSOR = 'message:';

/** One page of a ticket's messages; cursors are positions in the conversation. */
export function messageConnection(
  ticket: Ticket,
  messages: Message[],
  first: number | null | undefined,
  after: string | null | undefined,
): MessageConnectionShape {
  if (first != null && (first < 0 || first > 100))
    throw badInput(`\`first\` must be between 0 and 100, got ${first}.`);
  const start = after ? decodeMessageCursor(after) + 1 : 0;
  const slice = messages.slice(start, first == null ? undefined : start + first);
  const edges = slice.map((m, i) => ({
    cursor: Buffer.from(`${MESSAGE_CURSOR}${start + i}`).toString('base64url'),
    node: { ...m, providerKey: ticket.providerKey, ticketRemoteId: ticket.remoteId, parent: ticket },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + slice.length < messages.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: messages.length,
  };
}

function decodeMessageCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const index = Number(text.slice(MESSAGE_CURSOR.length));
  if (!text.startsWith(MESSAGE_CURSOR) || !Number.isInteger(index) || index < 0) {
    throw badInput('`after` is not a message cursor this gateway issued.');
  }
  return index;
}
