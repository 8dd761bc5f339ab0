import type { SimulatorDefinition, SimulatorKind, SimulatorOptions } from '../core/types.js';
import { kinconectaDesk } from './desk.js';
import { springError } from './envelope.js';
import { notFound, ticketRoutes } from './routes.js';
import { KinconectaStore } from './store.js';

/** Credentials the simulator accepts by default: none (the docs show no authentication). */
export const KINCONECTA_DEMO_CREDENTIALS: Readonly<Record<string, string>> = {};

/** Its port when started alone. */
export const KINCONECTA_DEFAULT_PORT = 4104;

/**
 * A simulator of the Kinconecta support-tickets API, a Spring Boot app: `GET` (every ticket as
 * a bare array in id order; query parameters are ignored), `GET /{id}` (a `long`) and `POST`
 * (201 with the created ticket and a `Location` header). Errors are Spring's default bodies.
 * Authentication is not in the docs: it is enforced only when `credentials.token` is set.
 * Its agent desk changes statuses only (Kinconecta tickets take no replies).
 */
export function kinconectaSimulator(options: SimulatorOptions = {}): SimulatorDefinition {
  const store = new KinconectaStore(options);
  const token = (options.credentials ?? KINCONECTA_DEMO_CREDENTIALS)['token'];
  return {
    key: 'kinconecta',
    basePath: '',
    routes: ticketRoutes(store),
    authenticate: (req) =>
      token === undefined || req.headers.authorization === `Bearer ${token}`
        ? undefined
        : springError(req, 401),
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    notFound,
    resetData: () => store.reset(),
    desk: kinconectaDesk(store),
  };
}

/** The Kinconecta simulator, as the registry lists it. */
export const kinconectaSimulatorKind: SimulatorKind = {
  key: 'kinconecta',
  demoCredentials: KINCONECTA_DEMO_CREDENTIALS,
  defaultPort: KINCONECTA_DEFAULT_PORT,
  create: kinconectaSimulator,
};
