import { UpstreamError } from '../../errors.js';
import type { UpstreamResponse } from '../http.js';
import { WriteRejection, type FieldError } from '../writes.js';
import {
  rawErrorSchema,
  UNIFIED_PRIORITIES,
  UNIFIED_STATUSES,
  type RawNoteAnswer,
  type RawReplyAnswer,
} from './raw.js';
import type { Message, TicketPriority, TicketStatus } from '../model.js';
import { mapAttachment, mapPerson, ticketCreatedAt, type TaskipMapContext } from './mapper.js';

/**
 * What TaskIP's writes answer, in unified terms. Refusals become `WriteRejection`s: 422 (and a
 * 400 with field errors) → VALIDATION, 404 → NOT_FOUND, 409 ("cannot be modified in current
 * status") → TICKET_CLOSED; messages are TaskIP's own, verbatim. Accepted replies and notes
 * become `Message`s, and unified statuses and priorities the integer codes the writes send.
 */

/** TaskIP's request fields by the unified input field they come from; unknown ones keep their name. */
const UNIFIED_FIELDS: Readonly<Record<string, string>> = {
  subject: 'subject',
  description: 'body',
  note: 'body',
  priority: 'priority',
  status: 'status',
  assigned_to: 'assigneeId',
  'parameters.assigned_to': 'assigneeId',
  attachment: 'attachments',
};

/** Laravel's key of one element of `ticket_ids`: the bulk route's way of saying "no such ticket". */
const TICKET_ID_KEY = /^ticket_ids\.\d+$/;

/** The unified name of a TaskIP request field. */
export function unifiedField(field: string): string {
  return UNIFIED_FIELDS[field] ?? field;
}

/** Laravel's `errors` object as field errors, one per message, fields renamed to unified ones. */
export function fieldErrorsOf(errors: Record<string, string[]>): FieldError[] {
  return Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ field: unifiedField(field), message })),
  );
}

/** A refusal decided before any upstream call, in the same shape as TaskIP's own. */
export function localValidation(provider: string, field: string, message: string): WriteRejection {
  return new WriteRejection('VALIDATION', 'The given data was invalid', provider, [{ field, message }]);
}

/** An unknown ticket, found out before any write was sent. */
export function notFoundRejection(provider: string, ticketId: string): WriteRejection {
  return new WriteRejection('NOT_FOUND', `SupportTicket ${ticketId} not found`, provider);
}

/**
 * The error for a non-2xx answer to a write (401/403/429/5xx never get here: the
 * `UpstreamClient` throws them). Anything TaskIP does not document for a refused write is
 * `UPSTREAM_BAD_RESPONSE`: it means this client or the upstream changed.
 */
export function writeRefusal(res: UpstreamResponse, provider: string, what: string): Error {
  const parsed = rawErrorSchema.safeParse(res.body);
  const body = parsed.success ? parsed.data : {};
  const message = body.message ?? body.error;
  if (res.status === 404)
    return new WriteRejection('NOT_FOUND', message ?? 'SupportTicket not found', provider);
  if (res.status === 409) {
    return new WriteRejection(
      'TICKET_CLOSED',
      message ?? 'Ticket cannot be modified in current status',
      provider,
    );
  }
  const errors = body.errors;
  // TaskIP documents 400 as "invalid request data or missing required fields": a refusal
  // the client can act on, with or without field errors.
  if (res.status === 422 || (res.status === 400 && parsed.success)) {
    // The bulk route validates ids like any field: an unknown id is a missing ticket, not bad input.
    if (errors && Object.keys(errors).some((field) => TICKET_ID_KEY.test(field))) {
      return new WriteRejection('NOT_FOUND', 'SupportTicket not found', provider);
    }
    return new WriteRejection(
      'VALIDATION',
      message ?? 'The given data was invalid',
      provider,
      fieldErrorsOf(errors ?? {}),
    );
  }
  return new UpstreamError(
    'UPSTREAM_BAD_RESPONSE',
    provider,
    `${what}: unexpected status ${res.status} ${message ?? ''}`.trim(),
    res.status,
  );
}

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
