import type { ProviderKind } from '../provider.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './codes.js';
import { TaskipProvider } from './provider.js';
import { TASKIP_DEMO_CREDENTIALS, taskipSimulator, type TaskipSimulatorOptions } from './simulator.js';

export { TaskipProvider } from './provider.js';
export type { TaskipSimulatorOptions } from './simulator.js';

/**
 * TaskIP CRM's public support-ticket API: `X-Secret-Key` auth, `limit` up to 100 (50 by
 * default). The simulator also takes `rateLimit` (see `TaskipSimulatorOptions`).
 */
export const taskipKind: ProviderKind = {
  kind: 'taskip',
  displayName: 'TaskIP',
  credentialNames: ['secretKey'],
  defaultPageSize: DEFAULT_LIMIT,
  maxPageSize: MAX_LIMIT,
  demoCredentials: TASKIP_DEMO_CREDENTIALS,
  create: (config) => new TaskipProvider(config, { defaultPageSize: DEFAULT_LIMIT, maxPageSize: MAX_LIMIT }),
  simulator: (options?: TaskipSimulatorOptions) => taskipSimulator(options),
};
