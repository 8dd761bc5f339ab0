import type { SimRequest, SimResponse, SimRoute } from '../core/types.js';
import { failure, success, ticketNotFound, validationFailure, type FieldErrors } from './envelope.js';
import { detail, listItem, messageOut } from './render.js';
import {
  inputOf,
  integerOf,
  listQuery,
  priorityOf,
  requiredString,
  ticketIdOf,
  urlList,
} from './validate.js';
import type { DaakeyStore } from './store.js';
import type { SimBooking } from './types.js';

/** Where the client API lives below the host. */
export const CLIENT_PATH = '/api/v1/client';

/**
 * The documented client-API ticket routes. Order of checks follows Laravel: the ticket is
 * bound from the path first (404), the form request validates next (422), the controller's
 * own rules come last (400).
 */
export function ticketRoutes(store: DaakeyStore): SimRoute[] {
  return [
    { method: 'GET', path: `${CLIENT_PATH}/tickets`, handler: (req) => list(store, req) },
    { method: 'POST', path: `${CLIENT_PATH}/tickets`, handler: (req) => create(store, req) },
    { method: 'GET', path: `${CLIENT_PATH}/tickets/:ticket`, handler: (req) => show(store, req) },
    {
      method: 'POST',
      path: `${CLIENT_PATH}/tickets/:ticket/messages`,
      handler: (req) => addMessage(store, req),
    },
  ];
}

function list(store: DaakeyStore, req: SimRequest): SimResponse {
  const errors: FieldErrors = {};
  const query = listQuery(req.query, errors);
  if (Object.keys(errors).length > 0) return validationFailure(errors);
  const all = store.list(query.status);
  const start = (query.page - 1) * query.perPage;
  return success(200, 'Tickets retrieved', all.slice(start, start + query.perPage).map(listItem), {
    current_page: query.page,
    last_page: Math.max(1, Math.ceil(all.length / query.perPage)),
    per_page: query.perPage,
    total: all.length,
  });
}

function show(store: DaakeyStore, req: SimRequest): SimResponse {
  const id = ticketIdOf(req.params['ticket']);
  const ticket = id === undefined ? undefined : store.get(id);
  if (!ticket) return ticketNotFound();
  // Viewing a ticket marks its messages read before the ticket is rendered.
  store.markRead(ticket);
  return success(200, 'Ticket retrieved', detail(ticket));
}

function create(store: DaakeyStore, req: SimRequest): SimResponse {
  const input = inputOf(req);
  const errors: FieldErrors = {};
  const subject = requiredString(input, 'subject', errors, 255);
  const message = requiredString(input, 'message', errors);
  const category = requiredString(input, 'category', errors, 255);
  const priority = priorityOf(input, errors);
  const booking = bookingOf(store, input, errors);
  const attachments = urlList(input, errors);
  if (Object.keys(errors).length > 0 || !subject || !message || !category) return validationFailure(errors);
  const ticket = store.create({ subject, message, category, priority, booking, attachments });
  return success(201, 'Ticket created', detail(ticket));
}

/** `booking_id`: nullable, an integer, one of the client's bookings. */
function bookingOf(
  store: DaakeyStore,
  input: Record<string, unknown>,
  errors: FieldErrors,
): SimBooking | null {
  const id = integerOf(input, 'booking_id', errors);
  if (id === undefined) return null;
  const booking = store.booking(id);
  if (!booking) errors['booking_id'] = ['The selected booking id is invalid.'];
  return booking ?? null;
}

function addMessage(store: DaakeyStore, req: SimRequest): SimResponse {
  const id = ticketIdOf(req.params['ticket']);
  const ticket = id === undefined ? undefined : store.get(id);
  if (!ticket) return ticketNotFound();
  const input = inputOf(req);
  const errors: FieldErrors = {};
  const message = requiredString(input, 'message', errors);
  const attachments = urlList(input, errors);
  if (Object.keys(errors).length > 0 || !message) return validationFailure(errors);
  if (ticket.status === 'closed') return failure(400, 'Cannot add message to closed ticket');
  if (ticket.status === 'resolved') ticket.status = 'open';
  const added = store.addMessage(ticket, {
    message,
    attachments,
    sender: 'client',
    sender_name: store.clientName,
  });
  return success(201, 'Message added', messageOut(added));
}
