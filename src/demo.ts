import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './config.js';
import type { ProviderInstanceConfig, SimulatorOptions, TicketProvider } from './providers/provider.js';
import { PROVIDER_KINDS } from './providers/registry.js';
import { startSimulator, type RunningSimulator } from './simulator/server.js';

/** Default ports of the simulators, in registry order, when started alone. */
export const DEFAULT_SIMULATOR_PORTS: Readonly<Record<string, number>> = {
  daakey: 4101,
  ippanel: 4102,
  taskip: 4103,
  kinconecta: 4104,
};

export interface DemoSimulatorOptions extends SimulatorOptions {
  /** Port per kind; 0 picks a free one. */
  ports?: Readonly<Record<string, number>>;
  host?: string;
}

/** Starts one simulator of every provider kind with seeded demo data. */
export async function startSimulators(options: DemoSimulatorOptions = {}): Promise<RunningSimulator[]> {
  const { ports = {}, host, ...simOptions } = options;
  const started: RunningSimulator[] = [];
  try {
    for (const kind of PROVIDER_KINDS.values()) {
      started.push(await startSimulator(kind.simulator(simOptions), { port: ports[kind.kind] ?? 0, host }));
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  return started;
}

/** Instance configs that point the gateway at running simulators, with their demo credentials. */
export function simulatorInstances(
  simulators: readonly RunningSimulator[],
  overrides: Partial<Pick<ProviderInstanceConfig, 'timeoutMs' | 'maxResponseBytes'>> = {},
): ProviderInstanceConfig[] {
  return simulators.map((sim) => {
    const kind = PROVIDER_KINDS.get(sim.key)!;
    return {
      key: sim.key,
      kind: sim.key,
      name: kind.displayName,
      baseUrl: sim.baseUrl,
      credentials: { ...kind.demoCredentials },
      timeoutMs: overrides.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      pageSize: kind.defaultPageSize,
      maxResponseBytes: overrides.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    };
  });
}

/** Builds the provider instances, keyed by instance key. */
export function createProviders(configs: readonly ProviderInstanceConfig[]): Map<string, TicketProvider> {
  return new Map(configs.map((config) => [config.key, PROVIDER_KINDS.get(config.kind)!.create(config)]));
}
