import { UpstreamError } from '../../errors.js';
import type { Message, Ticket } from '../model.js';
import type { AddMessageInput, CreateTicketInput } from '../writes.js';
import type { DaakeyClient } from './client.js';
import { mapDetail, mapMessage } from './mapper.js';
import { rawCreatedIdResponse, rawCreatedResponse, rawMessageResponse } from './raw.js';
import { acceptedData, isAccepted, refusalOf } from './write-answer.js';
import { createBody, messageBody } from './write-input.js';

/** What the writes need of a provider instance. */
export interface WriteContext {
  key: string;
  client: DaakeyClient;
}

/**
 * The ticket after a write that was done. A re-read that fails would tempt the caller to
 * retry a write that happened (a duplicate ticket or message): it answers
 * `UPSTREAM_OUTCOME_UNKNOWN` ("check before retrying") instead of the read's own error.
 */
async function reread(ctx: WriteContext, id: string, what: string): Promise<Ticket> {
  try {
    return mapDetail(ctx.key, await ctx.client.getTicket(id));
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    throw new UpstreamError(
      'UPSTREAM_OUTCOME_UNKNOWN',
      ctx.key,
      `${what} was done but ticket ${id} could not be re-read: ${error.code}: ${error.detail}`,
      error.status,
      { cause: error },
    );
  }
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
