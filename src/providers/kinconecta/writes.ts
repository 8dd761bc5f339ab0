import type { Ticket } from '../model.js';
import type { CreateTicketInput, TicketWriteMap } from '../writes.js';
import type { KinconectaClient } from './client.js';
import { toCreateRequest } from './create.js';
import { mapTicket } from './mapper.js';
import { localRejection, validationRejection } from './rejection.js';

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
