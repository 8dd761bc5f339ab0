import { parse } from 'graphql';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/edge/cost.js';
import { DEFAULT_LIMITS } from '../../src/edge/limits.js';
import { buildSchema } from '../../src/schema/index.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import {
  resetAll,
  startTestGateway,
  startTestSimulators,
  ticketGlobalId,
  type GraphQLResponse,
  type TestGateway,
} from '../support/gateway.js';
import {
  deepSelection,
  post as postTo,
  ticketMessageChain,
  tooManyTokens,
  upstreamRequests,
} from './limits-support.js';

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

async function post(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  return (await postTo(gw.gateway.url, query, variables)).body;
}

/**
 * The longest the event loop was blocked while `work` ran, in ms: the largest gap between ticks
 * of a 5 ms timer, counted as the CPU time this process spent in it where that is less. On a
 * shared machine another process can hold the CPU, which stretches a gap but not our CPU time.
 */
async function longestBlock(work: () => Promise<unknown>): Promise<{ blocked: number; wall: number }> {
  let running = true;
  let worst = { blocked: 0, wall: 0 };
  let last = { at: performance.now(), cpu: cpuMs() };
  const tick = (): void => {
    const now = { at: performance.now(), cpu: cpuMs() };
    const wall = now.at - last.at - 5;
    const blocked = Math.min(wall, now.cpu - last.cpu);
    if (blocked > worst.blocked) worst = { blocked, wall };
    last = now;
    if (running) setTimeout(tick, 5);
  };
  setTimeout(tick, 5);
  await work();
  // A block at the very end shows only when the tick it delayed runs: let it.
  await new Promise((resolve) => setTimeout(resolve, 30));
  running = false;
  return worst;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Warms up with a text the parse cache has not seen, then blocks over three runs of `query`. */
async function blocksOf(query: string): Promise<{ median: number; runs: string; body: GraphQLResponse }> {
  await post(`${query} `);
  const runs: Array<{ blocked: number; wall: number }> = [];
  let body: GraphQLResponse = {};
  for (let run = 0; run < 3; run += 1) runs.push(await longestBlock(async () => (body = await post(query))));
  const median = runs.map((r) => r.blocked).sort((a, b) => a - b)[1]!;
  const text = runs.map((r) => `${r.blocked.toFixed(1)} (wall ${r.wall.toFixed(1)})`).join(', ');
  return { median, runs: text, body };
}

const TICKET = `id remoteId reference subject description status remoteStatus priority remotePriority category
  createdAt updatedAt lastMessageAt unreadCount raw provider { id key name kind capabilities }
  requester { name email remoteId }`;
const MESSAGE = 'id body authorType internal createdAt author { name email remoteId }';

/** Ticket pages of the given sizes (aliased), with every ticket field and each one's first 7 messages. */
function heavyQuery(pages: number[]): string {
  const page = (first: number) => `tickets(first: ${first}) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { ${TICKET} messages(first: 7) { totalCount edges { cursor node { ${MESSAGE} } } } } } }`;
  return `{ ${pages.map((first, i) => `p${i}: ${page(first)}`).join('\n')} }`;
}

/** As many full pages of `heavyQuery` as the default cost limit lets through, then the largest part page. */
function mostExpensiveAllowed(): { query: string; cost: number } {
  const schema = buildSchema();
  const costOf = (pages: number[]) =>
    estimateCost({ schema, document: parse(heavyQuery(pages)), providerCount: gw.providers.size }).cost;
  const pages: number[] = [];
  while (costOf([...pages, 100]) <= DEFAULT_LIMITS.maxCost) pages.push(100);
  let last = 0;
  while (last < 100 && costOf([...pages, last + 1]) <= DEFAULT_LIMITS.maxCost) last += 1;
  if (last > 0) pages.push(last);
  return { query: heavyQuery(pages), cost: costOf(pages) };
}

describe('no allowed operation blocks the event loop for long', () => {
  it('runs the most expensive query the default cost limit allows with no block over 100 ms', async () => {
    const { query, cost } = mostExpensiveAllowed();
    expect(cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost * 0.95);
    // The simulators share this process, so their work counts too.
    const { median, runs, body } = await blocksOf(query);
    console.info(`most expensive allowed query: cost ${cost}, longest block per run ${runs} ms`);
    expect(body.errors ?? []).toEqual([]);
    expect(median).toBeLessThan(100);
  });

  it('parses and validates the largest document the token limit allows with no block over 100 ms', async () => {
    // ~4,950 tokens and under 100 KB: one long enum list (valid, cheap to run).
    const statuses = Array.from({ length: DEFAULT_LIMITS.maxTokens - 50 }, () => 'OPEN').join(' ');
    const query = `{ tickets(first: 1, filter: { status: [${statuses}] }) { edges { node { id } } } }`;
    expect(query.length).toBeLessThan(DEFAULT_LIMITS.maxDocumentBytes);
    const { median, runs, body } = await blocksOf(query);
    console.info(`largest allowed document: ${query.length} bytes, longest block per run ${runs} ms`);
    expect(body.errors?.some((e) => e.extensions?.['code'] === 'QUERY_TOO_COMPLEX')).toBeFalsy();
    expect(median).toBeLessThan(100);
  });
});

describe('a refused operation does not hold up other clients', () => {
  it('answers { __typename } promptly while deep and huge queries are being refused', async () => {
    const attacks = [
      postTo(gw.gateway.url, deepSelection(3_000)),
      postTo(gw.gateway.url, ticketMessageChain(12), { id: ticketGlobalId('taskip', '1') }),
      postTo(gw.gateway.url, tooManyTokens),
    ];
    const started = performance.now();
    const other = await post('{ __typename }');
    const elapsed = performance.now() - started;
    const answers = await Promise.all(attacks);
    expect(other).toEqual({ data: { __typename: 'Query' } });
    expect(answers.map((a) => a.body.errors?.[0]?.extensions?.['code'])).toEqual(
      Array(3).fill('QUERY_TOO_COMPLEX'),
    );
    // The attacker's eleven levels made this wait 9 s; now it waits for a few cheap refusals.
    expect(elapsed).toBeLessThan(250);
  });
});

describe('padded documents do not pile up in memory', () => {
  it('keeps heap growth bounded over 400 distinct padded queries and 10 oversized ones', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heap();
    // Each is valid and just under the size limit, and distinct, so each is a new cache key.
    const room = DEFAULT_LIMITS.maxDocumentBytes - 1_000;
    for (let i = 0; i < 400; i += 8) {
      const batch = Array.from({ length: 8 }, (_, j) => post(`{ __typename }${' '.repeat(room + i + j)}`));
      for (const body of await Promise.all(batch)) expect(body).toEqual({ data: { __typename: 'Query' } });
    }
    for (let i = 0; i < 10; i += 1) {
      const body = await post(`{ __typename }${' '.repeat(500_000 + i)}`);
      expect(body.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
    }
    const grown = (heap() - before) / 1024 / 1024;
    console.info(`heap growth after 400 padded and 10 oversized documents: ${grown.toFixed(1)} MB`);
    // Kept whole, the 400 texts alone would be ~40 MB; the cache holds at most 32 MB by its
    // estimate, which counts 2 bytes a character (these are 1-byte strings).
    expect(grown).toBeLessThan(24);
    expect(upstreamRequests(simulators)).toBe(0);
  });
});
