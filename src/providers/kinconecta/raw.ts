import { z } from 'zod';

/**
 * Raw Kinconecta payloads (`/api/support-tickets`), parsed at the edge. The docs list the
 * fields without examples of a response, so the schemas are strict only where the gateway
 * relies on a field (ids, subject, status, timestamps, attachment URLs) and lenient elsewhere.
 */

/** A Java `long` id; accepted as a JSON number or, leniently, as a numeric string. */
const longId = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);

/** ISO 8601 date-time, with or without a zone designator (a zone-less one is read as UTC). */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const timestamp = z
  .string()
  .regex(ISO_DATE_TIME, 'not an ISO 8601 date-time')
  .refine((value) => Number.isFinite(Date.parse(withZone(value))), 'not a valid date');

/** Appends `Z` to a zone-less ISO date-time; Spring serializes a `LocalDateTime` that way. */
export function withZone(value: string): string {
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
}

/** One `SupportTicketsAttachment`: `{id, fileName, fileUrl}`. */
export const rawAttachmentSchema = z.looseObject({
  id: longId,
  fileName: z.string().nullish(),
  fileUrl: z.string().min(1),
});
export type RawAttachment = z.infer<typeof rawAttachmentSchema>;

/** A support ticket, as both the list and `GET /{id}` return it (the list carries full objects). */
export const rawTicketSchema = z.looseObject({
  id: longId,
  roleContext: z.string().nullish(),
  fullName: z.string().nullish(),
  email: z.string().nullish(),
  subject: z.string(),
  category: z.string().nullish(),
  message: z.string().nullish(),
  status: z.string().min(1),
  createdAt: timestamp,
  updatedAt: timestamp.nullish(),
  attachments: z.array(rawAttachmentSchema).nullish(),
});
export type RawTicket = z.infer<typeof rawTicketSchema>;

/** `GET /api/support-tickets`: a bare JSON array of every ticket, no envelope, no pagination. */
export const rawTicketListSchema = z.array(rawTicketSchema);

/** One field error of a Spring validation failure. */
export const rawFieldErrorSchema = z.looseObject({
  field: z.string(),
  defaultMessage: z.string().nullish(),
  rejectedValue: z.unknown().optional(),
  code: z.string().nullish(),
});

/** Spring Boot's error body: `{timestamp, status, error, message?, errors?, path}`. */
export const rawErrorSchema = z.looseObject({
  timestamp: z.string().optional(),
  status: z.number().int(),
  error: z.string().optional(),
  message: z.string().optional(),
  errors: z.array(rawFieldErrorSchema).optional(),
  path: z.string().optional(),
});
export type RawError = z.infer<typeof rawErrorSchema>;

/** The body of `POST /api/support-tickets`: every field is required, `attachments` optional. */
export interface RawCreateTicket {
  roleContext: string;
  fullName: string;
  email: string;
  subject: string;
  category: string;
  message: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  attachments?: Array<{ fileName: string; fileUrl: string }>;
}
