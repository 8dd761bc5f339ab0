import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import { upstreamPageSize } from '../../../src/federation/checks.js';
import { daakeyKind } from '../../../src/providers/daakey/index.js';
import type { Ticket, TicketFilter } from '../../../src/providers/model.js';
import {
  capabilitiesOf,
  type ResolvedInstanceConfig,
  type TicketProvider,
} from '../../../src/providers/provider.js';
import { DAAKEY_DEMO_CREDENTIALS, type RunningSimulator } from '../../../src/simulators/index.js';
import { CLIENT, SIZE, allTickets, startDaakey, type ListItem } from './helpers.js';

const LIST = `GET ${CLIENT}/tickets`;
const DETAIL = `GET ${CLIENT}/tickets/:ticket`;

let sim: RunningSimulator;
let demo: ListItem[];
const open: TicketProvider[] = [];

function provider(overrides: Partial<ResolvedInstanceConfig> = {}): TicketProvider {
  const instance = daakeyKind.create({
    key: 'daakey',
    kind: 'daakey',
    name: 'Daakey',
    baseUrl: sim.baseUrl,
    credentials: { ...DAAKEY_DEMO_CREDENTIALS },
    timeoutMs: 2_000,
    pageSize: 10,
    maxResponseBytes: 1024 * 1024,
    ...overrides,
  });
  open.push(instance);
  return instance;
}

const list = (p: TicketProvider, filter: TicketFilter = {}, page = 1) => p.listTickets({ filter, page });

async function walk(p: TicketProvider, filter: TicketFilter): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for (let page = 1; ; page += 1) {
    const result = await list(p, filter, page);
    out.push(...result.tickets);
    if (!result.hasMore) return out;
  }
}

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

beforeAll(async () => {
  sim = await startDaakey();
  demo = await allTickets(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.controls.reset();
  sim.definition.resetData();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

describe('listTickets', () => {
  it('pages newest first with hasMore and the upstream total, using the fixed page size', async () => {
    const p = provider();
    expect(p.pageSize).toBe(10);
    const first = await list(p);
    expect(first.tickets).toHaveLength(10);
    expect(first).toMatchObject({ hasMore: true, total: SIZE });
    const all = await walk(p, {});
    expect(all.map((t) => t.remoteId)).toEqual(demo.map((t) => String(t.id)));
    const times = all.map((t) => t.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(sim.controls.requests(LIST)).toBe(1 + SIZE / 10);
    expect(all[0]!.providerKey).toBe('daakey');
    expect([all[0]!.description, all[0]!.messages, all[0]!.requester]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('takes the page size the gateway resolved: 50 by default, at most 100', () => {
    expect(provider({ pageSize: 37 }).pageSize).toBe(37);
    expect(daakeyKind).toMatchObject({ defaultPageSize: 50, maxPageSize: 100 });
    expect(upstreamPageSize(daakeyKind, 500)).toBe(100);
    expect(upstreamPageSize(daakeyKind, undefined)).toBe(50);
  });

  it('pushes a single status down, with the exact total', async () => {
    for (const [unified, remote] of [
      ['OPEN', 'open'],
      ['IN_PROGRESS', 'in_progress'],
      ['RESOLVED', 'resolved'],
      ['CLOSED', 'closed'],
    ] as const) {
      const expected = demo.filter((t) => t.status === remote).map((t) => String(t.id));
      sim.controls.reset();
      const first = await list(provider(), { status: [unified] });
      expect(first.total).toBe(expected.length);
      expect(sim.controls.requestLog()).toEqual([
        `GET ${CLIENT}/tickets?status=${remote}&page=1&per_page=10`,
      ]);
      const all = await walk(provider(), { status: [unified] });
      expect(all.map((t) => t.remoteId)).toEqual(expected);
    }
  });

  it('treats PENDING as unmatchable: alone it is an empty page without a call, next to OPEN it drops out', async () => {
    expect(await list(provider(), { status: ['PENDING'] })).toEqual({
      tickets: [],
      hasMore: false,
      total: 0,
    });
    expect(sim.controls.requests()).toBe(0);
    const mixed = await list(provider(), { status: ['OPEN', 'PENDING'] });
    expect(mixed.total).toBe(demo.filter((t) => t.status === 'open').length);
    expect(mixed.tickets.every((t) => t.status === 'OPEN')).toBe(true);
  });

  it('does not push down several statuses, so it gives no total', async () => {
    const page = await list(provider(), { status: ['OPEN', 'CLOSED'] }, 2);
    expect(sim.controls.requestLog()).toEqual([`GET ${CLIENT}/tickets?page=2&per_page=10`]);
    expect(page.total).toBeNull();
    expect(page.tickets).toHaveLength(10);
    expect(new Set(page.tickets.map((t) => t.status)).size).toBeGreaterThan(2);
  });

  it('cannot push down priority, search or dates: no total, but the status still goes up', async () => {
    const filters: TicketFilter[] = [
      { status: ['CLOSED'], priority: ['HIGH'] },
      { status: ['CLOSED'], search: 'car' },
      { status: ['CLOSED'], createdBefore: new Date() },
    ];
    for (const filter of filters) {
      sim.controls.reset();
      const page = await list(provider(), filter);
      expect(sim.controls.requestLog()).toEqual([`GET ${CLIENT}/tickets?status=closed&page=1&per_page=10`]);
      expect(page.total).toBeNull();
      expect(page.tickets.every((t) => t.status === 'CLOSED')).toBe(true);
    }
  });

  // Filters no provider can match (another provider's key, an empty range) the gateway
  // answers itself (test/federation/checks.test.ts).
  it('answers filters no Daakey ticket can match without a call', async () => {
    const filters: TicketFilter[] = [{ priority: ['MEDIUM'] }, { status: ['PENDING'] }];
    for (const filter of filters) expect((await list(provider(), filter)).tickets).toEqual([]);
    expect(sim.controls.requests()).toBe(0);
    expect((await list(provider(), {})).total).toBe(SIZE);
  });

  it('stops paging once a page reaches below createdAfter', async () => {
    const cut = new Date(Date.parse(demo[14]!.created_at));
    const first = await list(provider(), { createdAfter: cut });
    expect(first.hasMore).toBe(true);
    const second = await list(provider(), { createdAfter: cut }, 2);
    expect(second.hasMore).toBe(false);
    expect(second.total).toBeNull();
  });
});

describe('getTickets', () => {
  it('returns full tickets in key order with NOT_FOUND in the missing slots', async () => {
    const [a, b] = [demo[3]!, demo[20]!];
    const results = await provider().getTickets([String(a.id), '9999', String(b.id), 'abc']);
    expect(results).toHaveLength(4);
    const [first, missing, third, invalid] = results;
    expect(first).toMatchObject({ remoteId: String(a.id), subject: a.subject, unreadCount: 0 });
    expect((first as Ticket).messages!.length).toBeGreaterThan(0);
    expect((first as Ticket).description).toBe((first as Ticket).messages![0]!.body);
    expect((first as Ticket).requester?.name).toEqual(expect.any(String));
    expect(third).toMatchObject({ remoteId: String(b.id) });
    for (const error of [missing, invalid]) {
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).code).toBe('NOT_FOUND');
    }
    // The id that cannot be a Daakey id never went upstream.
    expect(sim.controls.requests(DETAIL)).toBe(3);
  });

  it('marks the ticket read at Daakey as a side effect', async () => {
    const p = provider({ pageSize: 100 });
    const unread = (await list(p)).tickets.find((t) => (t.unreadCount ?? 0) > 0)!;
    expect(unread).toBeDefined();
    const [loaded] = await p.getTickets([unread.remoteId]);
    expect((loaded as Ticket).unreadCount).toBe(0);
    const after = (await list(p)).tickets.find((t) => t.remoteId === unread.remoteId)!;
    expect(after.unreadCount).toBe(0);
  });
});

// Statuses, bad bodies, deadlines and resets are answered alike by every kind: test/providers/contract/.
describe('failures', () => {
  it('maps wrong credentials to UPSTREAM_AUTH', async () => {
    const p = provider({
      credentials: { token: 'wrong', signature: DAAKEY_DEMO_CREDENTIALS['signature']! },
    });
    expect((await rejection(list(p))).code).toBe('UPSTREAM_AUTH');
    const [result] = await p.getTickets(['1']);
    expect((result as UpstreamError).code).toBe('UPSTREAM_AUTH');
    const noSignature = provider({ credentials: { ...DAAKEY_DEMO_CREDENTIALS, signature: 'nope' } });
    expect((await rejection(list(noSignature))).code).toBe('UPSTREAM_AUTH');
  });

  it('refuses an instance without both credentials', () => {
    expect(() => provider({ credentials: { token: 't' } })).toThrow(/token and signature/);
  });

  it('reads a 404 on the list (a wrong base URL) as a bad response, not NOT_FOUND', async () => {
    const p = provider({ baseUrl: `${sim.baseUrl}/wrong` });
    expect((await rejection(list(p))).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('declares what the client API can do', () => {
    expect(capabilitiesOf(provider()).sort()).toEqual(
      [
        'ADD_MESSAGE',
        'ATTACHMENT_URLS',
        'CREATE_TICKET',
        'LIST_TICKETS',
        'READ_MESSAGES',
        'READ_TICKET',
      ].sort(),
    );
  });
});
