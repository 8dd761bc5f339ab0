import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/providers/model.js';
import { instantString } from '../../../src/simulators/kinconecta/seed.js';
import type { KinconectaProvider } from '../../../src/providers/kinconecta/index.js';
import { kinconectaDesk } from '../../../src/simulators/kinconecta/desk.js';
import { KinconectaStore } from '../../../src/simulators/kinconecta/store.js';
import { useSimulator } from './harness.js';
import { NOW, SEED, SIZE, call, listAll, postJson, record, type Reply, type WireTicket } from './helpers.js';

const h = useSimulator();

const desk = (action: string, body: Record<string, string>): Promise<Reply> =>
  postJson(h.sim().origin, `/__sim/desk/${action}`, body);

/** The ids `GET /__sim/desk/open` answers. */
async function openIds(): Promise<string[]> {
  const tickets = record(await call(h.sim().origin, '/__sim/desk/open'))['tickets'];
  if (!Array.isArray(tickets)) throw new Error('expected {tickets: [...]}');
  return tickets.map(String);
}

/** The first upstream ticket with `status`. */
async function withStatus(status: string): Promise<WireTicket> {
  const found = (await listAll(h.sim().baseUrl)).find((t) => t.status === status);
  return found ?? expect.fail(`no ${status} ticket in the demo data`);
}

async function listed(p: KinconectaProvider, id: number): Promise<Ticket | undefined> {
  return (await p.listTickets({ filter: {}, page: 1 })).tickets.find((t) => t.remoteId === String(id));
}

describe('GET /__sim/desk/open', () => {
  it('lists every ticket that is not closed', async () => {
    const all = await listAll(h.sim().baseUrl);
    const expected = all.filter((t) => t.status !== 'closed').map((t) => String(t.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(SIZE);
    expect(await openIds()).toEqual(expected);
  });
});

describe('POST /__sim/desk/status', () => {
  it("changes the status and bumps updatedAt, as the provider's reads show", async () => {
    const before = await withStatus('open');
    const started = Date.now();
    const res = await desk('status', { ticketId: String(before.id), status: 'resolved' });
    expect(res.status).toBe(200);
    const p = h.provider();
    const ticket = await listed(p, before.id);
    expect(ticket).toMatchObject({ status: 'RESOLVED', remoteStatus: 'resolved' });
    expect(ticket?.updatedAt?.getTime()).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
    expect(ticket?.updatedAt?.getTime()).toBeGreaterThan(Date.parse(before.updatedAt));
    const [full] = await p.getTickets([String(before.id)]);
    expect(full).toMatchObject({ status: 'RESOLVED', updatedAt: ticket?.updatedAt });
    expect((full as Ticket).messages).toHaveLength(1);
  });

  it('closing a ticket takes it off the open list', async () => {
    const ticket = await withStatus('in_progress');
    expect(await openIds()).toContain(String(ticket.id));
    expect((await desk('status', { ticketId: String(ticket.id), status: 'closed' })).status).toBe(200);
    expect(await openIds()).not.toContain(String(ticket.id));
    expect(await listed(h.provider(), ticket.id)).toMatchObject({ status: 'CLOSED' });
  });

  it('setting the status a ticket already has changes nothing', async () => {
    const ticket = await withStatus('resolved');
    expect((await desk('status', { ticketId: String(ticket.id), status: 'resolved' })).status).toBe(200);
    expect((await listAll(h.sim().baseUrl)).find((t) => t.id === ticket.id)).toEqual(ticket);
  });

  it.each(['pending', 'Resolved', '2', 'in progress'])('refuses the invalid status %j', async (status) => {
    const ticket = await withStatus('open');
    const res = await desk('status', { ticketId: String(ticket.id), status });
    expect(res.status).toBe(400);
    expect(record(res)['message']).toBe(
      `Invalid Kinconecta status "${status}": expected one of open, in_progress, resolved, closed`,
    );
  });

  it.each(['999999', 'abc', '-1'])('refuses the unknown ticket %j', async (ticketId) => {
    const res = await desk('status', { ticketId, status: 'closed' });
    expect(res.status).toBe(400);
    expect(record(res)['message']).toBe(`Kinconecta ticket ${ticketId} not found`);
  });

  it('is undone by a data reset', async () => {
    const ticket = await withStatus('open');
    await desk('status', { ticketId: String(ticket.id), status: 'closed' });
    expect((await call(h.sim().origin, '/__sim/reset', { method: 'POST' })).status).toBe(200);
    expect((await listAll(h.sim().baseUrl)).find((t) => t.id === ticket.id)).toEqual(ticket);
  });
});

describe('POST /__sim/desk/reply', () => {
  it('is refused: Kinconecta tickets cannot take replies, and nothing changes', async () => {
    const ticket = await withStatus('open');
    const res = await desk('reply', { ticketId: String(ticket.id), body: 'Hola, ya lo revisamos.' });
    expect(res.status).toBe(400);
    expect(record(res)['message']).toBe('Kinconecta tickets cannot take replies');
    const [full] = await h.provider().getTickets([String(ticket.id)]);
    expect((full as Ticket).messages?.map((m) => m.remoteId)).toEqual(['opening']);
    expect((await listAll(h.sim().baseUrl)).find((t) => t.id === ticket.id)).toEqual(ticket);
  });
});

describe('the desk in-process', () => {
  const store = (): KinconectaStore => new KinconectaStore({ seed: SEED, size: SIZE, now: NOW });

  it('stamps a change with its clock, never before the ticket was created', () => {
    const s = store();
    const [first, second] = s.list().filter((t) => t.status !== 'closed');
    if (!first || !second) return expect.fail('too few open tickets');
    const later = NOW + 60_000;
    kinconectaDesk(s, () => later).setStatus(String(first.id), 'closed');
    expect(s.get(Number(first.id))).toMatchObject({ status: 'closed', updatedAt: instantString(later) });
    kinconectaDesk(s, () => 0).setStatus(String(second.id), 'closed');
    expect(s.get(Number(second.id))?.updatedAt).toBe(second.createdAt);
  });

  it('is the simulator definition’s desk', () => {
    expect(h.sim().definition.desk).toBeDefined();
    expect(() => h.sim().definition.desk?.reply('1', 'x')).toThrow('Kinconecta tickets cannot take replies');
  });
});
