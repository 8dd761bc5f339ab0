import type { ProviderKind } from '../provider.js';
import { KINCONECTA_PAGE_SIZE, KinconectaProvider } from './provider.js';

/**
 * Kinconecta (tourism) support tickets. No credentials are required by the docs; an instance
 * may still be given a `token`, sent as `Authorization: Bearer {token}`.
 */
export const kinconectaKind: ProviderKind = {
  kind: 'kinconecta',
  displayName: 'Kinconecta',
  credentialNames: [],
  defaultPageSize: KINCONECTA_PAGE_SIZE,
  maxPageSize: KINCONECTA_PAGE_SIZE,
  create: (config) => new KinconectaProvider(config),
};
