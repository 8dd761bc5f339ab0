import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoAgents } from '../../src/demo/agents.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { collect, wsClient } from '../support/live.js';
import { pollNow } from './waits.js';

let simulators: RunningSimulator[];
let gw: TestGateway;
let stopAgents: () => void;

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators, (c) => c, { pollIntervalMs: 150 });
});
afterAll(async () => {
  stopAgents?.();
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});

describe("demo mode's simulated agents", () => {
  it('answer open tickets at the providers, and a subscriber sees the replies arrive', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<{
      messageAdded: { message: { authorType: string }; ticket: { provider: { key: string } } };
    }>(client, 'subscription { messageAdded { message { authorType } ticket { provider { key } } } }');
    // A poll of every provider first: the agents' replies are news, not history.
    await pollNow(gw.gateway.live, [...gw.providers.keys()]);
    stopAgents = startDemoAgents(simulators, 100, 5);
    const events = await sub.waitFor(3, 15_000);
    expect(events.every((e) => e.messageAdded.message.authorType === 'AGENT')).toBe(true);
    stopAgents();
    await client.dispose();
  });
});
