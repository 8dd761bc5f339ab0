import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/server.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { collect, desk, eventually, sseSubscribe, wsClient } from '../support/live.js';

let simulators: RunningSimulator[];
let gw: TestGateway;
const POLL_MS = 150;

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators, (c) => c, { pollIntervalMs: POLL_MS });
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});
// No data reset between tests: a provider never reuses message ids, and the live state relies on that.
beforeEach(() => simulators.forEach((s) => s.controls.reset()));
afterEach(async () => {
  // Every test ends with its subscriptions gone: nothing leaks into the next one.
  await eventually(() => gw.gateway.live.events.listeners() === 0, 3_000, 'listeners to drop to zero');
  await eventually(() => gw.gateway.live.streams.size === 0, 3_000, 'no stream left open');
});

interface Added {
  messageAdded: {
    message: { id: string; body: string; authorType: string; ticket: { id: string } };
    ticket: { id: string; provider: { key: string } };
  };
}
interface Changed {
  ticketChanged: {
    ticket: { id: string; status: string };
    previousStatus: string | null;
    changedFields: string[];
  };
}
const ADDED = `subscription($ticketId: ID, $providers: [String!]) {
  messageAdded(ticketId: $ticketId, providers: $providers) {
    message { id body authorType ticket { id } } ticket { id provider { key } } } }`;
const CHANGED = `subscription($providers: [String!]) { ticketChanged(providers: $providers) {
  ticket { id status } previousStatus changedFields } }`;

/** An open ticket of a provider: its global id and remote id. */
async function openTicket(provider: string): Promise<{ id: string; remoteId: string }> {
  const res = await gw.query<{ tickets: { edges: Array<{ node: { id: string; remoteId: string } }> } }>(
    'query($f: TicketFilter) { tickets(first: 1, filter: $f) { edges { node { id remoteId } } } }',
    { f: { providers: [provider], status: ['OPEN', 'IN_PROGRESS'] } },
  );
  return res.data!.tickets.edges[0]!.node;
}

/** Lets a few polls pass, so "nothing arrived" means something. */
const settle = (polls = 4) => new Promise((r) => setTimeout(r, POLL_MS * polls));

describe('messageAdded over graphql-ws', () => {
  it('delivers a message written through the gateway at once (no poll needed), exactly once', async () => {
    // A poll interval of a minute: anything arriving within a second came from the mutation itself.
    const slow = await startTestGateway(simulators, (c) => c, { pollIntervalMs: 60_000 });
    const client = wsClient(slow.gateway.wsUrl);
    try {
      const sub = collect<Added>(client, ADDED, { providers: ['taskip'] });
      await eventually(() => slow.gateway.live.events.listeners() === 1, 2_000, 'the subscription');
      const ticket = await openTicket('taskip');
      const res = await slow.query(
        `mutation($i: AddMessageInput!) { addMessage(input: $i) { __typename } }`,
        {
          i: { ticketId: ticket.id, body: 'Written through the gateway' },
        },
      );
      expect(res.data).toEqual({ addMessage: { __typename: 'AddMessageSuccess' } });
      const [event] = await sub.waitFor(1, 1_000);
      expect(event!.messageAdded.message.body).toBe('Written through the gateway');
      expect(event!.messageAdded.ticket.id).toBe(ticket.id);
      await settle(4);
      expect(sub.events).toHaveLength(1);
    } finally {
      await client.dispose();
      await slow.close();
    }
  });

  it('announces a gateway-written message once even when the poller reads it too', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<Added>(client, ADDED, { providers: ['daakey'] });
    await settle(4);
    const ticket = await openTicket('daakey');
    await gw.query(`mutation($i: AddMessageInput!) { addMessage(input: $i) { __typename } }`, {
      i: { ticketId: ticket.id, body: 'Through the gateway, seen by the poller too' },
    });
    await sub.waitFor(1, 2_000);
    await settle(10);
    expect(sub.events).toHaveLength(1);
    sub.stop();
    await client.dispose();
  });

  it('finds agent replies made at the provider, one event each, on every provider with replies', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<Added>(client, ADDED);
    await settle(4);
    const targets = await Promise.all(
      ['daakey', 'ippanel', 'taskip'].map(async (p) => ({ p, t: await openTicket(p) })),
    );
    for (const { p, t } of targets)
      await desk(gw.sim(p).origin, 'reply', { ticketId: t.remoteId, body: `Agent reply on ${p}` });
    const events = await sub.waitFor(3, 10_000);
    expect(events.map((e) => e.messageAdded.message.body).sort()).toEqual(
      targets.map(({ p }) => `Agent reply on ${p}`).sort(),
    );
    expect(events.every((e) => e.messageAdded.message.authorType === 'AGENT')).toBe(true);
    await settle(8);
    expect(sub.events).toHaveLength(3);
    sub.stop();
    await client.dispose();
  });

  it('sends nothing for history that existed before the subscription', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<Added>(client, ADDED);
    await settle(10);
    expect(sub.events).toEqual([]);
    expect(sub.errors).toEqual([]);
    sub.stop();
    await client.dispose();
  });

  it('sends nothing for what happened while nobody was subscribed', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const first = collect<Added>(client, ADDED, { providers: ['ippanel'] });
    await settle(4);
    first.stop();
    await eventually(() => gw.gateway.live.polling().length === 0, 3_000, 'polling to stop');
    const ticket = await openTicket('ippanel');
    await desk(gw.sim('ippanel').origin, 'reply', {
      ticketId: ticket.remoteId,
      body: 'While nobody watched',
    });
    await settle(20);
    const second = collect<Added>(client, ADDED, { providers: ['ippanel'] });
    await settle(10);
    expect(second.events).toEqual([]);
    second.stop();
    await client.dispose();
  });

  it('filters by ticket and by provider', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const a = await openTicket('daakey');
    const b = await openTicket('ippanel');
    const byTicket = collect<Added>(client, ADDED, { ticketId: a.id });
    const byProvider = collect<Added>(client, ADDED, { providers: ['ippanel'] });
    await settle(4);
    await desk(gw.sim('daakey').origin, 'reply', { ticketId: a.remoteId, body: 'for a' });
    await desk(gw.sim('ippanel').origin, 'reply', { ticketId: b.remoteId, body: 'for b' });
    await byTicket.waitFor(1);
    await byProvider.waitFor(1);
    await settle(8);
    expect(byTicket.events.map((e) => e.messageAdded.message.body)).toEqual(['for a']);
    expect(byProvider.events.map((e) => e.messageAdded.message.body)).toEqual(['for b']);
    byTicket.stop();
    byProvider.stop();
    await client.dispose();
  });
});

describe('a ticket watched by id', () => {
  it('is read directly every poll: a TaskIP reply arrives before the rate-limited round robin gets there', async () => {
    // A tight poll budget: the round robin over TaskIP's open tickets would take minutes.
    const tight = await startTestGateway(
      simulators,
      (c) => (c.key === 'taskip' ? { ...c, pollBudgetPerMinute: 60 } : c),
      { pollIntervalMs: 150 },
    );
    const client = wsClient(tight.gateway.wsUrl);
    try {
      const open = await tight.query<{
        tickets: { edges: Array<{ node: { id: string; remoteId: string } }> };
      }>(
        '{ tickets(first: 100, filter: { providers: ["taskip"], status: [OPEN, IN_PROGRESS, PENDING] }) { edges { node { id remoteId } } } }',
      );
      // The oldest open ticket: last in the round robin.
      const ticket = open.data!.tickets.edges.at(-1)!.node;
      const sub = collect<Added>(client, ADDED, { ticketId: ticket.id });
      await settle(8);
      await desk(tight.sim('taskip').origin, 'reply', { ticketId: ticket.remoteId, body: 'Watched closely' });
      const [event] = await sub.waitFor(1, 6_000);
      expect(event!.messageAdded.message.body).toBe('Watched closely');
      sub.stop();
    } finally {
      await client.dispose();
      await tight.close();
    }
  });
});

describe('ticketChanged', () => {
  it('reports a status changed by the provider staff, with the previous status', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<Changed>(client, CHANGED, { providers: ['kinconecta'] });
    await settle(4);
    const ticket = await openTicket('kinconecta');
    await desk(gw.sim('kinconecta').origin, 'status', { ticketId: ticket.remoteId, status: 'resolved' });
    const [event] = await sub.waitFor(1);
    expect(event!.ticketChanged).toMatchObject({
      ticket: { id: ticket.id, status: 'RESOLVED' },
      changedFields: ['status'],
    });
    expect(['OPEN', 'IN_PROGRESS']).toContain(event!.ticketChanged.previousStatus);
    sub.stop();
    await client.dispose();
  });

  it('reports a status changed back and forth as separate events', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<Changed>(client, CHANGED, { providers: ['kinconecta'] });
    await settle(4);
    const ticket = await openTicket('kinconecta');
    for (const status of ['resolved', 'open', 'resolved']) {
      await desk(gw.sim('kinconecta').origin, 'status', { ticketId: ticket.remoteId, status });
      await settle(4);
    }
    const events = await sub.waitFor(3);
    expect(events.map((e) => e.ticketChanged.ticket.status)).toEqual(['RESOLVED', 'OPEN', 'RESOLVED']);
    sub.stop();
    await client.dispose();
  });
});

describe('over server-sent events', () => {
  it('delivers events and frees everything when the stream ends', async () => {
    const stream = sseSubscribe<Added>(gw.gateway.url, ADDED, { providers: ['daakey'] });
    await eventually(() => gw.gateway.live.polling().includes('daakey'), 2_000, 'poller to start');
    await settle(3);
    const ticket = await openTicket('daakey');
    await desk(gw.sim('daakey').origin, 'reply', { ticketId: ticket.remoteId, body: 'over SSE' });
    await eventually(() => stream.events.length === 1, 5_000, 'an SSE event');
    expect(stream.events[0]!.messageAdded.message.body).toBe('over SSE');
    stream.close();
    await stream.done;
    await eventually(() => gw.gateway.live.polling().length === 0, 3_000, 'polling to stop');
    expect(gw.gateway.live.interest.snapshot()).toEqual({});
  });
});

describe('cleanup', () => {
  it('a closed socket frees its subscriptions, poll interest and listeners', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    collect<Added>(client, ADDED);
    collect<Changed>(client, CHANGED, { providers: ['taskip'] });
    await eventually(() => gw.gateway.live.events.listeners() === 2, 2_000, 'two listeners');
    expect(Object.keys(gw.gateway.live.interest.snapshot()).sort()).toEqual([
      'daakey',
      'ippanel',
      'kinconecta',
      'taskip',
    ]);
    await client.dispose();
    await eventually(() => gw.gateway.live.events.listeners() === 0, 3_000, 'listeners to drop');
    await eventually(() => gw.gateway.live.polling().length === 0, 3_000, 'polling to stop');
    expect(gw.gateway.live.interest.snapshot()).toEqual({});
  });
});
