import type { GatewayContext } from '../context.js';
import { UpstreamError } from '../errors.js';
import type { Ticket } from '../providers/model.js';
import { publicError } from './errors.js';

/** The ticket with every field loaded: through this request's loader, so at most once. */
export async function fullTicket(
  ctx: GatewayContext,
  providerKey: string,
  remoteId: string,
): Promise<Ticket> {
  try {
    return await ctx.loaders.ticket.load({ providerKey, remoteId });
  } catch (error) {
    throw publicError(error);
  }
}

/** The ticket, or `null` when the provider says it does not exist. */
export async function findTicket(
  ctx: GatewayContext,
  providerKey: string,
  remoteId: string,
): Promise<Ticket | null> {
  try {
    return await ctx.loaders.ticket.load({ providerKey, remoteId });
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'NOT_FOUND') return null;
    throw publicError(error);
  }
}

type Lazy =
  | 'description'
  | 'category'
  | 'requester'
  | 'unreadCount'
  | 'lastMessageAt'
  | 'updatedAt'
  | 'messages'
  | 'attachments';

/**
 * A field the list response may not have carried: served from the ticket at hand when it
 * holds it, otherwise from the ticket's details (fetched once per request, and only then).
 */
export async function lazyField<K extends Lazy>(
  ticket: Ticket,
  field: K,
  ctx: GatewayContext,
): Promise<Exclude<Ticket[K], undefined> | null> {
  const value = ticket[field];
  if (value !== undefined) return value as Exclude<Ticket[K], undefined>;
  const full = await fullTicket(ctx, ticket.providerKey, ticket.remoteId);
  return (full[field] ?? null) as Exclude<Ticket[K], undefined> | null;
}
