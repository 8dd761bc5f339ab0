import { UpstreamError } from '../../errors.js';
import { settleEach } from '../batch.js';
import { UpstreamClient } from '../http.js';
import type { Message, Ticket, TicketFilter, TicketPriority, TicketStatus } from '../model.js';
import type {
  ListPageQuery,
  ProviderCapability,
  ProviderInstanceConfig,
  TicketPage,
  TicketProvider,
} from '../provider.js';
import type { AddMessageInput, Category, CreateTicketInput, FileRules } from '../writes.js';
import { CategoryCache } from '../category-cache.js';
import { KNOWN_CATEGORIES, mergeCategories } from './categories.js';
import { IppanelClient } from './client.js';
import { PRIORITY_BY_IMPORTANCE, STATUS_BY_STATE, mapListItem, mapShow } from './mapper.js';
import type { StateId } from './states.js';
import { IPPANEL_FILE_RULES } from './write-input.js';
import { IppanelWriter } from './write-ops.js';

/** Upstream page size limits: the docs' maximum, and ours by default (fewer round trips than 10). */
export const IPPANEL_DEFAULT_PAGE_SIZE = 100;
export const IPPANEL_MAX_PAGE_SIZE = 1000;
/** Show requests in flight per `getTickets` batch. */
const DETAIL_CONCURRENCY = 8;

/**
 * What the IPPanel API can do: list, show (with replies), create and reply, with file uploads.
 * No status/priority change, assignment, delete, attachment-by-URL or note writing.
 */
export const IPPANEL_CAPABILITIES: readonly ProviderCapability[] = [
  'LIST_TICKETS',
  'READ_TICKET',
  'READ_MESSAGES',
  'CREATE_TICKET',
  'ADD_MESSAGE',
  'UPLOAD_FILES',
];

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
 * `null` when nothing on IPPanel can match, so no request is needed.
 */
export function planList(filter: TicketFilter, key: string): ListPlan | null {
  const plan: ListPlan = { complete: true };
  if (filter.providers?.length && !filter.providers.includes(key)) return null;
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
  const { createdAfter: after, createdBefore: before } = filter;
  if (after && before && after.getTime() >= before.getTime()) return null;
  if (after || before || filter.search) plan.complete = false;
  return plan;
}

function newestFirst(a: Ticket, b: Ticket): number {
  return b.createdAt.getTime() - a.createdAt.getTime();
}

/** One configured IPPanel Edge reseller account. */
export class IppanelProvider implements TicketProvider {
  readonly kind = 'ippanel';
  readonly key: string;
  readonly name: string;
  readonly capabilities = IPPANEL_CAPABILITIES;
  readonly pageSize: number;
  readonly fileRules: FileRules = IPPANEL_FILE_RULES;
  private readonly http: UpstreamClient;
  private readonly client: IppanelClient;
  private readonly writer: IppanelWriter;
  private readonly categoryCache: CategoryCache;

  constructor(config: ProviderInstanceConfig) {
    this.key = config.key;
    this.name = config.name;
    const size = Math.trunc(config.pageSize ?? IPPANEL_DEFAULT_PAGE_SIZE);
    this.pageSize = Math.min(IPPANEL_MAX_PAGE_SIZE, Math.max(1, size));
    this.http = new UpstreamClient({
      provider: config.key,
      baseUrl: config.baseUrl,
      // The raw token, no `Bearer`: IPPanel answers 401 otherwise.
      headers: { authorization: config.credentials['token'] ?? '' },
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    });
    this.client = new IppanelClient(this.http, config.key);
    this.writer = new IppanelWriter(this.client, config.key);
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
    const plan = planList(filter, this.key);
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

  /** Opens a ticket (multipart `POST /api/ticket`) and returns it as `show` reads it. */
  createTicket(input: CreateTicketInput): Promise<Ticket> {
    return this.writer.createTicket(input);
  }

  /** Replies on a ticket (multipart `POST /api/ticket/interaction`); returns the reply and the ticket. */
  addMessage(input: AddMessageInput): Promise<{ message: Message; ticket: Ticket }> {
    return this.writer.addMessage(input);
  }

  /** Known categories plus those on the first list page; `id` is the numeric `category_id`. */
  categories(): Promise<Category[]> {
    return this.categoryCache.get();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
