import type { GraphQLFormattedError } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY } from '../../src/server.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import {
  startTestGateway,
  startTestSimulators,
  ticketGlobalId,
  type TestGateway,
} from '../support/gateway.js';
import { desk, eventually, wsClient } from '../support/live.js';

/**
 * Security issue, point 4: a subscription on one ticket checks once that the ticket exists, and
 * a watched ticket that starts answering 404 stops being polled. Real gateway, real sockets,
 * real simulators; upstream calls are counted at the simulators.
 */
let simulators: RunningSimulator[];
let gw: TestGateway;
const POLL_MS = 200;
const TICKETS = '/api/public-v1/support-ticket';
const LIST_ROUTE = `GET ${TICKETS}`;
const DETAIL_ROUTE = `GET ${TICKETS}/:id`;
/** Room for the 100 made-up subscriptions next to a real one on one socket (the limit is not tested here). */
const security = { subscriptions: { ...DEFAULT_SECURITY.subscriptions, perSocket: 1_000 } };

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators, (c) => c, { pollIntervalMs: POLL_MS, security });
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});
beforeEach(() => simulators.forEach((s) => s.controls.reset()));
afterEach(async () => {
  await eventually(() => gw.gateway.live.events.listeners() === 0, 3_000, 'listeners to drop to zero');
  await eventually(() => gw.gateway.live.streams.size === 0, 3_000, 'no stream left open');
});

const ADDED_BY_ID = `subscription($ticketId: ID) { messageAdded(ticketId: $ticketId) { message { body } } }`;
const CHANGED_BY_ID = `subscription($ticketId: ID) { ticketChanged(ticketId: $ticketId) { ticket { status } } }`;
const CHANGED = `subscription($providers: [String!]) { ticketChanged(providers: $providers) { changedFields } }`;

/** One subscription's events, errors and end, as the client sees them. */
interface Tracked {
  events: unknown[];
  errors: GraphQLFormattedError[];
  completed: Promise<void>;
  isComplete: () => boolean;
}

function track(client: Client, query: string, variables: Record<string, unknown> = {}): Tracked {
  const tracked: Tracked = { events: [], errors: [], completed: Promise.resolve(), isComplete: () => done };
  let done = false;
  let finish = (): void => undefined;
  tracked.completed = new Promise<void>((resolve) => (finish = resolve));
  client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) tracked.errors.push(...value.errors);
        if (value.data) tracked.events.push(value.data);
      },
      error: (error) => {
        tracked.errors.push(...(Array.isArray(error) ? error : [{ message: String(error) }]));
        done = true;
        finish();
      },
      complete: () => {
        done = true;
        finish();
      },
    },
  );
  return tracked;
}

const codes = (errors: GraphQLFormattedError[]) => errors.map((e) => e.extensions?.['code']);

/** Detail reads of one TaskIP ticket at the simulator (the route TaskIP's poller and checks use). */
function detailReads(remoteId: string): number {
  const path = `GET ${TICKETS}/${remoteId}`;
  return gw
    .sim('taskip')
    .controls.requestLog()
    .filter((line) => line === path || line.startsWith(`${path}?`)).length;
}

/** Resolves once the TaskIP poller has read its list `polls` more times: time measured in polls. */
async function polls(count: number): Promise<void> {
  const lists = () => gw.sim('taskip').controls.requests(LIST_ROUTE);
  const target = lists() + count;
  await eventually(() => lists() >= target, POLL_MS * (count + 10), `${count} polls`);
}

async function openTicket(g: TestGateway, provider: string): Promise<{ id: string; remoteId: string }> {
  const res = await g.query<{ tickets: { edges: Array<{ node: { id: string; remoteId: string } }> } }>(
    'query($f: TicketFilter) { tickets(first: 1, filter: $f) { edges { node { id remoteId } } } }',
    { f: { providers: [provider], status: ['OPEN', 'IN_PROGRESS'] } },
  );
  return res.data!.tickets.edges[0]!.node;
}

describe('a subscription on one ticket', () => {
  it('ends on 100 made-up ids with NOT_FOUND after one upstream call each, never polled, socket untouched', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const real = await openTicket(gw, 'taskip');
    const watching = track(client, ADDED_BY_ID, { ticketId: real.id });
    // The poller runs for TaskIP: a made-up id that were registered would be read every poll.
    await eventually(() => detailReads(real.remoteId) >= 2, 5_000, 'the poller to read the real ticket');
    const madeUp = Array.from({ length: 100 }, (_, i) => String(900_000 + i));
    const subs = madeUp.map((id, i) =>
      track(client, i % 2 ? CHANGED_BY_ID : ADDED_BY_ID, { ticketId: ticketGlobalId('taskip', id) }),
    );
    await Promise.all(subs.map((s) => s.completed));
    for (const sub of subs) {
      expect(sub.events).toEqual([]);
      expect(codes(sub.errors)).toEqual(['NOT_FOUND']);
    }
    expect(madeUp.map(detailReads)).toEqual(madeUp.map(() => 1));
    await polls(5);
    expect(madeUp.map(detailReads)).toEqual(madeUp.map(() => 1));
    expect(gw.gateway.live.interest.watchedTickets('taskip')).toEqual([real.remoteId]);
    // The socket and its other subscription go on.
    await desk(gw.sim('taskip').origin, 'reply', { ticketId: real.remoteId, body: 'Still watched' });
    await eventually(() => watching.events.length === 1, 5_000, 'the real ticket event');
    expect(watching.events).toEqual([{ messageAdded: { message: { body: 'Still watched' } } }]);
    expect(watching.isComplete()).toBe(false);
    await client.dispose();
  });

  it('ends with NOT_FOUND when its ticket is deleted at the provider, and the ticket is polled no more', async () => {
    const created = await gw.query<{ createTicket: { ticket: { id: string; remoteId: string } } }>(
      `mutation($i: CreateTicketInput!) { createTicket(input: $i) {
        ... on CreateTicketSuccess { ticket { id remoteId } } } }`,
      { i: { provider: 'taskip', subject: 'Watched, then deleted', body: 'Soon gone' } },
    );
    const ticket = created.data!.createTicket.ticket;
    const client = wsClient(gw.gateway.wsUrl);
    const added = track(client, ADDED_BY_ID, { ticketId: ticket.id });
    const changed = track(client, CHANGED_BY_ID, { ticketId: ticket.id });
    const wholeProvider = track(client, CHANGED, { providers: ['taskip'] });
    // Two checks, then polls.
    await eventually(() => detailReads(ticket.remoteId) >= 4, 5_000, 'the poller to read the ticket');
    const deleted = await gw.query(
      'mutation($i: DeleteTicketInput!) { deleteTicket(input: $i) { __typename } }',
      { i: { ticketId: ticket.id } },
    );
    expect(deleted.data).toEqual({ deleteTicket: { __typename: 'DeleteTicketSuccess' } });
    await Promise.all([added.completed, changed.completed]);
    expect([codes(added.errors), codes(changed.errors)]).toEqual([['NOT_FOUND'], ['NOT_FOUND']]);
    expect(added.errors[0]!.extensions).toMatchObject({ provider: 'taskip' });
    expect([added.events, changed.events]).toEqual([[], []]);
    const reads = detailReads(ticket.remoteId);
    await polls(5);
    expect(detailReads(ticket.remoteId)).toBe(reads);
    expect(gw.gateway.live.interest.watchedTickets('taskip')).toEqual([]);
    expect(wholeProvider.isComplete()).toBe(false);
    expect(wholeProvider.errors).toEqual([]);
    await client.dispose();
  });

  it('is accepted while its provider is down, and ends with NOT_FOUND once the poller reads a 404', async () => {
    const sim = gw.sim('taskip');
    const id = '900500';
    sim.controls.addFault({ route: DETAIL_ROUTE, kind: 'status', status: 503 });
    const client = wsClient(gw.gateway.wsUrl);
    // Keeps TaskIP polled after the subscription under test has ended.
    const wholeProvider = track(client, CHANGED, { providers: ['taskip'] });
    const sub = track(client, CHANGED_BY_ID, { ticketId: ticketGlobalId('taskip', id) });
    await eventually(
      () => gw.gateway.live.interest.watchedTickets('taskip').includes(id),
      3_000,
      'the subscription to be accepted',
    );
    await eventually(() => detailReads(id) >= 3, 5_000, 'polls that find the provider down');
    expect(sub.errors).toEqual([]);
    expect(sub.isComplete()).toBe(false);
    sim.controls.clearFaults();
    await sub.completed;
    expect(codes(sub.errors)).toEqual(['NOT_FOUND']);
    const reads = detailReads(id);
    await polls(3);
    expect(detailReads(id)).toBe(reads);
    expect(wholeProvider.isComplete()).toBe(false);
    await client.dispose();
  });
});

describe('LiveService.endStreams (server shutdown)', () => {
  it('completes every open subscription: graphql-ws sends complete, SSE ends with its complete event', async () => {
    const own = await startTestGateway(simulators, (c) => c, { pollIntervalMs: POLL_MS });
    const client = wsClient(own.gateway.wsUrl);
    try {
      const real = await openTicket(own, 'daakey');
      const byProvider = track(client, CHANGED, { providers: ['ippanel'] });
      const byTicket = track(client, ADDED_BY_ID, { ticketId: real.id });
      const sse = fetch(own.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: CHANGED, variables: { providers: ['kinconecta'] } }),
      }).then((res) => res.text());
      await eventually(() => own.gateway.live.streams.size === 3, 3_000, 'three open streams');
      expect(await own.gateway.live.endStreams()).toBe(3);
      await Promise.all([byProvider.completed, byTicket.completed]);
      expect([byProvider.errors, byTicket.errors]).toEqual([[], []]);
      expect(await sse).toMatch(/event: complete\n/);
      expect(own.gateway.live.interest.snapshot()).toEqual({});
      await eventually(() => own.gateway.live.polling().length === 0, 3_000, 'polling to stop');
      // A subscription started while draining completes at once and starts no poller.
      const late = track(client, CHANGED);
      await late.completed;
      expect([late.events, late.errors, own.gateway.live.polling()]).toEqual([[], [], []]);
    } finally {
      await client.dispose();
      await own.close();
    }
  });
});
