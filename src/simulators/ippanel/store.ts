import { Random } from '../core/random.js';
import { AGENTS, RESELLER } from './content.js';
import {
  FIRST_INTERACTION_ID,
  FIRST_TICKET_ID,
  FORWARD_ID_BASE,
  fileUrl,
  seedTickets,
  toSecond,
} from './seed.js';
import type { SimInteraction, SimTicket, StateId } from './types.js';

/** The list route's filters, already validated. */
export interface ListQuery {
  username?: string;
  ticketId?: number;
  categoryId?: number;
  subCategoryId?: number;
  stateId?: number;
}

/** A new ticket, as the create route passes it on. */
export interface NewTicket {
  subject: string;
  categoryId: number;
  description: string;
  smsNotification: 0 | 1;
  fileExt?: string;
}

/** The in-memory tickets of one IPPanel simulator; writes change them, `reset` restores the seed. */
export class IppanelStore {
  private tickets: SimTicket[] = [];
  private nextInteractionId = FIRST_INTERACTION_ID;
  private random = new Random(1);

  constructor(
    private readonly seed: number,
    private readonly size: number,
    private readonly now: number,
  ) {
    this.reset();
  }

  /** Restores the seeded demo data. */
  reset(): void {
    this.tickets = seedTickets(this.seed, this.size, this.now);
    const ids = this.tickets.flatMap((t) => t.interactions.map((i) => i.id));
    this.nextInteractionId = Math.max(FIRST_INTERACTION_ID - 1, ...ids) + 1;
    // Upload names come from their own generator so writes never shift the seeded data.
    this.random = new Random(this.seed ^ 0x5eed);
  }

  /** Write time: the real clock, but never before the seeded `now`, so new tickets stay newest. */
  clock(): number {
    return toSecond(Math.max(Date.now(), this.now));
  }

  /** Matching tickets, newest first (id descending: our decision, the docs do not say). */
  list(q: ListQuery): SimTicket[] {
    return this.tickets
      .filter(
        (t) =>
          (q.username === undefined || t.uname === q.username) &&
          (q.ticketId === undefined || t.id === q.ticketId) &&
          (q.categoryId === undefined || t.categoryId === q.categoryId) &&
          (q.subCategoryId === undefined || t.subCategoryId === q.subCategoryId) &&
          (q.stateId === undefined || t.stateId === q.stateId),
      )
      .sort((a, b) => b.id - a.id);
  }

  find(id: number): SimTicket | undefined {
    return this.tickets.find((t) => t.id === id);
  }

  /** Adds the reseller's reply; the ticket then waits for support (state 2). */
  addInteraction(ticket: SimTicket, description: string, fileExt?: string): SimInteraction {
    const at = this.clock();
    const interaction: SimInteraction = {
      id: this.nextInteractionId++,
      description,
      agentId: null,
      agentUsername: null,
      username: RESELLER.uname,
      createdAt: at,
      attachment: fileExt ? fileUrl(this.random, ticket.id, fileExt) : null,
      private: false,
    };
    ticket.interactions.push(interaction);
    ticket.updatedAt = at;
    ticket.stateId = 2 satisfies StateId;
    ticket.adminSeen = 0;
    ticket.userSeen = 1;
    return interaction;
  }

  /** An agent's reply from the `/__sim` desk: a public one marks the ticket answered (state 3). */
  addAgentReply(ticket: SimTicket, description: string, internal: boolean): SimInteraction {
    const at = this.clock();
    const agent = AGENTS[0] ?? { id: 1, username: 'support' };
    const interaction: SimInteraction = {
      id: this.nextInteractionId++,
      description,
      agentId: agent.id,
      agentUsername: agent.username,
      username: null,
      createdAt: at,
      attachment: null,
      private: internal,
    };
    ticket.interactions.push(interaction);
    ticket.updatedAt = at;
    // The agent has read the ticket to answer it; a public answer is news for the customer.
    ticket.adminSeen = 1;
    if (!internal) {
      ticket.stateId = 3;
      ticket.userSeen = 0;
    }
    return interaction;
  }

  /**
   * Staff change the state in the panel. Like Laravel's `save()`, an unchanged state touches
   * nothing (no `updated_at` bump); forwarding records a forward to another department.
   */
  setState(ticket: SimTicket, stateId: StateId): void {
    if (ticket.stateId === stateId) return;
    const at = this.clock();
    ticket.stateId = stateId;
    ticket.updatedAt = at;
    ticket.adminSeen = 1;
    if (stateId === 5) {
      const id = ticket.forward?.id ?? FORWARD_ID_BASE + ticket.id - FIRST_TICKET_ID + 1;
      ticket.forward = { id, from: ticket.userId, to: 1, createdAt: at, updatedAt: at, seen: 0 };
    }
  }

  /** Opens a ticket for the reseller itself: state 1, importance `normal`, no sub-category. */
  create(input: NewTicket): SimTicket {
    const at = this.clock();
    const id = Math.max(0, ...this.tickets.map((t) => t.id)) + 1;
    const ticket: SimTicket = {
      id,
      userId: RESELLER.userId,
      uname: RESELLER.uname,
      parentId: null, // the reseller has no parent account in the panel (decision)
      categoryId: input.categoryId,
      subCategoryId: null,
      importance: 'normal',
      stateId: 1,
      subject: input.subject,
      desc: input.description,
      managerComment: null,
      closeDesc: null,
      adminSeen: 0,
      userSeen: 1,
      smsNotification: input.smsNotification,
      longestInteraction: 0,
      rate: 0,
      rateComment: null,
      jiraId: null,
      createdAt: at,
      updatedAt: at,
      attachment: input.fileExt ? fileUrl(this.random, id, input.fileExt) : null,
      forward: null,
      interactions: [],
    };
    this.tickets.push(ticket);
    return ticket;
  }
}
