import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { systemClock, type Clock } from '../../src/clock.js';
import { LiveService } from '../../src/live/service.js';
import { leaseTtl } from '../../src/live/state.js';
import { startGateway } from '../../src/server.js';
import { collect, desk, eventually, sseSubscribe, wsClient } from '../support/live.js';
import { delivered, pollNow } from './waits.js';

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
async function openTicket(provider: string, on = gw): Promise<{ id: string; remoteId: string }> {
  const res = await on.query<{ tickets: { edges: Array<{ node: { id: string; remoteId: string } }> } }>(
    'query($f: TicketFilter) { tickets(first: 1, filter: $f) { edges { node { id remoteId } } } }',
    { f: { providers: [provider], status: ['OPEN', 'IN_PROGRESS'] } },
  );
  return res.data!.tickets.edges[0]!.node;
}

/** Every provider: what a subscription without arguments watches. */
const ALL = ['daakey', 'ippanel', 'kinconecta', 'taskip'];

/** `count` polls of `providers` on the shared gateway (see `pollNow`). */
const polls = (providers: string[], count = 1) => pollNow(gw.gateway.live, providers, count);

/** A few polls, then everything they published has reached `client`: "nothing arrived" means something. */
async function quiet(client: Client, providers: string[]): Promise<void> {
  await polls(providers, 4);
  await delivered(client);
}

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
      // Polls that read the ticket (the first reads every open one) find the message announced.
      await pollNow(slow.gateway.live, ['taskip'], 4);
      await delivered(client);
      expect(sub.events).toHaveLength(1);
    } finally {
      await client.dispose();
      await slow.close();
    }
  });

  it('announces a gateway-written message once even when the poller reads it too', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<Added>(client, ADDED, { providers: ['daakey'] });
    await polls(['daakey']);
    const ticket = await openTicket('daakey');
    await gw.query(`mutation($i: AddMessageInput!) { addMessage(input: $i) { __typename } }`, {
      i: { ticketId: ticket.id, body: 'Through the gateway, seen by the poller too' },
    });
    await sub.waitFor(1, 2_000);
    await quiet(client, ['daakey']);
    expect(sub.events).toHaveLength(1);
    sub.stop();
    await client.dispose();
  });

  it('finds agent replies made at the provider, one event each, on every provider with replies', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<Added>(client, ADDED);
    await polls(ALL);
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
    await quiet(client, ALL);
    expect(sub.events).toHaveLength(3);
    sub.stop();
    await client.dispose();
  });

  it('sends nothing for history that existed before the subscription', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const sub = collect<Added>(client, ADDED);
    await quiet(client, ALL);
    expect(sub.events).toEqual([]);
    expect(sub.errors).toEqual([]);
    sub.stop();
    await client.dispose();
  });

  it('sends nothing for what happened while nobody was subscribed', async () => {
    // Simulators of its own: the shared gateway, whose clock does not move on, would see the reply.
    const sims = await startTestSimulators();
    const base = await startTestGateway(sims, (c) => c, { pollIntervalMs: POLL_MS });
    // A gateway whose clock the test moves on: nobody subscribes for 20 intervals (longer
    // than the lease time and two intervals) without the test waiting for them.
    let skew = 0;
    const clock: Clock = { ...systemClock, now: () => Date.now() + skew };
    const live = new LiveService({ providers: base.providers, pollIntervalMs: POLL_MS, clock });
    const own = await startGateway({ providers: base.providers, live, port: 0 });
    const client = wsClient(own.wsUrl);
    try {
      const first = collect<Added>(client, ADDED, { providers: ['ippanel'] });
      await pollNow(live, ['ippanel']);
      first.stop();
      await eventually(() => live.polling().length === 0, 3_000, 'polling to stop');
      const ticket = await openTicket('ippanel', base);
      await desk(base.sim('ippanel').origin, 'reply', {
        ticketId: ticket.remoteId,
        body: 'While nobody watched',
      });
      skew += 20 * POLL_MS;
      expect(20 * POLL_MS).toBeGreaterThan(leaseTtl(POLL_MS) + 2 * POLL_MS);
      const second = collect<Added>(client, ADDED, { providers: ['ippanel'] });
      await pollNow(live, ['ippanel'], 4);
      await delivered(client);
      expect(second.events).toEqual([]);
      second.stop();
    } finally {
      await client.dispose();
      await own.close();
      await live.close();
      await base.close();
      await Promise.all(sims.map((s) => s.close()));
    }
  });

  it('filters by ticket and by provider', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    const a = await openTicket('daakey');
    const b = await openTicket('ippanel');
    const byTicket = collect<Added>(client, ADDED, { ticketId: a.id });
    const byProvider = collect<Added>(client, ADDED, { providers: ['ippanel'] });
    await polls(['daakey', 'ippanel']);
    await desk(gw.sim('daakey').origin, 'reply', { ticketId: a.remoteId, body: 'for a' });
    await desk(gw.sim('ippanel').origin, 'reply', { ticketId: b.remoteId, body: 'for b' });
    await byTicket.waitFor(1);
    await byProvider.waitFor(1);
    await quiet(client, ['daakey', 'ippanel']);
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
      // A poll since it was watched: it knows the ticket's messages (the timer loop finds the reply).
      await pollNow(tight.gateway.live, ['taskip']);
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
    await polls(['kinconecta']);
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
    await polls(['kinconecta']);
    const ticket = await openTicket('kinconecta');
    for (const status of ['resolved', 'open', 'resolved']) {
      await desk(gw.sim('kinconecta').origin, 'status', { ticketId: ticket.remoteId, status });
      // A poll sees each status before the next replaces it.
      await polls(['kinconecta']);
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
    await polls(['daakey']);
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
