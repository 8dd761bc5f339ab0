import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import { matchesFilter, type Ticket, type TicketFilter } from '../../../src/providers/model.js';
import { upstreamPageSize } from '../../../src/federation/checks.js';
import {
  capabilitiesOf,
  type ResolvedInstanceConfig,
  type TicketProvider,
} from '../../../src/providers/provider.js';
import { pushdown, taskipKind } from '../../../src/providers/taskip/index.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { BASE, KEY, NOW, start } from './helpers.js';

const LIST = `GET ${BASE}`;
const DETAIL = `GET ${BASE}/:id`;

let sim: RunningSimulator;
let provider: TicketProvider;

function configure(overrides: Partial<ResolvedInstanceConfig> = {}): TicketProvider {
  return taskipKind.create({
    key: 'taskip-eu',
    kind: 'taskip',
    name: 'TaskIP EU',
    baseUrl: sim.baseUrl,
    credentials: { secretKey: KEY },
    timeoutMs: 2_000,
    maxResponseBytes: 1_000_000,
    pageSize: 10,
    ...overrides,
  });
}

/** Walks every page of a filter; also returns how many list requests it took. */
async function walk(p: TicketProvider, filter: TicketFilter): Promise<{ tickets: Ticket[]; pages: number }> {
  const tickets: Ticket[] = [];
  for (let page = 1; ; page += 1) {
    const res = await p.listTickets({ filter, page });
    expect(res.total).toBeNull();
    tickets.push(...res.tickets);
    if (!res.hasMore) return { tickets, pages: page };
    expect(res.tickets).toHaveLength(p.pageSize);
  }
}

const errorOf = async (run: () => Promise<unknown>): Promise<UpstreamError> => {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }
  throw new Error('expected a rejection');
};

beforeAll(async () => {
  sim = await start({ size: 45 });
  provider = configure();
});
afterAll(async () => {
  await provider.close();
  await sim.close();
});
afterEach(() => sim.controls.reset());

describe('instance', () => {
  it('declares its kind, capabilities and page size', () => {
    expect(provider).toMatchObject({ key: 'taskip-eu', kind: 'taskip', name: 'TaskIP EU', pageSize: 10 });
    expect(capabilitiesOf(provider)).toEqual(
      expect.arrayContaining([
        'LIST_TICKETS',
        'READ_TICKET',
        'READ_MESSAGES',
        'INTERNAL_NOTES',
        'UPDATE_PRIORITY',
      ]),
    );
    expect(capabilitiesOf(provider)).not.toContain('UPLOAD_FILES');
    // The gateway resolves the page size: 50 by default, capped at 100 (TaskIP answers 422 beyond).
    expect(taskipKind).toMatchObject({ defaultPageSize: 50, maxPageSize: 100 });
    expect(upstreamPageSize(taskipKind, undefined)).toBe(50);
    expect(upstreamPageSize(taskipKind, 500)).toBe(100);
  });
});

describe('listTickets', () => {
  it('walks every ticket newest first, pages of pageSize, hasMore until a short page, total null', async () => {
    const { tickets, pages } = await walk(provider, {});
    expect(pages).toBe(5);
    expect(tickets).toHaveLength(45);
    expect(new Set(tickets.map((t) => t.remoteId)).size).toBe(45);
    for (let i = 1; i < tickets.length; i += 1) {
      expect(tickets[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(tickets[i]!.createdAt.getTime());
    }
    expect(sim.controls.requests(LIST)).toBe(5);
    const first = tickets[0]!;
    expect(first.providerKey).toBe('taskip-eu');
    expect(first.messages).toBeUndefined();
    expect(first.requester).not.toBeUndefined();
    expect(first.createdAt.getTime()).toBeLessThanOrEqual(NOW);
  });

  it('sends limit, sort and order every time, with the secret key', async () => {
    const seen: Array<{ url: string; key: unknown }> = [];
    const capture = createServer((req, res) => {
      seen.push({ url: req.url ?? '', key: req.headers['x-secret-key'] });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"status":200}');
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    const spy = configure({ baseUrl: `http://127.0.0.1:${(capture.address() as AddressInfo).port}` });
    try {
      const page = await spy.listTickets({ filter: { search: 'Login', status: ['OPEN'] }, page: 2 });
      expect(page).toEqual({ tickets: [], hasMore: false, total: null });
    } finally {
      await spy.close();
      await new Promise((resolve) => capture.close(resolve));
    }
    expect(seen).toEqual([
      { url: `${BASE}?page=2&limit=10&sort=created_at&order=desc&status=open&search=Login`, key: KEY },
    ]);
  });

  it.each<[string, TicketFilter, boolean]>([
    ['status', { status: ['RESOLVED'] }, true],
    ['pending (not pushable)', { status: ['PENDING'] }, false],
    ['two statuses (not pushable)', { status: ['OPEN', 'CLOSED'] }, false],
    ['priority', { priority: ['URGENT'] }, true],
    ['normal (not pushable)', { priority: ['NORMAL'] }, false],
    ['search', { search: 'export' }, true],
    [
      'created range',
      { createdAfter: new Date(NOW - 10 * 86_400_000), createdBefore: new Date(NOW - 3 * 86_400_000) },
      true,
    ],
    [
      'everything',
      { status: ['OPEN'], priority: ['HIGH'], search: 'e', createdAfter: new Date(NOW - 30 * 86_400_000) },
      true,
    ],
  ])(
    'pushes down %s (fewer upstream requests when it can) and stays a superset',
    async (_name, filter, pushed) => {
      const all = (await walk(provider, {})).tickets;
      sim.controls.reset();
      const { tickets, pages } = await walk(provider, filter);
      const expected = all.filter((t) => matchesFilter(t, filter));
      expect(expected.length).toBeGreaterThan(0);
      const matching = tickets.filter((t) => matchesFilter(t, filter));
      expect(matching.map((t) => t.remoteId)).toEqual(expected.map((t) => t.remoteId));
      expect(sim.controls.requests(LIST)).toBe(pages);
      if (pushed) {
        expect(tickets.length).toBeLessThan(all.length);
        expect(pages).toBe(Math.floor(tickets.length / 10) + 1);
      } else {
        expect(tickets).toHaveLength(all.length);
      }
    },
  );

  it('widens the created range to whole UTC days and keeps createdBefore exclusive', () => {
    expect(
      pushdown({
        createdAfter: new Date('2024-01-10T23:59:00Z'),
        createdBefore: new Date('2024-01-12T00:00:00Z'),
      }),
    ).toEqual({ date_from: '2024-01-10', date_to: '2024-01-11' });
    expect(pushdown({ createdBefore: new Date('2024-01-12T00:00:00.001Z') })).toEqual({
      date_to: '2024-01-12',
    });
    expect(pushdown({ createdAfter: new Date(Date.UTC(10000, 0, 1)) })).toEqual({ date_from: undefined });
    expect(pushdown({ status: ['IN_PROGRESS'], priority: ['LOW'], search: '' })).toEqual({
      status: 'in_progress',
      priority: 'low',
    });
  });

  // Another provider's key and an empty range the gateway answers itself (test/federation/checks.test.ts).

  it('answers an empty last page past the end', async () => {
    expect(await provider.listTickets({ filter: {}, page: 9 })).toEqual({
      tickets: [],
      hasMore: false,
      total: null,
    });
  });
});

describe('getTickets', () => {
  it('returns full tickets in key order, NOT_FOUND in the slot of a missing id', async () => {
    const ids = ['3', '9999', '1', 'abc', '45', '3'];
    const results = await provider.getTickets(ids);
    expect(results).toHaveLength(6);
    for (const i of [0, 2, 4, 5]) {
      const t = results[i] as Ticket;
      expect(t.remoteId).toBe(ids[i]);
      expect(Array.isArray(t.messages)).toBe(true);
      expect(Array.isArray(t.attachments)).toBe(true);
      expect(t.lastMessageAt === null || t.lastMessageAt instanceof Date).toBe(true);
      for (const [field, value] of Object.entries(t)) expect(value, field).not.toBeUndefined();
    }
    for (const i of [1, 3]) {
      expect(results[i]).toBeInstanceOf(UpstreamError);
      expect((results[i] as UpstreamError).code).toBe('NOT_FOUND');
    }
    // The non-numeric id never reached the upstream.
    expect(sim.controls.requests(DETAIL)).toBe(5);
  });

  it('loads messages that agree with the list item', async () => {
    const { tickets } = await walk(provider, {});
    const details = (await provider.getTickets(tickets.map((t) => t.remoteId))) as Ticket[];
    let replies = 0;
    details.forEach((d, i) => {
      const item = tickets[i]!;
      expect(d).toMatchObject({ subject: item.subject, status: item.status, createdAt: item.createdAt });
      if (d.description) expect(d.messages?.[0]).toMatchObject({ remoteId: 'opening', body: d.description });
      replies += (d.messages?.length ?? 0) - (d.description ? 1 : 0);
      const ids = d.attachments?.map((a) => a.remoteId) ?? [];
      expect(new Set(ids).size).toBe(ids.length);
    });
    expect(replies).toBeGreaterThan(0);
    expect(details.some((d) => d.messages?.some((m) => m.internal))).toBe(true);
  });
});

// Statuses, bad bodies, deadlines and resets are answered alike by every kind: test/providers/contract/.
describe('failures', () => {
  it('maps a wrong secret key to UPSTREAM_AUTH', async () => {
    const wrong = configure({ credentials: { secretKey: 'nope' } });
    try {
      expect((await errorOf(() => wrong.listTickets({ filter: {}, page: 1 }))).code).toBe('UPSTREAM_AUTH');
      const [slot] = await wrong.getTickets(['1']);
      expect((slot as UpstreamError).code).toBe('UPSTREAM_AUTH');
    } finally {
      await wrong.close();
    }
  });

  it('maps a 429 (rate limit) to UPSTREAM_UNAVAILABLE', async () => {
    const limited = await start({ rateLimit: { perMinute: 1, perHour: 10 } });
    const p = taskipKind.create({
      key: 'taskip-eu',
      kind: 'taskip',
      name: 'TaskIP',
      baseUrl: limited.baseUrl,
      credentials: { secretKey: KEY },
      timeoutMs: 2_000,
      maxResponseBytes: 1_000_000,
      pageSize: taskipKind.defaultPageSize,
    });
    try {
      await p.listTickets({ filter: {}, page: 1 });
      const error = await errorOf(() => p.listTickets({ filter: {}, page: 1 }));
      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 429 });
    } finally {
      await p.close();
      await limited.close();
    }
  });
});
