import { UpstreamError } from '../../errors.js';
import type { Message, Ticket, TicketPriority, TicketStatus } from '../model.js';
import { afterWrite } from '../write-policy.js';
import type { AddMessageInput, CreateTicketInput } from '../writes.js';
import type { TaskipClient } from './client.js';
import type { TaskipWriteClient } from './client-writes.js';
import { mapDetailTicket, type TaskipMapContext } from './mapper.js';
import { mapNoteAnswer, mapReplyAnswer, priorityCode, statusCode } from './mapper-writes.js';
import type { UuidCache } from './uuid-cache.js';
import { notFoundRejection } from './write-errors.js';
import { checkAssignee, checkCreate, checkMessage, ticketIdOf } from './write-input.js';

/** TaskIP's priority when the input names none: 1 Normal, TaskIP's own middle ground. */
const DEFAULT_PRIORITY = 1;
/** A created ticket starts Open. */
const OPEN = 0;

/**
 * The writes of one TaskIP instance: local checks, the single upstream write, and the fresh
 * ticket re-read from `GET /support-ticket/{id}` (replies included) after it. Writes by uuid
 * look the uuid up once per ticket (`UuidCache`).
 */
export class TaskipWriter {
  constructor(
    private readonly reader: TaskipClient,
    private readonly writes: TaskipWriteClient,
    private readonly uuids: UuidCache,
    private readonly ctx: TaskipMapContext,
  ) {}

  private get key(): string {
    return this.ctx.providerKey;
  }

  async createTicket(input: CreateTicketInput): Promise<Ticket> {
    checkCreate(this.key, input);
    // The requester is not sent: `user_id` is a TaskIP user id, which a name and email are not.
    const created = await this.writes.createTicket({
      subject: input.subject,
      priority: input.priority === null ? DEFAULT_PRIORITY : priorityCode(input.priority),
      status: OPEN,
      description: input.body,
    });
    this.uuids.remember(created.id, created.uuid);
    // Should the re-read fail, the answer is the whole new ticket but for replies automations may add.
    return this.fresh(created.id, 'create', () => mapDetailTicket(created, this.ctx));
  }

  async addMessage(input: AddMessageInput): Promise<{ message: Message; ticket: Ticket }> {
    const id = ticketIdOf(this.key, input.ticketRemoteId);
    checkMessage(this.key, input);
    const uuid = await this.uuidOf(id);
    let answered: Message;
    if (input.internal) answered = mapNoteAnswer(await this.writes.storeNote(uuid, input.body), this.ctx);
    else answered = mapReplyAnswer(await this.writes.reply(uuid, input.body), this.ctx);
    const ticket = await this.fresh(id, input.internal ? 'note' : 'reply');
    // The detail's Reply Object is the fuller record (seconds, author name); the answer is the fallback.
    const message = ticket.messages?.find((m) => m.remoteId === answered.remoteId) ?? answered;
    return { message, ticket };
  }

  async updateStatus(ticketRemoteId: string, status: TicketStatus): Promise<Ticket> {
    const id = ticketIdOf(this.key, ticketRemoteId);
    await this.writes.updateStatus(await this.uuidOf(id), statusCode(status));
    return this.fresh(id, 'status update');
  }

  async updatePriority(ticketRemoteId: string, priority: TicketPriority): Promise<Ticket> {
    const id = ticketIdOf(this.key, ticketRemoteId);
    await this.writes.updatePriority(await this.uuidOf(id), priorityCode(priority));
    return this.fresh(id, 'priority update');
  }

  async assignTicket(ticketRemoteId: string, assigneeId: string): Promise<Ticket> {
    const id = ticketIdOf(this.key, ticketRemoteId);
    const member = checkAssignee(this.key, assigneeId);
    // By numeric id: the bulk route needs no uuid, and answers an unknown id itself.
    await this.writes.assign(id, member);
    return this.fresh(id, 'assign');
  }

  async deleteTicket(ticketRemoteId: string): Promise<void> {
    const id = ticketIdOf(this.key, ticketRemoteId);
    await this.writes.deleteTicket(id);
    this.uuids.forget(id);
  }

  /** The ticket's uuid: cached, or read once from its detail (an unknown ticket is NOT_FOUND). */
  private uuidOf(id: number): Promise<string> {
    return this.uuids.uuidOf(String(id), async () => {
      try {
        return (await this.reader.getTicket(String(id))).uuid;
      } catch (error) {
        if (error instanceof UpstreamError && error.code === 'NOT_FOUND')
          throw notFoundRejection(this.key, String(id));
        throw error;
      }
    });
  }

  /**
   * The ticket after a confirmed write, by the shared rule of `afterWrite`; `fallback` is the
   * state the write's own answer shows, where it holds all of it (a create's).
   */
  private fresh(id: number, what: string, fallback?: () => Ticket): Promise<Ticket> {
    const reread = async (): Promise<Ticket> => {
      const raw = await this.reader.getTicket(String(id));
      this.uuids.remember(raw.id, raw.uuid);
      return mapDetailTicket(raw, this.ctx);
    };
    return afterWrite({ provider: this.key, what: `${what} of ticket ${id}`, reread, fallback });
  }
}
