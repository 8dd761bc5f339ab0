import { afterWrite } from '../write-policy.js';
import type { Message, Ticket, TicketPriority } from '../model.js';
import {
  WriteRejection,
  type AddMessageInput,
  type CreateTicketInput,
  type FieldError,
  type TicketWriteMap,
} from '../writes.js';
import type { DaakeyClient } from './client.js';
import { mapDetail, mapMessage } from './mapper.js';
import {
  rawCreatedIdResponse,
  rawCreatedResponse,
  rawMessageResponse,
  type RawCreateBody,
  type RawMessageBody,
} from './raw.js';
import { acceptedData, isAccepted, refusalOf } from './write-answers.js';

/*
 * Daakey's writes: the client API opens tickets and adds the client's messages; agents'
 * actions (status, priority, assignment, notes) are not reachable through it. Input Daakey
 * would surely refuse is refused here, before any upstream call.
 */

/** Unified priority → Daakey priority; MEDIUM has no Daakey counterpart. */
const PRIORITY_TO_DAAKEY: Readonly<Partial<Record<TicketPriority, RawCreateBody['priority']>>> = {
  LOW: 'low',
  NORMAL: 'normal',
  HIGH: 'high',
  URGENT: 'critical',
};

/** Daakey's `max:255` on `subject`. */
const SUBJECT_MAX = 255;

/**
 * Blank the way Daakey sees it: Laravel trims input and turns an empty string into null, so
 * `required` refuses whitespace too. Checked here so a certain 422 costs no upstream call.
 */
function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** Laravel's summary of several errors: the first message, then "(and N more errors)". */
function summary(errors: readonly FieldError[]): string {
  const more = errors.length - 1;
  const first = errors[0]?.message ?? 'The given data was invalid.';
  return more > 0 ? `${first} (and ${more} more error${more > 1 ? 's' : ''})` : first;
}

function reject(provider: string, errors: FieldError[]): never {
  throw new WriteRejection('VALIDATION', summary(errors), provider, errors);
}

/** Files: Daakey takes attachment URLs only (the gateway refuses files before this, too). */
function noFiles(files: readonly File[], errors: FieldError[]): void {
  if (files.length > 0) {
    errors.push({
      field: 'files',
      message: 'Daakey takes attachments as URLs only (attachmentUrls); it has no file upload.',
    });
  }
}

/**
 * The body of `POST /tickets`, or a VALIDATION rejection for what Daakey would surely refuse
 * (or cannot express: a MEDIUM priority). `requester` is not sent: a Daakey ticket always
 * belongs to the client whose token the instance uses.
 */
export function createBody(input: CreateTicketInput, provider: string): RawCreateBody {
  const errors: FieldError[] = [];
  if (isBlank(input.subject)) errors.push({ field: 'subject', message: 'The subject field is required.' });
  else if ([...input.subject.trim()].length > SUBJECT_MAX) {
    errors.push({
      field: 'subject',
      message: `The subject field must not be greater than ${SUBJECT_MAX} characters.`,
    });
  }
  if (isBlank(input.body)) errors.push({ field: 'body', message: 'The message field is required.' });
  if (input.category === null || isBlank(input.category.id)) {
    errors.push({ field: 'category', message: 'The category field is required.' });
  }
  const priority = input.priority === null ? undefined : PRIORITY_TO_DAAKEY[input.priority];
  if (input.priority !== null && priority === undefined) {
    errors.push({
      field: 'priority',
      message: `Daakey has no ${input.priority} priority: use LOW, NORMAL, HIGH or URGENT.`,
    });
  }
  noFiles(input.files, errors);
  if (errors.length > 0 || input.category === null) return reject(provider, errors);
  return {
    subject: input.subject,
    message: input.body,
    category: input.category.id,
    // Left out when not given: Daakey's own default (`normal`) applies.
    ...(priority ? { priority } : {}),
    attachments: [...input.attachmentUrls],
  };
}

/** Daakey ticket ids are positive integers; anything else cannot exist there. */
export function isDaakeyId(id: string): boolean {
  return /^[1-9]\d*$/.test(id);
}

/**
 * The body of `POST /tickets/{ticket}/messages`, or a rejection: NOT_FOUND for an id Daakey
 * cannot have (Daakey checks the ticket before the body, so this comes first), VALIDATION
 * for an internal note (the client API has none), an empty body or files.
 */
export function messageBody(input: AddMessageInput, provider: string): RawMessageBody {
  if (!isDaakeyId(input.ticketRemoteId)) {
    throw new WriteRejection('NOT_FOUND', 'Ticket not found', provider);
  }
  const errors: FieldError[] = [];
  if (input.internal) {
    errors.push({ field: 'internal', message: "Daakey's client API cannot post internal notes." });
  }
  if (isBlank(input.body)) errors.push({ field: 'body', message: 'The message field is required.' });
  noFiles(input.files, errors);
  if (errors.length > 0) return reject(provider, errors);
  return { message: input.body, attachments: [...input.attachmentUrls] };
}

/** What the writes need of a provider instance. */
export interface WriteContext {
  key: string;
  client: DaakeyClient;
}

/** The ticket after a write that was done, through the one re-read policy (`afterWrite`). */
function reread(ctx: WriteContext, id: string, what: string): Promise<Ticket> {
  return afterWrite({
    provider: ctx.key,
    what,
    reread: async () => mapDetail(ctx.key, await ctx.client.getTicket(id)),
  });
}

/**
 * `POST /tickets`. Daakey answers 201 with the created ticket; when that answer holds the
 * whole ticket (thread included) it is used as is, else the ticket is re-read by its id.
 */
export async function createTicket(ctx: WriteContext, input: CreateTicketInput): Promise<Ticket> {
  const response = await ctx.client.createTicket(createBody(input, ctx.key));
  if (!isAccepted(response)) throw refusalOf(response, 'create', ctx.key);
  const whole = rawCreatedResponse.safeParse(response.body);
  if (whole.success) return mapDetail(ctx.key, whole.data.data);
  const created = acceptedData(rawCreatedIdResponse, response, ctx.key, 'created ticket');
  return reread(ctx, String(created.data.id), 'ticket creation');
}

/**
 * `POST /tickets/{ticket}/messages`. The answer is the message only, and the message may
 * have changed the ticket (a `resolved` one reopens), so the ticket is always re-read. The
 * message returned is the re-read thread's copy when it is there.
 */
export async function addMessage(
  ctx: WriteContext,
  input: AddMessageInput,
): Promise<{ message: Message; ticket: Ticket }> {
  const id = input.ticketRemoteId;
  const response = await ctx.client.addMessage(id, messageBody(input, ctx.key));
  if (!isAccepted(response)) throw refusalOf(response, 'message', ctx.key);
  const answer = acceptedData(rawMessageResponse, response, ctx.key, `message on ticket ${id}`);
  const message = mapMessage(answer.data);
  const ticket = await reread(ctx, id, `message on ticket ${id}`);
  return { message: ticket.messages?.find((m) => m.remoteId === message.remoteId) ?? message, ticket };
}

/** The writes of a Daakey instance: opening tickets and replying, nothing an agent does. */
export function daakeyWrites(ctx: WriteContext): Pick<TicketWriteMap, 'createTicket' | 'addMessage'> {
  return {
    createTicket: (input) => createTicket(ctx, input),
    addMessage: (input) => addMessage(ctx, input),
  };
}
