import type {
  Attachment,
  AuthorType,
  Message,
  Person,
  Ticket,
  TicketPriority,
  TicketStatus,
} from '../model.js';
import {
  parseTaskipDateTime,
  PRIORITY_WORDS,
  STATUS_WORDS,
  UNIFIED_PRIORITIES,
  UNIFIED_STATUSES,
  type RawAttachment,
  type RawPerson,
  type RawReply,
  type RawTicket,
  type RawTicketDetail,
} from './raw.js';

/** What the pure mappers need besides the payload. */
export interface TaskipMapContext {
  /** The configured instance's key. */
  providerKey: string;
  /** Offset east of UTC of the account's zone, in minutes (0: UTC, the default). */
  zoneOffsetMinutes?: number;
}

const STATUSES: readonly TicketStatus[] = UNIFIED_STATUSES;
const PRIORITIES: readonly TicketPriority[] = UNIFIED_PRIORITIES;
const AUTHOR_TYPES: Record<RawReply['author_type'], AuthorType> = {
  team_member: 'AGENT',
  client: 'CUSTOMER',
  system: 'SYSTEM',
};

/** TaskIP's status code (0 Open … 4 Pending) in unified terms, with TaskIP's word for it. */
export function mapStatus(code: number): { status: TicketStatus; remoteStatus: string } {
  const status = STATUSES[code];
  // The raw schema admits 0–4 only; a code beyond is a programming error, not data.
  if (!status) throw new RangeError(`taskip status code out of range: ${code}`);
  return { status, remoteStatus: STATUS_WORDS[code] ?? String(code) };
}

/** TaskIP's priority code (0 Low … 4 Urgent); an unknown code keeps its number and maps to null. */
export function mapPriority(code: number | null | undefined): {
  priority: TicketPriority | null;
  remotePriority: string | null;
} {
  if (code === null || code === undefined) return { priority: null, remotePriority: null };
  return { priority: PRIORITIES[code] ?? null, remotePriority: PRIORITY_WORDS[code] ?? String(code) };
}

/** A `{id, name, email}` person. */
export function mapPerson(raw: RawPerson | null | undefined): Person | null {
  if (!raw) return null;
  return { name: raw.name ?? null, email: raw.email ?? null, remoteId: String(raw.id) };
}

const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
};

/** The MIME type a file name's extension implies (TaskIP sends none), or null. */
export function mimeTypeOf(name: string | null): string | null {
  const ext = name?.match(/\.([A-Za-z0-9]+)$/)?.[1]?.toLowerCase();
  return ext ? (MIME_TYPES[ext] ?? null) : null;
}

/**
 * An attachment; its remoteId is `<message remoteId>:<media id>`, unique within the ticket
 * even when one media file is attached twice. TaskIP sends no upload time.
 */
export function mapAttachment(raw: RawAttachment, messageId: string): Attachment {
  const filename = raw.name ?? null;
  return {
    remoteId: `${messageId}:${raw.id}`,
    url: raw.url,
    filename,
    mimeType: mimeTypeOf(filename),
    size: raw.size ?? null,
    createdAt: null,
  };
}

/** A ticket's creation time from `date` + `time`. */
export function ticketCreatedAt(raw: Pick<RawTicket, 'date' | 'time'>, ctx: TaskipMapContext): Date {
  const at = parseTaskipDateTime(raw.date, raw.time, ctx.zoneOffsetMinutes ?? 0);
  // The raw schema refuses unreal dates; reaching here without one is a programming error.
  if (!at) throw new RangeError(`taskip date/time not parseable: ${raw.date} ${raw.time}`);
  return at;
}

/**
 * A list item as a Ticket. The list carries subject, status, priority, description, the
 * requester (`user`) and the ticket's own attachment, but not the replies: messages,
 * attachments (replies may add some) and lastMessageAt are `undefined` (not loaded).
 * TaskIP has no category, reference, unread count or update time in this shape: null.
 */
export function mapListTicket(raw: RawTicket, ctx: TaskipMapContext): Ticket {
  return {
    providerKey: ctx.providerKey,
    remoteId: String(raw.id),
    reference: null,
    subject: raw.subject,
    description: raw.description === undefined ? undefined : raw.description,
    ...mapStatus(raw.status),
    ...mapPriority(raw.priority),
    category: null,
    requester: raw.user === undefined ? undefined : mapPerson(raw.user),
    unreadCount: null,
    lastMessageAt: undefined,
    createdAt: ticketCreatedAt(raw, ctx),
    updatedAt: null,
    messages: undefined,
    attachments: undefined,
    raw,
  };
}

/** A Reply Object as a Message. */
export function mapReply(raw: RawReply): Message {
  const remoteId = String(raw.id);
  return {
    remoteId,
    body: raw.message ?? '',
    author: raw.author ? { name: raw.author, email: null, remoteId: null } : null,
    authorType: AUTHOR_TYPES[raw.author_type],
    internal: raw.is_private ?? false,
    attachments: raw.attachment ? [mapAttachment(raw.attachment, remoteId)] : [],
    createdAt: new Date(raw.created_at),
  };
}

/**
 * The ticket's messages in time order: the description as the opening message (remoteId
 * `opening`, by the ticket's user, with the ticket's attachment), then the replies. A ticket
 * without a description has no opening message.
 */
export function mapMessages(raw: RawTicketDetail, ctx: TaskipMapContext): Message[] {
  const messages: Message[] = [];
  if (raw.description) {
    messages.push({
      remoteId: 'opening',
      body: raw.description,
      author: mapPerson(raw.user),
      authorType: 'CUSTOMER',
      internal: false,
      attachments: raw.attachment ? [mapAttachment(raw.attachment, 'opening')] : [],
      createdAt: ticketCreatedAt(raw, ctx),
    });
  }
  const replies = (raw.replies ?? []).map(mapReply);
  // Stable: replies with the same instant keep TaskIP's order.
  replies.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return [...messages, ...replies];
}

/** A detail payload as a fully loaded Ticket. */
export function mapDetailTicket(raw: RawTicketDetail, ctx: TaskipMapContext): Ticket {
  const messages = mapMessages(raw, ctx);
  const attachments = messages.flatMap((m) => m.attachments);
  // Without a description the ticket's own attachment belongs to no message, but still to the ticket.
  if (raw.attachment && !raw.description) attachments.unshift(mapAttachment(raw.attachment, 'opening'));
  return {
    ...mapListTicket(raw, ctx),
    description: raw.description ?? null,
    requester: mapPerson(raw.user),
    lastMessageAt: messages.at(-1)?.createdAt ?? null,
    messages,
    attachments,
    raw,
  };
}
