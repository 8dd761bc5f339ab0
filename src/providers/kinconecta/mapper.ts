import type { Attachment, Message, Person, Ticket, TicketStatus } from '../model.js';
import { withZone, type RawAttachment, type RawTicket } from './raw.js';

/** Kinconecta status → unified status (README). */
export const STATUS_MAP: Readonly<Record<string, TicketStatus>> = {
  open: 'OPEN',
  in_progress: 'IN_PROGRESS',
  resolved: 'RESOLVED',
  closed: 'CLOSED',
};

/** File extensions whose media type is unambiguous; anything else stays `null`. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
};

/**
 * The unified status of a Kinconecta status. Case, blanks and hyphens are normalized
 * (`In Progress` → `in_progress`); the doc's workflow step "Created" and any value the docs do
 * not list count as `OPEN` (not yet handled), while `remoteStatus` keeps the value as sent.
 */
export function mapStatus(remote: string): TicketStatus {
  const key = remote
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return STATUS_MAP[key] ?? 'OPEN';
}

/** Parses a Kinconecta timestamp; one without a zone (a Java `LocalDateTime`) is read as UTC. */
export function parseTimestamp(value: string): Date {
  return new Date(withZone(value));
}

/** A guessed media type from the file name's extension, only where it is obvious. */
export function guessMimeType(fileName: string | null | undefined): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  return (ext && MIME_TYPES[ext]) || null;
}

/** Maps one attachment; Kinconecta reports neither size nor upload time. */
export function mapAttachment(raw: RawAttachment): Attachment {
  return {
    remoteId: String(raw.id),
    url: raw.fileUrl,
    filename: raw.fileName ?? null,
    mimeType: guessMimeType(raw.fileName),
    size: null,
    createdAt: null,
  };
}

function requesterOf(raw: RawTicket): Person {
  return { name: raw.fullName ?? null, email: raw.email ?? null, remoteId: null };
}

/**
 * The ticket's only message: its `message`, sent by the requester when the ticket was created.
 * The ticket's attachments were submitted with it, so they hang on this message too.
 */
export function mapOpeningMessage(raw: RawTicket, attachments: Attachment[]): Message {
  return {
    remoteId: 'opening',
    body: raw.message ?? '',
    author: requesterOf(raw),
    authorType: 'CUSTOMER',
    internal: false,
    attachments,
    createdAt: parseTimestamp(raw.createdAt),
  };
}

/**
 * Maps a Kinconecta ticket. The list and `GET /{id}` return the same full object, so every
 * field is loaded whichever route it came from. Kinconecta has no priority, no reference other
 * than the id and no read tracking: those are `null`.
 */
export function mapTicket(providerKey: string, raw: RawTicket): Ticket {
  const attachments = (raw.attachments ?? []).map(mapAttachment);
  const opening = mapOpeningMessage(raw, attachments);
  return {
    providerKey,
    remoteId: String(raw.id),
    reference: null,
    subject: raw.subject,
    description: raw.message ?? null,
    status: mapStatus(raw.status),
    remoteStatus: raw.status,
    priority: null,
    remotePriority: null,
    category: raw.category ?? null,
    requester: requesterOf(raw),
    unreadCount: null,
    lastMessageAt: opening.createdAt,
    createdAt: opening.createdAt,
    updatedAt: raw.updatedAt ? parseTimestamp(raw.updatedAt) : null,
    messages: [opening],
    attachments,
    raw,
  };
}
