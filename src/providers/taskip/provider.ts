import { UpstreamClient } from '../http.js';
import { settleEach } from '../batch.js';
import type { Message, Ticket, TicketFilter, TicketPriority, TicketStatus } from '../model.js';
import type {
  ListPageQuery,
  ProviderCapability,
  ProviderInstanceConfig,
  TicketPage,
  TicketProvider,
} from '../provider.js';
import type { AddMessageInput, Category, CreateTicketInput } from '../writes.js';
import {
  FILTERABLE_PRIORITY,
  FILTERABLE_STATUS,
  PRIORITY_WORDS,
  STATUS_WORDS,
  UNIFIED_PRIORITIES,
  UNIFIED_STATUSES,
  type PriorityWord,
  type StatusWord,
} from './codes.js';
import { TaskipClient, type TaskipListQuery } from './client.js';
import { TaskipWriteClient } from './client-writes.js';
import { mapDetailTicket, mapListTicket, type TaskipMapContext } from './mapper.js';
import { UuidCache } from './uuid-cache.js';
import { TaskipWriter } from './writer.js';

/** Details fetched in parallel per batch: TaskIP has no batch read, and a burst limit of 100/min. */
const DETAIL_CONCURRENCY = 8;

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

/** Whether no TaskIP ticket can match the filter, so no request is needed. */
function cannotMatch(filter: TicketFilter, key: string): boolean {
  if (filter.providers?.length && !filter.providers.includes(key)) return true;
  const after = filter.createdAfter?.getTime();
  const before = filter.createdBefore?.getTime();
  return after !== undefined && before !== undefined && !(after < before);
}

/**
 * One configured TaskIP instance: the list and details, and the writes (see `writer.ts`).
 * Every uuid a read sees is remembered for the writes addressed by uuid.
 */
export class TaskipProvider implements TicketProvider {
  readonly key: string;
  readonly kind = 'taskip';
  readonly name: string;
  readonly capabilities = TASKIP_CAPABILITIES;
  readonly pageSize: number;
  /** TaskIP allows 1000 requests an hour per key: by default the poller may use about half. */
  readonly pollBudgetPerMinute: number;
  private readonly client: TaskipClient;
  private readonly ctx: TaskipMapContext;
  private readonly uuids = new UuidCache();
  private readonly writer: TaskipWriter;

  constructor(config: ProviderInstanceConfig, limits: { defaultPageSize: number; maxPageSize: number }) {
    this.key = config.key;
    this.name = config.name;
    this.pollBudgetPerMinute = config.pollBudgetPerMinute ?? 8;
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
    const writes = new TaskipWriteClient(http, config.key);
    this.writer = new TaskipWriter(this.client, writes, this.uuids, this.ctx);
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

  /** `POST /support-ticket`; the requester is not sent (TaskIP wants a user id) and the category is always null. */
  createTicket(input: CreateTicketInput): Promise<Ticket> {
    return this.writer.createTicket(input);
  }

  /** A reply (`POST /reply/{uuid}`), or with `internal` a private note (`POST /{uuid}/note-store`). */
  addMessage(input: AddMessageInput): Promise<{ message: Message; ticket: Ticket }> {
    return this.writer.addMessage(input);
  }

  /** `POST /status-update/{uuid}` `{status:int}`. */
  updateStatus(ticketRemoteId: string, status: TicketStatus): Promise<Ticket> {
    return this.writer.updateStatus(ticketRemoteId, status);
  }

  /** `POST /{uuid}/priority` `{priority:int}`. */
  updatePriority(ticketRemoteId: string, priority: TicketPriority): Promise<Ticket> {
    return this.writer.updatePriority(ticketRemoteId, priority);
  }

  /** Bulk action `assign` for one ticket; `assigneeId` is a TaskIP team member id. */
  assignTicket(ticketRemoteId: string, assigneeId: string): Promise<Ticket> {
    return this.writer.assignTicket(ticketRemoteId, assigneeId);
  }

  /** `DELETE /support-ticket/{id}`. */
  deleteTicket(ticketRemoteId: string): Promise<void> {
    return this.writer.deleteTicket(ticketRemoteId);
  }

  /** None: TaskIP's create route takes no category (its tickets' categories are not in the API). */
  categories(): Promise<Category[]> {
    return Promise.resolve([]);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
