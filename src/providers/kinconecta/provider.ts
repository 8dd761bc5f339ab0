import { UpstreamError } from '../../errors.js';
import { settleEach } from '../batch.js';
import type { Ticket, TicketFilter } from '../model.js';
import type { Category, CreateTicketInput } from '../writes.js';
import type {
  ListPageQuery,
  ProviderCapability,
  ProviderInstanceConfig,
  TicketPage,
  TicketProvider,
} from '../provider.js';
import { CategoryCache } from '../category-cache.js';
import { mergeCategories } from './categories.js';
import { KinconectaClient } from './client.js';
import { toCreateRequest } from './create.js';
import { STATUS_MAP, mapTicket } from './mapper.js';
import { localRejection, validationRejection } from './rejection.js';

/** Kinconecta has no priority and no replies; it lists, reads and creates tickets. */
export const KINCONECTA_CAPABILITIES: readonly ProviderCapability[] = [
  'LIST_TICKETS',
  'READ_TICKET',
  'READ_MESSAGES',
  'CREATE_TICKET',
  'ATTACHMENT_URLS',
];

/** Default (and largest) page size. Nominal: the upstream has no pagination at all. */
export const KINCONECTA_PAGE_SIZE = 100;

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
 * empty, nothing is pushed down and `total` is `null`. The only write is `createTicket`:
 * tickets take no replies, and their status is changed only by Kinconecta's staff.
 */
export class KinconectaProvider implements TicketProvider {
  readonly key: string;
  readonly kind = 'kinconecta';
  readonly name: string;
  readonly capabilities = KINCONECTA_CAPABILITIES;
  readonly pageSize: number;
  private readonly client: KinconectaClient;
  private readonly now: () => Date;
  private readonly categoryCache: CategoryCache;

  constructor(config: ProviderInstanceConfig, options: KinconectaProviderOptions = {}) {
    this.key = config.key;
    this.name = config.name;
    this.pageSize = config.pageSize ?? KINCONECTA_PAGE_SIZE;
    this.client = new KinconectaClient(config);
    this.categoryCache = new CategoryCache(
      async () => mergeCategories((await this.client.listTickets()).map((t) => t.category)),
      () => mergeCategories([]),
    );
    this.now = options.now ?? (() => new Date());
  }

  async listTickets({ filter, page }: ListPageQuery): Promise<TicketPage> {
    if (page > 1 || !this.canMatch(filter)) return { tickets: [], hasMore: false, total: null };
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
   * `POST /api/support-tickets` (one request, never retried). Kinconecta answers with the
   * created ticket, which is mapped as is: no re-read is needed. Blank required fields, a
   * priority and uploaded files are refused before the call; Kinconecta's own 400 field errors
   * become `VALIDATION` on the unified fields.
   */
  async createTicket(input: CreateTicketInput): Promise<Ticket> {
    const built = toCreateRequest(input, this.now());
    if (!built.ok) throw localRejection(built.errors, this.key);
    const outcome = await this.client.createTicket(built.request);
    if (outcome.kind === 'invalid') throw validationRejection(outcome.error, this.key);
    return mapTicket(this.key, outcome.ticket);
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

  /** False when no Kinconecta ticket can match the filter, so no request is needed. */
  private canMatch(filter: TicketFilter): boolean {
    if (filter.providers?.length && !filter.providers.includes(this.key)) return false;
    if (filter.status?.length && !filter.status.some((s) => REACHABLE_STATUSES.has(s))) return false;
    // Every Kinconecta ticket has priority null, which no priority filter matches.
    if (filter.priority?.length) return false;
    const { createdAfter, createdBefore } = filter;
    return !(createdAfter && createdBefore && createdAfter.getTime() >= createdBefore.getTime());
  }
}

/** Newest first by `createdAt`; equal times put the higher (later inserted) id first. */
function newestFirst(a: Ticket, b: Ticket): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  return byTime !== 0 ? byTime : Number(b.remoteId) - Number(a.remoteId);
}
