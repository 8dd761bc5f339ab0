import type { SimRequest, SimResponse, SimRoute } from '../core/types.js';
import { TICKETS_PATH } from './types.js';
import { formatDate, formatTime, personJson, relativeText, replyAnswerJson, ticketJson } from './render.js';
import type { TaskipStore } from './store.js';
import type { SimTicket } from './types.js';
import { notFound, validationError } from './envelope.js';
import { Validator, inputOf } from './validate.js';

/** Runs `run` on the ticket named by the `uuid` param (a numeric id there is a 404: writes need the uuid). */
function withUuid(
  store: TaskipStore,
  req: SimRequest,
  run: (t: SimTicket, v: Validator) => SimResponse,
): SimResponse {
  const ticket = store.byUuid(req.params['uuid'] ?? '');
  return ticket ? run(ticket, new Validator(inputOf(req))) : notFound();
}

function reply(store: TaskipStore, req: SimRequest): SimResponse {
  return withUuid(store, req, (ticket, v) => {
    const description = v.string('description', { required: true });
    const status = v.integer('status', { min: 0, max: 4 });
    const attachment = v.existing('attachment', (id) => store.data.media.get(id));
    if (!v.ok || description === undefined) return validationError(v.errors);
    const added = store.addReply(ticket, description, attachment ?? null, false);
    if (status !== undefined) store.update(ticket, { status });
    return {
      status: 201,
      body: { msg: 'Reply added successfully', status: 201, reply: replyAnswerJson(added, store.clock()) },
    };
  });
}

/** `POST /{uuid}/priority` (`{priority:int}`) and `POST /status-update/{uuid}` (`{status:int}`): decided bodies. */
function setField(store: TaskipStore, req: SimRequest, field: 'priority' | 'status'): SimResponse {
  return withUuid(store, req, (ticket, v) => {
    const value = v.integer(field, { required: true, min: 0, max: 4 });
    if (!v.ok || value === undefined) return validationError(v.errors);
    store.update(ticket, { [field]: value });
    return {
      status: 200,
      body: {
        msg: `SupportTicket ${field} updated successfully`,
        status: 200,
        data: ticketJson(ticket, store.clock()),
      },
    };
  });
}

/** `POST /{uuid}/note-store` (`{note:string}`, decided): a private team-member reply. */
function storeNote(store: TaskipStore, req: SimRequest): SimResponse {
  return withUuid(store, req, (ticket, v) => {
    const note = v.string('note', { required: true });
    if (!v.ok || note === undefined) return validationError(v.errors);
    const added = store.addReply(ticket, note, null, true);
    const now = store.clock();
    const json = {
      id: added.id,
      note: added.message,
      user: personJson(added.author),
      createAt: relativeText(added.createdAt, now),
      date: formatDate(added.createdAt),
      time: formatTime(added.createdAt),
    };
    return { status: 201, body: { msg: 'Note added successfully', status: 201, note: json } };
  });
}

/** `DELETE /{uuid}/note-delete/{id}`: only notes can be deleted; a reply's id is a 404. */
function deleteNote(store: TaskipStore, req: SimRequest): SimResponse {
  return withUuid(store, req, (ticket) => {
    const id = req.params['id'] ?? '';
    const index = ticket.replies.findIndex((r) => r.isNote && String(r.id) === id);
    if (index < 0) return notFound('Note');
    ticket.replies.splice(index, 1);
    store.update(ticket, {});
    return { status: 200, body: { msg: 'Note deleted successfully', status: 200 } };
  });
}

/** The uuid routes. Static prefixes (`reply/`, `status-update/`) come before `/{uuid}/…`. */
export function threadRoutes(store: TaskipStore): SimRoute[] {
  return [
    { method: 'POST', path: `${TICKETS_PATH}/reply/:uuid`, handler: (req) => reply(store, req) },
    {
      method: 'POST',
      path: `${TICKETS_PATH}/status-update/:uuid`,
      handler: (req) => setField(store, req, 'status'),
    },
    {
      method: 'POST',
      path: `${TICKETS_PATH}/:uuid/priority`,
      handler: (req) => setField(store, req, 'priority'),
    },
    { method: 'POST', path: `${TICKETS_PATH}/:uuid/note-store`, handler: (req) => storeNote(store, req) },
    {
      method: 'DELETE',
      path: `${TICKETS_PATH}/:uuid/note-delete/:id`,
      handler: (req) => deleteNote(store, req),
    },
  ];
}
