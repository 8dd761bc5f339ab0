import { z } from 'zod';

/**
 * Raw IPPanel payloads, parsed at the edge. Strict on what the gateway relies on (ids,
 * state, subject, dates), lenient (nullable / optional / loose objects) where the docs are
 * vague or only show one example.
 */

/** Laravel flags come as 0/1; accept booleans too, the docs never show `private`'s type. Not
 * transformed, so `ticket.raw` stays as received. */
const flag = z.union([z.boolean(), z.literal(0), z.literal(1)]);
const id = z.number().int();
/** `state_id` 1–5: an unknown state cannot be mapped, so it fails the parse. */
export const rawStateId = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
/** IPPanel `state_id` values: 1 waiting for response … 5 forwarded. */
export type StateId = z.infer<typeof rawStateId>;

/** The `meta` every IPPanel answer carries. */
export const rawMeta = z.looseObject({
  status: z.boolean(),
  message: z.string().nullish(),
  message_code: z.string().nullish(),
});

/** A list item of `GET /api/ticket`, as documented. */
export const rawListItem = z.looseObject({
  id,
  ticket_id: id.nullish(),
  user_id: id.nullish(),
  parent_id: id.nullish(),
  category_id: id.nullish(),
  sub_category_id: id.nullish(),
  importance: z.string().nullish(),
  state_id: rawStateId,
  subject: z.string(),
  desc: z.string().nullish(),
  interaction_count: z.number().int().nullish(),
  admin_seen: z.number().nullish(),
  user_seen: z.number().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  user: z.looseObject({ user_id: id.nullish(), uname: z.string().nullish() }).nullish(),
  category: z.looseObject({ id: id.nullish(), name: z.string().nullish() }).nullish(),
  sub_category: z.looseObject({ id: id.nullish(), title: z.string().nullish() }).nullish(),
  state: z.looseObject({ id: id.nullish(), name: z.string().nullish() }).nullish(),
  forward: z.looseObject({}).nullish(),
});
export type RawListItem = z.infer<typeof rawListItem>;

/** `GET /api/ticket`: items plus Laravel's length-aware pagination in `meta`. */
export const rawListEnvelope = z.object({
  data: z.array(rawListItem),
  meta: rawMeta.extend({
    current_page: z.number().int(),
    last_page: z.number().int(),
    per_page: z.number().int().nullish(),
    total: z.number().int().nullish(),
    from: z.number().int().nullish(),
    to: z.number().int().nullish(),
  }),
});
export type RawListEnvelope = z.infer<typeof rawListEnvelope>;

/** One reply in the show route's `interactions`. */
export const rawInteraction = z.looseObject({
  id,
  description: z.string().nullish(),
  agent_id: id.nullish(),
  agent_username: z.string().nullish(),
  created_at: z.string(),
  attachment: z.string().nullish(),
  private: flag.nullish(),
  username: z.string().nullish(),
});
export type RawInteraction = z.infer<typeof rawInteraction>;

/**
 * `GET /api/ticket/show`: `category`/`state` as plain strings, `description`, zone-less dates,
 * one `attachment`, `interactions`. `state_id` is optional: the state name is the fallback.
 */
export const rawShow = z.looseObject({
  id,
  ticket_id: id.nullish(),
  user_id: id.nullish(),
  username: z.string().nullish(),
  user: z.looseObject({ user_id: id.nullish(), uname: z.string().nullish() }).nullish(),
  subject: z.string(),
  description: z.string().nullish(),
  category: z.string().nullish(),
  importance: z.string().nullish(),
  state_id: rawStateId.nullish(),
  state: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  attachment: z.string().nullish(),
  interactions: z.array(rawInteraction).nullish(),
});
export type RawShow = z.infer<typeof rawShow>;

export const rawShowEnvelope = z.object({ data: rawShow, meta: rawMeta });

/** `POST /api/ticket/interaction` → `data{interaction_id, ticket}`. */
export const rawInteractionCreated = z.object({
  data: z.object({ interaction_id: id, ticket: rawListItem.nullish() }),
  meta: rawMeta,
});
export type RawInteractionCreated = z.infer<typeof rawInteractionCreated>;

/** `POST /api/ticket` → `data{ticket_id}`. */
export const rawTicketCreated = z.object({ data: z.object({ ticket_id: id }), meta: rawMeta });
export type RawTicketCreated = z.infer<typeof rawTicketCreated>;

/** IPPanel's error envelope (401, 404, 422): `errors` is field → messages on validation errors. */
export const rawError = z.object({
  data: z.null().optional(),
  meta: rawMeta.extend({
    message_parameters: z.array(z.unknown()).nullish(),
    errors: z.union([z.record(z.string(), z.array(z.string())), z.array(z.unknown())]).nullish(),
  }),
});
export type RawError = z.infer<typeof rawError>;
