import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../core/types.js';

/** The agency the demo client belongs to, as the docs' example `meta` shows it. */
export const AGENCY = { agency_id: 123, agency_code: 'AGENCY123' } as const;

/** Field errors in Laravel's shape: field name → messages. */
export type FieldErrors = Record<string, string[]>;

function stamp(): { request_id: string; timestamp: string } {
  return { request_id: randomUUID(), timestamp: new Date().toISOString() };
}

/** A success in Daakey's envelope; `meta` always carries the agency, lists add pagination. */
export function success(status: number, message: string, data: unknown, meta: object = {}): SimResponse {
  return { status, body: { success: true, message, data, meta: { ...AGENCY, ...meta }, ...stamp() } };
}

/** A failure in Daakey's error envelope (`data: null`, `errors` only on validation). */
export function failure(status: number, message: string, errors?: FieldErrors): SimResponse {
  const body = errors
    ? { success: false, message, errors, data: null }
    : { success: false, message, data: null };
  return { status, body: { ...body, ...stamp() } };
}

/** Laravel's 422: the first message, "(and N more errors)" when there are several. */
export function validationFailure(errors: FieldErrors): SimResponse {
  const messages = Object.values(errors).flat();
  const more = messages.length - 1;
  const suffix = more > 0 ? ` (and ${more} more error${more > 1 ? 's' : ''})` : '';
  return failure(422, `${messages[0] ?? 'The given data was invalid.'}${suffix}`, errors);
}

/** The 404 of a ticket id that does not exist (or is not a ticket id at all). */
export function ticketNotFound(): SimResponse {
  return failure(404, 'Ticket not found');
}
