import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderInstanceConfig } from '../../src/providers/provider.js';
import { createProviders } from '../../src/providers/registry.js';
import { startGateway, type RunningGateway } from '../../src/server.js';
import {
  startSimulator,
  taskipSimulator,
  type RunningSimulator,
  type TaskipSimulatorOptions,
} from '../../src/simulators/index.js';
import { postGraphQL, TEST_NOW } from '../support/gateway.js';

/** Two TaskIP workspaces (two simulators with their own data and keys) behind one gateway. */
let eu: RunningSimulator;
let us: RunningSimulator;
let gateway: RunningGateway;
let providers: ReturnType<typeof createProviders>;

function instance(key: string, sim: RunningSimulator, secretKey: string): ProviderInstanceConfig {
  return {
    key,
    kind: 'taskip',
    name: `TaskIP ${key}`,
    baseUrl: sim.baseUrl,
    credentials: { secretKey },
    timeoutMs: 5_000,
    maxResponseBytes: 4 << 20,
  };
}

beforeAll(async () => {
  const options = (seed: number, secretKey: string) =>
    ({
      seed,
      size: 12,
      now: TEST_NOW,
      rateLimit: false,
      credentials: { secretKey },
    }) as TaskipSimulatorOptions;
  eu = await startSimulator(taskipSimulator(options(1, 'eu-secret')));
  us = await startSimulator(taskipSimulator(options(2, 'us-secret')));
  providers = createProviders([
    instance('taskip-eu', eu, 'eu-secret'),
    instance('taskip-us', us, 'us-secret'),
  ]);
  gateway = await startGateway({ providers, port: 0 });
});
afterAll(async () => {
  await gateway.close();
  await Promise.all([...providers.values()].map((p) => p.close()));
  await eu.close();
  await us.close();
});

describe('several instances of one provider kind', () => {
  it('lists both workspaces as separate providers with distinct ids, each with its own credentials', async () => {
    const res = await postGraphQL<{
      providers: Array<{ key: string; kind: string }>;
      tickets: {
        totalCount: number;
        edges: Array<{ node: { id: string; remoteId: string; provider: { key: string } } }>;
      };
    }>(
      gateway.url,
      '{ providers { key kind } tickets(first: 100) { totalCount edges { node { id remoteId provider { key } } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.providers).toEqual([
      { key: 'taskip-eu', kind: 'taskip' },
      { key: 'taskip-us', kind: 'taskip' },
    ]);
    const edges = res.data!.tickets.edges;
    expect(res.data!.tickets.totalCount).toBe(24);
    expect(edges.filter((e) => e.node.provider.key === 'taskip-eu')).toHaveLength(12);
    expect(edges.filter((e) => e.node.provider.key === 'taskip-us')).toHaveLength(12);
    // The same remote id in both workspaces is two tickets with two global ids.
    const one = edges.filter((e) => e.node.remoteId === '1');
    expect(one).toHaveLength(2);
    expect(new Set(one.map((e) => e.node.id)).size).toBe(2);
    const only = await postGraphQL<{ tickets: { edges: Array<{ node: { provider: { key: string } } }> } }>(
      gateway.url,
      '{ tickets(first: 100, filter: { providers: ["taskip-us"] }) { edges { node { provider { key } } } } }',
    );
    expect(new Set(only.data!.tickets.edges.map((e) => e.node.provider.key))).toEqual(new Set(['taskip-us']));
  });
});
