import { badInput } from '../errors.js';
import type { Ticket, TicketFilter } from '../providers/model.js';
import type { TicketProvider } from '../providers/provider.js';
import { decodeCursor, encodeCursor, filterFingerprint, type Position } from './cursor.js';
import type { Loaders } from './loaders.js';
import { compareTickets } from './order.js';
import { ProviderStream } from './stream.js';

export const MAX_PAGE_SIZE = 100;

export interface TicketEdgeShape {
  cursor: string;
  node: Ticket;
}

/** The federated list's answer; `totalCount` is computed only when a query asks for it. */
export interface TicketConnectionShape {
  edges: TicketEdgeShape[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: () => Promise<number | null>;
  /** Providers whose part is missing from this answer, with why. */
  failures: Array<{ provider: string; error: unknown }>;
}

export interface ListArgs {
  first: number;
  after: string | null | undefined;
  filter: TicketFilter;
}

/** Picks the providers the filter names, rejecting unknown keys with the list of known ones. */
export function selectProviders(
  providers: ReadonlyMap<string, TicketProvider>,
  wanted: readonly string[] | null | undefined,
): TicketProvider[] {
  if (!wanted?.length) return [...providers.values()];
  const unknown = wanted.filter((key) => !providers.has(key));
  if (unknown.length) {
    throw badInput(
      `Unknown provider ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${[...providers.keys()].join(', ')}.`,
    );
  }
  return [...new Set(wanted)].map((key) => providers.get(key)!);
}

/**
 * The federated ticket list: every selected provider's tickets merged newest first, one page
 * of `first` after the `after` cursor. Each provider is read only as far as this page needs.
 */
export async function listTickets(
  providers: ReadonlyMap<string, TicketProvider>,
  loaders: Loaders,
  args: ListArgs,
): Promise<TicketConnectionShape> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${args.first}.`);
  }
  validateRange(args.filter);
  const selected = selectProviders(providers, args.filter.providers);
  const fingerprint = filterFingerprint(args.filter);
  // Pages do not depend on which providers were selected: two lists in one operation share them.
  const pageFilter: TicketFilter = { ...args.filter, providers: null };
  const pageKey = filterFingerprint(pageFilter);
  const start = args.after ? decodeCursor(args.after, fingerprint) : new Map<string, Position>();
  const streams = selected.map(
    (p) =>
      new ProviderStream(p.key, args.filter, resumeAt(start.get(p.key), p.pageSize), (page) =>
        loaders.page.load({ providerKey: p.key, filter: pageFilter, fingerprint: pageKey, page }),
      ),
  );
  const edges: TicketEdgeShape[] = [];
  while (edges.length < args.first) {
    const next = await nextStream(streams);
    if (!next) break;
    const node = next.take();
    edges.push({ node, cursor: encodeCursor(fingerprint, positions(streams, selected)) });
  }
  const hasNextPage = (await nextStream(streams)) !== undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => totalCount(selected, loaders, pageFilter, pageKey),
    failures: streams
      .filter((s) => s.failure !== undefined)
      .map((s) => ({ provider: s.key, error: s.failure })),
  };
}

function validateRange(filter: TicketFilter): void {
  if (filter.createdAfter && filter.createdBefore && filter.createdAfter >= filter.createdBefore) {
    throw badInput('`createdAfter` must be before `createdBefore`.');
  }
}

/** The stream whose next ticket comes first, after every stream has looked (in parallel). */
async function nextStream(streams: ProviderStream[]): Promise<ProviderStream | undefined> {
  const heads = await Promise.all(streams.map((s) => s.peek()));
  let best: { stream: ProviderStream; ticket: Ticket } | undefined;
  heads.forEach((ticket, i) => {
    if (ticket && (!best || compareTickets(ticket, best.ticket) < 0)) best = { stream: streams[i]!, ticket };
  });
  return best?.stream;
}

/** Every stream's position, with the page size its page number counts in. */
function positions(streams: ProviderStream[], selected: TicketProvider[]): Map<string, Position> {
  return new Map(
    streams.map((s, i) => [
      s.key,
      s.position === 'done' ? 'done' : { ...s.position, pageSize: selected[i]!.pageSize },
    ]),
  );
}

/**
 * Where a provider's stream starts: one page before the cursor's page, or, when the
 * provider's page size changed since the cursor was issued (a restart with new config), page 1
 * with the same last ticket. Nothing is skipped; the skip by key drops what was already seen.
 */
function resumeAt(position: Position | undefined, pageSize: number): Position {
  if (!position) return { page: 1 };
  if (position === 'done') return position;
  if (position.pageSize !== pageSize) return { page: 1, last: position.last };
  // One page back: tickets that left the list since (resolved while a client walks OPEN,
  // deleted) move later tickets to earlier pages. The skip by key drops what was seen.
  return { ...position, page: Math.max(1, position.page - 1) };
}

/**
 * The number of tickets matching the filter: the upstream's own total where it reports one
 * for the whole filter, otherwise a count over every page (shared with the list through the
 * page loader). `null` when a provider fails.
 */
async function totalCount(
  selected: TicketProvider[],
  loaders: Loaders,
  filter: TicketFilter,
  fingerprint: string,
): Promise<number | null> {
  try {
    const counts = await Promise.all(
      selected.map(async (p) => {
        const first = await loaders.page.load({ providerKey: p.key, filter, fingerprint, page: 1 });
        if (first.total !== null) return first.total;
        const stream = new ProviderStream(p.key, filter, { page: 1 }, (page) =>
          loaders.page.load({ providerKey: p.key, filter, fingerprint, page }),
        );
        let count = 0;
        while ((await stream.peek()) !== undefined) {
          stream.take();
          count += 1;
        }
        if (stream.failure !== undefined) throw stream.failure;
        return count;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  } catch {
    return null;
  }
}
