import type { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import type { UpstreamResponse } from '../http.js';
import { acceptedBody } from '../write-policy.js';
import { WriteRejection, type FieldError } from '../writes.js';
import { rawError } from './raw.js';

/** Daakey's request fields → the unified input fields; other names are kept as Daakey sends them. */
export const FIELD_TO_UNIFIED: Readonly<Record<string, string>> = {
  subject: 'subject',
  message: 'body',
  category: 'category',
  priority: 'priority',
  attachments: 'attachmentUrls',
};

/**
 * The unified name of a Daakey field. Laravel names array items `attachments.0`: they belong
 * to the one unified `attachmentUrls` field (Daakey's message still says which item).
 */
export function unifiedField(field: string): string {
  const base = field.split('.')[0] ?? field;
  return FIELD_TO_UNIFIED[field] ?? (base === 'attachments' ? 'attachmentUrls' : field);
}

/** Daakey's `errors` (field → messages) as unified field errors, messages verbatim. */
export function fieldErrorsOf(errors: Record<string, string[]>): FieldError[] {
  return Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((message) => ({ field: unifiedField(field), message })),
  );
}

/** Which write answered: only the message route names a ticket, so only it can be 404 or closed. */
export type WriteRoute = 'create' | 'message';

/**
 * The error a non-2xx write answer stands for: NOT_FOUND for the message route's 404,
 * TICKET_CLOSED for its 400 on a closed ticket ("Cannot add message to closed ticket"),
 * VALIDATION for any other 422/400 (with its field errors, if any), and
 * `UPSTREAM_BAD_RESPONSE` for anything else.
 */
export function refusalOf(response: UpstreamResponse, route: WriteRoute, provider: string): Error {
  const parsed = rawError.safeParse(response.body);
  if (!parsed.success) {
    return new UpstreamError(
      'UPSTREAM_BAD_RESPONSE',
      provider,
      `${route}: status ${response.status} without a Daakey error body`,
      response.status,
    );
  }
  const { message, errors } = parsed.data;
  const fields = errors ? fieldErrorsOf(errors) : [];
  if ((response.status === 422 || response.status === 400) && fields.length > 0) {
    return new WriteRejection('VALIDATION', message, provider, fields);
  }
  if (route === 'message' && response.status === 404)
    return new WriteRejection('NOT_FOUND', message, provider);
  // Daakey's only documented 400 on this route; matched loosely so a reworded message still counts.
  if (route === 'message' && response.status === 400 && /closed/i.test(message)) {
    return new WriteRejection('TICKET_CLOSED', message, provider);
  }
  // Daakey documents 400 and 422 as refusals of the request; without field errors its message
  // is still what the client needs to read.
  if (response.status === 422 || response.status === 400) {
    return new WriteRejection('VALIDATION', message, provider, []);
  }
  return new UpstreamError(
    'UPSTREAM_BAD_RESPONSE',
    provider,
    `${route}: unexpected status ${response.status}: ${message}`,
    response.status,
  );
}

/**
 * The data of a 2xx write answer. One that does not fit Daakey's shape means the write was
 * done but its result is unknown: `UPSTREAM_OUTCOME_UNKNOWN`, never a blind retry (the shared
 * `acceptedBody` of `write-policy.ts`).
 */
export function acceptedData<S extends z.ZodType>(
  schema: S,
  response: UpstreamResponse,
  provider: string,
  what: string,
): z.output<S> {
  return acceptedBody(schema, response, provider, what);
}

/** Whether an answer is a 2xx (the write was done). */
export function isAccepted(response: UpstreamResponse): boolean {
  return response.status >= 200 && response.status < 300;
}
