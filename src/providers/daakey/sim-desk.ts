import type { SimRequest, SimResponse, SimRoute } from '../../simulator/types.js';
import { AGENTS } from './demo-content.js';
import { messageOut } from './sim-present.js';
import { ticketIdOf } from './sim-validate.js';
import { DAAKEY_STATUSES, type DaakeyStatus, type DaakeyStore, type SimTicket } from './store.js';

/**
 * The agency's support desk, which the client API cannot reach: control routes below
 * `/__sim/` (not authenticated) so tests and demos can make an agent answer or change a
 * ticket's status.
 *
 * - `POST /__sim/tickets/:ticket/support-reply` `{message, sender_name?, attachments?, status?}`:
 *   an unread `support` message; an `open` ticket moves to `in_progress` unless `status` says otherwise.
 * - `POST /__sim/tickets/:ticket/status` `{status}`.
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

function ticketOf(store: DaakeyStore, req: SimRequest): SimTicket | undefined {
  const id = ticketIdOf(req.params['ticket']);
  return id === undefined ? undefined : store.get(id);
}

function statusOf(value: unknown): DaakeyStatus | undefined | null {
  if (value === undefined) return undefined;
  return DAAKEY_STATUSES.includes(value as DaakeyStatus) ? (value as DaakeyStatus) : null;
}

function reply(store: DaakeyStore, req: SimRequest): SimResponse {
  const ticket = ticketOf(store, req);
  if (!ticket) return problem(404, 'Ticket not found');
  const input = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as DeskInput;
  if (typeof input.message !== 'string' || input.message.trim() === '')
    return problem(400, 'message is required');
  const attachments = input.attachments ?? [];
  if (!Array.isArray(attachments) || !attachments.every((a) => typeof a === 'string')) {
    return problem(400, 'attachments must be an array of URLs');
  }
  const status = statusOf(input.status);
  if (status === null) return problem(400, `status must be one of ${DAAKEY_STATUSES.join(', ')}`);
  const added = store.addMessage(ticket, {
    message: input.message,
    attachments,
    sender: 'support',
    sender_name: typeof input.sender_name === 'string' ? input.sender_name : AGENTS[0]!,
  });
  ticket.status = status ?? (ticket.status === 'open' ? 'in_progress' : ticket.status);
  return { status: 201, body: { ok: true, data: messageOut(added) } };
}

function setStatus(store: DaakeyStore, req: SimRequest): SimResponse {
  const ticket = ticketOf(store, req);
  if (!ticket) return problem(404, 'Ticket not found');
  const status = statusOf((req.body as DeskInput | undefined)?.status);
  if (!status) return problem(400, `status must be one of ${DAAKEY_STATUSES.join(', ')}`);
  ticket.status = status;
  return { status: 200, body: { ok: true, data: { id: ticket.id, status } } };
}
