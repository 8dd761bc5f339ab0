import type {
  ProviderKind,
  ListPageQuery,
  ResolvedInstanceConfig,
  TicketPage,
  TicketProvider,
} from '../provider.js';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  FILTERABLE_PRIORITY,
  FILTERABLE_STATUS,
  PRIORITY_WORDS,
  STATUS_WORDS,
  UNIFIED_PRIORITIES,
  UNIFIED_STATUSES,
  type PriorityWord,
  type StatusWord,
} from './raw.js';
import { UpstreamClient } from '../http.js';
import { settleEach } from '../batch.js';
import type { Ticket, TicketFilter } from '../model.js';
import type { Category, ProviderFeatures } from '../writes.js';
import { TaskipClient, TaskipWriteClient, type TaskipListQuery } from './client.js';
import { mapDetailTicket, mapListTicket, type TaskipMapContext } from './mapper.js';
import { UuidCache, TaskipWriter, taskipWrites } from './writes.js';

/** TaskIP CRM's public support-ticket API: `X-Secret-Key` auth, `limit` up to 100 (50 by default). */
export const taskipKind: ProviderKind = {
  kind: 'taskip',
  displayName: 'TaskIP',
  credentialNames: ['secretKey'],
  defaultPageSize: DEFAULT_LIMIT,
  // TaskIP answers 422 beyond it.
  maxPageSize: MAX_LIMIT,
  create: (config) => new TaskipProvider(config),
};

/** Details fetched in parallel per batch: TaskIP has no batch read, and a burst limit of 100/min. */
const DETAIL_CONCURRENCY = 8;

/** The upstream day (`YYYY-MM-DD`, UTC) of an instant, when TaskIP's filter can express it. */
function utcDay(at: Date): string | undefined {
  const year = at.getUTCFullYear();
  return Number.isFinite(year) && year >= 1000 && year <= 9999 ? at.toISOString().slice(0, 10) : undefined;
}

/**
 * The part of the filter TaskIP can apply: one status but PENDING, one priority but NORMAL,
 * search (subject or description, case-insensitive, as the gateway's), and the creation range
 * widened to whole UTC days. The gateway re-applies the whole filter afterwards.
 */
export function pushdown(filter: TicketFilter): Partial<TaskipListQuery> {
  const out: Partial<TaskipListQuery> = {};
  const status =
    filter.status?.length === 1 ? STATUS_WORDS[UNIFIED_STATUSES.indexOf(filter.status[0]!)] : undefined;
  if (status && FILTERABLE_STATUS.includes(status)) out.status = status as StatusWord;
  const priority =
    filter.priority?.length === 1
      ? PRIORITY_WORDS[UNIFIED_PRIORITIES.indexOf(filter.priority[0]!)]
      : undefined;
  if (priority && FILTERABLE_PRIORITY.includes(priority)) out.priority = priority as PriorityWord;
  if (filter.search) out.search = filter.search;
  if (filter.createdAfter) out.date_from = utcDay(filter.createdAfter);
  // createdBefore is exclusive, date_to inclusive: the day of the last instant before it.
  if (filter.createdBefore) out.date_to = utcDay(new Date(filter.createdBefore.getTime() - 1));
  return out;
}

/**
 * One configured TaskIP instance: the list and details, and every write (`writes.ts`), private
 * notes included. Attachments are media-library ids, so neither uploads nor attaching by URL.
 * Every uuid a read sees is remembered for the writes addressed by uuid.
 */
export class TaskipProvider implements TicketProvider {
  readonly key: string;
  readonly kind = 'taskip';
  readonly name: string;
  readonly pageSize: number;
  readonly writes: ReturnType<typeof taskipWrites>;
  readonly features: ProviderFeatures = { internalNotes: true };
  /** TaskIP allows 1000 requests an hour per key: by default the poller may use about half. */
  readonly pollBudgetPerMinute: number;
  private readonly client: TaskipClient;
  private readonly ctx: TaskipMapContext;
  private readonly uuids = new UuidCache();

  constructor(config: ResolvedInstanceConfig) {
    this.key = config.key;
    this.name = config.name;
    this.pollBudgetPerMinute = config.pollBudgetPerMinute ?? 8;
    this.pageSize = config.pageSize;
    const http = new UpstreamClient({
      provider: config.key,
      baseUrl: config.baseUrl,
      headers: { 'X-Secret-Key': config.credentials['secretKey'] ?? '' },
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    });
    this.client = new TaskipClient(http, config.key);
    this.ctx = { providerKey: config.key, zoneOffsetMinutes: 0 };
    const writeClient = new TaskipWriteClient(http, config.key);
    this.writes = taskipWrites(new TaskipWriter(this.client, writeClient, this.uuids, this.ctx));
  }

  async listTickets({ filter, page }: ListPageQuery): Promise<TicketPage> {
    const items = await this.client.listTickets({
      page,
      limit: this.pageSize,
      sort: 'created_at',
      order: 'desc',
      ...pushdown(filter),
    });
    for (const raw of items) this.uuids.remember(raw.id, raw.uuid);
    const tickets = items.map((raw) => mapListTicket(raw, this.ctx));
    // Upstream sorts by the exact time, we see minutes: a stable sort keeps its order and guarantees ours.
    tickets.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    // No pagination meta and no total: a full page may have a successor.
    return { tickets, hasMore: items.length >= this.pageSize, total: null };
  }

  getTickets(remoteIds: readonly string[]): Promise<Array<Ticket | Error>> {
    return settleEach(remoteIds, DETAIL_CONCURRENCY, async (id) => {
      const raw = await this.client.getTicket(id);
      this.uuids.remember(raw.id, raw.uuid);
      return mapDetailTicket(raw, this.ctx);
    });
  }

  /** None: TaskIP's create route takes no category (its tickets' categories are not in the API). */
  categories(): Promise<Category[]> {
    return Promise.resolve([]);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
