import type { TicketWriteMap, AddMessageInput, CreateTicketInput } from '../writes.js';
import { UpstreamError } from '../../errors.js';
import type { Message, Ticket, TicketPriority, TicketStatus } from '../model.js';
import { afterWrite } from '../write-policy.js';
import type { TaskipClient, TaskipWriteClient } from './client.js';
import { mapDetailTicket, type TaskipMapContext } from './mapper.js';
import {
  mapNoteAnswer,
  mapReplyAnswer,
  priorityCode,
  statusCode,
  notFoundRejection,
} from './write-answers.js';
import { checkAssignee, checkCreate, checkMessage, ticketIdOf } from './write-input.js';

/** Every write: TaskIP's API has them all. */
type TaskipWrites = Pick<
  TicketWriteMap,
  'createTicket' | 'addMessage' | 'updateStatus' | 'updatePriority' | 'assignTicket' | 'deleteTicket'
>;

/**
 * The writes of a TaskIP instance, done by its `TaskipWriter`: every ticket route, replies and
 * (with `internal`) private notes, priority and status by uuid, and assignment through the bulk
 * `assign` action.
 */
export function taskipWrites(writer: TaskipWriter): TaskipWrites {
  return {
    /** `POST /support-ticket`; the requester is not sent (TaskIP wants a user id), the category is always null. */
    createTicket: (input) => writer.createTicket(input),
    /** A reply (`POST /reply/{uuid}`), or with `internal` a private note (`POST /{uuid}/note-store`). */
    addMessage: (input) => writer.addMessage(input),
    /** `POST /status-update/{uuid}` `{status:int}`. */
    updateStatus: (id, status) => writer.updateStatus(id, status),
    /** `POST /{uuid}/priority` `{priority:int}`. */
    updatePriority: (id, priority) => writer.updatePriority(id, priority),
    /** Bulk action `assign` for one ticket; `assigneeId` is a TaskIP team member id. */
    assignTicket: (id, assigneeId) => writer.assignTicket(id, assigneeId),
    /** `DELETE /support-ticket/{id}`. */
    deleteTicket: (id) => writer.deleteTicket(id),
  };
}

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

/** How many ids a cache keeps: far more than a page walk touches, small next to the process. */
const DEFAULT_CAPACITY = 10_000;

/**
 * TaskIP ticket id → uuid, for the writes addressed by uuid. Uuids never change, so an entry
 * never goes stale; it is dropped only when the ticket is deleted or the cache is full
 * (oldest first). Concurrent lookups of one id share one request.
 */
export class UuidCache {
  private readonly entries = new Map<string, Promise<string>>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Records a uuid seen in a list page, a detail or a write's answer. */
  remember(id: number | string, uuid: string): void {
    this.set(String(id), Promise.resolve(uuid));
  }

  /** The id's uuid: cached, or from `lookup` once (a failed lookup is not cached). */
  uuidOf(id: string, lookup: () => Promise<string>): Promise<string> {
    const cached = this.entries.get(id);
    if (cached) return cached;
    const pending = lookup();
    this.set(id, pending);
    pending.catch(() => {
      if (this.entries.get(id) === pending) this.entries.delete(id);
    });
    return pending;
  }

  /** Drops a deleted ticket's entry (its id is never reused, but the memory is). */
  forget(id: number | string): void {
    this.entries.delete(String(id));
  }

  private set(id: string, value: Promise<string>): void {
    // Re-inserting moves the id to the end, so eviction drops the least recently seen.
    this.entries.delete(id);
    this.entries.set(id, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
