import type { AgentDesk, SimRequest, SimResponse, SimRoute } from '../core/types.js';
import { messageOut } from './render.js';
import { ticketIdOf } from './validate.js';
import type { DaakeyStore } from './store.js';
import { DAAKEY_STATUSES, type DaakeyStatus, type SimTicket } from './types.js';

const STATUS_HINT = `status must be one of ${DAAKEY_STATUSES.join(', ')}`;

function isStatus(value: unknown): value is DaakeyStatus {
  return DAAKEY_STATUSES.includes(value as DaakeyStatus);
}

/**
 * The agency's support desk (its own back office, which the client API cannot reach), as
 * the shared `/__sim/desk/*` routes and demo mode's simulated agents use it. Ticket ids and
 * statuses are Daakey's own (`12`, `resolved`).
 */
export function createDesk(store: DaakeyStore): AgentDesk {
  const ticket = (id: string): SimTicket => {
    const found = store.get(ticketIdOf(id) ?? 0);
    if (!found) throw new Error(`Daakey ticket "${id}" not found`);
    return found;
  };
  return {
    openTickets: () =>
      store
        .list()
        .filter((t) => t.status !== 'closed')
        .map((t) => String(t.id)),
    reply: (ticketId, body) => void store.supportReply(ticket(ticketId), body),
    setStatus: (ticketId, status) => {
      if (!isStatus(status)) throw new Error(`${STATUS_HINT}, got "${status}"`);
      store.setStatus(ticket(ticketId), status);
    },
  };
}

/**
 * The older per-ticket desk routes below `/__sim/` (not authenticated), kept for what the
 * shared ones cannot say (the agent's name, attachments, a status with the reply):
 *
 * - `POST /__sim/tickets/:ticket/support-reply` `{message, sender_name?, attachments?, status?}`
 * - `POST /__sim/tickets/:ticket/status` `{status}`
 */
export function deskRoutes(store: DaakeyStore): SimRoute[] {
  return [
    {
      method: 'POST',
      path: '/tickets/:ticket/support-reply',
      auth: false,
      handler: (req) => reply(store, req),
    },
    { method: 'POST', path: '/tickets/:ticket/status', auth: false, handler: (req) => setStatus(store, req) },
  ];
}

interface DeskInput {
  message?: unknown;
  sender_name?: unknown;
  attachments?: unknown;
  status?: unknown;
}

const problem = (status: number, message: string): SimResponse => ({ status, body: { message } });

function inputOf(req: SimRequest): DeskInput {
  return (typeof req.body === 'object' && req.body !== null ? req.body : {}) as DeskInput;
}

function ticketOf(store: DaakeyStore, req: SimRequest): SimTicket | undefined {
  const id = ticketIdOf(req.params['ticket']);
  return id === undefined ? undefined : store.get(id);
}

function reply(store: DaakeyStore, req: SimRequest): SimResponse {
  const ticket = ticketOf(store, req);
  if (!ticket) return problem(404, 'Ticket not found');
  const input = inputOf(req);
  if (typeof input.message !== 'string' || input.message.trim() === '')
    return problem(400, 'message is required');
  const attachments = input.attachments ?? [];
  if (!Array.isArray(attachments) || !attachments.every((a) => typeof a === 'string')) {
    return problem(400, 'attachments must be an array of URLs');
  }
  if (input.status !== undefined && !isStatus(input.status)) return problem(400, STATUS_HINT);
  const name = typeof input.sender_name === 'string' ? input.sender_name : undefined;
  try {
    const added = store.supportReply(ticket, input.message, attachments as string[], name);
    if (input.status !== undefined) store.setStatus(ticket, input.status);
    return { status: 201, body: { ok: true, data: messageOut(added) } };
  } catch (error) {
    return problem(400, error instanceof Error ? error.message : String(error));
  }
}

function setStatus(store: DaakeyStore, req: SimRequest): SimResponse {
  const ticket = ticketOf(store, req);
  if (!ticket) return problem(404, 'Ticket not found');
  const status = inputOf(req).status;
  if (!isStatus(status)) return problem(400, STATUS_HINT);
  store.setStatus(ticket, status);
  return { status: 200, body: { ok: true, data: { id: ticket.id, status } } };
}
