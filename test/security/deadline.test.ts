import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { resetAll, startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { DEFAULT_SECURITY } from '../../src/server.js';

const DEADLINE_MS = 600;

let sims: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  sims = await startTestSimulators();
  // Each upstream request may take 5 s; the operation as a whole may not.
  gw = await startTestGateway(sims, (c) => ({ ...c, timeoutMs: 5_000 }), {
    security: { ...DEFAULT_SECURITY, operationTimeoutMs: DEADLINE_MS },
  });
});
afterAll(async () => {
  await gw.close();
  await Promise.all(sims.map((s) => s.close()));
});
beforeEach(() => resetAll(sims));

interface Page {
  tickets: { edges: Array<{ node: { id: string; provider: { key: string } } }> };
}

describe('the operation deadline', () => {
  it('answers a slow provider’s part as UPSTREAM_TIMEOUT at the deadline, with the rest of the data', async () => {
    gw.sim('taskip').controls.setLatency({ route: '*', ms: 3_000 });
    const started = Date.now();
    const answer = await gw.query<Page>('{ tickets(first: 20) { edges { node { id provider { key } } } } }');
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(took).toBeLessThan(2_500);
    expect(answer.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', provider: 'taskip' }),
      }),
    ]);
    const keys = new Set(answer.data!.tickets.edges.map((e) => e.node.provider.key));
    expect([...keys].sort()).toEqual(['daakey', 'ippanel', 'kinconecta']);
  });

  it('holds across several calls: details loaded after a slow list are cut at the same deadline', async () => {
    gw.sim('daakey').controls.setLatency({ route: '*', ms: 400 });
    const started = Date.now();
    // The list (400 ms) then each ticket's details (400 ms more): past the 600 ms deadline.
    const answer = await gw.query<Page>(
      '{ tickets(first: 3, filter: { providers: ["daakey"] }) { edges { node { id provider { key } messages { edges { node { id } } } } } } }',
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(answer.errors!.every((e) => e.extensions?.['code'] === 'UPSTREAM_TIMEOUT')).toBe(true);
  });

  it('does not touch an operation that finishes in time', async () => {
    const answer = await gw.query<Page>('{ tickets(first: 5) { edges { node { id provider { key } } } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.tickets.edges).toHaveLength(5);
  });
});
