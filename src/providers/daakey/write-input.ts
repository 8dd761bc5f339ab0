import type { TicketPriority } from '../model.js';
import { WriteRejection, type AddMessageInput, type CreateTicketInput, type FieldError } from '../writes.js';
import type { RawCreateBody, RawMessageBody } from './raw.js';

/** Unified priority → Daakey priority; MEDIUM has no Daakey counterpart. */
export const PRIORITY_TO_DAAKEY: Readonly<Partial<Record<TicketPriority, RawCreateBody['priority']>>> = {
  LOW: 'low',
  NORMAL: 'normal',
  HIGH: 'high',
  URGENT: 'critical',
};

/** Daakey's `max:255` on `subject`. */
const SUBJECT_MAX = 255;

/**
 * Blank the way Daakey sees it: Laravel trims input and turns an empty string into null, so
 * `required` refuses whitespace too. Checked here so a certain 422 costs no upstream call.
 */
function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** Laravel's summary of several errors: the first message, then "(and N more errors)". */
export function summary(errors: readonly FieldError[]): string {
  const more = errors.length - 1;
  const first = errors[0]?.message ?? 'The given data was invalid.';
  return more > 0 ? `${first} (and ${more} more error${more > 1 ? 's' : ''})` : first;
}

function reject(provider: string, errors: FieldError[]): never {
  throw new WriteRejection('VALIDATION', summary(errors), provider, errors);
}

/** Files: Daakey takes attachment URLs only (the gateway refuses files before this, too). */
function noFiles(files: readonly File[], errors: FieldError[]): void {
  if (files.length > 0) {
    errors.push({
      field: 'files',
      message: 'Daakey takes attachments as URLs only (attachmentUrls); it has no file upload.',
    });
  }
}

/**
 * The body of `POST /tickets`, or a VALIDATION rejection for what Daakey would surely refuse
 * (or cannot express: a MEDIUM priority). `requester` is not sent: a Daakey ticket always
 * belongs to the client whose token the instance uses.
 */
export function createBody(input: CreateTicketInput, provider: string): RawCreateBody {
  const errors: FieldError[] = [];
  if (isBlank(input.subject)) errors.push({ field: 'subject', message: 'The subject field is required.' });
  else if ([...input.subject.trim()].length > SUBJECT_MAX) {
    errors.push({
      field: 'subject',
      message: `The subject field must not be greater than ${SUBJECT_MAX} characters.`,
    });
  }
  if (isBlank(input.body)) errors.push({ field: 'body', message: 'The message field is required.' });
  if (input.category === null || isBlank(input.category.id)) {
    errors.push({ field: 'category', message: 'The category field is required.' });
  }
  const priority = input.priority === null ? undefined : PRIORITY_TO_DAAKEY[input.priority];
  if (input.priority !== null && priority === undefined) {
    errors.push({
      field: 'priority',
      message: `Daakey has no ${input.priority} priority: use LOW, NORMAL, HIGH or URGENT.`,
    });
  }
  noFiles(input.files, errors);
  if (errors.length > 0 || input.category === null) return reject(provider, errors);
  return {
    subject: input.subject,
    message: input.body,
    category: input.category.id,
    // Left out when not given: Daakey's own default (`normal`) applies.
    ...(priority ? { priority } : {}),
    attachments: [...input.attachmentUrls],
  };
}

/** Daakey ticket ids are positive integers; anything else cannot exist there. */
export function isDaakeyId(id: string): boolean {
  return /^[1-9]\d*$/.test(id);
}

/**
 * The body of `POST /tickets/{ticket}/messages`, or a rejection: NOT_FOUND for an id Daakey
 * cannot have (Daakey checks the ticket before the body, so this comes first), VALIDATION
 * for an internal note (the client API has none), an empty body or files.
 */
export function messageBody(input: AddMessageInput, provider: string): RawMessageBody {
  if (!isDaakeyId(input.ticketRemoteId)) {
    throw new WriteRejection('NOT_FOUND', 'Ticket not found', provider);
  }
  const errors: FieldError[] = [];
  if (input.internal) {
    errors.push({ field: 'internal', message: "Daakey's client API cannot post internal notes." });
  }
  if (isBlank(input.body)) errors.push({ field: 'body', message: 'The message field is required.' });
  noFiles(input.files, errors);
  if (errors.length > 0) return reject(provider, errors);
  return { message: input.body, attachments: [...input.attachmentUrls] };
}
