/**
 * The unified ticket model every provider maps into. Mappers are pure functions from a
 * provider's parsed payload to these shapes.
 *
 * A field that a provider's list response does not carry is `undefined` ("not loaded": the
 * gateway fetches the ticket's details when a query asks for it); `null` means the provider
 * was asked and has no value.
 */

export const TICKET_STATUSES = ['OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'CLOSED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['LOW', 'NORMAL', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const AUTHOR_TYPES = ['CUSTOMER', 'AGENT', 'SYSTEM'] as const;
export type AuthorType = (typeof AUTHOR_TYPES)[number];

export interface Person {
  name: string | null;
  email: string | null;
  remoteId: string | null;
}

export interface Attachment {
  /** Unique within its ticket. */
  remoteId: string;
  url: string;
  filename: string | null;
  mimeType: string | null;
  size: number | null;
  createdAt: Date | null;
}

export interface Message {
  /** Unique within its ticket; the opening message (a ticket's description) uses `opening`. */
  remoteId: string;
  body: string;
  author: Person | null;
  authorType: AuthorType;
  internal: boolean;
  attachments: Attachment[];
  createdAt: Date;
}

export interface Ticket {
  /** The configured provider instance's key. */
  providerKey: string;
  remoteId: string;
  reference: string | null;
  subject: string;
  description?: string | null;
  status: TicketStatus;
  remoteStatus: string;
  priority: TicketPriority | null;
  remotePriority: string | null;
  category?: string | null;
  requester?: Person | null;
  unreadCount?: number | null;
  lastMessageAt?: Date | null;
  createdAt: Date;
  updatedAt?: Date | null;
  /** Every message in time order, starting with the opening message. */
  messages?: Message[];
  /** Every attachment of the ticket, its messages' included. */
  attachments?: Attachment[];
  /** The provider's payload this ticket was mapped from, as received. */
  raw: unknown;
}

/** The filter of the federated list, in unified terms. */
export interface TicketFilter {
  providers?: readonly string[] | null;
  status?: readonly TicketStatus[] | null;
  priority?: readonly TicketPriority[] | null;
  search?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

/** Whether a ticket matches a filter; the gateway's own semantics, re-applied after any pushdown. */
export function matchesFilter(ticket: Ticket, filter: TicketFilter): boolean {
  if (filter.providers?.length && !filter.providers.includes(ticket.providerKey)) return false;
  if (filter.status?.length && !filter.status.includes(ticket.status)) return false;
  if (filter.priority?.length && (ticket.priority === null || !filter.priority.includes(ticket.priority))) {
    return false;
  }
  if (filter.createdAfter && !(ticket.createdAt.getTime() >= filter.createdAfter.getTime())) return false;
  if (filter.createdBefore && !(ticket.createdAt.getTime() < filter.createdBefore.getTime())) return false;
  if (filter.search) {
    const needle = filter.search.toLocaleLowerCase();
    const haystack = `${ticket.subject}\n${ticket.description ?? ''}`.toLocaleLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}
