import type { ProviderKind } from '../provider.js';
import { KinconectaProvider } from './provider.js';

/** Default (and largest) page size. Nominal: the upstream has no pagination at all. */
export const KINCONECTA_PAGE_SIZE = 100;

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
