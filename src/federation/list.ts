import { InputError } from '../errors.js';
import type { Ticket, TicketFilter } from '../providers/model.js';
import type { TicketProvider } from '../providers/provider.js';
import { checkFilter, providerFilter } from './checks.js';
import { decodeCursor, encodeCursor, filterFingerprint, type Position } from './cursor.js';
import type { Loaders } from './loaders.js';
import { compareTickets } from './order.js';
import { ProviderStream } from './stream.js';

/** The largest `first`; `first: 0` answers only `pageInfo` (and what else needs no edges). */
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
  /** Keys of the providers whose part is missing from this page (they failed), sorted. */
  missingProviders: string[];
  /** Providers whose part is missing from this answer, with why. */
  failures: Array<{ provider: string; error: unknown }>;
}

export interface ListArgs {
  /** 0 to `MAX_PAGE_SIZE`; the schema checks it and answers the client's mistake. */
  first: number;
  /** A cursor of this list for the same filter; `null`, `undefined` and `""` start at the top. */
  after: string | null | undefined;
  filter: TicketFilter;
}

/** Picks the providers the filter names; unknown keys are an `InputError` naming the known ones. */
export function selectProviders(
  providers: ReadonlyMap<string, TicketProvider>,
  wanted: readonly string[] | null | undefined,
): TicketProvider[] {
  if (!wanted?.length) return [...providers.values()];
  const unknown = wanted.filter((key) => !providers.has(key));
  if (unknown.length) {
    throw new InputError(
      `Unknown provider ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${[...providers.keys()].join(', ')}.`,
    );
  }
  return [...new Set(wanted)].map((key) => providers.get(key)!);
}

/**
 * The federated ticket list: every selected provider's tickets merged newest first, one page
 * of `first` after the `after` cursor. Each provider is read only as far as this page needs.
 *
 * What a walk (following `endCursor` while `hasNextPage`) is guaranteed, outages included:
 * - Each page is in the federated order (`compareTickets`).
 * - Each provider's tickets arrive in that order, each at most once, none skipped: a cursor
 *   holds every provider's own position.
 * - A provider that fails on a page is in `missingProviders` (and `failures`); every cursor of
 *   the page keeps its position where the page found it, or after its last ticket on the page,
 *   and `hasNextPage` stays true. When it answers again it goes on from there: its tickets
 *   newer than the tickets already delivered come first on the next page(s), merged in order
 *   with the rest. So across pages the order holds per provider always, and across providers
 *   only while none was missing.
 * - `hasNextPage` is false only when every selected provider answered and has nothing left:
 *   a walk that ends has delivered every matching ticket exactly once.
 * - `endCursor` is the last edge's cursor; on a page without edges it is null, except when
 *   providers are missing: then it is where the walk stands (the same place as `after`), so
 *   `after: endCursor` retries them.
 *
 * `first: 0` answers no edges and Relay's `hasNextPage` (whether anything follows `after`),
 * for which it reads one upstream page of each provider (without a cursor, the page
 * `totalCount` reads too).
 *
 * An unknown provider key, an inverted date range or a cursor not issued for this filter is
 * an `InputError`; a provider's failure is no error of the list (see `failures`).
 */
export async function listTickets(
  providers: ReadonlyMap<string, TicketProvider>,
  loaders: Loaders,
  args: ListArgs,
): Promise<TicketConnectionShape> {
  if (!Number.isInteger(args.first) || args.first < 0 || args.first > MAX_PAGE_SIZE) {
    throw new RangeError(`listTickets: first must be 0..${MAX_PAGE_SIZE}, got ${args.first}`);
  }
  checkFilter(args.filter);
  const selected = selectProviders(providers, args.filter.providers);
  const fingerprint = filterFingerprint(args.filter);
  const pageFilter = providerFilter(args.filter);
  const pageKey = filterFingerprint(pageFilter);
  // "" is no cursor, as on `Ticket.messages`: clients often send it for "from the start".
  const start = args.after ? decodeCursor(args.after, fingerprint) : new Map<string, Position>();
  const streams = selected.map(
    (p) =>
      new ProviderStream(p.key, args.filter, start.get(p.key) ?? { page: 1 }, p.pageSize, (page) =>
        loaders.page.load({ providerKey: p.key, filter: pageFilter, fingerprint: pageKey, page }),
      ),
  );
  const cursor = (): string => encodeCursor(fingerprint, new Map(streams.map((s) => [s.key, s.position])));
  const edges = await takePage(streams, args.first, cursor);
  const more = (await nextStream(streams)) !== undefined;
  const failed = streams.filter((s) => s.failure !== undefined);
  return {
    edges,
    pageInfo: {
      // A provider that failed may still have tickets: the walk goes on and retries it.
      hasNextPage: more || failed.length > 0,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? (failed.length > 0 ? cursor() : null),
    },
    totalCount: () => totalCount(selected, loaders, pageFilter, pageKey),
    missingProviders: failed.map((s) => s.key).sort(),
    failures: failed.map((s) => ({ provider: s.key, error: s.failure })),
  };
}

/** Takes up to `first` tickets in the federated order, each with the cursor just after it. */
async function takePage(
  streams: ProviderStream[],
  first: number,
  cursor: () => string,
): Promise<TicketEdgeShape[]> {
  const edges: TicketEdgeShape[] = [];
  while (edges.length < first) {
    const next = await nextStream(streams);
    if (!next) break;
    const node = next.take();
    edges.push({ node, cursor: cursor() });
  }
  return edges;
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
        const stream = new ProviderStream(p.key, filter, { page: 1 }, p.pageSize, (page) =>
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
