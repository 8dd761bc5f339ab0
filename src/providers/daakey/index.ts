import type { ProviderKind } from '../provider.js';
import { DAAKEY_DEFAULT_PAGE_SIZE, DAAKEY_MAX_PAGE_SIZE, DaakeyProvider } from './provider.js';
import { createDaakeySimulator } from './simulator.js';

const demoCredentials = { token: 'daakey-demo-token', signature: 'daakey-demo-signature' } as const;

/** The Daakey car-sharing client API: a bearer token and an opaque agency signature per instance. */
export const daakeyKind: ProviderKind = {
  kind: 'daakey',
  displayName: 'Daakey',
  credentialNames: ['token', 'signature'],
  defaultPageSize: DAAKEY_DEFAULT_PAGE_SIZE,
  maxPageSize: DAAKEY_MAX_PAGE_SIZE,
  demoCredentials,
  create: (config) => new DaakeyProvider(config),
  simulator: (options = {}) => {
    const credentials = options.credentials ?? demoCredentials;
    return createDaakeySimulator({
      seed: options.seed,
      size: options.size,
      now: options.now,
      credentials: { token: credentials['token'] ?? '', signature: credentials['signature'] ?? '' },
    });
  },
};
