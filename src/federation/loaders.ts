import DataLoader from 'dataloader';
import { UpstreamError } from '../errors.js';
import type { Ticket, TicketFilter } from '../providers/model.js';
import type { TicketPage, TicketProvider } from '../providers/provider.js';

/** A ticket by provider instance and remote id. */
export interface TicketKey {
  providerKey: string;
  remoteId: string;
}

/** One upstream list page for a filter. */
export interface PageKey {
  providerKey: string;
  filter: TicketFilter;
  /** `filterFingerprint(filter)`, so equal filters share cache entries. */
  fingerprint: string;
  page: number;
}

/** The per-request loaders: within one operation no upstream request is made twice. */
export interface Loaders {
  /** Full tickets, batched per provider into one `getTickets` call. */
  ticket: DataLoader<TicketKey, Ticket, string>;
  /** List pages, cached by provider, filter and page number. */
  page: DataLoader<PageKey, TicketPage, string>;
}

/** Builds fresh loaders for one request (or one subscription event). */
export function createLoaders(providers: ReadonlyMap<string, TicketProvider>): Loaders {
  return {
    ticket: new DataLoader((keys) => loadTickets(providers, keys), {
      cacheKeyFn: (k) => `${k.providerKey}\u0000${k.remoteId}`,
    }),
    page: new DataLoader((keys) => Promise.all(keys.map((k) => loadPage(providers, k).catch(asError))), {
      cacheKeyFn: (k) => `${k.providerKey}\u0000${k.fingerprint}\u0000${k.page}`,
    }),
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function loadPage(providers: ReadonlyMap<string, TicketProvider>, key: PageKey): Promise<TicketPage> {
  const provider = providers.get(key.providerKey);
  if (!provider) return Promise.reject(new Error(`Unknown provider ${key.providerKey}`));
  return provider.listTickets({ filter: key.filter, page: key.page });
}

/** Groups the keys by provider, asks each provider once, and puts the answers back in key order. */
async function loadTickets(
  providers: ReadonlyMap<string, TicketProvider>,
  keys: readonly TicketKey[],
): Promise<Array<Ticket | Error>> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const group = groups.get(key.providerKey) ?? [];
    group.push(index);
    groups.set(key.providerKey, group);
  });
  const results = new Array<Ticket | Error>(keys.length);
  await Promise.all(
    [...groups].map(async ([providerKey, indexes]) => {
      const provider = providers.get(providerKey);
      const answers = provider
        ? await provider
            .getTickets(indexes.map((i) => keys[i]!.remoteId))
            .catch((error: unknown) => indexes.map(() => asError(error)))
        : indexes.map(() => new UpstreamError('NOT_FOUND', providerKey, 'no such provider'));
      if (answers.length !== indexes.length) {
        throw new Error(
          `${providerKey}.getTickets answered ${answers.length} results for ${indexes.length} keys`,
        );
      }
      indexes.forEach((keyIndex, i) => {
        results[keyIndex] = answers[i]!;
      });
    }),
  );
  return results;
}
