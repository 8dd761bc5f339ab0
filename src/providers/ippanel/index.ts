import type { ProviderKind } from '../provider.js';
import { IPPANEL_DEFAULT_PAGE_SIZE, IPPANEL_MAX_PAGE_SIZE, IppanelProvider } from './provider.js';

/** IPPanel Edge (SMS panel) reseller tickets: raw-token auth, `{data, meta}` envelope. */
export const ippanelKind: ProviderKind = {
  kind: 'ippanel',
  displayName: 'IPPanel Edge',
  credentialNames: ['token'],
  defaultPageSize: IPPANEL_DEFAULT_PAGE_SIZE,
  maxPageSize: IPPANEL_MAX_PAGE_SIZE,
  create: (config) => new IppanelProvider(config),
};
