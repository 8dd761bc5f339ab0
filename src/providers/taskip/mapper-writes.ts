import type { Message, TicketPriority, TicketStatus } from '../model.js';
import { UNIFIED_PRIORITIES, UNIFIED_STATUSES } from './codes.js';
import { mapAttachment, mapPerson, ticketCreatedAt, type TaskipMapContext } from './mapper.js';
import type { RawNoteAnswer, RawReplyAnswer } from './raw.js';

/** The integer TaskIP's writes take for a unified status (0 Open … 4 Pending). */
export function statusCode(status: TicketStatus): number {
  return UNIFIED_STATUSES.indexOf(status);
}

/** The integer TaskIP's writes take for a unified priority (0 Low … 4 Urgent). */
export function priorityCode(priority: TicketPriority): number {
  return UNIFIED_PRIORITIES.indexOf(priority);
}

/**
 * A reply as `POST /reply/{uuid}` answers it. Used only when the re-read ticket lacks the
 * reply: the answer has minute precision and the author as a person, the detail's Reply
 * Object has seconds. Replies through the API are written by the key's team member.
 */
export function mapReplyAnswer(raw: RawReplyAnswer, ctx: TaskipMapContext): Message {
  const remoteId = String(raw.id);
  return {
    remoteId,
    body: raw.description ?? '',
    author: mapPerson(raw.user),
    authorType: 'AGENT',
    internal: false,
    attachments: raw.attachment ? [mapAttachment(raw.attachment, remoteId)] : [],
    createdAt: ticketCreatedAt(raw, ctx),
  };
}

/** A note as `POST /{uuid}/note-store` answers it: a private team-member message. */
export function mapNoteAnswer(raw: RawNoteAnswer, ctx: TaskipMapContext): Message {
  return {
    remoteId: String(raw.id),
    body: raw.note ?? '',
    author: mapPerson(raw.user),
    authorType: 'AGENT',
    internal: true,
    attachments: [],
    createdAt: ticketCreatedAt(raw, ctx),
  };
}
