/**
 * IPPanel's vocabulary and the records the simulator keeps, from the provider docs
 * (`../shared/providers/`: `002_…` and the README's IPPanel section).
 */

/** `importance` values: the docs' example shows `acute`; the README lists `low`, `normal`, `acute`. */
export type Importance = 'low' | 'normal' | 'acute';

/**
 * `state_id` values, as the docs list them: 1 waiting for response, 2 waiting for support,
 * 3 answered, 4 closed, 5 forwarded to another department.
 */
export type StateId = 1 | 2 | 3 | 4 | 5;

/**
 * `state.name` per `state_id`. Only `replied` (3) appears in the docs' example; the other
 * names are our decision, derived from the documented labels.
 */
export const STATE_NAMES: Readonly<Record<StateId, string>> = {
  1: 'waiting_response',
  2: 'waiting_support',
  3: 'replied',
  4: 'closed',
  5: 'forwarded',
};

/** A ticket category with its sub-categories. */
export interface SimCategory {
  id: number;
  name: string;
  subs: ReadonlyArray<{ id: number; title: string }>;
}

/** One reply on a ticket, as the simulator stores it (times in ms since the epoch). */
export interface SimInteraction {
  id: number;
  description: string;
  agentId: number | null;
  agentUsername: string | null;
  /** The customer's username on customer replies; null on agent replies (decision). */
  username: string | null;
  createdAt: number;
  attachment: string | null;
  private: boolean;
}

/** A ticket's forward record (present on forwarded tickets and some others). */
export interface SimForward {
  id: number;
  from: number;
  to: number;
  createdAt: number;
  updatedAt: number;
  seen: 0 | 1;
}

/** One ticket as the simulator stores it; rendered into the list and show shapes. */
export interface SimTicket {
  id: number;
  userId: number;
  uname: string;
  parentId: number | null;
  categoryId: number;
  subCategoryId: number | null;
  importance: Importance;
  stateId: StateId;
  subject: string;
  desc: string;
  managerComment: string | null;
  closeDesc: string | null;
  adminSeen: 0 | 1;
  userSeen: 0 | 1;
  smsNotification: 0 | 1;
  longestInteraction: number;
  rate: number;
  rateComment: string | null;
  jiraId: number | null;
  createdAt: number;
  updatedAt: number;
  attachment: string | null;
  forward: SimForward | null;
  interactions: SimInteraction[];
}
