import type { ProviderKind } from '../provider.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './codes.js';
import { TaskipProvider } from './provider.js';

export { TaskipProvider } from './provider.js';

/** TaskIP CRM's public support-ticket API: `X-Secret-Key` auth, `limit` up to 100 (50 by default). */
export const taskipKind: ProviderKind = {
  kind: 'taskip',
  displayName: 'TaskIP',
  credentialNames: ['secretKey'],
  defaultPageSize: DEFAULT_LIMIT,
  // TaskIP answers 422 beyond it.
  maxPageSize: MAX_LIMIT,
  create: (config) => new TaskipProvider(config),
};
