import { upstreamPageSize } from '../federation/checks.js';
import { daakeyKind } from './daakey/index.js';
import { ippanelKind } from './ippanel/index.js';
import { kinconectaKind } from './kinconecta/index.js';
import { taskipKind } from './taskip/index.js';
import type { ProviderInstanceConfig, ProviderKind, TicketProvider } from './provider.js';

/** Every provider kind the gateway can federate, by kind name. */
export const PROVIDER_KINDS: ReadonlyMap<string, ProviderKind> = new Map(
  [daakeyKind, ippanelKind, taskipKind, kinconectaKind].map((kind) => [kind.kind, kind]),
);

/** The kind named `name`, or a message listing the known ones. */
export function findKind(name: string): ProviderKind | undefined {
  return PROVIDER_KINDS.get(name);
}

/** Builds the provider instances, keyed by instance key, each with its page size resolved once. */
export function createProviders(configs: readonly ProviderInstanceConfig[]): Map<string, TicketProvider> {
  return new Map(
    configs.map((config) => {
      const kind = PROVIDER_KINDS.get(config.kind);
      if (!kind) throw new Error(`unknown provider kind "${config.kind}" for instance "${config.key}"`);
      return [config.key, kind.create({ ...config, pageSize: upstreamPageSize(kind, config.pageSize) })];
    }),
  );
}
