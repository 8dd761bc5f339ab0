import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import { kinconectaKind } from '../../../src/providers/kinconecta/index.js';
import type { Ticket, TicketFilter } from '../../../src/providers/model.js';
import {
  capabilitiesOf,
  type ResolvedInstanceConfig,
  type TicketProvider,
} from '../../../src/providers/provider.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { SIZE, call, listAll, startKinconecta, ticketOf, type WireTicket } from './helpers.js';

const LIST = 'GET /api/support-tickets';
const ITEM = 'GET /api/support-tickets/:id';

let sim: RunningSimulator;
const open: TicketProvider[] = [];

function provider(overrides: Partial<ResolvedInstanceConfig> = {}): TicketProvider {
  const p = kinconectaKind.create({
    key: 'kinconecta',
    kind: 'kinconecta',
    name: 'Kinconecta',
    baseUrl: sim.baseUrl,
    credentials: {},
    timeoutMs: 2_000,
    pageSize: kinconectaKind.defaultPageSize,
    maxResponseBytes: 4 * 1024 * 1024,
    ...overrides,
  });
  open.push(p);
  return p;
}

async function upstreamError(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

beforeAll(async () => {
  sim = await startKinconecta();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.controls.reset();
  sim.definition.resetData();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

describe('the kind', () => {
  it('declares no credentials, nominal page sizes and honest capabilities', () => {
    expect(kinconectaKind).toMatchObject({ kind: 'kinconecta', credentialNames: [] });
    const p = provider();
    expect(p.pageSize).toBe(kinconectaKind.defaultPageSize);
    expect(capabilitiesOf(p)).toEqual([
      'LIST_TICKETS',
      'READ_TICKET',
      'READ_MESSAGES',
      'CREATE_TICKET',
      'ATTACHMENT_URLS',
    ]);
  });
});

describe('listTickets', () => {
  it('returns the whole list on page 1, newest first (ties by id desc), with one request', async () => {
    const page = await provider().listTickets({ filter: {}, page: 1 });
    expect(page.tickets).toHaveLength(SIZE);
    expect(page.hasMore).toBe(false);
    expect(page.total).toBeNull();
    expect(sim.controls.requests(LIST)).toBe(1);
    for (let i = 1; i < page.tickets.length; i += 1) {
      const [a, b] = [page.tickets[i - 1] as Ticket, page.tickets[i] as Ticket];
      expect(a.createdAt.getTime()).toBeGreaterThanOrEqual(b.createdAt.getTime());
      if (a.createdAt.getTime() === b.createdAt.getTime())
        expect(Number(a.remoteId)).toBeGreaterThan(Number(b.remoteId));
    }
    // The upstream's id order differs, so this order is the provider's own doing.
    const upstream = await listAll(sim.baseUrl);
    expect(page.tickets.map((t) => t.remoteId)).not.toEqual(upstream.map((t) => String(t.id)).reverse());
  });

  it('maps list tickets fully (no field left undefined), with the opening message', async () => {
    const page = await provider().listTickets({ filter: {}, page: 1 });
    for (const t of page.tickets) {
      for (const [field, value] of Object.entries(t)) expect(value, field).not.toBeUndefined();
      expect(t.messages?.[0]?.remoteId).toBe('opening');
      expect(t.priority).toBeNull();
    }
    expect(new Set(page.tickets.map((t) => t.status))).toEqual(
      new Set(['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']),
    );
  });

  it('has no later pages and pushes nothing down: a filter still fetches the full list', async () => {
    const p = provider();
    expect(await p.listTickets({ filter: {}, page: 2 })).toEqual({
      tickets: [],
      hasMore: false,
      total: null,
    });
    expect(sim.controls.requests()).toBe(0);
    const filtered = await p.listTickets({
      filter: { status: ['CLOSED'], search: 'refund', createdAfter: new Date('2026-03-01T00:00:00Z') },
      page: 1,
    });
    expect(filtered.tickets).toHaveLength(SIZE);
    expect(filtered.total).toBeNull();
    expect(sim.controls.requests(LIST)).toBe(1);
  });

  it.each<[string, TicketFilter]>([
    ['only PENDING', { status: ['PENDING'] }],
    ['any priority', { priority: ['HIGH', 'NORMAL'] }],
    // Another provider's key and an empty range the gateway answers itself (test/federation/checks.test.ts).
  ])('answers an empty page without a request for a filter that cannot match (%s)', async (_name, filter) => {
    expect(await provider().listTickets({ filter, page: 1 })).toEqual({
      tickets: [],
      hasMore: false,
      total: null,
    });
    expect(sim.controls.requests()).toBe(0);
  });

  it('still asks upstream when a matchable status is among unmatchable ones', async () => {
    const page = await provider().listTickets({
      filter: { status: ['PENDING', 'OPEN'] },
      page: 1,
    });
    expect(page.tickets.some((t) => t.status === 'OPEN')).toBe(true);
    expect(sim.controls.requests(LIST)).toBe(1);
  });

  it('sees tickets created upstream', async () => {
    const created = await call(sim.baseUrl, '/api/support-tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        roleContext: 'guide',
        fullName: 'Lucía Torres',
        email: 'lucia@example.com',
        subject: 'Payout',
        category: 'Guide Payouts',
        message: 'Missing payout',
        status: 'in_progress',
        createdAt: '2030-01-01T00:00:00Z',
        updatedAt: '2030-01-01T00:00:00Z',
      }),
    });
    const page = await provider().listTickets({ filter: {}, page: 1 });
    expect(page.tickets[0]?.remoteId).toBe(String(ticketOf(created).id));
    expect(page.tickets[0]?.status).toBe('IN_PROGRESS');
  });
});

describe('getTickets', () => {
  it('returns full tickets in key order with NOT_FOUND in the missing slots', async () => {
    const upstream = await listAll(sim.baseUrl);
    const [a, b] = [upstream[4], upstream[17]] as [WireTicket, WireTicket];
    sim.controls.reset();
    const results = await provider().getTickets([String(b.id), '987654', String(a.id), 'abc']);
    expect(results).toHaveLength(4);
    expect((results[0] as Ticket).remoteId).toBe(String(b.id));
    expect((results[0] as Ticket).subject).toBe(b.subject);
    expect((results[2] as Ticket).remoteId).toBe(String(a.id));
    expect((results[2] as Ticket).messages).toHaveLength(1);
    for (const i of [1, 3]) {
      expect(results[i]).toBeInstanceOf(UpstreamError);
      expect((results[i] as UpstreamError).code).toBe('NOT_FOUND');
    }
    // 'abc' can never be a Kinconecta id: no request is spent on it.
    expect(sim.controls.requests(ITEM)).toBe(3);
  });

  it('fetches each id through GET /{id}, in parallel', async () => {
    const ids = (await listAll(sim.baseUrl)).map((t) => String(t.id));
    sim.controls.reset();
    sim.controls.setLatency({ route: ITEM, ms: 100 });
    const start = Date.now();
    const results = await provider().getTickets(ids.slice(0, 16));
    expect(results.every((r) => !(r instanceof Error))).toBe(true);
    expect(Date.now() - start).toBeLessThan(16 * 100);
    expect(sim.controls.requests(ITEM)).toBe(16);
  });
});

// Statuses, bad bodies, deadlines and resets are answered alike by every kind: test/providers/contract/.
describe('upstream failures', () => {
  it('401 from a token-protected instance is UPSTREAM_AUTH; the right token works', async () => {
    const locked = await startKinconecta({ credentials: { token: 'right' } });
    try {
      const wrong = provider({ baseUrl: locked.baseUrl, credentials: { token: 'wrong' } });
      expect((await upstreamError(wrong.listTickets({ filter: {}, page: 1 }))).code).toBe('UPSTREAM_AUTH');
      const [slot] = await wrong.getTickets(['1']);
      expect((slot as UpstreamError).code).toBe('UPSTREAM_AUTH');
      const none = provider({ baseUrl: locked.baseUrl });
      expect((await upstreamError(none.listTickets({ filter: {}, page: 1 }))).code).toBe('UPSTREAM_AUTH');
      const right = provider({ baseUrl: locked.baseUrl, credentials: { token: 'right' } });
      expect((await right.listTickets({ filter: {}, page: 1 })).tickets).toHaveLength(SIZE);
    } finally {
      await locked.close();
    }
  });
});
