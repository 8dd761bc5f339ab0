import type { ProviderKind } from '../provider.js';
import { IPPANEL_DEFAULT_PAGE_SIZE, IPPANEL_MAX_PAGE_SIZE, IppanelProvider } from './provider.js';
import { IPPANEL_DEMO_CREDENTIALS, ippanelSimulator } from './simulator.js';

/** IPPanel Edge (SMS panel) reseller tickets: raw-token auth, `{data, meta}` envelope. */
export const ippanelKind: ProviderKind = {
  kind: 'ippanel',
  displayName: 'IPPanel Edge',
  credentialNames: ['token'],
  defaultPageSize: IPPANEL_DEFAULT_PAGE_SIZE,
  maxPageSize: IPPANEL_MAX_PAGE_SIZE,
  demoCredentials: IPPANEL_DEMO_CREDENTIALS,
  create: (config) => new IppanelProvider(config),
  simulator: (options) => ippanelSimulator(options),
};
