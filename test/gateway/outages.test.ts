import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { resetAll, startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { expectedTickets, ticketKeys } from '../support/oracle.js';

/**
 * Walking `tickets` over real HTTP while providers answer 503 and then recover: an outage
 * never ends a walk early, and once everyone answers again every ticket has come exactly once.
 */
let simulators: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators);
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});
beforeEach(() => resetAll(simulators));

interface Page {
  tickets: {
    missingProviders: string[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ node: { provider: { key: string }; remoteId: string } }>;
  };
}
const PAGE = `query($first: Int!, $after: String) { tickets(first: $first, after: $after) {
  missingProviders pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { provider { key } remoteId } } } }`;

interface Step {
  keys: string[];
  missing: string[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One page, checked: each missing provider has exactly one coded error at `tickets`, and vice versa. */
async function step(first: number, after: string | null): Promise<Step> {
  const res = await gw.query<Page>(PAGE, { first, after });
  const page = res.data!.tickets;
  const failing = (res.errors ?? []).map((e) => {
    expect(e.path).toEqual(['tickets']);
    expect(e.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    return String(e.extensions?.['provider']);
  });
  expect(failing.sort()).toEqual(page.missingProviders);
  if (page.missingProviders.length > 0) {
    // An outage never ends a walk: the missing provider may have more.
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.pageInfo.endCursor).not.toBeNull();
  }
  return {
    keys: page.edges.map((e) => `${e.node.provider.key}:${e.node.remoteId}`),
    missing: page.missingProviders,
    hasNextPage: page.pageInfo.hasNextPage,
    endCursor: page.pageInfo.endCursor,
  };
}

/** Every ticket exactly once; each page in the federated order; each provider's tickets in order. */
function expectComplete(pages: string[][], expected: string[]): void {
  const seen = pages.flat();
  expect(new Set(seen).size).toBe(seen.length);
  expect([...seen].sort()).toEqual([...expected].sort());
  const rank = new Map(expected.map((key, i) => [key, i]));
  for (const page of pages) {
    const ranks = page.map((key) => rank.get(key)!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  }
  for (const provider of ['daakey', 'ippanel', 'kinconecta', 'taskip']) {
    const mine = (keys: string[]) => keys.filter((k) => k.startsWith(`${provider}:`));
    expect(mine(seen)).toEqual(mine(expected));
  }
}

/** Walks from `after` to the end with nothing failing; returns the pages. */
async function walkRest(first: number, after: string | null): Promise<string[][]> {
  const pages: string[][] = [];
  for (let i = 0; i < 200; i += 1) {
    const page = await step(first, after);
    expect(page.missing).toEqual([]);
    pages.push(page.keys);
    if (!page.hasNextPage) return pages;
    after = page.endCursor;
  }
  throw new Error('too many pages');
}

describe('walking tickets through provider outages', () => {
  it('TaskIP down for the first pages, then back: its tickets come late but in order, every ticket exactly once', async () => {
    const expected = ticketKeys(await expectedTickets(gw.providers, {}));
    gw.sim('taskip').controls.addFault({ route: '*', kind: 'status', status: 503 });
    const pages: string[][] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i += 1) {
      const page = await step(20, after);
      expect(page.missing).toEqual(['taskip']);
      expect(page.keys.some((k) => k.startsWith('taskip:'))).toBe(false);
      pages.push(page.keys);
      after = page.endCursor;
    }
    gw.sim('taskip').controls.clearFaults();
    const rest = await walkRest(20, after);
    // TaskIP's newest tickets, newer than those already shown, open the first page after it recovers.
    expect(rest[0]![0]).toBe(expected.find((k) => k.startsWith('taskip:')));
    expectComplete([...pages, ...rest], expected);
  });

  it('TaskIP down until the end of the walk: hasNextPage stays true, and after: endCursor brings its tickets once it recovers', async () => {
    const expected = ticketKeys(await expectedTickets(gw.providers, {}));
    const others = expected.filter((k) => !k.startsWith('taskip:')).length;
    gw.sim('taskip').controls.addFault({ route: '*', kind: 'status', status: 503 });
    const pages: string[][] = [];
    let after: string | null = null;
    for (let delivered = 0; delivered < others;) {
      const page = await step(50, after);
      pages.push(page.keys);
      delivered += page.keys.length;
      after = page.endCursor;
    }
    // Everyone else is done; TaskIP still fails: an empty page that says so and can be retried.
    const empty = await step(50, after);
    expect(empty).toMatchObject({ keys: [], missing: ['taskip'], hasNextPage: true });
    gw.sim('taskip').controls.clearFaults();
    const rest = await walkRest(50, empty.endCursor);
    expect(rest.flat().every((k) => k.startsWith('taskip:'))).toBe(true);
    expectComplete([...pages, ...rest], expected);
  });

  it('random 503s at every provider for the first pages, then none: every ticket exactly once', async () => {
    const expected = ticketKeys(await expectedTickets(gw.providers, {}));
    for (const sim of simulators)
      sim.controls.addFault({ route: '*', kind: 'status', status: 503, rate: 0.4 });
    const pages: string[][] = [];
    let after: string | null = null;
    let missed = 0;
    for (let i = 0; i < 8; i += 1) {
      const page = await step(7, after);
      missed += page.missing.length;
      pages.push(page.keys);
      after = page.endCursor;
    }
    expect(missed).toBeGreaterThan(0);
    for (const sim of simulators) sim.controls.clearFaults();
    expectComplete([...pages, ...(await walkRest(7, after))], expected);
  });
});
