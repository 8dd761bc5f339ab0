import type { Attachment, Message, Ticket } from '../providers/model.js';

/** A ticket as JSON-safe data (dates as ISO strings), so events can travel through Redis. */
export type TicketJson = Record<string, unknown>;

const TICKET_DATES = ['createdAt', 'updatedAt', 'lastMessageAt'] as const;

/** Encodes a ticket for an event payload. `JSON.stringify` turns its dates into ISO strings. */
export function encodeTicket(ticket: Ticket): TicketJson {
  return JSON.parse(JSON.stringify(ticket)) as TicketJson;
}

/** Decodes `encodeTicket`'s output back into a ticket, with `Date`s where the model has them. */
export function decodeTicket(json: TicketJson): Ticket {
  const ticket = { ...json } as unknown as Ticket & Record<string, unknown>;
  for (const field of TICKET_DATES) {
    const value = json[field];
    if (typeof value === 'string') ticket[field] = new Date(value);
  }
  if (Array.isArray(json['messages']))
    ticket.messages = (json['messages'] as Array<Record<string, unknown>>).map(decodeMessage);
  if (Array.isArray(json['attachments'])) {
    ticket.attachments = (json['attachments'] as Array<Record<string, unknown>>).map(decodeAttachment);
  }
  return ticket;
}

function decodeMessage(json: Record<string, unknown>): Message {
  const message = { ...json } as unknown as Message;
  message.createdAt = new Date(String(json['createdAt']));
  message.attachments = ((json['attachments'] as Array<Record<string, unknown>> | undefined) ?? []).map(
    decodeAttachment,
  );
  return message;
}

function decodeAttachment(json: Record<string, unknown>): Attachment {
  const attachment = { ...json } as unknown as Attachment;
  attachment.createdAt = typeof json['createdAt'] === 'string' ? new Date(json['createdAt']) : null;
  return attachment;
}
