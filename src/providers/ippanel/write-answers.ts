import { UpstreamError } from '../../errors.js';
import { WriteRejection, type FieldError } from '../writes.js';
import type { RawError } from './raw.js';

/** IPPanel's form field → the unified input field; other names are kept as IPPanel sends them. */
export const UNIFIED_FIELDS: Readonly<Record<string, string>> = {
  subject: 'subject',
  description: 'body',
  category_id: 'category',
  file: 'attachments',
  ticket_id: 'ticketId',
};

/** `message_code` of IPPanel's validation errors. */
const VALIDATION_CODE = '400-2';

/** A refused write, as `IppanelClient` hands it back. */
export interface Refusal {
  status: number;
  error: RawError | null;
}

/** IPPanel's field errors in unified field names, with IPPanel's own (Persian) messages verbatim. */
export function fieldErrorsOf(error: RawError | null): FieldError[] {
  const errors = error?.meta.errors;
  if (!errors || Array.isArray(errors)) return [];
  return Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ field: UNIFIED_FIELDS[field] ?? field, message })),
  );
}

/** Whether a refusal is a validation error: 422 (or 400) with code `400-2` or field errors. */
export function isValidation(refusal: Refusal): boolean {
  if (refusal.status !== 422 && refusal.status !== 400) return false;
  return refusal.error?.meta.message_code === VALIDATION_CODE || fieldErrorsOf(refusal.error).length > 0;
}

/** Whether the validation error names the ticket (unknown or closed: the caller tells which). */
export function namesTicket(refusal: Refusal): boolean {
  return fieldErrorsOf(refusal.error).some((e) => e.field === UNIFIED_FIELDS['ticket_id']);
}

/** A validation refusal as `VALIDATION`, its message IPPanel's own summary. */
export function validationRejection(refusal: Refusal, provider: string): WriteRejection {
  const fieldErrors = fieldErrorsOf(refusal.error);
  const message = refusal.error?.meta.message ?? fieldErrors[0]?.message ?? 'IPPanel refused the input.';
  return new WriteRejection('VALIDATION', message, provider, fieldErrors);
}

/** A refusal no branch expects (a 404 route, an unknown 4xx): the gateway cannot use it. */
export function unexpectedRefusal(refusal: Refusal, provider: string, what: string): UpstreamError {
  const meta = refusal.error?.meta;
  const detail = meta ? `${meta.message_code ?? ''} ${meta.message ?? ''}`.trim() : 'unexpected body';
  return new UpstreamError(
    'UPSTREAM_BAD_RESPONSE',
    provider,
    `${what}: status ${refusal.status}: ${detail}`,
    refusal.status,
  );
}
