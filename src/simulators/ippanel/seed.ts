import { Random, spreadTimes } from '../core/random.js';
import {
  AGENTS,
  AGENT_NOTES,
  AGENT_REPLIES,
  CATEGORIES,
  CUSTOMER_REPLIES,
  FILE_HOST,
  OPENINGS,
  RESELLER,
  USERS,
} from './content.js';
import type { Importance, SimForward, SimInteraction, SimTicket, StateId } from './types.js';

/** Ids of the first seeded ticket and interaction. */
export const FIRST_TICKET_ID = 100001;
export const FIRST_INTERACTION_ID = 700001;
/** Forward ids are this plus the ticket's ordinal (1 for the first ticket). */
export const FORWARD_ID_BASE = 500000;
const IMPORTANCES: readonly Importance[] = ['low', 'normal', 'acute'];
const STATES: readonly StateId[] = [1, 2, 3, 4, 5];
const MINUTE = 60_000;

/** Drops the milliseconds: IPPanel's timestamps have whole seconds. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** A file URL as IPPanel would serve an upload. */
export function fileUrl(random: Random, ticketId: number, ext: string): string {
  return `${FILE_HOST}/${ticketId}/${random.hex(16)}.${ext}`;
}

/**
 * The seeded tickets, oldest first with ascending ids. The first tickets cover every state,
 * importance and the 0 and 6 reply extremes, so small sizes still show all of them.
 */
export function seedTickets(seed: number, size: number, clock: number): SimTicket[] {
  const random = new Random(seed);
  // Laravel keeps whole seconds; the list and show formats must agree on every timestamp.
  const now = toSecond(clock);
  const times = spreadTimes(random, size, now).reverse().map(toSecond);
  const ids = { interaction: FIRST_INTERACTION_ID };
  return times.map((createdAt, i) => {
    const stateId = i < STATES.length ? (STATES[i] as StateId) : random.pick(STATES);
    const importance = i < IMPORTANCES.length ? (IMPORTANCES[i] as Importance) : random.pick(IMPORTANCES);
    const replies = i === 0 ? 0 : i === 1 ? 6 : random.int(0, 6);
    return seedTicket(random, { id: FIRST_TICKET_ID + i, createdAt, now, stateId, importance, replies }, ids);
  });
}

interface TicketSeed {
  id: number;
  createdAt: number;
  now: number;
  stateId: StateId;
  importance: Importance;
  replies: number;
}

function seedTicket(random: Random, s: TicketSeed, ids: { interaction: number }): SimTicket {
  const category = random.pick(CATEGORIES);
  const [subject, desc] = random.pick(OPENINGS[category.id] ?? [['Ticket', 'Ticket']]);
  const user = random.pick(USERS);
  const interactions = seedInteractions(random, s, user.uname, ids);
  const last = interactions.at(-1)?.createdAt ?? Math.min(s.now, s.createdAt + random.int(0, 60) * MINUTE);
  const closed = s.stateId === 4;
  return {
    id: s.id,
    userId: user.userId,
    uname: user.uname,
    parentId: RESELLER.userId,
    categoryId: category.id,
    subCategoryId: random.pick(category.subs).id,
    importance: s.importance,
    stateId: s.stateId,
    subject,
    desc,
    managerComment: random.chance(0.1) ? 'پیگیری شد' : null,
    closeDesc: closed && random.chance(0.6) ? 'مشکل برطرف شد' : null,
    adminSeen: s.stateId === 1 || s.stateId === 2 ? 0 : 1,
    userSeen: s.stateId === 3 ? 0 : 1,
    smsNotification: random.chance(0.5) ? 1 : 0,
    longestInteraction: interactions.length === 0 ? 0 : random.int(60, 90_000),
    rate: closed ? random.int(0, 5) : 0,
    rateComment: closed && random.chance(0.3) ? 'Quick and helpful answer' : null,
    jiraId: random.chance(0.3) ? 40000 + s.id - FIRST_TICKET_ID + 1 : null,
    createdAt: s.createdAt,
    updatedAt: last,
    attachment: random.chance(0.3) ? fileUrl(random, s.id, random.pick(['png', 'jpg', 'zip'])) : null,
    forward: s.stateId === 5 || random.chance(0.3) ? seedForward(random, s, user.userId) : null,
    interactions,
  };
}

/** A forward to another department: every forwarded ticket (state 5) has one, some others too. */
function seedForward(random: Random, s: TicketSeed, from: number): SimForward {
  return {
    id: FORWARD_ID_BASE + s.id - FIRST_TICKET_ID + 1,
    from,
    to: random.pick([1, 2, 3]),
    createdAt: s.createdAt,
    updatedAt: Math.min(s.now, s.createdAt + random.int(0, 30) * MINUTE),
    seen: random.chance(0.5) ? 1 : 0,
  };
}

/** Replies alternate agent / customer, spread between the ticket's creation and `now`. */
function seedInteractions(
  random: Random,
  s: TicketSeed,
  uname: string,
  ids: { interaction: number },
): SimInteraction[] {
  const span = Math.max(s.replies * MINUTE, (s.now - s.createdAt) * 0.9);
  const fractions = Array.from({ length: s.replies }, () => random.next()).sort((a, b) => a - b);
  return fractions.map((f, k) => {
    const createdAt =
      s.createdAt + MINUTE * (k + 1) + Math.floor((f * (span - s.replies * MINUTE)) / MINUTE) * MINUTE;
    const agent = k % 2 === 0 ? random.pick(AGENTS) : null;
    const note = agent !== null && random.chance(0.15);
    const attach = random.chance(agent ? 0.1 : 0.25);
    return {
      id: ids.interaction++,
      description: random.pick(agent ? (note ? AGENT_NOTES : AGENT_REPLIES) : CUSTOMER_REPLIES),
      agentId: agent?.id ?? null,
      agentUsername: agent?.username ?? null,
      username: agent ? null : uname,
      createdAt: Math.min(createdAt, s.now),
      attachment: attach ? fileUrl(random, s.id, agent ? 'zip' : 'png') : null,
      private: note,
    };
  });
}
