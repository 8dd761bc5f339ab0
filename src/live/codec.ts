import { z } from 'zod';
import { AUTHOR_TYPES, TICKET_PRIORITIES, TICKET_STATUSES, type Ticket } from '../providers/model.js';

/** A ticket as JSON-safe data (dates as ISO strings), so events can travel through Redis. */
export type TicketJson = Record<string, unknown>;

/** A `Date` as `JSON.stringify` writes it. */
const isoDate = z.iso.datetime().transform((text) => new Date(text));

// Loose objects: a field the model gains later travels along instead of being dropped here.
const person = z.looseObject({
  name: z.string().nullable(),
  email: z.string().nullable(),
  remoteId: z.string().nullable(),
});

const attachment = z.looseObject({
  remoteId: z.string(),
  url: z.string(),
  filename: z.string().nullable(),
  mimeType: z.string().nullable(),
  size: z.number().nullable(),
  createdAt: isoDate.nullable().default(null),
});

const message = z.looseObject({
  remoteId: z.string(),
  body: z.string(),
  author: person.nullable(),
  authorType: z.enum(AUTHOR_TYPES),
  internal: z.boolean(),
  attachments: z.array(attachment).default([]),
  createdAt: isoDate,
});

/**
 * The ticket model as `encodeTicket` writes it: what a payload read from Redis must be before
 * anything in it is served. Optional fields stay absent (not loaded), as in the model.
 */
const ticketJson = z.looseObject({
  providerKey: z.string(),
  remoteId: z.string(),
  reference: z.string().nullable(),
  subject: z.string(),
  description: z.string().nullable().optional(),
  status: z.enum(TICKET_STATUSES),
  remoteStatus: z.string(),
  priority: z.enum(TICKET_PRIORITIES).nullable(),
  remotePriority: z.string().nullable(),
  category: z.string().nullable().optional(),
  requester: person.nullable().optional(),
  unreadCount: z.number().nullable().optional(),
  lastMessageAt: isoDate.nullable().optional(),
  createdAt: isoDate,
  updatedAt: isoDate.nullable().optional(),
  messages: z.array(message).optional(),
  attachments: z.array(attachment).optional(),
  raw: z.unknown(),
});

/** Encodes a ticket for an event payload. `JSON.stringify` turns its dates into ISO strings. */
export function encodeTicket(ticket: Ticket): TicketJson {
  return JSON.parse(JSON.stringify(ticket)) as TicketJson;
}

/**
 * Decodes `encodeTicket`'s output back into a ticket, with `Date`s where the model has them.
 * Payloads may come from Redis, written by another instance (or anyone with access to it):
 * anything that is not such a ticket is refused with an error naming what is wrong.
 */
export function decodeTicket(json: unknown): Ticket {
  const parsed = ticketJson.safeParse(json);
  if (!parsed.success)
    throw new Error(`live: malformed ticket in an event: ${z.prettifyError(parsed.error)}`);
  // `raw` is the provider's payload, whatever it is (absent when it was undefined).
  const { raw, ...ticket } = parsed.data;
  return { ...ticket, raw };
}
