import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import type { FaultRule } from '../../src/simulators/index.js';
import { resetAll, startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';

let simulators: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators, (c) => ({ ...c, timeoutMs: 400 }));
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});
beforeEach(() => resetAll(simulators));

interface Answer {
  tickets: {
    totalCount: number | null;
    missingProviders: string[];
    pageInfo: { hasNextPage: boolean };
    edges: Array<{ node: { provider: { key: string } } }>;
  };
}
const LIST =
  '{ tickets(first: 40) { totalCount missingProviders pageInfo { hasNextPage } edges { node { provider { key } subject } } } }';

async function expectOnlyProviderMissing(failing: string, code: string): Promise<void> {
  const res = await gw.query<Answer>(LIST);
  expect(res.data?.tickets, JSON.stringify(res)).toBeTruthy();
  const keys = new Set(res.data!.tickets.edges.map((e) => e.node.provider.key));
  expect(keys.has(failing)).toBe(false);
  expect([...keys].sort()).toEqual(
    ['daakey', 'ippanel', 'kinconecta', 'taskip'].filter((k) => k !== failing),
  );
  expect(res.data!.tickets.totalCount).toBeNull();
  // The page says who is missing, and the walk goes on to ask it again.
  expect(res.data!.tickets.missingProviders).toEqual([failing]);
  expect(res.data!.tickets.pageInfo.hasNextPage).toBe(true);
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0]!;
  expect(error.extensions).toEqual({ code, provider: failing });
  expect(error.path).toEqual(['tickets']);
  // Nothing of the failure but its code and provider reaches the client.
  const text = JSON.stringify(res.errors);
  expect(text).not.toMatch(/127\.0\.0\.1|http:|Bearer|secret|token|status \d{3}/i);
}

for (const key of ['daakey', 'ippanel', 'taskip', 'kinconecta']) {
  describe(`when ${key} fails`, () => {
    const fault = (rule: Omit<FaultRule, 'route'>): void =>
      gw.sim(key).controls.addFault({ route: '*', ...rule });

    it('a 5xx costs only its tickets: UPSTREAM_UNAVAILABLE', async () => {
      fault({ kind: 'status', status: 503 });
      await expectOnlyProviderMissing(key, 'UPSTREAM_UNAVAILABLE');
    });

    it('a connection reset: UPSTREAM_UNAVAILABLE', async () => {
      fault({ kind: 'reset' });
      await expectOnlyProviderMissing(key, 'UPSTREAM_UNAVAILABLE');
    });

    it('no answer in time: UPSTREAM_TIMEOUT', async () => {
      gw.sim(key).controls.setLatency({ route: '*', ms: 1_500 });
      await expectOnlyProviderMissing(key, 'UPSTREAM_TIMEOUT');
    });

    it('garbage: UPSTREAM_BAD_RESPONSE', async () => {
      fault({ kind: 'malformed' });
      await expectOnlyProviderMissing(key, 'UPSTREAM_BAD_RESPONSE');
    });

    it('an oversized body: UPSTREAM_BAD_RESPONSE', async () => {
      fault({ kind: 'oversized', bytes: 6 * 1024 * 1024 });
      await expectOnlyProviderMissing(key, 'UPSTREAM_BAD_RESPONSE');
    });
  });
}

describe('rejected credentials', () => {
  it('answers UPSTREAM_AUTH for the provider whose credentials are wrong', async () => {
    const wrong = await startTestGateway(simulators, (c) =>
      c.key === 'taskip' ? { ...c, credentials: { secretKey: 'wrong' } } : c,
    );
    try {
      const res = await wrong.query<Answer>(LIST);
      expect(res.errors?.map((e) => e.extensions)).toEqual([{ code: 'UPSTREAM_AUTH', provider: 'taskip' }]);
      expect(res.data!.tickets.edges.some((e) => e.node.provider.key === 'daakey')).toBe(true);
    } finally {
      await wrong.close();
    }
  });
});

describe('a failure while loading details', () => {
  type Edges = {
    tickets: {
      missingProviders: string[];
      edges: Array<{
        node: {
          provider: { key: string };
          description: string | null;
          messages: { totalCount: number } | null;
          attachments: Array<{ url: string }> | null;
        };
      }>;
    };
  };
  const failDaakeyDetails = (): void =>
    gw.sim('daakey').controls.addFault({
      route: 'GET /api/v1/client/tickets/:ticket',
      kind: 'status',
      status: 500,
    });

  it('costs only the fields that needed them: a nullable field is null, with an error at its path', async () => {
    failDaakeyDetails();
    const res = await gw.query<Edges>(
      '{ tickets(first: 40) { edges { node { provider { key } description } } } }',
    );
    const nodes = res.data!.tickets.edges.map((e) => e.node);
    const daakey = nodes.filter((n) => n.provider.key === 'daakey');
    expect(daakey.length).toBeGreaterThan(0);
    expect(daakey.every((n) => n.description === null)).toBe(true);
    expect(nodes.filter((n) => n.provider.key !== 'daakey').some((n) => n.description)).toBe(true);
    expect(res.errors).toHaveLength(daakey.length);
    for (const error of res.errors!) {
      expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', provider: 'daakey' });
      expect(error.path?.at(-1)).toBe('description');
    }
  });

  it('keeps every edge and its node: messages and attachments that cannot load are null on their own ticket', async () => {
    failDaakeyDetails();
    const res = await gw.query<Edges>(
      '{ tickets(first: 40) { missingProviders edges { node { provider { key } messages { totalCount } attachments { url } } } } }',
    );
    const edges = res.data!.tickets.edges;
    expect(edges).toHaveLength(40);
    // The list itself answered: no provider is missing from the page.
    expect(res.data!.tickets.missingProviders).toEqual([]);
    const daakey = edges.map((e) => e.node).filter((n) => n.provider.key === 'daakey');
    expect(daakey.length).toBeGreaterThan(0);
    for (const node of daakey) expect([node.messages, node.attachments]).toEqual([null, null]);
    const others = edges.map((e) => e.node).filter((n) => n.provider.key !== 'daakey');
    expect(others.every((n) => n.messages !== null && n.attachments !== null)).toBe(true);
    expect(res.errors).toHaveLength(2 * daakey.length);
    for (const error of res.errors!) {
      expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', provider: 'daakey' });
      expect(error.path).toEqual(['tickets', 'edges', expect.any(Number), 'node', expect.any(String)]);
      expect(['messages', 'attachments']).toContain(error.path!.at(-1));
    }
  });
});
