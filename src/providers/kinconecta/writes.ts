import type { Ticket } from '../model.js';
import type { CreateTicketInput, TicketWriteMap, FieldError } from '../writes.js';
import type { KinconectaClient } from './client.js';
import { mapTicket } from './mapper.js';
import { localRejection, validationRejection } from './write-answers.js';
import type { RawCreateTicket } from './raw.js';

/** What the writes need of a provider instance. */
export interface WriteContext {
  key: string;
  client: KinconectaClient;
  /** The clock for the `createdAt`/`updatedAt` Kinconecta needs on create. */
  now: () => Date;
}

/**
 * `POST /api/support-tickets` (one request, never retried). Kinconecta answers with the
 * created ticket, which is mapped as is: no re-read is needed. Blank required fields, a
 * priority and uploaded files are refused before the call; Kinconecta's own 400 field errors
 * become `VALIDATION` on the unified fields.
 */
async function createTicket(ctx: WriteContext, input: CreateTicketInput): Promise<Ticket> {
  const built = toCreateRequest(input, ctx.now());
  if (!built.ok) throw localRejection(built.errors, ctx.key);
  const outcome = await ctx.client.createTicket(built.request);
  if (outcome.kind === 'invalid') throw validationRejection(outcome.error, ctx.key);
  return mapTicket(ctx.key, outcome.ticket);
}

/**
 * The writes of a Kinconecta instance: only opening tickets. Tickets take no replies, and
 * their status is changed only by Kinconecta's staff.
 */
export function kinconectaWrites(ctx: WriteContext): Pick<TicketWriteMap, 'createTicket'> {
  return { createTicket: (input) => createTicket(ctx, input) };
}

/**
 * The `roleContext` the gateway creates tickets with. Kinconecta requires one ("tourist",
 * "guide"); the gateway's requesters are the platform's customers, i.e. tourists. A future
 * per-instance config option may change it.
 */
export const CREATE_ROLE_CONTEXT = 'tourist';

/** The status a new ticket is created with (the docs: "typically open"). */
export const CREATE_STATUS = 'open';

/**
 * Spring's `@NotBlank` message. Local checks of required fields use it so that a field refused
 * before the call reads the same as the one Kinconecta itself would have refused.
 */
export const NOT_BLANK = 'must not be blank';

/** Messages of the checks Kinconecta has no counterpart for. */
export const NO_PRIORITY = 'Kinconecta tickets have no priority';
export const NO_UPLOADS = 'Kinconecta takes attachment URLs, not file uploads';

/** A create input turned into Kinconecta's request body, or the fields refused before any call. */
export type CreateRequest = { ok: true; request: RawCreateTicket } | { ok: false; errors: FieldError[] };

const blank = (value: string | null | undefined): boolean => !value || value.trim() === '';

/**
 * Checks what is certain to be refused (or impossible to express) before spending a call:
 * blank required fields (every Kinconecta field is required), a priority (Kinconecta has none)
 * and uploaded files (Kinconecta links files by URL). Anything else, e.g. the email's format,
 * is left to Kinconecta, whose rules are not documented.
 */
export function checkCreateInput(input: CreateTicketInput): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: string, value: string | null | undefined): void => {
    if (blank(value)) errors.push({ field, message: NOT_BLANK });
  };
  need('subject', input.subject);
  need('body', input.body);
  need('category', input.category?.id);
  need('requester.name', input.requester?.name);
  need('requester.email', input.requester?.email);
  if (input.priority !== null) errors.push({ field: 'priority', message: NO_PRIORITY });
  if (input.attachmentUrls.some(blank)) errors.push({ field: 'attachmentUrls', message: NOT_BLANK });
  if (input.files.length > 0) errors.push({ field: 'attachments', message: NO_UPLOADS });
  return errors;
}

/**
 * Maps a create input to the body of `POST /api/support-tickets`. Kinconecta requires the
 * client to send `status`, `createdAt` and `updatedAt`, so they are filled in: `open` and the
 * creation time `now` in ISO 8601 UTC.
 */
export function toCreateRequest(input: CreateTicketInput, now: Date): CreateRequest {
  const errors = checkCreateInput(input);
  if (errors.length > 0) return { ok: false, errors };
  const time = now.toISOString();
  const request: RawCreateTicket = {
    roleContext: CREATE_ROLE_CONTEXT,
    fullName: input.requester?.name ?? '',
    email: input.requester?.email ?? '',
    subject: input.subject,
    category: input.category?.id ?? '',
    message: input.body,
    status: CREATE_STATUS,
    createdAt: time,
    updatedAt: time,
  };
  // Sent only when there are files: the docs mark `attachments` optional.
  if (input.attachmentUrls.length > 0) {
    request.attachments = input.attachmentUrls.map((fileUrl) => ({ fileName: fileNameOf(fileUrl), fileUrl }));
  }
  return { ok: true, request };
}

/**
 * The file name of an attachment URL: its last non-empty path segment, percent-decoded, without
 * query or fragment; the host (or the text itself) when the path has none, since Kinconecta
 * refuses a blank `fileName`.
 */
export function fileNameOf(url: string): string {
  let host = '';
  let path = url.trim();
  try {
    const parsed = new URL(path);
    host = parsed.hostname;
    path = parsed.pathname;
  } catch {
    // Not an absolute URL: use the text as a path.
    path = path.replace(/[?#].*$/, '');
  }
  const segment = path
    .split('/')
    .filter((s) => s !== '')
    .at(-1);
  if (segment === undefined) return host || url.trim();
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed percent-encoding: keep it as written
  }
}
