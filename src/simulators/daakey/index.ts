import type { DemoOptions } from '../core/random.js';
import { Router } from '../core/router.js';
import type {
  SimRequest,
  SimResponse,
  SimulatorDefinition,
  SimulatorKind,
  SimulatorOptions,
} from '../core/types.js';
import { ticketRoutes } from './routes.js';
import { createDesk, deskRoutes } from './desk.js';
import { failure } from './envelope.js';
import { DaakeyStore } from './store.js';

/** Credentials the simulator accepts by default: a bearer token and an agency signature. */
export const DAAKEY_DEMO_CREDENTIALS: Readonly<Record<string, string>> = {
  token: 'daakey-demo-token',
  signature: 'daakey-demo-signature',
};

/** Its port when started alone. */
export const DAAKEY_DEFAULT_PORT = 4101;

/** Options of the Daakey simulator: demo data plus the credentials it accepts. */
export interface DaakeySimulatorOptions extends DemoOptions {
  credentials: { token: string; signature: string };
}

/** The request headers the Daakey client API wants for these credentials. */
export function daakeyHeaders(credentials: { token: string; signature: string }): Record<string, string> {
  return { authorization: `Bearer ${credentials.token}`, 'x-agency-signature': credentials.signature };
}

/**
 * A faithful in-memory Daakey client API: the four documented ticket routes, bearer token
 * plus agency signature on every call, Daakey's envelopes and error shapes, and its quirks
 * (viewing marks read, a message reopens a resolved ticket, none on a closed one), plus the
 * agency's own desk (`desk`) for agents' replies and status changes.
 */
export function createDaakeySimulator(options: DaakeySimulatorOptions): SimulatorDefinition {
  const store = new DaakeyStore(options);
  const routes = ticketRoutes(store);
  const router = new Router(routes);
  return {
    key: 'daakey',
    basePath: '',
    routes,
    authenticate: (req) => authenticate(req, options.credentials),
    headers: daakeyHeaders(options.credentials),
    notFound: (req) => notFound(router, req),
    resetData: () => store.reset(),
    controlRoutes: deskRoutes(store),
    desk: createDesk(store),
  };
}

/** The Daakey simulator for the shared options: `credentials.token` and `.signature`, the demo ones by default. */
export function daakeySimulator(options: SimulatorOptions = {}): SimulatorDefinition {
  const credentials = options.credentials ?? DAAKEY_DEMO_CREDENTIALS;
  return createDaakeySimulator({
    seed: options.seed,
    size: options.size,
    now: options.now,
    credentials: { token: credentials['token'] ?? '', signature: credentials['signature'] ?? '' },
  });
}

/** The Daakey simulator, as the registry lists it. */
export const daakeySimulatorKind: SimulatorKind = {
  key: 'daakey',
  demoCredentials: DAAKEY_DEMO_CREDENTIALS,
  defaultPort: DAAKEY_DEFAULT_PORT,
  create: daakeySimulator,
};

/** Both headers are required; a missing or wrong one is Daakey's 401. */
function authenticate(
  req: SimRequest,
  credentials: { token: string; signature: string },
): SimResponse | undefined {
  const authorization = req.headers['authorization'];
  const match = typeof authorization === 'string' ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  if (!match || match[1] !== credentials.token) return failure(401, 'Unauthenticated.');
  const signature = req.headers['x-agency-signature'];
  if (signature === undefined || signature === '') return failure(401, 'Missing agency signature.');
  if (signature !== credentials.signature) return failure(401, 'Invalid agency signature.');
  return undefined;
}

/** Laravel's answers: 405 when the path exists with other methods, else 404. */
function notFound(router: Router, req: SimRequest): SimResponse {
  const allowed = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((m) =>
    router.match(m, req.path),
  );
  const path = req.path.replace(/^\//, '');
  if (allowed.length > 0) {
    return failure(
      405,
      `The ${req.method} method is not supported for route ${path}. Supported methods: ${allowed.join(', ')}.`,
    );
  }
  return failure(404, `The route ${path} could not be found.`);
}
