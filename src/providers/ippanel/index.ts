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
import type { Ticket, TicketFilter, TicketPriority, TicketStatus } from '../model.js';
import type { Category, ProviderFeatures } from '../writes.js';
import { CategoryCache } from '../category-cache.js';
import { KNOWN_CATEGORIES, mergeCategories } from './categories.js';
import { IppanelClient } from './client.js';
import { PRIORITY_BY_IMPORTANCE, STATUS_BY_STATE, mapListItem, mapShow } from './mapper.js';
import type { StateId } from './raw.js';
import { IPPANEL_FILE_RULES } from './write-input.js';
import { ippanelWrites } from './writes.js';

/** IPPanel Edge (SMS panel) reseller tickets: raw-token auth, `{data, meta}` envelope. */
export const ippanelKind: ProviderKind = {
  kind: 'ippanel',
  displayName: 'IPPanel Edge',
  credentialNames: ['token'],
  // Ours by default (fewer round trips than IPPanel's 10), and the docs' maximum.
  defaultPageSize: 100,
  maxPageSize: 1000,
  create: (config) => new IppanelProvider(config),
};

/** Show requests in flight per `getTickets` batch. */
const DETAIL_CONCURRENCY = 8;

/** state_ids per unified status (the inverse of the README table). */
const STATES_BY_STATUS = new Map<TicketStatus, StateId[]>();
for (const [id, status] of Object.entries(STATUS_BY_STATE)) {
  STATES_BY_STATUS.set(status, [...(STATES_BY_STATUS.get(status) ?? []), Number(id) as StateId]);
}
const KNOWN_PRIORITIES = new Set<TicketPriority>(Object.values(PRIORITY_BY_IMPORTANCE));

/** What goes upstream for a filter: `state_id` and whether that is the whole filter. */
interface ListPlan {
  stateId?: StateId;
  complete: boolean;
}

/**
 * Plans the pushdown: only `state_id`, and only when the statuses map to exactly one state.
 * `null` when nothing on IPPanel can match, so no request is needed. The gateway's own checks
 * are made (see `ListPageQuery`).
 */
export function planList(filter: TicketFilter): ListPlan | null {
  const plan: ListPlan = { complete: true };
  if (filter.status?.length) {
    const ids = [...new Set(filter.status.flatMap((s) => STATES_BY_STATUS.get(s) ?? []))];
    if (ids.length === 0) return null;
    if (ids.length === 1) plan.stateId = ids[0];
    else plan.complete = false;
  }
  if (filter.priority?.length) {
    if (!filter.priority.some((p) => KNOWN_PRIORITIES.has(p))) return null;
    plan.complete = false;
  }
  if (filter.createdAfter || filter.createdBefore || filter.search) plan.complete = false;
  return plan;
}

function newestFirst(a: Ticket, b: Ticket): number {
  return b.createdAt.getTime() - a.createdAt.getTime();
}

/**
 * One configured IPPanel Edge reseller account: list, show (with replies), create and reply
 * (`writes.ts`), with file uploads. No attachments by URL, no internal notes.
 */
export class IppanelProvider implements TicketProvider {
  readonly kind = 'ippanel';
  readonly key: string;
  readonly name: string;
  readonly pageSize: number;
  readonly writes: ReturnType<typeof ippanelWrites>;
  readonly features: ProviderFeatures = { uploadFiles: IPPANEL_FILE_RULES };
  private readonly http: UpstreamClient;
  private readonly client: IppanelClient;
  private readonly categoryCache: CategoryCache;

  constructor(config: ResolvedInstanceConfig) {
    this.key = config.key;
    this.name = config.name;
    this.pageSize = config.pageSize;
    this.http = new UpstreamClient({
      provider: config.key,
      baseUrl: config.baseUrl,
      // The raw token, no `Bearer`: IPPanel answers 401 otherwise.
      headers: { authorization: config.credentials['token'] ?? '' },
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    });
    this.client = new IppanelClient(this.http, config.key);
    this.writes = ippanelWrites(this.client, config.key);
    this.categoryCache = new CategoryCache(
      async () => mergeCategories((await this.client.listTickets({ page: 1, per_page: this.pageSize })).data),
      () => [...KNOWN_CATEGORIES],
    );
  }

  /** The REST client (tests drive the raw routes through it). */
  get rest(): IppanelClient {
    return this.client;
  }

  async listTickets({ filter, page }: ListPageQuery): Promise<TicketPage> {
    const plan = planList(filter);
    if (plan === null) return { tickets: [], hasMore: false, total: 0 };
    const res = await this.client.listTickets({ page, per_page: this.pageSize, state_id: plan.stateId });
    const tickets = res.data.map((item) => mapListItem(item, this.key)).sort(newestFirst);
    return {
      tickets,
      hasMore: res.meta.current_page < res.meta.last_page,
      total: plan.complete ? (res.meta.total ?? null) : null,
    };
  }

  async getTickets(remoteIds: readonly string[]): Promise<Array<Ticket | Error>> {
    return settleEach(remoteIds, DETAIL_CONCURRENCY, async (id) => {
      // IPPanel ids are integers; anything else cannot exist there (and would be a 422).
      if (!/^\d+$/.test(id)) throw new UpstreamError('NOT_FOUND', this.key, `ticket ${id}`);
      return mapShow(await this.client.showTicket(id), this.key);
    });
  }

  /** Known categories plus those on the first list page; `id` is the numeric `category_id`. */
  categories(): Promise<Category[]> {
    return this.categoryCache.get();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
