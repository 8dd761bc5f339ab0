import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import { upstreamPageSize } from '../../../src/federation/checks.js';
import { ippanelKind, type IppanelProvider } from '../../../src/providers/ippanel/index.js';
import type { Ticket, TicketFilter } from '../../../src/providers/model.js';
import {
  capabilitiesOf,
  type ResolvedInstanceConfig,
  type TicketProvider,
} from '../../../src/providers/provider.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { TOKEN, listAll, startIppanel, type Item } from './helpers.js';

const LIST = 'GET /v1/api/ticket';
const SHOW = 'GET /v1/api/ticket/show';

let sim: RunningSimulator;
let items: Item[];
const opened: TicketProvider[] = [];

function provider(patch: Partial<ResolvedInstanceConfig> = {}): IppanelProvider {
  const p = ippanelKind.create({
    key: 'ippanel-test',
    kind: 'ippanel',
    name: 'IPPanel test',
    baseUrl: sim.baseUrl,
    credentials: { token: TOKEN },
    timeoutMs: 2_000,
    pageSize: 7,
    maxResponseBytes: 1024 * 1024,
    ...patch,
  });
  opened.push(p);
  return p as IppanelProvider;
}

async function walk(p: TicketProvider, filter: TicketFilter): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for (let page = 1; ; page += 1) {
    const res = await p.listTickets({ filter, page });
    out.push(...res.tickets);
    if (!res.hasMore) return out;
  }
}

async function failure<T>(promise: Promise<T>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

beforeAll(async () => {
  sim = await startIppanel();
  items = await listAll(sim);
});
afterEach(async () => {
  sim.controls.reset();
  while (opened.length) await opened.pop()?.close();
});
afterAll(() => sim.close());

describe('listTickets', () => {
  it('pages newest first with hasMore and the upstream total', async () => {
    const p = provider();
    const first = await p.listTickets({ filter: {}, page: 1 });
    expect(first.tickets.map((t) => t.remoteId)).toEqual(items.slice(0, 7).map((t) => String(t.id)));
    expect(first).toMatchObject({ hasMore: true, total: 40 });
    const every = await walk(p, {});
    expect(every.map((t) => t.remoteId)).toEqual(items.map((t) => String(t.id)));
    const times = every.map((t) => t.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await p.listTickets({ filter: {}, page: 6 })).hasMore).toBe(false);
    expect(sim.controls.requests(LIST)).toBe(9);
    expect(every[0]?.messages).toBeUndefined();
  });

  it('uses its page size on every request; the gateway caps it at the documented maximum', async () => {
    expect(provider().pageSize).toBe(7);
    expect(ippanelKind).toMatchObject({ defaultPageSize: 100, maxPageSize: 1000 });
    expect(upstreamPageSize(ippanelKind, 5000)).toBe(1000);
    const big = await provider({ pageSize: 1000 }).listTickets({ filter: {}, page: 1 });
    expect(big.tickets).toHaveLength(40);
  });

  it.each([
    ['OPEN', 1],
    ['PENDING', 3],
    ['CLOSED', 4],
  ] as const)('pushes status %s down as state_id %i, with its total', async (status, stateId) => {
    const expected = items.filter((t) => t.state_id === stateId).map((t) => String(t.id));
    const p = provider({ pageSize: 1000 });
    const page = await p.listTickets({ filter: { status: [status] }, page: 1 });
    expect(page.tickets.map((t) => t.remoteId)).toEqual(expected);
    expect(page.total).toBe(expected.length);
    expect(page.tickets.every((t) => t.status === status)).toBe(true);
  });

  it('does not push IN_PROGRESS (two states) down: a superset and no total', async () => {
    const page = await provider({ pageSize: 1000 }).listTickets({
      filter: { status: ['IN_PROGRESS'] },
      page: 1,
    });
    expect(page.tickets).toHaveLength(40);
    expect(page.total).toBeNull();
  });

  it('pushes a status set that names one state, e.g. OPEN + RESOLVED', async () => {
    const page = await provider({ pageSize: 1000 }).listTickets({
      filter: { status: ['OPEN', 'RESOLVED'] },
      page: 1,
    });
    expect(page.tickets.every((t) => t.status === 'OPEN')).toBe(true);
    expect(page.total).toBe(items.filter((t) => t.state_id === 1).length);
  });

  it.each<[string, TicketFilter]>([
    ['RESOLVED alone', { status: ['RESOLVED'] }],
    ['only priorities IPPanel lacks', { priority: ['MEDIUM', 'URGENT'] }],
    // Another provider's key and an empty range the gateway answers itself (test/federation/checks.test.ts).
  ])('answers an empty page without a request for %s', async (_name, filter) => {
    const page = await provider().listTickets({ filter, page: 1 });
    expect(page).toEqual({ tickets: [], hasMore: false, total: 0 });
    expect(sim.controls.requests()).toBe(0);
  });

  it.each<[string, TicketFilter]>([
    ['priority', { priority: ['HIGH'] }],
    ['search', { search: 'API' }],
    ['createdAfter', { createdAfter: new Date(0) }],
    ['status + priority', { status: ['CLOSED'], priority: ['LOW'] }],
  ])('reports no total when %s is not pushed down', async (_name, filter) => {
    const page = await provider().listTickets({ filter, page: 1 });
    expect(page.total).toBeNull();
    expect(sim.controls.requests(LIST)).toBe(1);
  });
});

describe('getTickets', () => {
  it('answers full tickets in key order, NOT_FOUND in the missing slots', async () => {
    const p = provider();
    const [a, b] = [items[2] as Item, items[0] as Item];
    const result = await p.getTickets([String(a.id), '999', String(b.id), 'abc']);
    expect(result).toHaveLength(4);
    expect((result[0] as Ticket).remoteId).toBe(String(a.id));
    expect((result[2] as Ticket).remoteId).toBe(String(b.id));
    for (const slot of [1, 3]) {
      expect(result[slot]).toBeInstanceOf(UpstreamError);
      expect((result[slot] as UpstreamError).code).toBe('NOT_FOUND');
    }
    expect(sim.controls.requests(SHOW)).toBe(3);
  });

  it('agrees with the list and loads messages and attachments', async () => {
    const p = provider({ pageSize: 1000 });
    const listed = (await p.listTickets({ filter: {}, page: 1 })).tickets;
    const details = (await p.getTickets(listed.map((t) => t.remoteId))) as Ticket[];
    details.forEach((d, i) => {
      const l = listed[i] as Ticket;
      expect(d).toMatchObject({
        remoteId: l.remoteId,
        subject: l.subject,
        status: l.status,
        priority: l.priority,
      });
      expect(d).toMatchObject({
        description: l.description,
        category: l.category,
        remoteStatus: l.remoteStatus,
      });
      expect(d.createdAt).toEqual(l.createdAt);
      expect(d.updatedAt).toEqual(l.updatedAt);
      expect(d.requester?.name).toBe(l.requester?.name);
      expect(d.messages?.[0]?.remoteId).toBe('opening');
      expect(d.messages).toHaveLength((items[i]?.interaction_count ?? -1) + 1);
    });
    expect(details.some((d) => (d.attachments?.length ?? 0) > 0)).toBe(true);
  });
});

// Statuses, bad bodies, deadlines and resets are answered alike by every kind: test/providers/contract/.
describe('upstream failures', () => {
  it('maps a wrong token to UPSTREAM_AUTH', async () => {
    const p = provider({ credentials: { token: 'wrong' } });
    expect((await failure(p.listTickets({ filter: {}, page: 1 }))).code).toBe('UPSTREAM_AUTH');
    const [slot] = await p.getTickets(['100001']);
    expect((slot as UpstreamError).code).toBe('UPSTREAM_AUTH');
  });
});

describe('capabilities and multipart writes through UpstreamClient', () => {
  it('declares what the IPPanel API can do', () => {
    expect(capabilitiesOf(provider()).sort()).toEqual(
      ['ADD_MESSAGE', 'CREATE_TICKET', 'LIST_TICKETS', 'READ_MESSAGES', 'READ_TICKET', 'UPLOAD_FILES'].sort(),
    );
  });

  it('sends form bodies the simulator accepts, and hands a 422 back as a refusal', async () => {
    const p = provider();
    const data = new Uint8Array([137, 80, 78, 71]);
    const created = await p.rest.createTicket({
      subject: 'Test',
      categoryId: '12',
      description: 'Top-up missing',
      smsNotification: true,
      file: new File([data], 'receipt.png', { type: 'image/png' }),
    });
    if (!created.ok) throw new Error(`create refused: ${created.status}`);
    const id = String(created.data.data.ticket_id);
    const reply = await p.rest.addInteraction(
      id,
      'Any news?',
      new File([data], 'log.zip', { type: 'application/zip' }),
    );
    expect(reply.ok && reply.data.data.ticket?.interaction_count).toBe(1);
    const [ticket] = (await p.getTickets([id])) as Ticket[];
    expect(ticket?.messages?.map((m) => m.body)).toEqual(['Top-up missing', 'Any news?']);
    expect(ticket?.attachments?.map((a) => a.filename?.split('.').pop())).toEqual(['png', 'zip']);
    expect(ticket?.status).toBe('IN_PROGRESS');
    const bad = await p.rest.addInteraction('999', 'x');
    expect(bad).toMatchObject({ ok: false, status: 422, error: { meta: { message_code: '400-2' } } });
    await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
  });
});
