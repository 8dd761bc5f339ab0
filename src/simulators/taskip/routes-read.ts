import type { SimRoute } from '../core/types.js';
import { TICKETS_PATH } from './types.js';
import { detailJson, ticketJson } from './render.js';
import { listTickets, parseListQuery } from './list.js';
import type { TaskipStore } from './store.js';
import { notFound, validationError } from './envelope.js';

/** `GET /support-ticket` (no pagination meta: a short page is the last) and `GET /support-ticket/{id}`. */
export function readRoutes(store: TaskipStore): SimRoute[] {
  return [
    {
      method: 'GET',
      path: TICKETS_PATH,
      handler: (req) => {
        const parsed = parseListQuery(req.query);
        if (parsed.errors) return validationError(parsed.errors);
        const now = store.clock();
        const data = listTickets(store.data.tickets.values(), parsed.query).map((t) => ticketJson(t, now));
        return { status: 200, body: { data, status: 200 } };
      },
    },
    {
      method: 'GET',
      path: `${TICKETS_PATH}/:id`,
      handler: (req) => {
        // The detail has no envelope, as in the docs' example; only numeric ids resolve.
        const ticket = store.byId(req.params['id'] ?? '');
        return ticket ? { status: 200, body: detailJson(ticket, store.clock()) } : notFound();
      },
    },
  ];
}
