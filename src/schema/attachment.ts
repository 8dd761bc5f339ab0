import type { Attachment, Person } from '../providers/model.js';
import { builder } from './builder.js';
import { localId, parseLocalId } from './ids.js';
import { findTicket } from './ticket-load.js';

/** An attachment with the ticket it belongs to, so it has a global id. */
export interface AttachmentNode extends Attachment {
  providerKey: string;
  ticketRemoteId: string;
}

export const PersonRef = builder.objectRef<Person>('Person');
PersonRef.implement({
  description: 'Someone who wrote or requested a ticket, as the provider knows them.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    remoteId: t.exposeString('remoteId', { nullable: true, description: "The provider's id of the person." }),
  }),
});

export const AttachmentRef = builder.objectRef<AttachmentNode>('Attachment');

builder.node(AttachmentRef, {
  description: 'A file on a ticket or message; `url` is where the provider serves it.',
  id: { resolve: (a) => localId(a.providerKey, a.ticketRemoteId, a.remoteId) },
  loadOne: async (id, ctx) => {
    const [providerKey, ticketRemoteId, remoteId] = parseLocalId(id, 3) as [string, string, string];
    const ticket = await findTicket(ctx, providerKey, ticketRemoteId);
    const found = ticket?.attachments?.find((a) => a.remoteId === remoteId);
    return found ? { ...found, providerKey, ticketRemoteId } : null;
  },
  fields: (t) => ({
    url: t.exposeString('url'),
    filename: t.exposeString('filename', { nullable: true }),
    mimeType: t.exposeString('mimeType', { nullable: true }),
    size: t.exposeInt('size', { nullable: true, description: 'Size in bytes, where the provider says.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: true }),
  }),
});

/** Attachments of one ticket as nodes. */
export function attachmentNodes(
  providerKey: string,
  ticketRemoteId: string,
  list: Attachment[],
): AttachmentNode[] {
  return list.map((a) => ({ ...a, providerKey, ticketRemoteId }));
}
