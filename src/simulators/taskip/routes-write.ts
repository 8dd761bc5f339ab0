import type { SimRequest, SimResponse, SimRoute } from '../core/types.js';
import { ticketJson } from './render.js';
import { API_USER, type TaskipStore } from './store.js';
import { TICKETS_PATH, type SimTicket } from './types.js';
import { notFound, validationError } from './envelope.js';
import { Validator, asInteger, inputOf } from './validate.js';

const STORED = 'SupportTicket stored successfully';

/** Reads the create/update fields; `partial` makes every field optional (PUT). */
function readFields(store: TaskipStore, v: Validator, partial: boolean): Partial<SimTicket> {
  const users = (id: number) => store.data.users.get(id);
  // On PUT a field is optional, but a field that is sent must be valid ("sometimes|required").
  const fields: Partial<SimTicket> = {
    subject: v.string('subject', { required: !partial || v.has('subject'), max: 191 }),
    priority: v.integer('priority', { required: !partial || v.has('priority'), min: 0, max: 4 }),
    status: v.integer('status', { min: 0, max: 4 }),
    description: v.string('description', {}),
    attachment: v.existing('attachment', (id) => store.data.media.get(id)),
    createdBy: v.existing('created_by', users),
    user: v.existing('user_id', users),
  };
  // A description sent as null or empty clears it (nullable).
  if (v.has('description') && !v.present('description')) fields.description = null;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function create(store: TaskipStore, req: SimRequest): SimResponse {
  const v = new Validator(inputOf(req));
  const f = readFields(store, v, false);
  if (!v.ok || f.subject === undefined || f.priority === undefined) return validationError(v.errors);
  const createdBy = f.createdBy ?? API_USER;
  const ticket = store.create({
    subject: f.subject,
    priority: f.priority,
    status: f.status ?? 0,
    description: f.description ?? null,
    attachment: f.attachment ?? null,
    createdBy,
    // Decided: without `user_id` the ticket's user is its creator.
    user: f.user ?? createdBy,
  });
  return { status: 201, body: { data: ticketJson(ticket, store.clock()), status: 201, msg: STORED } };
}

function update(store: TaskipStore, req: SimRequest): SimResponse {
  const ticket = store.byId(req.params['id'] ?? '');
  if (!ticket) return notFound();
  const v = new Validator(inputOf(req));
  const patch = readFields(store, v, true);
  if (!v.ok) return validationError(v.errors);
  store.update(ticket, patch);
  // As documented: the update answers with the create's message and `status: 201` in the body.
  return { status: 200, body: { data: ticketJson(ticket, store.clock()), status: 201, msg: STORED } };
}

function remove(store: TaskipStore, req: SimRequest): SimResponse {
  const ticket = store.byId(req.params['id'] ?? '');
  if (!ticket) return notFound();
  store.delete(ticket.id);
  return { status: 200, body: { msg: 'SupportTicket deleted successfully', status: 200 } };
}

const BULK_MESSAGES: Record<string, string> = {
  delete: 'SupportTicket deleted successfully',
  status_update: 'SupportTicket status updated successfully',
  assign: 'SupportTicket assigned successfully',
  add_tags: 'Tags added successfully',
};

/** Reads `ticket_ids` (every id must exist, Laravel's `ticket_ids.N` keys). */
function bulkTickets(store: TaskipStore, v: Validator, value: unknown): SimTicket[] {
  if (!Array.isArray(value) || value.length === 0) {
    v.fail(
      'ticket_ids',
      value === undefined ? 'The ticket ids field is required.' : 'The ticket ids field must be an array.',
    );
    return [];
  }
  const tickets: SimTicket[] = [];
  value.forEach((raw, i) => {
    const id = asInteger(raw);
    const ticket = id === undefined ? undefined : store.data.tickets.get(id);
    if (ticket) tickets.push(ticket);
    else v.fail(`ticket_ids.${i}`, `The selected ticket_ids.${i} is invalid.`);
  });
  return tickets;
}

/** Reads the action's parameters into a patch applied to every ticket. */
function bulkPatch(
  store: TaskipStore,
  action: string,
  parameters: unknown,
  errors: Validator,
): Partial<SimTicket> {
  const params = parameters && typeof parameters === 'object' ? (parameters as Record<string, unknown>) : {};
  const v = new Validator(params);
  let patch: Partial<SimTicket> = {};
  if (action === 'status_update') patch = { status: v.integer('status', { required: true, min: 0, max: 4 }) };
  if (action === 'assign') {
    const member = v.existing('assigned_to', (id) => (store.data.teamIds.has(id) ? id : undefined));
    if (member === undefined && !v.present('assigned_to'))
      v.fail('assigned_to', 'The assigned to field is required.');
    patch = { assignedTo: member };
  }
  if (
    action === 'add_tags' &&
    !(Array.isArray(params['tags']) && params['tags'].every((t) => typeof t === 'string'))
  ) {
    v.fail('tags', 'The tags field must be an array of strings.');
  }
  for (const [field, messages] of Object.entries(v.errors))
    for (const m of messages) errors.fail(`parameters.${field}`, m);
  return patch;
}

function bulk(store: TaskipStore, req: SimRequest): SimResponse {
  const input = inputOf(req);
  const v = new Validator(input);
  const tickets = bulkTickets(store, v, input['ticket_ids']);
  const action = typeof input['action'] === 'string' ? input['action'] : undefined;
  if (action === undefined) v.fail('action', 'The action field is required.');
  else if (!(action in BULK_MESSAGES)) v.fail('action', 'The selected action is invalid.');
  const patch = action ? bulkPatch(store, action, input['parameters'], v) : {};
  if (!v.ok || action === undefined) return validationError(v.errors);
  for (const ticket of tickets) {
    if (action === 'delete') store.delete(ticket.id);
    else if (action === 'add_tags') {
      const tags = (input['parameters'] as { tags: string[] }).tags;
      store.update(ticket, { tags: [...new Set([...ticket.tags, ...tags])] });
    } else store.update(ticket, patch);
  }
  // As documented for delete: only `msg`, no `status` in the body.
  return { status: 200, body: { msg: BULK_MESSAGES[action] } };
}

/** Create, update, delete and bulk actions. `bulk-actions` comes before `/{id}` patterns. */
export function writeRoutes(store: TaskipStore): SimRoute[] {
  return [
    { method: 'POST', path: TICKETS_PATH, handler: (req) => create(store, req) },
    { method: 'POST', path: `${TICKETS_PATH}/bulk-actions`, handler: (req) => bulk(store, req) },
    { method: 'PUT', path: `${TICKETS_PATH}/:id`, handler: (req) => update(store, req) },
    { method: 'DELETE', path: `${TICKETS_PATH}/:id`, handler: (req) => remove(store, req) },
  ];
}
