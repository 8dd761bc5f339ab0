import type { Message, Ticket, TicketStatus } from '../providers/model.js';
import { encodeTicket } from './codec.js';
import type { LivePubSub } from './events.js';
import type { LiveState } from './state.js';

/**
 * Publishes live events exactly once: every event is announced in the shared state first,
 * and only its first announcer (a mutation or whichever poller saw it) publishes it.
 */
export class LivePublisher {
  constructor(
    private readonly pubsub: LivePubSub,
    private readonly state: LiveState,
  ) {}

  async messageAdded(ticket: Ticket, message: Message): Promise<boolean> {
    const key = `msg:${ticket.providerKey}:${ticket.remoteId}:${message.remoteId}`;
    if (!(await this.state.announce(key))) return false;
    this.pubsub.publish('messageAdded', {
      providerKey: ticket.providerKey,
      ticketRemoteId: ticket.remoteId,
      messageRemoteId: message.remoteId,
      ticket: encodeTicket(ticket),
    });
    return true;
  }

  /**
   * `change` names this change of the ticket uniquely (`changeKey`: the baseline it was
   * measured from and the new values), so the poller and a write through the gateway that
   * see the same change publish it once, and a status changed back and forth again is a new
   * event, not a repeat.
   */
  async ticketChanged(
    ticket: Ticket,
    previousStatus: TicketStatus | null,
    changedFields: string[],
    change: string,
  ): Promise<boolean> {
    if (!(await this.state.announce(`chg:${ticket.providerKey}:${ticket.remoteId}:${change}`))) return false;
    this.pubsub.publish('ticketChanged', {
      providerKey: ticket.providerKey,
      ticketRemoteId: ticket.remoteId,
      previousStatus,
      changedFields,
      ticket: encodeTicket(ticket),
    });
    return true;
  }

  /**
   * Tells every instance that a ticket is gone upstream. Not announced (deduplicated) like the
   * other events: only the poll lease holder reads watched tickets, ending a subscription twice
   * is harmless, and a ticket watched again after its removal must be reported again.
   */
  ticketGone(providerKey: string, ticketRemoteId: string): void {
    this.pubsub.publish('ticketGone', { providerKey, ticketRemoteId });
  }
}
