import type { ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../context.js';
import type { Ticket } from '../providers/model.js';
import type { TicketProvider } from '../providers/provider.js';
import { notFound, type WriteErrorShape } from '../writes/outcome.js';
import { builder, type BuilderTypes, isTyped } from './builder.js';
import { decodeTypedId } from './ids.js';
import { TicketRef } from './ticket.js';
import { WRITE_ERROR_TYPES } from './write-errors.js';

/** A mutation's success with the ticket in its new state. */
export interface TicketSuccess<N extends string> {
  __typename: N;
  ticket: Ticket;
}

/** Defines `${name}Success { ticket }` and the union `${name}Result` of it and the error types. */
export function ticketResult<N extends string>(name: N, description: string) {
  const success = builder.objectRef<TicketSuccess<`${N}Success`>>(`${name}Success`).implement({
    description,
    isTypeOf: isTyped(`${name}Success`),
    fields: (t) => ({ ticket: t.expose('ticket', { type: TicketRef }) }),
  });
  return resultUnion(name, success);
}

/** The union `${name}Result` of a success type and every error type. */
export function resultUnion<S extends { __typename: string }>(
  name: string,
  success: ObjectRef<BuilderTypes, S>,
) {
  return builder.unionType(`${name}Result`, {
    types: [success, ...WRITE_ERROR_TYPES],
    resolveType: (value: S | WriteErrorShape) => value.__typename,
  });
}

/** The provider and remote id a ticket id names, or NotFoundError when no such provider is configured. */
export function ticketTarget(
  ctx: GatewayContext,
  ticketId: string,
): { provider: TicketProvider; remoteId: string; error?: undefined } | { error: WriteErrorShape } {
  const [providerKey, remoteId] = decodeTypedId(ticketId, 'Ticket', 2) as [string, string];
  const provider = ctx.providers.get(providerKey);
  return provider
    ? { provider, remoteId }
    : { error: notFound(`No provider "${providerKey}" is configured.`) };
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
