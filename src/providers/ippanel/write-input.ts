import type { AddMessageInput, CreateTicketInput, FieldError, FileRules } from '../writes.js';
import { WriteRejection } from '../writes.js';

/** The documented upload rules: one file per request, zip/jpg/png, at most 10 MB. */
export const IPPANEL_FILE_RULES: FileRules = {
  maxFiles: 1,
  maxBytes: 10 * 1024 * 1024,
  extensions: ['zip', 'jpg', 'png'],
};

const blank = (text: string): boolean => text.trim() === '';

/**
 * What every IPPanel write refuses for sure. Only certain refusals are checked here (the
 * upstream would answer them with a 422 anyway); anything doubtful is left to IPPanel.
 */
function commonErrors(body: string, attachmentUrls: readonly string[], files: readonly File[]): FieldError[] {
  const errors: FieldError[] = [];
  // IPPanel's `required` rule trims, so whitespace is as empty as nothing.
  if (blank(body)) errors.push({ field: 'body', message: 'The body must not be empty.' });
  if (attachmentUrls.length > 0) {
    errors.push({ field: 'attachmentUrls', message: 'IPPanel takes uploaded files, not attachment URLs.' });
  }
  if (files.length > IPPANEL_FILE_RULES.maxFiles) {
    // The form has a single `file` field: a second file would be dropped silently.
    errors.push({ field: 'attachments', message: 'IPPanel takes at most one file per request.' });
  }
  return errors;
}

function reject(provider: string, errors: FieldError[]): void {
  if (errors.length === 0) return;
  const fields = [...new Set(errors.map((e) => e.field))].join(', ');
  throw new WriteRejection('VALIDATION', `Invalid input for IPPanel: ${fields}.`, provider, errors);
}

/** Checks `createTicket` input before any call; returns the `category_id` to send. */
export function checkNewTicket(input: CreateTicketInput, provider: string): string {
  const errors = commonErrors(input.body, input.attachmentUrls, input.files);
  if (blank(input.subject)) errors.unshift({ field: 'subject', message: 'The subject must not be empty.' });
  const categoryId = input.category?.id ?? '';
  if (input.category === null) {
    errors.push({ field: 'category', message: 'IPPanel needs a category to open a ticket.' });
  } else if (!/^\d+$/.test(categoryId)) {
    errors.push({ field: 'category', message: 'IPPanel category ids are numbers.' });
  }
  if (input.priority !== null) {
    errors.push({
      field: 'priority',
      message: 'IPPanel does not take a priority when a ticket is opened; its staff set the importance.',
    });
  }
  // The create route opens the ticket for the API account itself: it has no requester fields.
  for (const part of ['name', 'email'] as const) {
    if (input.requester?.[part] != null) {
      errors.push({
        field: `requester.${part}`,
        message: 'IPPanel opens tickets for the API account itself; a requester cannot be set.',
      });
    }
  }
  reject(provider, errors);
  return categoryId;
}

/** Checks `addMessage` input before any call (the ticket id is checked by the caller). */
export function checkNewMessage(input: AddMessageInput, provider: string): void {
  const errors = commonErrors(input.body, input.attachmentUrls, input.files);
  if (input.internal) {
    errors.push({ field: 'internal', message: 'IPPanel replies cannot be internal notes.' });
  }
  reject(provider, errors);
}
