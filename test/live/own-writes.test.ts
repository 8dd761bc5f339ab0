import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { collect, desk, eventually, wsClient } from '../support/live.js';
import { delivered, pollNow } from './waits.js';

/** Writes through the gateway on `ticketChanged`: announced at once, once, never again by the poller. */
let simulators: RunningSimulator[];
/** Polls every minute: an event within a second can only come from the mutation itself. */
let slow: TestGateway;
/** Polls every 200 ms: the poller reads the written ticket many times over. */
let fast: TestGateway;
const POLL_MS = 200;

beforeAll(async () => {
  simulators = await startTestSimulators();
  [slow, fast] = await Promise.all([
    startTestGateway(simulators, (c) => c, { pollIntervalMs: 60_000 }),
    startTestGateway(simulators, (c) => c, { pollIntervalMs: POLL_MS }),
  ]);
});
afterAll(async () => {
  await Promise.all([slow.close(), fast.close()]);
  await Promise.all(simulators.map((s) => s.close()));
});
afterEach(async () => {
  for (const gw of [slow, fast])
    await eventually(() => gw.gateway.live.events.listeners() === 0, 3_000, 'listeners to drop to zero');
});

interface Changed {
  ticketChanged: {
    ticket: { id: string; status: string; priority: string | null };
    previousStatus: string | null;
    changedFields: string[];
  };
}
const CHANGED = `subscription($ticketId: ID, $providers: [String!]) {
  ticketChanged(ticketId: $ticketId, providers: $providers) {
    ticket { id status priority } previousStatus changedFields } }`;

/** An OPEN TaskIP ticket (the only provider with these writes) and its priority. */
async function openTicket(gw: TestGateway): Promise<{ id: string; remoteId: string; priority: string }> {
  const res = await gw.query<{
    tickets: { edges: Array<{ node: { id: string; remoteId: string; priority: string } }> };
  }>(
    '{ tickets(first: 1, filter: { providers: ["taskip"], status: [OPEN] }) { edges { node { id remoteId priority } } } }',
  );
  return res.data!.tickets.edges[0]!.node;
}

/** Runs one ticket write and returns its result's type name. */
async function write(gw: TestGateway, mutation: string, input: Record<string, unknown>): Promise<string> {
  const type = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
  const res = await gw.query<Record<string, { __typename: string }>>(
    `mutation($i: ${type}!) { ${mutation}(input: $i) { __typename } }`,
    { i: input },
  );
  return res.data![mutation]!.__typename;
}

/**
 * Once `subscriptions` subscriptions to ticketChanged are registered on `gw`: a poll of TaskIP
 * since then has saved its snapshot, and what it published has reached `client`.
 */
async function polled(gw: TestGateway, client: Client, subscriptions: number): Promise<void> {
  const { live } = gw.gateway;
  await eventually(
    () => live.events.listeners('ticketChanged') === subscriptions,
    5_000,
    'the subscriptions',
  );
  await pollNow(live, ['taskip']);
  await delivered(client);
}

/** `count` more polls of TaskIP on `gw`, and what they published has reached `client`. */
async function quiet(gw: TestGateway, client: Client, count = 4): Promise<void> {
  await pollNow(gw.gateway.live, ['taskip'], count);
  await delivered(client);
}

/** Runs `test` with a graphql-ws client of `gw`, disposed however the test ends. */
async function withClient(gw: TestGateway, test: (client: Client) => Promise<void>): Promise<void> {
  const client = wsClient(gw.gateway.wsUrl);
  try {
    await test(client);
  } finally {
    await client.dispose();
  }
}

describe('a write through the gateway on ticketChanged', () => {
  it('arrives at once, long before any poll, with what changed and the status before', () =>
    withClient(slow, async (client) => {
      slow.sim('taskip').controls.reset();
      const ticket = await openTicket(slow);
      const all = collect<Changed>(client, CHANGED, { providers: ['taskip'] });
      const one = collect<Changed>(client, CHANGED, { ticketId: ticket.id });
      await polled(slow, client, 2);
      // That poll may report what other tests changed since this gateway last polled: not counted.
      const [seen, seenOne] = [all.events.length, one.events.length];
      const sent = Date.now();
      expect(await write(slow, 'updateTicketStatus', { ticketId: ticket.id, status: 'RESOLVED' })).toBe(
        'UpdateTicketStatusSuccess',
      );
      const status = (await all.waitFor(seen + 1, 1_000))[seen];
      expect(Date.now() - sent).toBeLessThan(1_000);
      expect(status!.ticketChanged).toEqual({
        ticket: { id: ticket.id, status: 'RESOLVED', priority: ticket.priority },
        previousStatus: 'OPEN',
        changedFields: ['status'],
      });
      const priority = ticket.priority === 'URGENT' ? 'LOW' : 'URGENT';
      await write(slow, 'updateTicketPriority', { ticketId: ticket.id, priority });
      const changed = (await all.waitFor(seen + 2, 1_000))[seen + 1];
      expect(changed!.ticketChanged).toEqual({
        ticket: { id: ticket.id, status: 'RESOLVED', priority },
        previousStatus: 'RESOLVED',
        changedFields: ['priority'],
      });
      await one.waitFor(seenOne + 2, 1_000);
      // Polls that read the written ticket take both writes as announced.
      await quiet(slow, client);
      expect([all.events.length, one.events.length]).toEqual([seen + 2, seenOne + 2]);
    }));

  it('is announced once while the poller reads the ticket every 200 ms; the same write again is no news', () =>
    withClient(fast, async (client) => {
      const ticket = await openTicket(fast);
      const all = collect<Changed>(client, CHANGED, { providers: ['taskip'] });
      // Watched by id too: read directly every poll, besides the list.
      const one = collect<Changed>(client, CHANGED, { ticketId: ticket.id });
      await polled(fast, client, 2);
      const seen = all.events.length;
      await write(fast, 'updateTicketStatus', { ticketId: ticket.id, status: 'PENDING' });
      await write(fast, 'updateTicketPriority', { ticketId: ticket.id, priority: 'HIGH' });
      // The same write again once polls have read the first.
      await pollNow(fast.gateway.live, ['taskip'], 2);
      await write(fast, 'updateTicketStatus', { ticketId: ticket.id, status: 'PENDING' });
      await quiet(fast, client);
      const expected = ticket.priority === 'HIGH' ? [['status']] : [['status'], ['priority']];
      expect(all.events.slice(seen).map((e) => e.ticketChanged.changedFields)).toEqual(expected);
      expect(one.events.map((e) => e.ticketChanged.changedFields)).toEqual(expected);
    }));

  it('reports a status set back and forth as separate events, and a later change at the provider', () =>
    withClient(fast, async (client) => {
      const ticket = await openTicket(fast);
      const one = collect<Changed>(client, CHANGED, { ticketId: ticket.id });
      await polled(fast, client, 1);
      for (const status of ['RESOLVED', 'OPEN', 'RESOLVED'])
        await write(fast, 'updateTicketStatus', { ticketId: ticket.id, status });
      await one.waitFor(3, 1_000);
      // Reopened by TaskIP's staff (code 0): only the poller can see that.
      await desk(fast.sim('taskip').origin, 'status', { ticketId: ticket.remoteId, status: '0' });
      await one.waitFor(4, 5_000);
      await quiet(fast, client);
      expect(one.events.map((e) => [e.ticketChanged.previousStatus, e.ticketChanged.ticket.status])).toEqual([
        ['OPEN', 'RESOLVED'],
        ['RESOLVED', 'OPEN'],
        ['OPEN', 'RESOLVED'],
        ['RESOLVED', 'OPEN'],
      ]);
    }));

  it('announces an assignment once, as changedFields ["assignee"]; the same assignment again is no news', () =>
    withClient(slow, async (client) => {
      slow.sim('taskip').controls.reset();
      const ticket = await openTicket(slow);
      const one = collect<Changed>(client, CHANGED, { ticketId: ticket.id });
      await polled(slow, client, 1);
      const seen = one.events.length;
      for (let i = 0; i < 2; i += 1)
        expect(await write(slow, 'assignTicket', { ticketId: ticket.id, assigneeId: '8' })).toBe(
          'AssignTicketSuccess',
        );
      const event = (await one.waitFor(seen + 1, 1_000))[seen];
      expect(event!.ticketChanged).toMatchObject({ previousStatus: 'OPEN', changedFields: ['assignee'] });
      await quiet(slow, client);
      expect(one.events).toHaveLength(seen + 1);
    }));

  it('tells nothing of a created ticket, and ends only by-id watchers of a deleted one', () =>
    withClient(fast, async (client) => {
      const all = collect<Changed>(client, CHANGED, { providers: ['taskip'] });
      await polled(fast, client, 1);
      const seen = all.events.length;
      const created = await fast.query<{ createTicket: { ticket: { id: string } } }>(
        `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ... on CreateTicketSuccess { ticket { id } } } }`,
        { i: { provider: 'taskip', subject: 'Soon gone', body: 'Created, changed, deleted' } },
      );
      const id = created.data!.createTicket.ticket.id;
      const one = collect<Changed>(client, CHANGED, { ticketId: id });
      await polled(fast, client, 2);
      await quiet(fast, client);
      expect(all.events).toHaveLength(seen);
      await write(fast, 'updateTicketStatus', { ticketId: id, status: 'IN_PROGRESS' });
      await one.waitFor(1, 1_000);
      expect(await write(fast, 'deleteTicket', { ticketId: id })).toBe('DeleteTicketSuccess');
      await eventually(() => one.errors.length === 1, 2_000, 'NOT_FOUND for the by-id watcher');
      await quiet(fast, client);
      expect(all.events.slice(seen).map((e) => e.ticketChanged.changedFields)).toEqual([['status']]);
      expect(all.errors).toEqual([]);
    }));
});
