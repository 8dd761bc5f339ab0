import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from '../config.js';
import type { ProviderInstanceConfig } from '../providers/provider.js';
import { PROVIDER_KINDS } from '../providers/registry.js';
import {
  SIMULATORS,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../simulators/index.js';

export type { RunningSimulator, SimulatorOptions } from '../simulators/index.js';

/** Default ports of the simulators, in registry order, when started alone. */
export const DEFAULT_SIMULATOR_PORTS: Readonly<Record<string, number>> = Object.fromEntries(
  [...SIMULATORS.values()].map((kind) => [kind.key, kind.defaultPort]),
);

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
    for (const kind of SIMULATORS.values()) {
      started.push(await startSimulator(kind.create(simOptions), { port: ports[kind.key] ?? 0, host }));
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  return started;
}

/**
 * Instance configs that point the gateway at running simulators (one instance per simulator,
 * of the provider kind it simulates), with each simulator's own demo credentials.
 */
export function simulatorInstances(
  simulators: readonly RunningSimulator[],
  overrides: Partial<Pick<ProviderInstanceConfig, 'timeoutMs' | 'maxResponseBytes'>> = {},
): ProviderInstanceConfig[] {
  return simulators.map((sim) => {
    const kind = PROVIDER_KINDS.get(sim.key);
    const simulator = SIMULATORS.get(sim.key);
    if (!kind || !simulator) throw new Error(`no provider kind and simulator named "${sim.key}"`);
    return {
      key: sim.key,
      kind: sim.key,
      name: kind.displayName,
      baseUrl: sim.baseUrl,
      credentials: { ...simulator.demoCredentials },
      timeoutMs: overrides.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      pageSize: kind.defaultPageSize,
      maxResponseBytes: overrides.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    };
  });
}
