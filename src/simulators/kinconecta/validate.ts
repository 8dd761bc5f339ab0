import { KINCONECTA_STATUSES, type NewTicket } from './types.js';

/** One Spring `FieldError` as the simulator serializes it. */
export interface FieldError {
  objectName: 'supportTicketRequest';
  field: string;
  rejectedValue: unknown;
  defaultMessage: string;
  code: string;
}

/** The outcome of binding a create body: the request, a field-error list, or an unreadable body. */
export type Binding =
  | { kind: 'ok'; value: NewTicket }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'unreadable'; message: string };

const FIELDS = [
  'roleContext',
  'fullName',
  'email',
  'subject',
  'category',
  'message',
  'status',
  'createdAt',
  'updatedAt',
] as const;

/** Hibernate's `@Email` is lenient: a local part, `@`, and a dotted-or-not domain without blanks. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/;
/** What `Instant.parse` takes: a date-time with seconds optional, a fraction and a zone or offset. */
const INSTANT = /^\d{4}-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Binds and validates a create body the way a Spring `@Valid @RequestBody` would: Jackson
 * coerces numbers and booleans to strings, rejects objects or arrays for a string field as an
 * unreadable body, ignores unknown properties (including `id`), then Bean Validation checks
 * `@NotBlank` on every field, `@Email`, the status values and ISO 8601 instants.
 */
export function bindCreate(body: unknown): Binding {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { kind: 'unreadable', message: 'JSON parse error: cannot deserialize a ticket from this value' };
  }
  const input = body as Record<string, unknown>;
  const value: Record<string, string | null> = {};
  for (const field of FIELDS) {
    const raw = input[field];
    if (raw !== null && typeof raw === 'object') {
      return {
        kind: 'unreadable',
        message: `JSON parse error: Cannot deserialize value of type \`java.lang.String\` from ${Array.isArray(raw) ? 'Array' : 'Object'} value (field "${field}")`,
      };
    }
    value[field] = raw === undefined || raw === null ? null : String(raw);
  }
  const attachments = bindAttachments(input['attachments']);
  if (typeof attachments === 'string') return { kind: 'unreadable', message: attachments };
  const errors = [...FIELDS.flatMap((f) => fieldErrors(f, value[f] ?? null)), ...attachments.errors];
  if (errors.length > 0) return { kind: 'invalid', errors };
  return {
    kind: 'ok',
    value: { ...(value as Record<(typeof FIELDS)[number], string>), attachments: attachments.items },
  };
}

function fieldError(field: string, rejectedValue: unknown, code: string, defaultMessage: string): FieldError {
  return { objectName: 'supportTicketRequest', field, rejectedValue, defaultMessage, code };
}

function fieldErrors(field: string, value: string | null): FieldError[] {
  if (value === null || value.trim() === '')
    return [fieldError(field, value, 'NotBlank', 'must not be blank')];
  if (field === 'email' && !EMAIL.test(value)) {
    return [fieldError(field, value, 'Email', 'must be a well-formed email address')];
  }
  if (field === 'status' && !(KINCONECTA_STATUSES as readonly string[]).includes(value)) {
    return [fieldError(field, value, 'Pattern', 'must match "open|in_progress|resolved|closed"')];
  }
  if ((field === 'createdAt' || field === 'updatedAt') && !isInstant(value)) {
    return [fieldError(field, value, 'Pattern', 'must be an ISO 8601 timestamp, e.g. 2026-03-10T11:00:00Z')];
  }
  return [];
}

/** Whether `value` is an instant `Instant.parse` would accept (the calendar date must exist). */
export function isInstant(value: string): boolean {
  const m = INSTANT.exec(value);
  if (!m || !Number.isFinite(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

type Attachments = { items: Array<{ fileName: string; fileUrl: string }>; errors: FieldError[] };

/** `attachments` is an optional list of `{fileName, fileUrl}`; an `id` sent in it is ignored. */
function bindAttachments(raw: unknown): Attachments | string {
  const out: Attachments = { items: [], errors: [] };
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw))
    return 'JSON parse error: Cannot deserialize value of type `java.util.ArrayList` from non-array value (field "attachments")';
  for (const [i, item] of raw.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return `JSON parse error: Cannot construct instance of \`SupportTicketsAttachment\` (field "attachments[${i}]")`;
    }
    const record = item as Record<string, unknown>;
    const file: Record<string, string> = {};
    for (const field of ['fileName', 'fileUrl'] as const) {
      const v = record[field];
      if (v !== null && typeof v === 'object') {
        return `JSON parse error: Cannot deserialize value of type \`java.lang.String\` (field "attachments[${i}].${field}")`;
      }
      // Jackson coerces scalars to strings, as for the ticket's own fields.
      file[field] = v === undefined || v === null ? '' : String(v);
      if (file[field].trim() === '') {
        out.errors.push(fieldError(`attachments[${i}].${field}`, v ?? null, 'NotBlank', 'must not be blank'));
      }
    }
    out.items.push({ fileName: file['fileName'] ?? '', fileUrl: file['fileUrl'] ?? '' });
  }
  return out;
}
