import type { DemoOptions } from '../core/random.js';
import { demoData, instantString } from './seed.js';
import type { NewTicket, SimTicket } from './types.js';

/**
 * The simulator's in-memory `support_tickets` table: tickets by id with their attachments,
 * and the two id sequences a JPA backend would hand out. Reads return copies, so a caller
 * cannot change the stored rows by accident.
 */
export class KinconectaStore {
  private tickets = new Map<number, SimTicket>();
  private nextTicketId = 1;
  private nextAttachmentId = 1;

  constructor(private readonly options: DemoOptions = {}) {
    this.reset();
  }

  /** Restores the seeded demo data and sequences. */
  reset(): void {
    const data = demoData(this.options);
    this.tickets = new Map(data.tickets.map((t) => [Number(t.id), t]));
    this.nextTicketId = data.nextTicketId;
    this.nextAttachmentId = data.nextAttachmentId;
  }

  /** Every ticket, in id order (what `findAll()` on the primary key index returns). */
  list(): SimTicket[] {
    return [...this.tickets.values()]
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((t) => structuredClone(t));
  }

  get(id: number): SimTicket | undefined {
    const ticket = this.tickets.get(id);
    return ticket && structuredClone(ticket);
  }

  /**
   * Changes a ticket's status the way staff do in Kinconecta's back office: the row's
   * `updatedAt` becomes the change time (never before `createdAt`, so a demo clock set in the
   * future stays consistent). Setting the status it already has changes nothing, as a JPA save
   * of an unchanged row would not bump the timestamp. Returns the ticket, or undefined when unknown.
   */
  setStatus(id: number, status: string, at: number): SimTicket | undefined {
    const ticket = this.tickets.get(id);
    if (!ticket) return undefined;
    if (ticket.status !== status) {
      ticket.status = status;
      ticket.updatedAt = instantString(Math.max(at, Date.parse(ticket.createdAt)));
    }
    return structuredClone(ticket);
  }

  /**
   * Inserts a validated create request with fresh ids. Timestamps are stored as instants and
   * written back in UTC (`Z`), like a Java `Instant` field, whatever offset the client sent.
   */
  create(input: NewTicket): SimTicket {
    const id = this.nextTicketId++;
    const ticket: SimTicket = {
      id,
      roleContext: input.roleContext,
      fullName: input.fullName,
      email: input.email,
      subject: input.subject,
      category: input.category,
      message: input.message,
      status: input.status,
      createdAt: instantString(Date.parse(input.createdAt)),
      updatedAt: instantString(Date.parse(input.updatedAt)),
      attachments: (input.attachments ?? []).map((a) => ({
        id: this.nextAttachmentId++,
        fileName: a.fileName,
        fileUrl: a.fileUrl,
      })),
    };
    this.tickets.set(id, ticket);
    return structuredClone(ticket);
  }
}
