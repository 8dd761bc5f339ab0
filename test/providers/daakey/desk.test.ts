import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/providers/model.js';
import type { TicketProvider } from '../../../src/providers/provider.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { allTickets, daakeyProvider, detailOf, firstWithStatus, startDaakey } from './helpers.js';

let sim: RunningSimulator;
let p: TicketProvider;
beforeAll(async () => {
  sim = await startDaakey();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.controls.reset();
  sim.definition.resetData();
  p = daakeyProvider(sim, { pageSize: 100 });
});
afterEach(() => p.close());

interface DeskAnswer {
  status: number;
  body: { ok?: boolean; message?: string; tickets?: string[] };
}

/** One call to the shared desk routes, `/__sim/desk/...`. */
async function desk(path: string, body?: Record<string, string>): Promise<DeskAnswer> {
  const response = await fetch(`${sim.origin}/__sim/desk/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as DeskAnswer['body'] };
}

async function listed(remoteId: string): Promise<Ticket> {
  const found = (await p.listTickets({ filter: {}, page: 1 })).tickets.find((t) => t.remoteId === remoteId);
  if (!found) throw new Error(`ticket ${remoteId} is not listed`);
  return found;
}

async function detail(remoteId: string): Promise<Ticket> {
  const [ticket] = await p.getTickets([remoteId]);
  if (!ticket || ticket instanceof Error) throw ticket ?? new Error('no ticket');
  return ticket;
}

describe('the agent desk over /__sim/desk', () => {
  it('lists the tickets that are not closed', async () => {
    const demo = await allTickets(sim);
    const open = await desk('open');
    expect(open.body.tickets).toEqual(demo.filter((t) => t.status !== 'closed').map((t) => String(t.id)));
    const first = open.body.tickets![0]!;
    expect((await desk('status', { ticketId: first, status: 'closed' })).status).toBe(200);
    expect((await desk('open')).body.tickets).not.toContain(first);
  });

  it("adds an unread agent reply that the provider's reads show, and starts an open ticket", async () => {
    const ticket = await firstWithStatus(sim, 'open');
    const id = String(ticket.id);
    const before = await listed(id);
    expect(await desk('reply', { ticketId: id, body: 'Our technician is on the way.' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const after = await listed(id);
    expect(after).toMatchObject({ status: 'IN_PROGRESS', remoteStatus: 'in_progress', unreadCount: 1 });
    expect(after.lastMessageAt!.getTime()).toBeGreaterThan(before.lastMessageAt!.getTime());
    expect(after.raw).toMatchObject({ last_message: 'Our technician is on the way.' });
    const full = await detail(id);
    expect(full.messages!.at(-1)).toMatchObject({
      body: 'Our technician is on the way.',
      authorType: 'AGENT',
      author: { name: expect.any(String) },
    });
    expect(full.updatedAt).toEqual(after.lastMessageAt);
    // Viewing the ticket marked the reply read, as Daakey does.
    expect((await listed(id)).unreadCount).toBe(0);
  });

  it('answers as the agent already on the ticket, and keeps a status that is not open', async () => {
    const ticket = await firstWithStatus(sim, 'in_progress');
    const agent = (await detailOf(sim, ticket.id)).messages.findLast(
      (m) => m.sender === 'support',
    )!.sender_name;
    await desk('reply', { ticketId: String(ticket.id), body: 'Any news on your side?' });
    const full = await detail(String(ticket.id));
    expect(full.status).toBe('IN_PROGRESS');
    expect(full.messages!.at(-1)!.author?.name).toBe(agent);
  });

  it("sets a status the provider's list shows, touching updated_at only on a change", async () => {
    const ticket = await firstWithStatus(sim, 'in_progress');
    const id = String(ticket.id);
    const before = await detail(id);
    expect((await desk('status', { ticketId: id, status: 'resolved' })).status).toBe(200);
    const resolved = await p.listTickets({ filter: { status: ['RESOLVED'] }, page: 1 });
    expect(resolved.tickets.map((t) => t.remoteId)).toContain(id);
    const changed = await detail(id);
    expect(changed.updatedAt!.getTime()).toBeGreaterThan(before.updatedAt!.getTime());
    await desk('status', { ticketId: id, status: 'resolved' });
    expect((await detail(id)).updatedAt).toEqual(changed.updatedAt);
  });

  it('refuses unknown tickets, unknown statuses and replies to closed tickets, with clear messages', async () => {
    const closed = String((await firstWithStatus(sim, 'closed')).id);
    const calls = sim.controls.requests();
    expect(await desk('status', { ticketId: '1', status: 'pending' })).toEqual({
      status: 400,
      body: { message: 'status must be one of open, in_progress, resolved, closed, got "pending"' },
    });
    expect((await desk('reply', { ticketId: '999', body: 'x' })).body.message).toBe(
      'Daakey ticket "999" not found',
    );
    expect((await desk('status', { ticketId: 'abc', status: 'open' })).body.message).toBe(
      'Daakey ticket "abc" not found',
    );
    expect((await desk('reply', { ticketId: closed, body: 'x' })).body.message).toBe(
      `Daakey ticket ${closed} is closed: it takes no messages`,
    );
    expect(() => sim.definition.desk!.reply('1', '   ')).toThrow('a reply needs a non-empty body');
    // The agency's own tool is not client-API traffic.
    expect(sim.controls.requests()).toBe(calls);
  });
});
