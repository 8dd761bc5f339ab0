import type { Importance, StateId } from './states.js';

export { STATE_NAMES, type Importance, type StateId } from './states.js';

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
