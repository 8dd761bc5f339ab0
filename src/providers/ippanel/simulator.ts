import { demoDefaults } from '../../simulator/random.js';
import type { SimRequest, SimResponse, SimRoute, SimulatorDefinition } from '../../simulator/types.js';
import type { SimulatorOptions } from '../provider.js';
import { readRoutes } from './routes-read.js';
import { writeRoutes } from './routes-write.js';
import {
  ROUTE_NOT_FOUND_MESSAGE,
  errorBody,
  notFoundBody,
  success,
  unauthorized,
  validationFailed,
} from './sim-envelope.js';
import { ippanelDesk } from './sim-desk.js';
import { interactionItem } from './sim-render.js';
import { Checks, messages } from './sim-validate.js';
import { IppanelStore } from './store.js';

/** The docs' `{base_url}` ends in `/v1`. */
export const IPPANEL_BASE_PATH = '/v1';
/** Credentials the simulator accepts by default. */
export const IPPANEL_DEMO_CREDENTIALS: Readonly<Record<string, string>> = { token: 'ippanel-demo-token' };

/**
 * IPPanel answers 405 for a known path with another method, as Laravel does, and 404 in its
 * envelope for an unknown path (codes `405-1` / `404-2` are our decision).
 */
function notFound(routes: readonly SimRoute[], req: SimRequest): SimResponse {
  const path = req.path.replace(/\/$/, '');
  if (routes.some((r) => IPPANEL_BASE_PATH + r.path === path)) {
    return { status: 405, body: errorBody('متد درخواستی پشتیبانی نمی شود', '405-1') };
  }
  return notFoundBody(ROUTE_NOT_FOUND_MESSAGE, '404-2');
}

/**
 * The raw token in `Authorization` (no `Bearer`): anything else, including `Bearer <token>`,
 * gets IPPanel's documented 401 body.
 */
function authenticate(token: string, req: SimRequest): SimResponse | undefined {
  return token !== '' && req.headers.authorization === token ? undefined : unauthorized();
}

/**
 * `POST /__sim/agent-reply` `{ticket_id, description, private?}`: an agent answers, for tests
 * and demos. Kept next to the shared desk (`/__sim/desk/*`) because it can also write
 * internal notes (`private`); both use the same store function.
 */
function agentDesk(store: IppanelStore): SimRoute {
  return {
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
  };
}

/**
 * A faithful in-memory IPPanel Edge ticket API: list, show, reply and create, with the raw-token
 * auth, the `{data, meta}` envelope, Laravel pagination and Persian validation errors.
 */
export function ippanelSimulator(options: SimulatorOptions = {}): SimulatorDefinition {
  const { seed, size, now } = demoDefaults(options);
  const token = (options.credentials ?? IPPANEL_DEMO_CREDENTIALS)['token'] ?? '';
  const store = new IppanelStore(seed, size, now);
  const routes = [...readRoutes(store), ...writeRoutes(store)];
  return {
    key: 'ippanel',
    basePath: IPPANEL_BASE_PATH,
    routes,
    authenticate: (req) => authenticate(token, req),
    headers: { authorization: token },
    notFound: (req) => notFound(routes, req),
    resetData: () => store.reset(),
    controlRoutes: [agentDesk(store)],
    desk: ippanelDesk(store),
  };
}
