import type { ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../context.js';
import type { Ticket } from '../providers/model.js';
import type { TicketProvider } from '../providers/provider.js';
import type { WriteName } from '../providers/writes.js';
import { NotFoundError, type WriteError, type WriteSuccess } from '../writes/outcome.js';
import { performWrite, type WriteSpec } from '../writes/perform.js';
import { builder, type BuilderTypes } from './builder.js';
import { inPublic } from './errors.js';
import { decodeTypedId } from './ids.js';
import { TicketRef } from './ticket.js';
import { WRITE_ERROR_TYPES } from './write-errors.js';

/** A mutation's success with the ticket in its new state. */
export interface TicketSuccess {
  ticket: Ticket;
}

/** Defines `${name}Success { ticket }` and the union `${name}Result` of it and the error types. */
export function ticketResult(name: string, description: string) {
  const success = builder.objectRef<TicketSuccess>(`${name}Success`).implement({
    description,
    fields: (t) => ({ ticket: t.expose('ticket', { type: TicketRef }) }),
  });
  return resultUnion(name, success);
}

/**
 * The union `${name}Result` of a success type and every error type. The errors plugin
 * resolves a refusal (returned or thrown) to its type by class; anything else is the success.
 */
export function resultUnion<S extends object>(name: string, success: ObjectRef<BuilderTypes, S>) {
  return builder.errorUnion(`${name}Result`, {
    types: [success, ...WRITE_ERROR_TYPES],
    resolveType: () => success.name,
  });
}

/**
 * Runs a write and answers it: its success as `present` makes it, a refusal as it is (for the
 * result union), an outage or unknown outcome as its public GraphQL error.
 */
export async function runWrite<S, N extends WriteName>(
  spec: WriteSpec<N>,
  present: (outcome: WriteSuccess) => Promise<S>,
): Promise<S | WriteError> {
  const result = await inPublic(() => performWrite(spec));
  return result.kind === 'rejected' ? result.error : present(result.outcome);
}

/** The provider and remote id a ticket id names, or NotFoundError when no such provider is configured. */
export function ticketTarget(
  ctx: GatewayContext,
  ticketId: string,
): { provider: TicketProvider; remoteId: string; error?: undefined } | { error: NotFoundError } {
  const [providerKey, remoteId] = decodeTypedId(ticketId, 'Ticket', 2) as [string, string];
  const provider = ctx.providers.get(providerKey);
  return provider
    ? { provider, remoteId }
    : { error: new NotFoundError(`No provider "${providerKey}" is configured.`) };
}

/** Records a ticket's new state in the request's loaders, so nothing stale is served after a write. */
export function remember(ctx: GatewayContext, ticket: Ticket): Ticket {
  forget(ctx, ticket.providerKey, ticket.remoteId);
  ctx.loaders.ticket.prime({ providerKey: ticket.providerKey, remoteId: ticket.remoteId }, ticket);
  return ticket;
}

/** Drops a ticket, and every list page, from the request's loaders after a write changed them. */
export function forget(ctx: GatewayContext, providerKey: string, remoteId: string): void {
  ctx.loaders.ticket.clear({ providerKey, remoteId });
  ctx.loaders.page.clearAll();
}
