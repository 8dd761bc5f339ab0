import type { SimRequest, SimResponse, SimRoute } from '../core/types.js';
import { TICKET_NOT_FOUND_MESSAGE, notFoundBody, success, validationFailed } from './envelope.js';
import { listItem, showItem } from './render.js';
import { Checks, messages } from './validate.js';
import type { IppanelStore, ListQuery } from './store.js';

/** `per_page` default and maximum, as documented. */
export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 1000;

/** Laravel's `integer` rule has no lower bound unless the route adds one. */
const ANY = Number.NEGATIVE_INFINITY;

/** Validates the list query; a parameter sent with an empty value is a 422, as the docs warn. */
function readListQuery(
  query: URLSearchParams,
  c: Checks,
): { page: number; perPage: number; filter: ListQuery } {
  const page = c.optionalInt(query, 'page', 1) ?? 1;
  // Decision: a per_page above the documented maximum is a 422 (`max`), not silently clamped.
  const perPage = c.optionalInt(query, 'per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE;
  const stateId = c.optionalInt(query, 'state_id', ANY);
  if (stateId !== undefined && (stateId < 1 || stateId > 5)) c.add('state_id', messages.invalid('state_id'));
  const filter: ListQuery = {
    username: c.optionalFilled(query, 'username'),
    ticketId: c.optionalInt(query, 'ticket_id', ANY),
    categoryId: c.optionalInt(query, 'category_id', ANY),
    subCategoryId: c.optionalInt(query, 'sub_category_id', ANY),
    stateId,
  };
  return { page, perPage, filter };
}

/** `GET /api/ticket`: Laravel's length-aware paginator over the filtered tickets. */
function listTickets(store: IppanelStore, req: SimRequest): SimResponse {
  const c = new Checks();
  const { page, perPage, filter } = readListQuery(req.query, c);
  if (!c.ok) return validationFailed(c.errors);
  const all = store.list(filter);
  const start = (page - 1) * perPage;
  const items = all.slice(start, start + perPage);
  const from = items.length > 0 ? start + 1 : null;
  return success(items.map(listItem), {
    current_page: page,
    from,
    last_page: Math.max(1, Math.ceil(all.length / perPage)),
    per_page: perPage,
    to: from === null ? null : start + items.length,
    total: all.length,
  });
}

/** `GET /api/ticket/show?ticket_id=`: one ticket with its interactions; unknown id → 404 `404-1`. */
function showTicket(store: IppanelStore, req: SimRequest): SimResponse {
  const c = new Checks();
  const id = c.requiredInt('ticket_id', req.query.get('ticket_id'), ANY);
  if (id === undefined) return validationFailed(c.errors);
  const ticket = store.find(id);
  if (!ticket) return notFoundBody(TICKET_NOT_FOUND_MESSAGE, '404-1');
  return success(showItem(ticket));
}

/** The read routes of the IPPanel ticket API. */
export function readRoutes(store: IppanelStore): SimRoute[] {
  return [
    { method: 'GET', path: '/api/ticket/show', handler: (req) => showTicket(store, req) },
    { method: 'GET', path: '/api/ticket', handler: (req) => listTickets(store, req) },
  ];
}
