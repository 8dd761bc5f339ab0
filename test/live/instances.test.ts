import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { Redis } from 'ioredis';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { postGraphQL, startTestSimulators } from '../support/gateway.js';
import { collect, desk, eventually, wsClient } from '../support/live.js';
import { configFor, startGatewayProcess, startRedis, type GatewayProcess } from '../support/processes.js';
import { hasRedis } from '../support/binaries.js';
import { delivered } from './waits.js';

/** Two gateway processes sharing a real redis-server, over the same simulators. */
let simulators: RunningSimulator[];
let redis: { url: string; client: Redis; stop: () => Promise<void> };
let a: GatewayProcess;
let b: GatewayProcess;
const POLL_MS = 200;

const withRedis = hasRedis();

beforeAll(async () => {
  if (!withRedis) return;
  simulators = await startTestSimulators();
  redis = await startRedis();
  const config = configFor(simulators);
  const env = {
    ...config.env,
    GATEWAY_CONFIG: config.path,
    REDIS_URL: redis.url,
    POLL_INTERVAL_MS: String(POLL_MS),
  };
  [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
}, 60_000);
afterAll(async () => {
  a?.stop();
  b?.stop();
  await redis?.stop();
  await Promise.all((simulators ?? []).map((s) => s.close()));
});

interface Added {
  messageAdded: { message: { id: string; body: string } };
}
const ADDED = `subscription($providers: [String!]) { messageAdded(providers: $providers) { message { id body } } }`;
interface Changed {
  ticketChanged: {
    ticket: { id: string; status: string };
    previousStatus: string | null;
    changedFields: string[];
  };
}
const CHANGED = `subscription($providers: [String!]) { ticketChanged(providers: $providers) {
  ticket { id status } previousStatus changedFields } }`;
/** The list route of each provider polled here, at its simulator: one request a poll. */
const LIST_ROUTES: Record<string, string> = {
  daakey: 'GET /api/v1/client/tickets',
  ippanel: 'GET /v1/api/ticket',
  taskip: 'GET /api/public-v1/support-ticket',
};

/**
 * Resolves once `count` more polls of `provider` (by whichever instance holds its lease) have
 * read its list: time measured in polls, in another process. Call it with no query in flight.
 */
async function polls(provider: string, count: number): Promise<void> {
  const sim = simulators.find((s) => s.key === provider)!;
  const lists = () => sim.controls.requests(LIST_ROUTES[provider]!);
  const target = lists() + count;
  await eventually(() => lists() >= target, 5_000 + POLL_MS * count, `${count} polls of ${provider}`);
}

/** Three more polls of `provider`, then what A and B sent before has reached their clients. */
async function quiet(provider: string, clients: Client[]): Promise<void> {
  await polls(provider, 4);
  await Promise.all(clients.map(delivered));
}

async function openTicket(
  url: string,
  provider: string,
): Promise<{ id: string; remoteId: string; status: string }> {
  const res = await postGraphQL<{
    tickets: { edges: Array<{ node: { id: string; remoteId: string; status: string } }> };
  }>(
    url,
    'query($f: TicketFilter) { tickets(first: 1, filter: $f) { edges { node { id remoteId status } } } }',
    { f: { providers: [provider], status: ['OPEN', 'IN_PROGRESS'] } },
  );
  return res.data!.tickets.edges[0]!.node;
}

async function leaseHolderPid(provider: string): Promise<number | undefined> {
  const holder = await redis.client.get(`tg:lease:${provider}`);
  return holder ? Number(holder.split(':')[0]) : undefined;
}

describe.skipIf(!withRedis)('several gateway instances over Redis', () => {
  it('delivers a message written through B to subscribers on A and B, once each', async () => {
    const clientA = wsClient(a.wsUrl);
    const clientB = wsClient(b.wsUrl);
    const onA = collect<Added>(clientA, ADDED, { providers: ['daakey'] });
    const onB = collect<Added>(clientB, ADDED, { providers: ['daakey'] });
    await eventually(async () => (await leaseHolderPid('daakey')) !== undefined, 5_000, 'a poll lease');
    await polls('daakey', 2);
    const ticket = await openTicket(b.url, 'daakey');
    const res = await postGraphQL(
      b.url,
      'mutation($i: AddMessageInput!) { addMessage(input: $i) { __typename } }',
      {
        i: { ticketId: ticket.id, body: 'Written through B' },
      },
    );
    expect(res.data).toEqual({ addMessage: { __typename: 'AddMessageSuccess' } });
    await onA.waitFor(1, 5_000);
    await onB.waitFor(1, 5_000);
    await quiet('daakey', [clientA, clientB]);
    expect(onA.events.map((e) => e.messageAdded.message.body)).toEqual(['Written through B']);
    expect(onB.events.map((e) => e.messageAdded.message.body)).toEqual(['Written through B']);
    await clientA.dispose();
    await clientB.dispose();
  });

  it('announces statuses written through the instance that does not poll at once, once to each subscriber', async () => {
    const clientA = wsClient(a.wsUrl);
    const clientB = wsClient(b.wsUrl);
    const onA = collect<Changed>(clientA, CHANGED, { providers: ['taskip'] });
    const onB = collect<Changed>(clientB, CHANGED, { providers: ['taskip'] });
    await eventually(async () => (await leaseHolderPid('taskip')) !== undefined, 5_000, 'a poll lease');
    await polls('taskip', 2);
    // The holder's poller reads the ticket every poll: it must take the writes as announced.
    const writer = (await leaseHolderPid('taskip')) === a.child.pid ? b : a;
    const ticket = await openTicket(writer.url, 'taskip');
    // There and back before a poll reads it: the second is measured from the first's note in Redis.
    for (const status of ['PENDING', ticket.status]) {
      const res = await postGraphQL(
        writer.url,
        'mutation($i: UpdateTicketStatusInput!) { updateTicketStatus(input: $i) { __typename } }',
        { i: { ticketId: ticket.id, status } },
      );
      expect(res.data).toEqual({ updateTicketStatus: { __typename: 'UpdateTicketStatusSuccess' } });
    }
    await onA.waitFor(2, 1_000);
    await onB.waitFor(2, 1_000);
    await quiet('taskip', [clientA, clientB]);
    for (const sub of [onA, onB]) {
      expect(sub.events.map((e) => e.ticketChanged)).toEqual([
        {
          ticket: { id: ticket.id, status: 'PENDING' },
          previousStatus: ticket.status,
          changedFields: ['status'],
        },
        {
          ticket: { id: ticket.id, status: ticket.status },
          previousStatus: 'PENDING',
          changedFields: ['status'],
        },
      ]);
    }
    await clientA.dispose();
    await clientB.dispose();
  });

  it('lets one instance poll a provider, and delivers an agent reply once to each subscriber', async () => {
    const clientA = wsClient(a.wsUrl);
    const clientB = wsClient(b.wsUrl);
    const onA = collect<Added>(clientA, ADDED, { providers: ['ippanel'] });
    const onB = collect<Added>(clientB, ADDED, { providers: ['ippanel'] });
    await eventually(async () => (await leaseHolderPid('ippanel')) !== undefined, 5_000, 'a poll lease');
    expect([a.child.pid, b.child.pid]).toContain(await leaseHolderPid('ippanel'));
    await polls('ippanel', 2);
    // The list is read about once per interval, not twice: at most 1.2 reads an interval (18 in
    // 15), so 8 reads take at least 7 / 1.2 intervals; two pollers would take half of that.
    const sim = simulators.find((s) => s.key === 'ippanel')!;
    const started = Date.now();
    await polls('ippanel', 8);
    expect(Date.now() - started).toBeGreaterThanOrEqual((7 / 1.2) * POLL_MS);
    const ticket = await openTicket(a.url, 'ippanel');
    await desk(sim.origin, 'reply', { ticketId: ticket.remoteId, body: 'Agent at the IPPanel desk' });
    await onA.waitFor(1, 5_000);
    await onB.waitFor(1, 5_000);
    await quiet('ippanel', [clientA, clientB]);
    expect(onA.events).toHaveLength(1);
    expect(onB.events).toHaveLength(1);
    await clientA.dispose();
    await clientB.dispose();
  });

  it('makes one upstream write for concurrent duplicates sent to both instances', async () => {
    const sim = simulators.find((s) => s.key === 'daakey')!;
    sim.controls.setLatency({ route: 'POST /api/v1/client/tickets', ms: 300 });
    const before = sim.controls.requests('POST /api/v1/client/tickets');
    const mutation = `mutation($input: CreateTicketInput!) { createTicket(input: $input) {
      __typename ... on CreateTicketSuccess { ticket { id } } } }`;
    const input = {
      provider: 'daakey',
      subject: 'Twice?',
      body: 'Sent to both',
      category: 'billing',
      idempotencyKey: 'both-1',
    };
    const answers = await Promise.all(
      [a, b, a, b].map((g) =>
        postGraphQL<{ createTicket: { ticket: { id: string } } }>(g.url, mutation, { input }),
      ),
    );
    sim.controls.setLatency({ route: 'POST /api/v1/client/tickets', ms: 0 });
    expect(new Set(answers.map((r) => r.data!.createTicket.ticket.id)).size).toBe(1);
    expect(sim.controls.requests('POST /api/v1/client/tickets') - before).toBe(1);
  });

  it('frees Redis listeners and leases when the subscribers leave', async () => {
    await eventually(
      async () => {
        const counts = (await redis.client.pubsub('NUMSUB', 'messageAdded', 'ticketChanged')) as Array<
          string | number
        >;
        return Number(counts[1]) === 0 && Number(counts[3]) === 0;
      },
      5_000,
      'Redis subscriptions to end',
    );
    await eventually(
      async () => (await redis.client.keys('tg:lease:*')).length === 0,
      5_000,
      'leases to be released',
    );
  });

  it('ends the subscriptions of a deleted ticket on both instances, and no instance polls it again', async () => {
    const sim = simulators.find((s) => s.key === 'taskip')!;
    const created = await postGraphQL<{ createTicket: { ticket: { id: string; remoteId: string } } }>(
      a.url,
      `mutation($i: CreateTicketInput!) { createTicket(input: $i) {
        ... on CreateTicketSuccess { ticket { id remoteId } } } }`,
      { i: { provider: 'taskip', subject: 'Watched on two instances', body: 'Soon gone' } },
    );
    const ticket = created.data!.createTicket.ticket;
    const reads = () =>
      sim.controls.requestLog().filter((l) => l === `GET /api/public-v1/support-ticket/${ticket.remoteId}`)
        .length;
    const byId = `subscription($t: ID) { ticketChanged(ticketId: $t) { changedFields } }`;
    const clientA = wsClient(a.wsUrl);
    const clientB = wsClient(b.wsUrl);
    const onA = collect(clientA, byId, { t: ticket.id });
    const onB = collect(clientB, byId, { t: ticket.id });
    // Keeps TaskIP polled once the two have ended.
    collect(clientA, ADDED, { providers: ['taskip'] });
    await eventually(async () => (await redis.client.zscore('tg:watch:taskip', ticket.remoteId)) !== null);
    await eventually(() => reads() >= 4, 5_000, 'the lease holder to read the ticket');
    const deleted = await postGraphQL(
      b.url,
      'mutation($i: DeleteTicketInput!) { deleteTicket(input: $i) { __typename } }',
      {
        i: { ticketId: ticket.id },
      },
    );
    expect(deleted.data).toEqual({ deleteTicket: { __typename: 'DeleteTicketSuccess' } });
    await eventually(() => onA.errors.length === 1 && onB.errors.length === 1, 5_000, 'NOT_FOUND on A and B');
    for (const sub of [onA, onB])
      expect((sub.errors[0] as Array<{ extensions?: { code?: string } }>)[0]!.extensions?.code).toBe(
        'NOT_FOUND',
      );
    // A poll already under way when the ticket went may still read it once (and get its 404);
    // from the next poll on, no instance reads it.
    const lists = () => sim.controls.requests('GET /api/public-v1/support-ticket');
    const settled = lists();
    await eventually(() => lists() >= settled + 2, 5_000, 'the poll under way to end');
    const after = reads();
    const listed = lists();
    await eventually(() => lists() >= listed + 5, 5_000, 'five more polls');
    expect(reads()).toBe(after);
    expect(await redis.client.zscore('tg:watch:taskip', ticket.remoteId)).toBeNull();
    await clientA.dispose();
    await clientB.dispose();
  });

  it('hands polling over to another instance when the holder dies', async () => {
    const clientA = wsClient(a.wsUrl);
    const clientB = wsClient(b.wsUrl);
    const onA = collect<Added>(clientA, ADDED, { providers: ['taskip'] });
    const onB = collect<Added>(clientB, ADDED, { providers: ['taskip'] });
    await eventually(async () => (await leaseHolderPid('taskip')) !== undefined, 5_000, 'a poll lease');
    const holder = await leaseHolderPid('taskip');
    const [dead, survivor, survivorEvents] = holder === a.child.pid ? [a, b, onB] : [b, a, onA];
    await polls('taskip', 2);
    dead.stop();
    await eventually(
      async () => (await leaseHolderPid('taskip')) === survivor.child.pid,
      8_000,
      'the survivor to take the lease',
    );
    const sim = simulators.find((s) => s.key === 'taskip')!;
    const ticket = await openTicket(survivor.url, 'taskip');
    await desk(sim.origin, 'reply', { ticketId: ticket.remoteId, body: 'After the failover' });
    const [event] = await survivorEvents.waitFor(1, 15_000);
    expect(event!.messageAdded.message.body).toBe('After the failover');
    await Promise.resolve(clientA.dispose()).catch(() => undefined);
    await Promise.resolve(clientB.dispose()).catch(() => undefined);
  });
});
