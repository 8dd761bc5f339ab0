/**
 * TaskIP's integer codes and the words its list filter uses for them. Shared by the mapper
 * (remoteStatus / remotePriority), the writes (codes sent) and the client (filter values),
 * so all read one table. The simulator keeps its own table (`src/simulators/taskip/types.ts`).
 */

/** Status words by TaskIP's integer code (0 Open … 4 Pending). */
export const STATUS_WORDS = ['open', 'in_progress', 'resolved', 'closed', 'pending'] as const;
export type StatusWord = (typeof STATUS_WORDS)[number];

/** Priority words by TaskIP's integer code (0 Low … 4 Urgent). */
export const PRIORITY_WORDS = ['low', 'normal', 'medium', 'high', 'urgent'] as const;
export type PriorityWord = (typeof PRIORITY_WORDS)[number];

/** Unified statuses by TaskIP's integer code: the index is the code writes send. */
export const UNIFIED_STATUSES = ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'PENDING'] as const;

/** Unified priorities by TaskIP's integer code: the index is the code writes send. */
export const UNIFIED_PRIORITIES = ['LOW', 'NORMAL', 'MEDIUM', 'HIGH', 'URGENT'] as const;

/** Status words the list's `status` filter accepts: `pending` cannot be filtered upstream. */
export const FILTERABLE_STATUS: readonly StatusWord[] = ['open', 'in_progress', 'resolved', 'closed'];

/** Priority words the list's `priority` filter accepts: `normal` cannot be filtered upstream. */
export const FILTERABLE_PRIORITY: readonly PriorityWord[] = ['low', 'medium', 'high', 'urgent'];

/** Sort fields the list accepts. */
export const SORT_FIELDS = ['created_at', 'updated_at', 'priority', 'status'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** The largest `limit` the list accepts, and its default. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 50;

/** Where the support-ticket routes live, below the provider's host. */
export const TICKETS_PATH = '/api/public-v1/support-ticket';
