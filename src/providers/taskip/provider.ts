import { UpstreamClient } from '../http.js';
import { settleEach } from '../batch.js';
import type { Ticket, TicketFilter } from '../model.js';
import type {
  ListPageQuery,
  ProviderCapability,
  ProviderInstanceConfig,
  TicketPage,
  TicketProvider,
} from '../provider.js';
import {
  FILTERABLE_PRIORITY,
  FILTERABLE_STATUS,
  PRIORITY_WORDS,
  STATUS_WORDS,
  type PriorityWord,
  type StatusWord,
} from './codes.js';
import { TaskipClient, type TaskipListQuery } from './client.js';
import { mapDetailTicket, mapListTicket, type TaskipMapContext } from './mapper.js';

/** Details fetched in parallel per batch: TaskIP has no batch read, and a burst limit of 100/min. */
const DETAIL_CONCURRENCY = 8;

const STATUS_CODES = ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'PENDING'] as const;
const PRIORITY_CODES = ['LOW', 'NORMAL', 'MEDIUM', 'HIGH', 'URGENT'] as const;

/**
 * What TaskIP's API can do, per the README: every ticket route, replies and private notes,
 * priority/status by uuid, assignment (bulk `assign`). Attachments are media-library ids,
 * so neither uploads nor attaching by URL.
 */
export const TASKIP_CAPABILITIES: readonly ProviderCapability[] = [
  'LIST_TICKETS',
  'READ_TICKET',
  'READ_MESSAGES',
  'CREATE_TICKET',
  'ADD_MESSAGE',
  'UPDATE_STATUS',
  'UPDATE_PRIORITY',
  'ASSIGN_TICKET',
  'DELETE_TICKET',
  'INTERNAL_NOTES',
];

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
    filter.status?.length === 1 ? STATUS_WORDS[STATUS_CODES.indexOf(filter.status[0]!)] : undefined;
  if (status && FILTERABLE_STATUS.includes(status)) out.status = status as StatusWord;
  const priority =
    filter.priority?.length === 1 ? PRIORITY_WORDS[PRIORITY_CODES.indexOf(filter.priority[0]!)] : undefined;
  if (priority && FILTERABLE_PRIORITY.includes(priority)) out.priority = priority as PriorityWord;
  if (filter.search) out.search = filter.search;
  if (filter.createdAfter) out.date_from = utcDay(filter.createdAfter);
  // createdBefore is exclusive, date_to inclusive: the day of the last instant before it.
  if (filter.createdBefore) out.date_to = utcDay(new Date(filter.createdBefore.getTime() - 1));
  return out;
}

/** Whether no TaskIP ticket can match the filter, so no request is needed. */
function cannotMatch(filter: TicketFilter, key: string): boolean {
  if (filter.providers?.length && !filter.providers.includes(key)) return true;
  const after = filter.createdAfter?.getTime();
  const before = filter.createdBefore?.getTime();
  return after !== undefined && before !== undefined && !(after < before);
}

/** One configured TaskIP instance (reads; writes come later). */
export class TaskipProvider implements TicketProvider {
  readonly key: string;
  readonly kind = 'taskip';
  readonly name: string;
  readonly capabilities = TASKIP_CAPABILITIES;
  readonly pageSize: number;
  private readonly client: TaskipClient;
  private readonly ctx: TaskipMapContext;

  constructor(config: ProviderInstanceConfig, limits: { defaultPageSize: number; maxPageSize: number }) {
    this.key = config.key;
    this.name = config.name;
    // TaskIP answers 422 beyond its maximum, so a larger configured size is capped.
    this.pageSize = Math.min(
      Math.max(1, Math.floor(config.pageSize ?? limits.defaultPageSize)),
      limits.maxPageSize,
    );
    const http = new UpstreamClient({
      provider: config.key,
      baseUrl: config.baseUrl,
      headers: { 'X-Secret-Key': config.credentials['secretKey'] ?? '' },
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
    });
    this.client = new TaskipClient(http, config.key);
    this.ctx = { providerKey: config.key, zoneOffsetMinutes: 0 };
  }

  async listTickets({ filter, page }: ListPageQuery): Promise<TicketPage> {
    if (cannotMatch(filter, this.key)) return { tickets: [], hasMore: false, total: null };
    const items = await this.client.listTickets({
      page,
      limit: this.pageSize,
      sort: 'created_at',
      order: 'desc',
      ...pushdown(filter),
    });
    const tickets = items.map((raw) => mapListTicket(raw, this.ctx));
    // Upstream sorts by the exact time, we see minutes: a stable sort keeps its order and guarantees ours.
    tickets.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    // No pagination meta and no total: a full page may have a successor.
    return { tickets, hasMore: items.length >= this.pageSize, total: null };
  }

  getTickets(remoteIds: readonly string[]): Promise<Array<Ticket | Error>> {
    return settleEach(remoteIds, DETAIL_CONCURRENCY, async (id) =>
      mapDetailTicket(await this.client.getTicket(id), this.ctx),
    );
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
