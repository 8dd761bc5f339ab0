import type {
  Attachment,
  AuthorType,
  Message,
  Person,
  Ticket,
  TicketPriority,
  TicketStatus,
} from '../model.js';
import type { RawAttachment, RawDetail, RawListItem, RawMessage } from './raw.js';

/** Daakey status → unified status (README table). */
export const STATUS_TO_UNIFIED: Readonly<Record<RawListItem['status'], TicketStatus>> = {
  open: 'OPEN',
  in_progress: 'IN_PROGRESS',
  resolved: 'RESOLVED',
  closed: 'CLOSED',
};

/** Daakey priority → unified priority; `critical` is the gateway's `URGENT`. */
export const PRIORITY_TO_UNIFIED: Readonly<Record<string, TicketPriority>> = {
  low: 'LOW',
  normal: 'NORMAL',
  high: 'HIGH',
  critical: 'URGENT',
};

const AUTHOR_TYPES: Readonly<Record<string, AuthorType>> = { client: 'CUSTOMER', support: 'AGENT' };

/** A time without a zone (`2024-01-15 10:00:00`) is read as UTC, never as the host's local time. */
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Parses a Daakey timestamp (already checked by the raw schema). */
export function toDate(text: string): Date {
  return new Date(NO_ZONE.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}

function filenameOf(url: string): string | null {
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : null;
  } catch {
    return null;
  }
}

/**
 * One attachment of a message. Daakey gives bare URLs, so the id is made from the message id
 * and the position (unique within the ticket) and the file name is the URL's last segment.
 */
export function mapAttachment(
  raw: RawAttachment,
  messageId: number,
  index: number,
  createdAt: Date,
): Attachment {
  const url = typeof raw === 'string' ? raw : raw.url;
  const named = typeof raw === 'string' ? null : (raw.filename ?? raw.name ?? null);
  return {
    remoteId: `${messageId}-${index + 1}`,
    url,
    filename: named ?? filenameOf(url),
    mimeType: typeof raw === 'string' ? null : (raw.mime_type ?? null),
    size: typeof raw === 'string' ? null : (raw.size ?? null),
    createdAt,
  };
}

/** One message; `client` is the customer, `support` an agent, anything else the system. */
export function mapMessage(raw: RawMessage): Message {
  const createdAt = toDate(raw.created_at);
  const name = raw.sender_name ?? null;
  return {
    remoteId: String(raw.id),
    body: raw.message,
    author: name === null ? null : { name, email: null, remoteId: null },
    authorType: AUTHOR_TYPES[raw.sender] ?? 'SYSTEM',
    internal: false,
    attachments: (raw.attachments ?? []).map((a, i) => mapAttachment(a, raw.id, i, createdAt)),
    createdAt,
  };
}

/**
 * A ticket of the list. The list carries no description, requester, thread, attachments or
 * update time: those stay `undefined` (not loaded) for the gateway to fetch the details.
 */
export function mapListItem(providerKey: string, raw: RawListItem): Ticket {
  const priority = raw.priority ?? null;
  return {
    providerKey,
    remoteId: String(raw.id),
    reference: raw.reference ?? null,
    subject: raw.subject,
    status: STATUS_TO_UNIFIED[raw.status],
    remoteStatus: raw.status,
    priority: priority === null ? null : (PRIORITY_TO_UNIFIED[priority] ?? null),
    remotePriority: priority,
    category: raw.category ?? null,
    unreadCount: raw.unread_count ?? null,
    lastMessageAt: raw.last_message_at ? toDate(raw.last_message_at) : null,
    createdAt: toDate(raw.created_at),
    raw,
  };
}

/** Messages in time order; equal times keep Daakey's id order. */
function sortedMessages(raw: RawDetail): Message[] {
  return raw.messages
    .map(mapMessage)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || Number(a.remoteId) - Number(b.remoteId));
}

function requesterOf(messages: readonly Message[]): Person | null {
  const first = messages.find((m) => m.authorType === 'CUSTOMER' && m.author !== null);
  return first?.author ?? null;
}

/**
 * A ticket's details, every field loaded. Daakey keeps the opening text as the first message,
 * so the thread is used as is (no synthetic `opening` message) and the description is that
 * first message's body; the requester is the client who wrote in the thread.
 */
export function mapDetail(providerKey: string, raw: RawDetail): Ticket {
  const messages = sortedMessages(raw);
  const base = mapListItem(providerKey, raw);
  return {
    ...base,
    description: messages[0]?.body ?? null,
    requester: requesterOf(messages),
    lastMessageAt: base.lastMessageAt ?? messages.at(-1)?.createdAt ?? null,
    updatedAt: raw.updated_at ? toDate(raw.updated_at) : null,
    messages,
    attachments: messages.flatMap((m) => m.attachments),
    raw,
  };
}
