import { z } from 'zod';

/**
 * TaskIP's raw payloads, parsed at the edge. Strict where the gateway relies on a field
 * (ids, subject, status code, the `date`/`time` pair, reply author types, attachment URLs);
 * lenient where the docs are vague (people's names and emails, sizes, extra fields pass through).
 */

/** `{id, name, email}`: `created_by`, `user`, a reply answer's `user`. */
export const rawPersonSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});
export type RawPerson = z.infer<typeof rawPersonSchema>;

/** `{id, url, name, size}`: a media-library file. */
export const rawAttachmentSchema = z.looseObject({
  id: z.number().int(),
  url: z.string().min(1),
  name: z.string().nullable().optional(),
  size: z.number().nullable().optional(),
});
export type RawAttachment = z.infer<typeof rawAttachmentSchema>;

/** `15-Jan-2024` (day may lack its leading zero). */
const dateSchema = z.string().regex(/^\d{1,2}-[A-Za-z]{3}-\d{4}$/);
/** `09:30AM` (12-hour clock, minutes). */
const timeSchema = z.string().regex(/^\d{1,2}:\d{2}\s?[AaPp][Mm]$/);

/** The fields of the ticket item. */
const ticketShape = {
  id: z.number().int(),
  uuid: z.string().min(1),
  subject: z.string(),
  created_by: rawPersonSchema.nullable().optional(),
  user: rawPersonSchema.nullable().optional(),
  priority: z.number().int().nullable().optional(),
  status: z.number().int().min(0).max(4),
  description: z.string().nullable().optional(),
  attachment: rawAttachmentSchema.nullable().optional(),
  /** Relative text ("2 hours ago"); never used for time, `date` + `time` are. */
  createAt: z.string().nullable().optional(),
  date: dateSchema,
  time: timeSchema,
};

/** Rejects a `date` + `time` that name no real instant (`31-Feb-2024`): createdAt relies on it. */
const realTime = {
  check: (t: { date: string; time: string }): boolean => parseTaskipDateTime(t.date, t.time, 0) !== null,
  params: { message: 'date/time is not a real point in time', path: ['date'] },
};

/** The ticket item of the list (and of create/update answers). */
export const rawTicketSchema = z.looseObject(ticketShape).refine(realTime.check, realTime.params);
export type RawTicket = z.infer<typeof rawTicketSchema>;

/** The docs' Reply Object, as `GET /support-ticket/{id}` carries it in `replies[]`. */
export const rawReplySchema = z.looseObject({
  id: z.number().int(),
  message: z.string().nullable(),
  author: z.string().nullable().optional(),
  author_type: z.enum(['team_member', 'client', 'system']),
  is_private: z.boolean().nullable().optional(),
  created_at: z.iso.datetime({ offset: true }),
  /** Not in the documented Reply Object; read when present. */
  attachment: rawAttachmentSchema.nullable().optional(),
});
export type RawReply = z.infer<typeof rawReplySchema>;

/** `GET /support-ticket/{id}`: the item without an envelope, maybe with `replies[]`. */
export const rawTicketDetailSchema = z
  .looseObject({ ...ticketShape, replies: z.array(rawReplySchema).nullable().optional() })
  .refine(realTime.check, realTime.params);
export type RawTicketDetail = z.infer<typeof rawTicketDetailSchema>;

/** `GET /support-ticket`: `{data, status}`, no pagination meta. */
export const rawListEnvelopeSchema = z.looseObject({
  data: z.array(rawTicketSchema),
  status: z.number().int().optional(),
});

/** Create and update answers: `{data, status: 201, msg}`. */
export const rawStoredEnvelopeSchema = z.looseObject({
  data: rawTicketSchema,
  status: z.number().int().optional(),
  msg: z.string().optional(),
});

/** Priority and status updates by uuid: `{msg, status, data}`. */
export const rawUpdatedEnvelopeSchema = rawStoredEnvelopeSchema;

/** Delete and bulk answers: `{msg, status?}`. */
export const rawAckSchema = z.looseObject({ msg: z.string(), status: z.number().int().optional() });

/** `POST /support-ticket/reply/{uuid}`: `{msg, status: 201, reply{…}}`. */
export const rawReplyAnswerSchema = z.looseObject({
  msg: z.string().optional(),
  status: z.number().int().optional(),
  reply: z.looseObject({
    id: z.number().int(),
    user: rawPersonSchema.nullable().optional(),
    description: z.string().nullable(),
    attachment: rawAttachmentSchema.nullable().optional(),
    createAt: z.string().nullable().optional(),
    date: dateSchema,
    time: timeSchema,
  }),
});

/** The reply object of `POST /support-ticket/reply/{uuid}`'s answer. */
export type RawReplyAnswer = z.infer<typeof rawReplyAnswerSchema>['reply'];

/**
 * `POST /support-ticket/{uuid}/note-store`: `{msg, status: 201, note{id, note, user, createAt,
 * date, time}}`. Undocumented; the reply answer's shape with `note` for `description` (decided).
 */
export const rawNoteAnswerSchema = z.looseObject({
  msg: z.string().optional(),
  status: z.number().int().optional(),
  note: z.looseObject({
    id: z.number().int(),
    note: z.string().nullable(),
    user: rawPersonSchema.nullable().optional(),
    createAt: z.string().nullable().optional(),
    date: dateSchema,
    time: timeSchema,
  }),
});
export type RawNoteAnswer = z.infer<typeof rawNoteAnswerSchema>['note'];

/** TaskIP's error bodies: 401 `{error, message, status_code}`, 422 adds `success` and `errors`. */
export const rawErrorSchema = z.looseObject({
  success: z.boolean().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
  status_code: z.number().int().optional(),
});
export type RawError = z.infer<typeof rawErrorSchema>;

/*
 * TaskIP's point in time: `date` (`15-Jan-2024`) plus `time` (`09:30AM`), wall-clock time in
 * the account's zone (UTC unless configured). Pure: the zone's offset is a parameter.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The instant of `date` + `time` in a zone `offsetMinutes` east of UTC (0 = UTC), or null
 * when the text is not a real date and time (e.g. `31-Feb-2024`, `13:00PM`).
 */
export function parseTaskipDateTime(date: string, time: string, offsetMinutes: number): Date | null {
  const d = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})\s?([AaPp])[Mm]$/.exec(time.trim());
  if (!d || !t) return null;
  const day = Number(d[1]);
  const month = MONTHS.indexOf((d[2] ?? '').toLowerCase());
  const year = Number(d[3]);
  const hour12 = Number(t[1]);
  const minute = Number(t[2]);
  if (month < 0 || hour12 < 1 || hour12 > 12 || minute > 59) return null;
  // 12:xxAM is just after midnight, 12:xxPM just after noon.
  const hour = (hour12 % 12) + ((t[3] ?? '').toLowerCase() === 'p' ? 12 : 0);
  const wall = Date.UTC(year, month, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day) return null;
  return new Date(wall - offsetMinutes * 60_000);
}

/**
 * TaskIP's integer codes and the words its list filter uses for them. Shared by the mapper
 * (remoteStatus / remotePriority), the writes (codes sent) and the client (filter values),
 * so all read one table. The simulator keeps its own table (`src/simulators/taskip/types.ts`).
 */

/** Status words by TaskIP's integer code (0 Open … 4 Pending). */
export const STATUS_WORDS = ['open', 'in_progress', 'resolved', 'closed', 'pending'] as const;
export type StatusWord = (typeof STATUS_WORDS)[number];

/** Priority words by TaskIP's integer code (0 Low … 4 Urgent). */
export const PRIORITY_WORDS = ['low', 'normal', 'medium', 'high', 'urgent'] as const;
export type PriorityWord = (typeof PRIORITY_WORDS)[number];

/** Unified statuses by TaskIP's integer code: the index is the code writes send. */
export const UNIFIED_STATUSES = ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'PENDING'] as const;

/** Unified priorities by TaskIP's integer code: the index is the code writes send. */
export const UNIFIED_PRIORITIES = ['LOW', 'NORMAL', 'MEDIUM', 'HIGH', 'URGENT'] as const;

/** Status words the list's `status` filter accepts: `pending` cannot be filtered upstream. */
export const FILTERABLE_STATUS: readonly StatusWord[] = ['open', 'in_progress', 'resolved', 'closed'];

/** Priority words the list's `priority` filter accepts: `normal` cannot be filtered upstream. */
export const FILTERABLE_PRIORITY: readonly PriorityWord[] = ['low', 'medium', 'high', 'urgent'];

/** Sort fields the list accepts. */
export const SORT_FIELDS = ['created_at', 'updated_at', 'priority', 'status'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** The largest `limit` the list accepts, and its default. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 50;

/** Where the support-ticket routes live, below the provider's host. */
export const TICKETS_PATH = '/api/public-v1/support-ticket';
