import type { Ticket, TicketFilter } from './model.js';
import type { Category, ProviderFeatures, TicketWrites, WriteName } from './writes.js';

/** What a provider can do; `Provider.capabilities` in the schema, which answers them in this order. */
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

/** The reads every provider has: `listTickets`, and `getTickets` with messages. */
const READ_CAPABILITIES: readonly ProviderCapability[] = ['LIST_TICKETS', 'READ_TICKET', 'READ_MESSAGES'];

/** The capability each write is; `satisfies` keeps a new write from going without one. */
export const WRITE_CAPABILITIES = {
  createTicket: 'CREATE_TICKET',
  addMessage: 'ADD_MESSAGE',
  updateStatus: 'UPDATE_STATUS',
  updatePriority: 'UPDATE_PRIORITY',
  assignTicket: 'ASSIGN_TICKET',
  deleteTicket: 'DELETE_TICKET',
} as const satisfies Record<WriteName, ProviderCapability>;

/** The capability each feature is. */
const FEATURE_CAPABILITIES = {
  uploadFiles: 'UPLOAD_FILES',
  attachmentUrls: 'ATTACHMENT_URLS',
  internalNotes: 'INTERNAL_NOTES',
} as const satisfies Record<keyof ProviderFeatures, ProviderCapability>;

/** `Object.entries` of a record, keeping its key type. */
function entries<K extends string, V>(record: Record<K, V>): Array<[K, V]> {
  return Object.entries(record) as Array<[K, V]>;
}

/**
 * What `provider` can do, in `CAPABILITIES` order: the reads, each write it has and each
 * feature it declares. The one place capabilities come from, so they cannot disagree with
 * what the provider implements.
 */
export function capabilitiesOf(provider: Pick<TicketProvider, 'writes' | 'features'>): ProviderCapability[] {
  const has = new Set<ProviderCapability>(READ_CAPABILITIES);
  for (const [name, capability] of entries(WRITE_CAPABILITIES)) {
    if (provider.writes[name]) has.add(capability);
  }
  for (const [name, capability] of entries(FEATURE_CAPABILITIES)) {
    if (provider.features[name]) has.add(capability);
  }
  return CAPABILITIES.filter((c) => has.has(c));
}

/** One page request of a provider's list. */
export interface ListPageQuery {
  /**
   * The unified filter. The provider pushes down what its API supports and may return
   * tickets that do not match the rest: the gateway re-applies the whole filter. The gateway
   * has already made the checks common to every provider (`src/federation/checks.ts`):
   * `providers` is never set (the gateway selects the providers) and a creation range is
   * never empty (`createdAfter` is before `createdBefore`).
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
 * One configured provider instance: its reads, a map of the writes it has and the features
 * of its API. Its capabilities are derived from those (`capabilitiesOf`), never listed.
 * Every method that takes several keys is shaped for DataLoader: results (or errors) come
 * back in the order of the keys, one per key. Transport and upstream failures reject with
 * `UpstreamError` (see `../errors.ts`).
 */
export interface TicketProvider {
  /** The configured instance's key, e.g. `daakey` or `taskip-eu`. */
  readonly key: string;
  /** The provider kind, e.g. `taskip`. */
  readonly kind: string;
  /** Human-readable name of the instance. */
  readonly name: string;
  /** The writes the provider's API can do; an absent one is a capability it lacks. */
  readonly writes: TicketWrites;
  /** Facts of the API (files, attachment URLs, internal notes) the gateway checks writes against. */
  readonly features: ProviderFeatures;
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
  /**
   * The categories `createTicket` accepts: the ones the provider is known to have, and those
   * seen on its tickets (the provider may read its first list page for them, and cache them).
   * Absent, or empty, when it takes none.
   */
  categories?(): Promise<Category[]>;
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
  /** Upstream page size; the kind's default when not configured (see `ResolvedInstanceConfig`). */
  pageSize?: number;
  /** Largest upstream response body accepted, in bytes. */
  maxResponseBytes: number;
  /** Overrides the kind's poll budget (requests a minute), e.g. for a raised rate limit. */
  pollBudgetPerMinute?: number;
}

/**
 * An instance's configuration as its kind receives it: the page size resolved by the gateway
 * (`upstreamPageSize` in `src/federation/checks.ts`: the kind's default when not configured,
 * within 1 and the kind's maximum), so a provider takes it as it is.
 */
export interface ResolvedInstanceConfig extends ProviderInstanceConfig {
  pageSize: number;
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
  /** The page size of an instance that configures none. */
  readonly defaultPageSize: number;
  /** The largest page size the upstream accepts (configurations asking more are refused). */
  readonly maxPageSize: number;
  create(config: ResolvedInstanceConfig): TicketProvider;
}
