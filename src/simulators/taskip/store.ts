import type { DemoOptions } from '../core/random.js';
import { seedTaskipData } from './seed.js';
import type { SimData, SimMedia, SimPerson, SimReply, SimTicket } from './types.js';

/** The user the simulator's secret key belongs to: the author of API writes (the docs' `created_by`). */
export const API_USER: SimPerson = { id: 1, name: 'Admin User', email: 'admin@taskip.com' };

/** The in-memory TaskIP workspace: seeded demo data that writes change and `reset` restores. */
export class TaskipStore {
  data: SimData;

  constructor(
    private readonly demo: Required<DemoOptions>,
    /** The simulator's clock, in ms since the epoch. */
    readonly clock: () => number,
  ) {
    this.data = seedTaskipData(demo);
  }

  reset(): void {
    this.data = seedTaskipData(this.demo);
  }

  /** Now on the simulator's clock, to the second (TaskIP stores seconds). */
  now(): number {
    return Math.floor(this.clock() / 1000) * 1000;
  }

  byId(raw: string): SimTicket | undefined {
    return /^\d+$/.test(raw) ? this.data.tickets.get(Number(raw)) : undefined;
  }

  byUuid(uuid: string): SimTicket | undefined {
    for (const t of this.data.tickets.values()) if (t.uuid === uuid) return t;
    return undefined;
  }

  /** A created ticket's uuid: deterministic, in the docs' pattern (ticket 46 → `…-446655440046`). */
  static uuidFor(id: number): string {
    return `550e8400-e29b-41d4-a716-${446655440000 + id}`;
  }

  /** Creates a ticket from validated fields. */
  create(fields: {
    subject: string;
    priority: number;
    status: number;
    description: string | null;
    attachment: SimMedia | null;
    createdBy: SimPerson;
    user: SimPerson;
  }): SimTicket {
    const at = this.now();
    const id = this.data.nextTicketId++;
    const ticket: SimTicket = {
      ...fields,
      id,
      uuid: TaskipStore.uuidFor(id),
      category: 'General Inquiry',
      assignedTo: null,
      tags: [],
      createdAt: at,
      updatedAt: at,
      replies: [],
    };
    this.data.tickets.set(ticket.id, ticket);
    return ticket;
  }

  /** Applies a validated partial update and bumps `updated_at`. */
  update(ticket: SimTicket, patch: Partial<SimTicket>): SimTicket {
    Object.assign(ticket, patch, { updatedAt: this.now() });
    return ticket;
  }

  delete(id: number): void {
    this.data.tickets.delete(id);
  }

  /**
   * Adds a team member's reply (or note) and bumps `updated_at`: by the API user for API
   * writes, by another member for the agent desk.
   */
  addReply(
    ticket: SimTicket,
    message: string,
    attachment: SimMedia | null,
    isNote: boolean,
    author: SimPerson = API_USER,
  ): SimReply {
    const reply: SimReply = {
      id: this.data.nextReplyId++,
      message,
      author,
      authorType: 'team_member',
      isPrivate: isNote,
      isNote,
      attachment,
      createdAt: this.now(),
    };
    ticket.replies.push(reply);
    ticket.updatedAt = reply.createdAt;
    return reply;
  }
}
