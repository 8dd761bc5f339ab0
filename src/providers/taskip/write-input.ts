import type { AddMessageInput, CreateTicketInput } from '../writes.js';
import { localValidation, notFoundRejection } from './write-answers.js';

/**
 * The checks made before a write is sent, only where TaskIP's answer is certain. Messages are
 * the ones TaskIP (Laravel, with its TrimStrings middleware) answers for the same input; the
 * few inputs TaskIP has no field for get our own words.
 */

/** TaskIP's documented maximum subject length. */
const MAX_SUBJECT = 191;

/** Laravel counts characters (code points) of the trimmed value. */
const length = (text: string): number => [...text.trim()].length;

/**
 * The numeric ticket id a remote id must be: anything else cannot exist upstream (and would
 * change the request path), so it is NOT_FOUND without a call.
 */
export function ticketIdOf(provider: string, remoteId: string): number {
  const id = /^\d+$/.test(remoteId) ? Number(remoteId) : NaN;
  if (!Number.isSafeInteger(id)) throw notFoundRejection(provider, remoteId);
  return id;
}

/** Files and URLs: TaskIP attaches media-library ids only, which no unified input carries. */
function checkNoFiles(provider: string, input: { attachmentUrls: string[]; files: unknown[] }): void {
  if (input.files.length > 0) {
    throw localValidation(provider, 'attachments', 'TaskIP does not take file uploads.');
  }
  if (input.attachmentUrls.length > 0) {
    throw localValidation(provider, 'attachmentUrls', 'TaskIP does not take attachment URLs.');
  }
}

/**
 * `createTicket`'s input: a subject (required, at most 191 characters), no category, no
 * files. An empty body is allowed: TaskIP's description is optional.
 */
export function checkCreate(provider: string, input: CreateTicketInput): void {
  if (length(input.subject) === 0) {
    throw localValidation(provider, 'subject', 'The subject field is required.');
  }
  if (length(input.subject) > MAX_SUBJECT) {
    throw localValidation(
      provider,
      'subject',
      `The subject field must not be greater than ${MAX_SUBJECT} characters.`,
    );
  }
  // The gateway resolves categories against `categories()`, which is empty here; kept as a guard.
  if (input.category !== null) {
    throw localValidation(provider, 'category', 'TaskIP tickets have no category.');
  }
  checkNoFiles(provider, input);
}

/** `addMessage`'s input: a body that is not blank (`description` or `note` is required), no files. */
export function checkMessage(provider: string, input: AddMessageInput): void {
  if (length(input.body) === 0) {
    const field = input.internal ? 'note' : 'description';
    throw localValidation(provider, 'body', `The ${field} field is required.`);
  }
  checkNoFiles(provider, input);
}

/** The team member id `assigned_to` takes: an integer (TaskIP's own message otherwise). */
export function checkAssignee(provider: string, assigneeId: string): number {
  // Laravel's `integer` takes a sign; a negative id then fails `exists`, upstream, in its words.
  const id = /^-?\d+$/.test(assigneeId.trim()) ? Number(assigneeId.trim()) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw localValidation(provider, 'assigneeId', 'The assigned to field must be an integer.');
  }
  return id;
}
