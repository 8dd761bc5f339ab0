import { z } from 'zod';

/**
 * A timestamp as Daakey sends it (`2024-01-15T10:00:00Z`; Laravel may add microseconds or an
 * offset). Anything `Date` cannot read is rejected here, at the edge.
 */
export const rawTimestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a timestamp');

/** The four statuses are the gateway's status mapping: an unknown one is a bad response. */
export const rawStatus = z.enum(['open', 'in_progress', 'resolved', 'closed']);

/** A message attachment: the docs say URLs; an object with a `url` is read as well. */
export const rawAttachment = z.union([
  z.string(),
  z.looseObject({
    id: z.union([z.number(), z.string()]).optional(),
    url: z.string(),
    name: z.string().nullish(),
    filename: z.string().nullish(),
    mime_type: z.string().nullish(),
    size: z.number().nullish(),
  }),
]);
export type RawAttachment = z.infer<typeof rawAttachment>;

/** A message of a ticket's thread, or the answer of `POST /tickets/{ticket}/messages`. */
export const rawMessage = z.looseObject({
  id: z.number().int(),
  message: z.string(),
  // `client` | `support` per the docs; other values are kept and read as system messages.
  sender: z.string(),
  sender_name: z.string().nullish(),
  attachments: z.array(rawAttachment).nullish(),
  created_at: rawTimestamp,
});
export type RawMessage = z.infer<typeof rawMessage>;

/** One ticket of `GET /tickets` (the docs' example fields). */
export const rawListItem = z.looseObject({
  id: z.number().int(),
  reference: z.string().nullish(),
  subject: z.string(),
  status: rawStatus,
  // Kept as text: an unknown priority maps to no unified priority rather than failing the page.
  priority: z.string().nullish(),
  category: z.string().nullish(),
  last_message: z.string().nullish(),
  last_message_at: rawTimestamp.nullish(),
  unread_count: z.number().int().nullish(),
  created_at: rawTimestamp,
});
export type RawListItem = z.infer<typeof rawListItem>;

/** The booking a ticket is about. */
export const rawBooking = z.looseObject({
  id: z.number().int(),
  reference: z.string().nullish(),
  vehicle: z
    .looseObject({
      id: z.number().int().nullish(),
      plate_number: z.string().nullish(),
      brand: z.string().nullish(),
      model: z.string().nullish(),
    })
    .nullish(),
  start_date: z.string().nullish(),
  end_date: z.string().nullish(),
});

/** `GET /tickets/{ticket}`: the ticket, its booking and its whole thread. */
export const rawDetail = rawListItem.extend({
  updated_at: rawTimestamp.nullish(),
  booking: rawBooking.nullish(),
  messages: z.array(rawMessage),
});
export type RawDetail = z.infer<typeof rawDetail>;

/** Daakey's success envelope around `data`. */
export function rawEnvelope<T extends z.ZodType>(data: T) {
  return z.looseObject({
    success: z.literal(true),
    message: z.string().nullish(),
    data,
    meta: z.looseObject({}).nullish(),
    request_id: z.string().nullish(),
    timestamp: z.string().nullish(),
  });
}

/** The list's pagination, which the gateway relies on for `hasMore` and `total`. */
export const rawListMeta = z.looseObject({
  agency_id: z.number().nullish(),
  agency_code: z.string().nullish(),
  current_page: z.number().int(),
  last_page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});

/** The whole answer of `GET /tickets`. */
export const rawListResponse = rawEnvelope(z.array(rawListItem)).extend({ meta: rawListMeta });
export type RawListResponse = z.infer<typeof rawListResponse>;

/** The whole answer of `GET /tickets/{ticket}`. */
export const rawDetailResponse = rawEnvelope(rawDetail);

/** `POST /tickets`' answer as the simulator and the docs' detail page show it: the whole ticket. */
export const rawCreatedResponse = rawEnvelope(rawDetail);

/** `POST /tickets`' answer when `data` is a bare ticket (no thread): enough to re-read it. */
export const rawCreatedIdResponse = rawEnvelope(z.looseObject({ id: z.number().int() }));

/** `POST /tickets/{ticket}/messages`' answer: the new message. */
export const rawMessageResponse = rawEnvelope(rawMessage);

/** The JSON body of `POST /tickets` (the docs' fields; `booking_id` has no unified input). */
export interface RawCreateBody {
  subject: string;
  message: string;
  category: string;
  priority?: 'low' | 'normal' | 'high' | 'critical';
  attachments: string[];
}

/** The JSON body of `POST /tickets/{ticket}/messages`. */
export interface RawMessageBody {
  message: string;
  attachments: string[];
}

/** Daakey's error envelope (`errors` on validation failures only). */
export const rawError = z.looseObject({
  success: z.literal(false),
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string())).nullish(),
  data: z.null().optional(),
  request_id: z.string().nullish(),
  timestamp: z.string().nullish(),
});
export type RawError = z.infer<typeof rawError>;
