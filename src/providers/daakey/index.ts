import type { ProviderKind } from '../provider.js';
import { DaakeyProvider } from './provider.js';

/** The Daakey car-sharing client API: a bearer token and an opaque agency signature per instance. */
export const daakeyKind: ProviderKind = {
  kind: 'daakey',
  displayName: 'Daakey',
  credentialNames: ['token', 'signature'],
  // Daakey's own default is 15; fewer, larger pages suit the gateway better.
  defaultPageSize: 50,
  // Our cap on `per_page` (README).
  maxPageSize: 100,
  create: (config) => new DaakeyProvider(config),
};
