import type { ProviderKind } from '../provider.js';
import { DAAKEY_DEFAULT_PAGE_SIZE, DAAKEY_MAX_PAGE_SIZE, DaakeyProvider } from './provider.js';

/** The Daakey car-sharing client API: a bearer token and an opaque agency signature per instance. */
export const daakeyKind: ProviderKind = {
  kind: 'daakey',
  displayName: 'Daakey',
  credentialNames: ['token', 'signature'],
  defaultPageSize: DAAKEY_DEFAULT_PAGE_SIZE,
  maxPageSize: DAAKEY_MAX_PAGE_SIZE,
  create: (config) => new DaakeyProvider(config),
};
