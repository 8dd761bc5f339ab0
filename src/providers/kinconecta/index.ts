import type {
  ProviderKind,
  ListPageQuery,
  ResolvedInstanceConfig,
  TicketPage,
  TicketProvider,
} from '../provider.js';
import { UpstreamError } from '../../errors.js';
import { settleEach } from '../batch.js';
import type { Ticket, TicketFilter } from '../model.js';
import type { Category, ProviderFeatures } from '../writes.js';
import { CategoryCache } from '../category-cache.js';
import { mergeCategories } from './categories.js';
import { KinconectaClient } from './client.js';
import { STATUS_MAP, mapTicket } from './mapper.js';
import { kinconectaWrites } from './writes.js';

/** Default (and largest) page size. Nominal: the upstream has no pagination at all. */
export const KINCONECTA_PAGE_SIZE = 100;

/**
 * Kinconecta (tourism) support tickets. No credentials are required by the docs; an instance
 * may still be given a `token`, sent as `Authorization: Bearer {token}`.
 */
export const kinconectaKind: ProviderKind = {
  kind: 'kinconecta',
  displayName: 'Kinconecta',
  credentialNames: [],
  defaultPageSize: KINCONECTA_PAGE_SIZE,
  maxPageSize: KINCONECTA_PAGE_SIZE,
  create: (config) => new KinconectaProvider(config),
};

/** Unified statuses a Kinconecta ticket can have (`PENDING` has no Kinconecta value). */
const REACHABLE_STATUSES = new Set(Object.values(STATUS_MAP));
const GET_CONCURRENCY = 8;

/** Options of a provider instance beyond its configuration. */
export interface KinconectaProviderOptions {
  /** The clock for the `createdAt`/`updatedAt` Kinconecta needs on create (tests fix it). */
  now?: () => Date;
}

/**
 * A Kinconecta instance. The upstream returns every ticket in one unpaginated, unfiltered
 * response in id order, so page 1 is that whole list sorted newest first, later pages are
 * empty, nothing is pushed down and `total` is `null`. The only write is `createTicket`
 * (`writes.ts`); attachments are URLs.
 */
export class KinconectaProvider implements TicketProvider {
  readonly key: string;
  readonly kind = 'kinconecta';
  readonly name: string;
  readonly pageSize: number;
  readonly writes: ReturnType<typeof kinconectaWrites>;
  readonly features: ProviderFeatures = { attachmentUrls: true };
  private readonly client: KinconectaClient;
  private readonly categoryCache: CategoryCache;

  constructor(config: ResolvedInstanceConfig, options: KinconectaProviderOptions = {}) {
    this.key = config.key;
    this.name = config.name;
    this.pageSize = config.pageSize;
    this.client = new KinconectaClient(config);
    this.categoryCache = new CategoryCache(
      async () => mergeCategories((await this.client.listTickets()).map((t) => t.category)),
      () => mergeCategories([]),
    );
    this.writes = kinconectaWrites({
      key: this.key,
      client: this.client,
      now: options.now ?? (() => new Date()),
    });
  }

  async listTickets({ filter, page }: ListPageQuery): Promise<TicketPage> {
    if (page > 1 || !canMatch(filter)) return { tickets: [], hasMore: false, total: null };
    const raw = await this.client.listTickets();
    const tickets = raw.map((t) => mapTicket(this.key, t)).sort(newestFirst);
    return { tickets, hasMore: false, total: null };
  }

  getTickets(remoteIds: readonly string[]): Promise<Array<Ticket | Error>> {
    return settleEach(remoteIds, GET_CONCURRENCY, async (id) => {
      // Ids are Java longs: anything else cannot exist, and the upstream would answer a 400.
      if (!/^\d{1,18}$/.test(id)) throw new UpstreamError('NOT_FOUND', this.key, `ticket ${id}`);
      return mapTicket(this.key, await this.client.getTicket(id));
    });
  }

  /**
   * The known categories plus those on the current tickets (the list is Kinconecta's only page).
   * Cached once the list was read; when it cannot be read the known ones are answered, uncached,
   * so creating a ticket does not depend on the list being up.
   */
  categories(): Promise<Category[]> {
    return this.categoryCache.get();
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/**
 * False when no Kinconecta ticket can match the filter, so no request is needed (the gateway's
 * own checks are made: see `ListPageQuery`).
 */
function canMatch(filter: TicketFilter): boolean {
  if (filter.status?.length && !filter.status.some((s) => REACHABLE_STATUSES.has(s))) return false;
  // Every Kinconecta ticket has priority null, which no priority filter matches.
  return !filter.priority?.length;
}

/** Newest first by `createdAt`; equal times put the higher (later inserted) id first. */
function newestFirst(a: Ticket, b: Ticket): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  return byTime !== 0 ? byTime : Number(b.remoteId) - Number(a.remoteId);
}
