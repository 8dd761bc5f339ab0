import type {
  ProviderKind,
  ListPageQuery,
  ResolvedInstanceConfig,
  TicketPage,
  TicketProvider,
} from '../provider.js';
import { UpstreamError } from '../../errors.js';
import { settleEach } from '../batch.js';
import { UpstreamClient } from '../http.js';
import type { Ticket, TicketFilter, TicketStatus } from '../model.js';
import type { Category, ProviderFeatures } from '../writes.js';
import { CategoryCache } from '../category-cache.js';
import { mergeCategories } from './categories.js';
import { DaakeyClient } from './client.js';
import { mapDetail, mapListItem, PRIORITY_TO_UNIFIED, STATUS_TO_UNIFIED } from './mapper.js';
import type { RawListItem } from './raw.js';
import { daakeyWrites, isDaakeyId } from './writes.js';

/** The Daakey car-sharing client API: a bearer token and an opaque agency signature per instance. */
export const daakeyKind: ProviderKind = {
  kind: 'daakey',
  displayName: 'Daakey',
  credentialNames: ['token', 'signature'],
  // Daakey's own default is 15; fewer, larger pages suit the gateway better.
  defaultPageSize: 50,
  // Our cap on `per_page` (README).
  maxPageSize: 100,
  create: (config) => new DaakeyProvider(config),
};

type DaakeyStatus = RawListItem['status'];

/** Detail fetches in flight per `getTickets` batch: Daakey has no batch endpoint. */
const DETAIL_CONCURRENCY = 8;

const UNIFIED_TO_STATUS = new Map(
  Object.entries(STATUS_TO_UNIFIED).map(([remote, unified]) => [unified, remote as DaakeyStatus]),
);
const KNOWN_PRIORITIES = new Set(Object.values(PRIORITY_TO_UNIFIED));

/** What of a filter goes upstream: `status` is Daakey's only list filter. */
export interface DaakeyPushdown {
  /** No Daakey ticket can match: answer an empty page without a call. */
  impossible: boolean;
  status?: DaakeyStatus;
  /** Whether the upstream alone applies the whole filter (so its `total` is the answer). */
  complete: boolean;
}

/** Plans the pushdown of a unified filter (the gateway's checks made: see `ListPageQuery`). */
export function planPushdown(filter: TicketFilter): DaakeyPushdown {
  let complete = !filter.search && !filter.createdAfter && !filter.createdBefore;
  if (filter.priority?.length) {
    if (!filter.priority.some((p) => KNOWN_PRIORITIES.has(p))) return { impossible: true, complete: true };
    complete = false;
  }
  if (!filter.status?.length) return { impossible: false, complete };
  // PENDING has no Daakey counterpart, so it drops out of the set Daakey can match.
  const statuses = [...new Set(filter.status.map((s: TicketStatus) => UNIFIED_TO_STATUS.get(s)))].filter(
    (s): s is DaakeyStatus => s !== undefined,
  );
  if (statuses.length === 0) return { impossible: true, complete: true };
  if (statuses.length === 1) return { impossible: false, status: statuses[0], complete };
  return { impossible: false, complete: false };
}

/**
 * One configured Daakey client-API instance. The API is the client's own view: it lists the
 * client's tickets, shows one, opens tickets and adds messages (`writes.ts`); agents' actions
 * (status, priority, assignment, notes) are not reachable, and attachments are URLs only.
 */
export class DaakeyProvider implements TicketProvider {
  readonly kind = 'daakey';
  readonly key: string;
  readonly name: string;
  readonly pageSize: number;
  readonly writes: ReturnType<typeof daakeyWrites>;
  readonly features: ProviderFeatures = { attachmentUrls: true };
  private readonly http: UpstreamClient;
  private readonly client: DaakeyClient;
  /** The first page's categories, read once; cleared when that read failed. */
  private readonly categoryCache: CategoryCache;

  constructor(config: ResolvedInstanceConfig) {
    const { token, signature } = config.credentials;
    if (!token || !signature)
      throw new Error(`daakey instance "${config.key}" needs credentials token and signature`);
    this.key = config.key;
    this.name = config.name;
    this.pageSize = config.pageSize;
    this.http = new UpstreamClient({
      provider: config.key,
      baseUrl: config.baseUrl,
      headers: { authorization: `Bearer ${token}`, 'x-agency-signature': signature },
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    });
    this.client = new DaakeyClient(this.http, config.key);
    this.writes = daakeyWrites({ key: this.key, client: this.client });
    this.categoryCache = new CategoryCache(
      async () =>
        mergeCategories(
          (await this.client.listTickets({ page: 1, perPage: this.pageSize })).data.map((t) => t.category),
        ),
      () => mergeCategories([]),
    );
  }

  async listTickets({ filter, page }: ListPageQuery): Promise<TicketPage> {
    const plan = planPushdown(filter);
    if (plan.impossible) return { tickets: [], hasMore: false, total: 0 };
    const response = await this.client.listTickets({ status: plan.status, page, perPage: this.pageSize });
    const tickets = response.data
      .map((item) => mapListItem(this.key, item))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return {
      tickets,
      hasMore: response.meta.current_page < response.meta.last_page && !pastCreatedAfter(tickets, filter),
      total: plan.complete ? response.meta.total : null,
    };
  }

  /** Details one by one (each view marks the ticket's messages read at Daakey). */
  getTickets(remoteIds: readonly string[]): Promise<Array<Ticket | Error>> {
    return settleEach(remoteIds, DETAIL_CONCURRENCY, async (id) => {
      // Daakey ticket ids are positive integers; anything else cannot exist there.
      if (!isDaakeyId(id)) throw new UpstreamError('NOT_FOUND', this.key, `ticket ${id}: not a Daakey id`);
      return mapDetail(this.key, await this.client.getTicket(id));
    });
  }

  /**
   * The known categories plus those on the first list page, read once and cached. When that
   * read fails the known ones are answered (creating a ticket need not wait for the list)
   * and the next call tries again.
   */
  categories(): Promise<Category[]> {
    return this.categoryCache.get();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/**
 * The list is newest first across pages: once this page reaches below `createdAfter`, no
 * later page can hold a match.
 */
function pastCreatedAfter(tickets: readonly Ticket[], filter: TicketFilter): boolean {
  const oldest = tickets.at(-1);
  return Boolean(filter.createdAfter && oldest && oldest.createdAt.getTime() < filter.createdAfter.getTime());
}
