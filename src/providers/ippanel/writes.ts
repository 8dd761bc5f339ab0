import {
  WriteRejection,
  type TicketWriteMap,
  type AddMessageInput,
  type CreateTicketInput,
} from '../writes.js';
import type { IppanelClient } from './client.js';
import { UpstreamError } from '../../errors.js';
import type { Message, Ticket } from '../model.js';
import { afterWrite, outcomeUnknown } from '../write-policy.js';
import { mapShow } from './mapper.js';
import { checkNewMessage, checkNewTicket } from './write-input.js';
import {
  isValidation,
  namesTicket,
  unexpectedRefusal,
  validationRejection,
  type Refusal,
} from './write-answers.js';

/**
 * The writes of an IPPanel instance: opening tickets and replying, each a multipart POST that
 * may carry one file (`IPPANEL_FILE_RULES`). IPPanel's API has no status or priority change,
 * assignment or delete.
 */
export function ippanelWrites(
  client: IppanelClient,
  key: string,
): Pick<TicketWriteMap, 'createTicket' | 'addMessage'> {
  const writer = new IppanelWriter(client, key);
  return {
    createTicket: (input) => writer.createTicket(input),
    addMessage: (input) => writer.addMessage(input),
  };
}

/**
 * IPPanel's two writes, create and reply: local checks, one multipart POST each (never
 * retried), refusals mapped to `WriteRejection`, and the new state re-read from `show`
 * (neither answer holds the full ticket).
 */
export class IppanelWriter {
  constructor(
    private readonly client: IppanelClient,
    private readonly provider: string,
  ) {}

  /** `POST /api/ticket`, then `show` of the new ticket. */
  async createTicket(input: CreateTicketInput): Promise<Ticket> {
    const categoryId = checkNewTicket(input, this.provider);
    const answer = await this.client.createTicket({
      subject: input.subject,
      categoryId,
      description: input.body,
      // The gateway's clients hear of the ticket through the gateway, not by SMS to the panel owner.
      smsNotification: false,
      file: input.files[0],
    });
    if (!answer.ok) {
      if (isValidation(answer)) throw validationRejection(answer, this.provider);
      throw unexpectedRefusal(answer, this.provider, 'new ticket');
    }
    const id = String(answer.data.data.ticket_id);
    return this.reread(id, `creation of ticket ${id}`);
  }

  /** `POST /api/ticket/interaction`, then `show` of the ticket; the message is found by `interaction_id`. */
  async addMessage(input: AddMessageInput): Promise<{ message: Message; ticket: Ticket }> {
    const id = input.ticketRemoteId;
    // IPPanel ids are integers; anything else cannot exist there.
    if (!/^\d+$/.test(id)) throw this.notFound(id);
    checkNewMessage(input, this.provider);
    const answer = await this.client.addInteraction(id, input.body, input.files[0]);
    if (!answer.ok) throw await this.replyRefusal(answer, id);
    const interactionId = String(answer.data.data.interaction_id);
    const ticket = await this.reread(id, `reply ${interactionId} on ticket ${id}`);
    const message = ticket.messages?.find((m) => m.remoteId === interactionId);
    if (!message) {
      throw outcomeUnknown(
        this.provider,
        `reply ${interactionId} was accepted but is missing from ticket ${id}`,
      );
    }
    return { message, ticket };
  }

  private async replyRefusal(refusal: Refusal, id: string): Promise<Error> {
    // IPPanel's show route answers 404 `404-1` for an unknown ticket; the reply route may too.
    if (refusal.status === 404 && refusal.error?.meta.message_code === '404-1') return this.notFound(id);
    if (!isValidation(refusal)) return unexpectedRefusal(refusal, this.provider, 'new interaction');
    if (!namesTicket(refusal)) return validationRejection(refusal, this.provider);
    return this.ticketRefusal(refusal, id);
  }

  /**
   * IPPanel refuses an unknown and a closed ticket alike (422 on `ticket_id`); only the wording
   * of its Persian message differs, and that is not a contract. So the refusal path (and only
   * it) reads `show`: 404 → NOT_FOUND, closed → TICKET_CLOSED, otherwise the 422 as VALIDATION.
   * The write was refused, so a failing read is thrown as it is: retrying is safe.
   */
  private async ticketRefusal(refusal: Refusal, id: string): Promise<Error> {
    let ticket: Ticket;
    try {
      ticket = mapShow(await this.client.showTicket(id), this.provider);
    } catch (error) {
      if (error instanceof UpstreamError && error.code === 'NOT_FOUND') return this.notFound(id);
      throw error;
    }
    if (ticket.status === 'CLOSED') {
      return new WriteRejection(
        'TICKET_CLOSED',
        `Ticket ${id} is closed: IPPanel takes no replies on it.`,
        this.provider,
      );
    }
    return validationRejection(refusal, this.provider);
  }

  private notFound(id: string): WriteRejection {
    return new WriteRejection('NOT_FOUND', `Ticket ${id} does not exist at IPPanel.`, this.provider);
  }

  /** The new state after a write that happened, by the shared rule of `afterWrite`. */
  private reread(id: string, done: string): Promise<Ticket> {
    return afterWrite({
      provider: this.provider,
      what: done,
      reread: async () => mapShow(await this.client.showTicket(id), this.provider),
    });
  }
}
