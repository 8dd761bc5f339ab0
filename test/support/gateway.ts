import {
  simulatorInstances,
  startSimulators,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../src/demo/simulators.js';
import type { ProviderInstanceConfig, TicketProvider } from '../../src/providers/provider.js';
import { createProviders } from '../../src/providers/registry.js';
import type { SecurityConfig } from '../../src/config.js';
import { DEFAULT_SECURITY, startGateway, type RunningGateway } from '../../src/server.js';

/** A fixed clock for demo data, so tests see the same tickets on every run. */
export const TEST_NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** The four simulators on real ports, with seeded data and no TaskIP rate limit (tests make many calls). */
export async function startTestSimulators(options: SimulatorOptions = {}): Promise<RunningSimulator[]> {
  return startSimulators({
    seed: 7,
    size: 30,
    now: TEST_NOW,
    rateLimit: false,
    ...options,
  } as SimulatorOptions);
}

export interface TestGateway {
  gateway: RunningGateway;
  providers: Map<string, TicketProvider>;
  sim: (key: string) => RunningSimulator;
  query: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphQLResponse<T>>;
  close: () => Promise<void>;
}

/** A gateway over already-running simulators, reached over real HTTP. */
export async function startTestGateway(
  simulators: RunningSimulator[],
  tweak: (config: ProviderInstanceConfig) => ProviderInstanceConfig = (c) => c,
  options: { pollIntervalMs?: number; security?: Partial<SecurityConfig>; secrets?: string[] } = {},
): Promise<TestGateway> {
  // The test simulators have no rate limit, so the poller need not ration its requests either.
  const providers = createProviders(
    simulatorInstances(simulators)
      .map((c) => ({ ...c, pollBudgetPerMinute: 100_000 }))
      .map(tweak),
  );
  const gateway = await startGateway({
    providers,
    port: 0,
    pollIntervalMs: options.pollIntervalMs,
    security: { ...DEFAULT_SECURITY, ...options.security },
    secrets: options.secrets,
  });
  return {
    gateway,
    providers,
    sim: (key) => {
      const found = simulators.find((s) => s.key === key);
      if (!found) throw new Error(`no simulator ${key}`);
      return found;
    },
    query: (query, variables) => postGraphQL(gateway.url, query, variables),
    close: async () => {
      await gateway.close();
      await Promise.all([...providers.values()].map((p) => p.close()));
    },
  };
}

/** POSTs one GraphQL operation and returns the parsed response. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Resets every simulator's data, counters, faults and latency. */
export function resetAll(simulators: RunningSimulator[]): void {
  for (const s of simulators) {
    s.controls.reset();
    s.definition.resetData();
  }
}

/** Sends an operation with files as a GraphQL multipart request (the spec yoga implements). */
export async function postMultipart<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, File>,
): Promise<GraphQLResponse<T>> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables }));
  const names = Object.keys(files);
  form.set(
    'map',
    JSON.stringify(Object.fromEntries(names.map((path, i) => [String(i), [`variables.${path}`]]))),
  );
  names.forEach((path, i) => form.set(String(i), files[path]!));
  const response = await fetch(url, {
    method: 'POST',
    body: form,
    headers: { 'graphql-require-preflight': '1' },
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The global id of a ticket, as the gateway issues it. */
export function ticketGlobalId(providerKey: string, remoteId: string): string {
  return Buffer.from(`Ticket:${JSON.stringify([providerKey, remoteId])}`).toString('base64');
}
