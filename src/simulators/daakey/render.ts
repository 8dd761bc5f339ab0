import { isoSeconds } from './seed.js';
import type { SimMessage, SimTicket } from './types.js';

/** Laravel's `Str::limit($text, 50)`: the list shows a preview of the last message. */
export function preview(text: string, limit = 50): string {
  return text.length <= limit ? text : `${text.slice(0, limit).trimEnd()}...`;
}

/** Agent messages the client has not seen yet. */
export function unreadCount(ticket: SimTicket): number {
  return ticket.messages.filter((m) => m.sender === 'support' && !m.read).length;
}

/** A ticket as `GET /tickets` lists it (the docs' example fields, nothing more). */
export function listItem(ticket: SimTicket): Record<string, unknown> {
  const last = ticket.messages.at(-1);
  return {
    id: ticket.id,
    reference: ticket.reference,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category,
    last_message: last ? preview(last.message) : null,
    last_message_at: last ? isoSeconds(last.created_at) : null,
    unread_count: unreadCount(ticket),
    created_at: isoSeconds(ticket.created_at),
  };
}

/** A message as the detail and `POST .../messages` show it. */
export function messageOut(message: SimMessage): Record<string, unknown> {
  return {
    id: message.id,
    message: message.message,
    sender: message.sender,
    sender_name: message.sender_name,
    attachments: [...message.attachments],
    created_at: isoSeconds(message.created_at),
  };
}

/** A ticket as `GET /tickets/{ticket}` and `POST /tickets` show it: list fields, booking, messages. */
export function detail(ticket: SimTicket): Record<string, unknown> {
  return {
    ...listItem(ticket),
    updated_at: isoSeconds(ticket.updated_at),
    booking: ticket.booking ? structuredClone(ticket.booking) : null,
    messages: ticket.messages.map(messageOut),
  };
}
