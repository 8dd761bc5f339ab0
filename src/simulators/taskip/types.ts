/**
 * TaskIP's vocabulary and the records the simulator keeps, from the provider docs
 * (`../shared/providers/`: `003_…` and the README's TaskIP section).
 */

/** Where the support-ticket routes live, below the provider's host. */
export const TICKETS_PATH = '/api/public-v1/support-ticket';

/**
 * Status words by TaskIP's integer code: 0 Open, 1 In Progress, 2 Resolved, 3 Closed,
 * 4 Pending. The first four are the words of the list's `status` filter; the docs give no
 * word for 4 (`pending` is ours, and the filter refuses it).
 */
export const STATUS_WORDS = ['open', 'in_progress', 'resolved', 'closed', 'pending'] as const;
export type StatusWord = (typeof STATUS_WORDS)[number];

/**
 * Priority words by TaskIP's integer code: 0 Low, 1 Normal, 2 Medium, 3 High, 4 Urgent. The
 * list's `priority` filter takes `low`, `medium`, `high`, `urgent` (no `normal`).
 */
export const PRIORITY_WORDS = ['low', 'normal', 'medium', 'high', 'urgent'] as const;
export type PriorityWord = (typeof PRIORITY_WORDS)[number];

/** The values the list's `status` filter accepts. */
export const FILTERABLE_STATUS: readonly StatusWord[] = ['open', 'in_progress', 'resolved', 'closed'];

/** The values the list's `priority` filter accepts. */
export const FILTERABLE_PRIORITY: readonly PriorityWord[] = ['low', 'medium', 'high', 'urgent'];

/** The list's `sort` fields. */
export const SORT_FIELDS = ['created_at', 'updated_at', 'priority', 'status'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** The list's `limit`: 50 by default, at most 100. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** A TaskIP user: a team member or a client. */
export interface SimPerson {
  id: number;
  name: string;
  email: string;
}

/** A media-library file; tickets and replies refer to it by id. */
export interface SimMedia {
  id: number;
  url: string;
  name: string;
  size: number;
}

/** A reply or a note (notes are private team-member replies that `note-delete` can remove). */
export interface SimReply {
  id: number;
  message: string;
  author: SimPerson;
  authorType: 'team_member' | 'client' | 'system';
  isPrivate: boolean;
  isNote: boolean;
  /** Kept for the reply answer; the documented Reply Object has no attachment field. */
  attachment: SimMedia | null;
  createdAt: number;
}

/** A support ticket as the simulator holds it; more than the item shape shows (filters use it). */
export interface SimTicket {
  id: number;
  uuid: string;
  subject: string;
  description: string | null;
  priority: number;
  status: number;
  createdBy: SimPerson;
  user: SimPerson;
  attachment: SimMedia | null;
  category: string;
  assignedTo: number | null;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  replies: SimReply[];
}

/** The whole in-memory state of one simulator. */
export interface SimData {
  tickets: Map<number, SimTicket>;
  users: Map<number, SimPerson>;
  teamIds: Set<number>;
  media: Map<number, SimMedia>;
  nextTicketId: number;
  nextReplyId: number;
}
