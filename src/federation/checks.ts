import { InputError } from '../errors.js';
import type { TicketFilter } from '../providers/model.js';
import type { ProviderKind } from '../providers/provider.js';

/*
 * The checks common to every provider, made once here rather than in each provider: what a
 * filter can match at all, which providers it selects, and how large an upstream page is.
 * Providers rely on them (see `ListPageQuery` and `ResolvedInstanceConfig`).
 */

/**
 * Refuses a filter no ticket can match for a reason of its own, whatever the provider: an
 * empty creation range (`createdAfter` not before `createdBefore`). A client's mistake, so an
 * `InputError` before any upstream call.
 */
export function checkFilter(filter: TicketFilter): void {
  const { createdAfter, createdBefore } = filter;
  if (createdAfter && createdBefore && createdAfter.getTime() >= createdBefore.getTime()) {
    throw new InputError('`createdAfter` must be before `createdBefore`.');
  }
}

/**
 * The filter a provider's pages are read with. `providers` is the gateway's choice of which
 * providers to ask (`selectProviders`), not something a provider filters on; without it, two
 * lists of one operation that select providers differently share their pages.
 */
export function providerFilter(filter: TicketFilter): TicketFilter {
  return { ...filter, providers: null };
}

/**
 * The upstream page size of an instance: the configured one, or the kind's default when none
 * is, as a whole number within 1 and the kind's maximum (upstreams refuse larger pages).
 * Configurations over the maximum are refused with a message (`config.ts`); this bounds every
 * other way an instance is built.
 */
export function upstreamPageSize(
  kind: Pick<ProviderKind, 'defaultPageSize' | 'maxPageSize'>,
  configured: number | undefined,
): number {
  const size = configured !== undefined && Number.isFinite(configured) ? Math.floor(configured) : undefined;
  return Math.min(Math.max(1, size ?? kind.defaultPageSize), kind.maxPageSize);
}
