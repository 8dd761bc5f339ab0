import { WriteRejection, type FieldError } from '../writes.js';
import type { RawError } from './raw.js';

/** Kinconecta's create-request fields → the unified input fields they come from. */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  fullName: 'requester.name',
  email: 'requester.email',
  message: 'body',
  subject: 'subject',
  category: 'category',
};

/**
 * The unified input field of a Spring field path. Every `attachments…` path
 * (`attachments`, `attachments[0].fileUrl`) comes from `attachmentUrls`; fields the gateway
 * fills in itself (`roleContext`, `status`, `createdAt`, `updatedAt`) and unknown ones keep
 * Kinconecta's name.
 */
export function unifiedField(springField: string): string {
  if (/^attachments(\[|\.|$)/.test(springField)) return 'attachmentUrls';
  return FIELD_NAMES[springField] ?? springField;
}

/**
 * A Spring validation failure as a `VALIDATION` rejection: one field error per Spring error,
 * with Kinconecta's `defaultMessage` verbatim (its `code` when it sent no message). Only
 * `message`, `field`, `defaultMessage` and `code` are relayed: `rejectedValue` and `path` echo
 * the request, and stay out of answers (`WriteRejection` fits the texts, `performWrite`
 * redacts credentials from them).
 */
export function validationRejection(error: RawError, provider: string): WriteRejection {
  const fieldErrors: FieldError[] = (error.errors ?? []).map((e) => ({
    field: unifiedField(e.field),
    message: e.defaultMessage ?? e.code ?? 'invalid',
  }));
  return new WriteRejection('VALIDATION', error.message ?? 'Validation failed', provider, fieldErrors);
}

/** A `VALIDATION` rejection for fields refused before any call. */
export function localRejection(fieldErrors: FieldError[], provider: string): WriteRejection {
  const fields = fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new WriteRejection('VALIDATION', `Invalid ticket: ${fields}`, provider, fieldErrors);
}
