import type { SimRequest, SimResponse, SimRoute } from '../core/types.js';
import { springError } from './envelope.js';
import type { KinconectaStore } from './store.js';
import { bindCreate } from './validate.js';

const COLLECTION = '/api/support-tickets';
const ITEM = /^\/api\/support-tickets\/[^/]+\/?$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * The documented routes: `GET` (every ticket as a bare array in id order; query parameters
 * are ignored), `GET /{id}` (a `long`) and `POST` (201 with the created ticket and a
 * `Location` header).
 */
export function ticketRoutes(store: KinconectaStore): SimRoute[] {
  return [
    { method: 'GET', path: COLLECTION, handler: () => ({ status: 200, body: store.list() }) },
    { method: 'GET', path: `${COLLECTION}/:id`, handler: (req) => getOne(store, req) },
    { method: 'POST', path: COLLECTION, handler: (req) => create(store, req) },
  ];
}

/** `GET /{id}`: Spring converts the path variable to a `Long` first, so a non-number is a 400. */
function getOne(store: KinconectaStore, req: SimRequest): SimResponse {
  const text = req.params['id'] ?? '';
  const id = /^[+-]?\d+$/.test(text) ? BigInt(text) : undefined;
  if (id === undefined || id < LONG_MIN || id > LONG_MAX) {
    return springError(req, 400, {
      message: `Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'; For input string: "${text}"`,
    });
  }
  const ticket = id <= BigInt(Number.MAX_SAFE_INTEGER) && id >= 0n ? store.get(Number(id)) : undefined;
  if (!ticket) return springError(req, 404, { message: `Support ticket not found with id: ${id}` });
  return { status: 200, body: ticket };
}

/** `POST`: a JSON body bound and validated like `@Valid @RequestBody SupportTicketRequest`. */
function create(store: KinconectaStore, req: SimRequest): SimResponse {
  const type = String(req.headers['content-type'] ?? 'application/octet-stream');
  if (!/^application\/(.+\+)?json/i.test(type)) {
    return springError(req, 415, { message: `Content-Type '${type}' is not supported` });
  }
  if (req.body === undefined) return springError(req, 400, { message: 'Required request body is missing' });
  if (req.bodyError) return springError(req, 400, { message: `JSON parse error: ${req.bodyError}` });
  const bound = bindCreate(req.body);
  if (bound.kind === 'unreadable') return springError(req, 400, { message: bound.message });
  if (bound.kind === 'invalid') {
    const message = `Validation failed for object='supportTicketRequest'. Error count: ${bound.errors.length}`;
    return springError(req, 400, { message, errors: bound.errors });
  }
  const ticket = store.create(bound.value);
  return { status: 201, body: ticket, headers: { location: `${COLLECTION}/${ticket.id}` } };
}

/** Spring's 404 for an unknown path, and its 405 (with `Allow`) for a known path and another method. */
export function notFound(req: SimRequest): SimResponse {
  const allow =
    req.path.replace(/\/$/, '') === COLLECTION ? 'GET, POST' : ITEM.test(req.path) ? 'GET' : undefined;
  if (allow === undefined) return springError(req, 404, { message: 'No static resource found.' });
  return springError(req, 405, { message: `Request method '${req.method}' is not supported` }, { allow });
}
