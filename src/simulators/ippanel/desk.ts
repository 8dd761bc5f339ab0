import type { AgentDesk, SimRoute } from '../core/types.js';
import { success, validationFailed } from './envelope.js';
import { interactionItem } from './render.js';
import { STATE_NAMES, type SimTicket, type StateId } from './types.js';
import type { IppanelStore } from './store.js';
import { Checks, messages } from './validate.js';

/** The state IPPanel staff cannot answer in (the panel hides the reply box of a closed ticket). */
const CLOSED: StateId = 4;

function ticketOf(store: IppanelStore, ticketId: string): SimTicket {
  const ticket = /^\d+$/.test(ticketId) ? store.find(Number(ticketId)) : undefined;
  if (!ticket) throw new Error(`IPPanel ticket ${ticketId} does not exist`);
  return ticket;
}

/** `"1"` … `"5"`, IPPanel's `state_id` as text. */
function stateOf(status: string): StateId {
  if (!/^[1-5]$/.test(status.trim())) {
    const valid = Object.entries(STATE_NAMES).map(([n, name]) => `${n} (${name})`);
    throw new Error(`IPPanel state_id must be one of ${valid.join(', ')}; got "${status}"`);
  }
  return Number(status.trim()) as StateId;
}

/**
 * IPPanel's support staff at work in the panel, on the same store functions as the API routes:
 * a reply is a public interaction by an agent (the ticket becomes `replied`, state 3,
 * `interaction_count` + 1, `updated_at` now, unseen by the customer); a status change sets
 * `state_id` ("1".."5"). Open tickets are every state but closed (4).
 */
export function ippanelDesk(store: IppanelStore): AgentDesk {
  return {
    openTickets: () =>
      store
        .list({})
        .filter((t) => t.stateId !== CLOSED)
        .map((t) => String(t.id)),
    reply: (ticketId, body) => {
      const ticket = ticketOf(store, ticketId);
      if (ticket.stateId === CLOSED) throw new Error(`IPPanel ticket ${ticketId} is closed: no replies`);
      if (body.trim() === '') throw new Error('the reply body must not be empty');
      store.addAgentReply(ticket, body, false);
    },
    setStatus: (ticketId, status) => {
      const ticket = ticketOf(store, ticketId);
      store.setState(ticket, stateOf(status));
    },
  };
}

/**
 * `POST /__sim/agent-reply` `{ticket_id, description, private?}`: an agent answers, for tests
 * and demos. Kept next to the shared desk (`/__sim/desk/*`) because it can also write
 * internal notes (`private`); both use the same store function.
 */
export function deskRoutes(store: IppanelStore): SimRoute[] {
  return [
    {
      method: 'POST',
      path: '/agent-reply',
      auth: false,
      handler: (req) => {
        const body = (req.body ?? {}) as { ticket_id?: unknown; description?: unknown; private?: unknown };
        const c = new Checks();
        const ticket = store.find(Number(body.ticket_id));
        if (!ticket) c.add('ticket_id', messages.invalid('ticket_id'));
        if (typeof body.description !== 'string' || body.description === '') {
          c.add('description', messages.required('description'));
        }
        if (!ticket || !c.ok) return validationFailed(c.errors);
        return success(
          interactionItem(store.addAgentReply(ticket, String(body.description), body.private === true)),
        );
      },
    },
  ];
}
