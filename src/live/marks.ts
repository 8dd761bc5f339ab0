import type { Message, Ticket } from '../providers/model.js';
import type { TicketMark } from './state.js';

/**
 * The unified fields whose change is a `ticketChanged` event, as the list shows them. Message
 * times and unread counts move with every message (and Daakey's with every read), so they
 * are signals for `messageAdded`, not ticket changes.
 */
export const WATCHED_FIELDS = ['status', 'priority', 'subject', 'category'] as const;

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The watched fields of a list-mapped ticket (fields its list does not carry are null). */
export function fieldsOf(ticket: Ticket): Record<string, string | null> {
  return Object.fromEntries(WATCHED_FIELDS.map((f) => [f, text(ticket[f])]));
}

/**
 * The cheap change signal a provider's list gives for new messages: its last-message time,
 * update time and unread count (Daakey's `last_message_at`/`unread_count`, IPPanel's and
 * Kinconecta's `updated_at`). Empty when the list carries none of them (TaskIP): then only
 * the ticket's details tell.
 */
export function signalOf(ticket: Ticket): string {
  const parts = [ticket.lastMessageAt, ticket.updatedAt, ticket.unreadCount].map(text);
  return parts.every((p) => p === null) ? '' : parts.join('|');
}

/** The provider-clock instant after which messages are new, from the list's own timestamps. */
export function signalTime(ticket: Ticket): number | undefined {
  const times = [ticket.lastMessageAt, ticket.updatedAt].filter((d): d is Date => d instanceof Date);
  return times.length ? Math.max(...times.map((d) => d.getTime())) : undefined;
}

/** The fields that differ between two marks' field sets. */
export function changedFields(
  before: Record<string, string | null>,
  after: Record<string, string | null>,
): string[] {
  return WATCHED_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}

/**
 * The messages of a freshly read ticket that are new since the mark: by id once the ids are
 * known; before that, those created after the mark's provider-clock time (none when unknown).
 */
export function newMessages(mark: TicketMark, messages: Message[]): Message[] {
  if (mark.messages) {
    const known = new Set(mark.messages);
    return messages.filter((m) => !known.has(m.remoteId));
  }
  const since = mark.since;
  if (since === null) return [];
  return messages.filter((m) => m.createdAt.getTime() > since);
}

/** A ticket's first mark: what it holds when first seen is history, not news. */
export function markOf(ticket: Ticket): TicketMark {
  return {
    signal: signalOf(ticket),
    status: ticket.status,
    fields: fieldsOf(ticket),
    version: 0,
    since: signalTime(ticket) ?? null,
  };
}
