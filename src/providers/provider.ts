import type { Ticket, TicketFilter } from './model.js';
import type { TicketWrites } from './writes.js';

/** What a provider can do; `Provider.capabilities` in the schema. */
export const CAPABILITIES = [
  'LIST_TICKETS',
  'READ_TICKET',
  'READ_MESSAGES',
  'CREATE_TICKET',
  'ADD_MESSAGE',
  'UPDATE_STATUS',
  'UPDATE_PRIORITY',
  'ASSIGN_TICKET',
  'DELETE_TICKET',
  'UPLOAD_FILES',
  'ATTACHMENT_URLS',
  'INTERNAL_NOTES',
] as const;
export type ProviderCapability = (typeof CAPABILITIES)[number];

/** One page request of a provider's list. */
export interface ListPageQuery {
  /**
   * The unified filter. The provider pushes down what its API supports and may return
   * tickets that do not match the rest: the gateway re-applies the whole filter.
   */
  filter: TicketFilter;
  /** 1-based upstream page number. */
  page: number;
}

/** One upstream page, in the provider's list order. */
export interface TicketPage {
  /** Newest first by `createdAt` (ties in any order): the gateway's merge relies on it. */
  tickets: Ticket[];
  /** Whether a later page may hold more tickets. */
  hasMore: boolean;
  /**
   * The number of tickets matching `filter`, when the upstream reports it and the whole filter
   * was pushed down; `null` when only walking every page can tell.
   */
  total: number | null;
}

/**
 * One configured provider instance. Every method that takes several keys is shaped for
 * DataLoader: results (or errors) come back in the order of the keys, one per key.
 * Transport and upstream failures reject with `UpstreamError` (see `../errors.ts`).
 */
export interface TicketProvider extends TicketWrites {
  /** The configured instance's key, e.g. `daakey` or `taskip-eu`. */
  readonly key: string;
  /** The provider kind, e.g. `taskip`. */
  readonly kind: string;
  /** Human-readable name of the instance. */
  readonly name: string;
  readonly capabilities: readonly ProviderCapability[];
  /** Upstream page size this instance uses; fixed for its lifetime so cursors stay valid. */
  readonly pageSize: number;
  /**
   * Upstream requests a minute the change poller may spend on this instance, where the
   * provider rate-limits (TaskIP); unlimited when absent.
   */
  readonly pollBudgetPerMinute?: number;
  /** One page of the provider's ticket list. */
  listTickets(query: ListPageQuery): Promise<TicketPage>;
  /**
   * Full tickets (every field, messages and attachments loaded) by remote id. A ticket that
   * does not exist is an `UpstreamError` with code `NOT_FOUND` in its slot.
   */
  getTickets(remoteIds: readonly string[]): Promise<Array<Ticket | Error>>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** A configured provider instance, as `config.ts` resolves it. */
export interface ProviderInstanceConfig {
  key: string;
  kind: string;
  name: string;
  baseUrl: string;
  /** Resolved credentials, by the names the kind declares (values read from env at startup). */
  credentials: Record<string, string>;
  /** Deadline of one upstream request, in ms. */
  timeoutMs: number;
  /** Upstream page size; the kind's default when not configured. */
  pageSize?: number;
  /** Largest upstream response body accepted, in bytes. */
  maxResponseBytes: number;
  /** Overrides the kind's poll budget (requests a minute), e.g. for a raised rate limit. */
  pollBudgetPerMinute?: number;
}

/**
 * A provider kind: its credentials, page sizes and how to build instances.
 * The registry lists the kinds; nothing else in the gateway knows their names.
 */
export interface ProviderKind {
  readonly kind: string;
  readonly displayName: string;
  /** Names of the credentials an instance needs, e.g. `['token', 'signature']`. */
  readonly credentialNames: readonly string[];
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  create(config: ProviderInstanceConfig): TicketProvider;
}
