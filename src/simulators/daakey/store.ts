import type { DemoOptions } from '../core/random.js';
import { AGENTS } from './content.js';
import { generateDemo, type DemoData } from './seed.js';
import type { DaakeyStatus, NewMessage, NewTicket, SimBooking, SimMessage, SimTicket } from './types.js';

/**
 * The simulator's in-memory data for one agency client: its tickets and bookings. Writes
 * change it; `reset()` restores the seeded demo data.
 */
export class DaakeyStore {
  private data: DemoData;

  constructor(private readonly options: DemoOptions) {
    this.data = generateDemo(options);
  }

  reset(): void {
    this.data = generateDemo(this.options);
  }

  /** The name of the client the credentials belong to (the `sender_name` of its messages). */
  get clientName(): string {
    return this.data.clientName;
  }

  /** Tickets newest first (ties: higher id first), optionally of one status. */
  list(status?: DaakeyStatus): SimTicket[] {
    return [...this.data.tickets.values()]
      .filter((t) => status === undefined || t.status === status)
      .sort((a, b) => b.created_at - a.created_at || b.id - a.id);
  }

  get(id: number): SimTicket | undefined {
    return this.data.tickets.get(id);
  }

  booking(id: number): SimBooking | undefined {
    return this.data.bookings.find((b) => b.id === id);
  }

  /** The client viewed the ticket: every message counts as read from now on. */
  markRead(ticket: SimTicket): void {
    for (const m of ticket.messages) m.read = true;
  }

  create(input: NewTicket): SimTicket {
    const at = this.tick();
    const id = this.data.nextTicketId++;
    const ticket: SimTicket = {
      id,
      reference: `TK-${new Date(at).getUTCFullYear()}-${String(id).padStart(5, '0')}`,
      subject: input.subject,
      status: 'open',
      priority: input.priority,
      category: input.category,
      booking: input.booking,
      created_at: at,
      updated_at: at,
      messages: [],
    };
    this.data.tickets.set(id, ticket);
    this.append(ticket, { ...input, sender: 'client', sender_name: this.clientName }, at);
    return ticket;
  }

  /** Adds a message now; the ticket's last message and `updated_at` follow. */
  addMessage(ticket: SimTicket, input: NewMessage): SimMessage {
    return this.append(ticket, input, this.tick());
  }

  /**
   * An agent's reply from the agency's own desk: unread by the client until it views the
   * ticket (so `unread_count` grows), the newest message (`last_message`, `last_message_at`,
   * `updated_at` follow), and an `open` ticket is now being handled (`in_progress`). A closed
   * ticket takes no messages, from either side. By default the agent already on the ticket answers.
   */
  supportReply(ticket: SimTicket, text: string, attachments: string[] = [], senderName?: string): SimMessage {
    if (ticket.status === 'closed')
      throw new Error(`Daakey ticket ${ticket.id} is closed: it takes no messages`);
    if (text.trim() === '') throw new Error('a reply needs a non-empty body');
    const agent = ticket.messages.findLast((m) => m.sender === 'support')?.sender_name;
    const added = this.addMessage(ticket, {
      message: text,
      attachments,
      sender: 'support',
      sender_name: senderName ?? agent ?? AGENTS[0]!,
    });
    if (ticket.status === 'open') ticket.status = 'in_progress';
    return added;
  }

  /** An agent sets the status; like a Laravel save, only a change touches `updated_at`. */
  setStatus(ticket: SimTicket, status: DaakeyStatus): void {
    if (ticket.status === status) return;
    ticket.status = status;
    ticket.updated_at = this.tick();
  }

  private append(ticket: SimTicket, input: NewMessage, at: number): SimMessage {
    const message: SimMessage = {
      id: this.data.nextMessageId++,
      message: input.message,
      sender: input.sender,
      sender_name: input.sender_name,
      attachments: [...input.attachments],
      created_at: at,
      // The client has obviously seen what it wrote itself.
      read: input.sender === 'client',
    };
    ticket.messages.push(message);
    ticket.updated_at = at;
    return message;
  }

  /**
   * The time of a write: the wall clock, but never before the newest stored time, so a write
   * is always the newest even when the demo data was seeded with a `now` in the future.
   */
  private tick(): number {
    const now = Math.floor(Date.now() / 1000) * 1000;
    this.data.latest = Math.max(now, this.data.latest + 1000);
    return this.data.latest;
  }
}
