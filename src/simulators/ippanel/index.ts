import { demoDefaults } from '../core/random.js';
import type {
  SimRequest,
  SimResponse,
  SimRoute,
  SimulatorDefinition,
  SimulatorKind,
  SimulatorOptions,
} from '../core/types.js';
import { readRoutes } from './routes-read.js';
import { writeRoutes } from './routes-write.js';
import { ROUTE_NOT_FOUND_MESSAGE, errorBody, notFoundBody, unauthorized } from './envelope.js';
import { deskRoutes, ippanelDesk } from './desk.js';
import { IppanelStore } from './store.js';

/** The docs' `{base_url}` ends in `/v1`. */
export const IPPANEL_BASE_PATH = '/v1';
/** Credentials the simulator accepts by default. */
export const IPPANEL_DEMO_CREDENTIALS: Readonly<Record<string, string>> = { token: 'ippanel-demo-token' };
/** Its port when started alone. */
export const IPPANEL_DEFAULT_PORT = 4102;

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
    controlRoutes: deskRoutes(store),
    desk: ippanelDesk(store),
  };
}

/** The IPPanel simulator, as the registry lists it. */
export const ippanelSimulatorKind: SimulatorKind = {
  key: 'ippanel',
  demoCredentials: IPPANEL_DEMO_CREDENTIALS,
  defaultPort: IPPANEL_DEFAULT_PORT,
  create: ippanelSimulator,
};
