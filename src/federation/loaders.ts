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

/**
 * Builds fresh loaders for one request (or one subscription event). With a `deadline`, every
 * provider's part not loaded when it fires fails as `UPSTREAM_TIMEOUT` for that provider: one
 * slow provider cannot hold an operation past its deadline, however many calls it needs.
 */
export function createLoaders(
  providers: ReadonlyMap<string, TicketProvider>,
  deadline?: AbortSignal,
): Loaders {
  return {
    ticket: new DataLoader((keys) => loadTickets(providers, keys, deadline), {
      cacheKeyFn: (k) => `${k.providerKey}\u0000${k.remoteId}`,
    }),
    page: new DataLoader(
      (keys) =>
        Promise.all(
          keys.map((k) => withDeadline(loadPage(providers, k), k.providerKey, deadline).catch(asError)),
        ),
      { cacheKeyFn: (k) => `${k.providerKey}\u0000${k.fingerprint}\u0000${k.page}` },
    ),
  };
}

/**
 * `work`, or an `UPSTREAM_TIMEOUT` of `providerKey` once `deadline` fires. The upstream call
 * itself ends by its own per-request timeout; only the operation stops waiting for it.
 */
export function withDeadline<T>(work: Promise<T>, providerKey: string, deadline?: AbortSignal): Promise<T> {
  if (!deadline) return work;
  const late = () => new UpstreamError('UPSTREAM_TIMEOUT', providerKey, 'operation deadline passed');
  if (deadline.aborted) {
    work.catch(() => undefined);
    return Promise.reject(late());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(late());
    deadline.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener('abort', onAbort));
  });
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
  deadline?: AbortSignal,
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
        ? await withDeadline(
            provider.getTickets(indexes.map((i) => keys[i]!.remoteId)),
            providerKey,
            deadline,
          ).catch((error: unknown) => indexes.map(() => asError(error)))
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
