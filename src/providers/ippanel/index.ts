import type { ProviderKind } from '../provider.js';
import { IppanelProvider } from './provider.js';

/** IPPanel Edge (SMS panel) reseller tickets: raw-token auth, `{data, meta}` envelope. */
export const ippanelKind: ProviderKind = {
  kind: 'ippanel',
  displayName: 'IPPanel Edge',
  credentialNames: ['token'],
  // Ours by default (fewer round trips than IPPanel's 10), and the docs' maximum.
  defaultPageSize: 100,
  maxPageSize: 1000,
  create: (config) => new IppanelProvider(config),
};
