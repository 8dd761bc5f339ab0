import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/providers/model.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { NOW, listAll, startIppanel, type Item } from './helpers.js';
import { closeOpened, ippanel } from './write-helpers.js';

let sim: RunningSimulator;
let items: Item[];

beforeAll(async () => {
  sim = await startIppanel();
  items = await listAll(sim);
});
afterEach(async () => {
  await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
  await closeOpened();
});
afterAll(() => sim.close());

/** A desk control route's answer: `{ok: true}`, `{tickets}` or `{message}` on a 400. */
interface DeskAnswer {
  ok?: boolean;
  tickets?: string[];
  message?: string;
}

async function desk(
  path: string,
  body?: Record<string, string>,
): Promise<{ status: number; body: DeskAnswer }> {
  const res = await fetch(`${sim.origin}/__sim/desk/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as DeskAnswer };
}

const withState = (state: number): Item => items.find((t) => t.state_id === state) as Item;

async function item(id: number): Promise<Item> {
  return (await listAll(sim)).find((t) => t.id === id) as Item;
}

async function detail(id: number): Promise<Ticket> {
  return (await ippanel(sim).getTickets([String(id)]))[0] as Ticket;
}

describe('GET /__sim/desk/open', () => {
  it('lists every ticket but the closed ones, newest first', async () => {
    const { status, body } = await desk('open');
    expect(status).toBe(200);
    expect(body.tickets).toEqual(items.filter((t) => t.state_id !== 4).map((t) => String(t.id)));
    expect(sim.definition.desk?.openTickets()).toEqual(body.tickets);
  });
});

describe('POST /__sim/desk/reply', () => {
  it("adds an agent's reply the gateway reads: replied, counted, unseen by the customer", async () => {
    const open = withState(1);
    expect(await desk('reply', { ticketId: String(open.id), body: 'بررسی شد.' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const ticket = await detail(open.id);
    expect(ticket.messages?.at(-1)).toMatchObject({
      body: 'بررسی شد.',
      authorType: 'AGENT',
      internal: false,
    });
    expect(ticket.messages?.at(-1)?.author?.name).toBe('support_sara');
    expect(ticket).toMatchObject({ status: 'PENDING', remoteStatus: 'replied' });
    expect(ticket.updatedAt?.getTime()).toBeGreaterThanOrEqual(NOW);
    const listed = await item(open.id);
    expect(listed).toMatchObject({
      interaction_count: (open.interaction_count ?? 0) + 1,
      admin_seen: 1,
      user_seen: 0,
    });
  });

  it('refuses a closed ticket, an unknown one and an empty body with a clear message', async () => {
    const closed = String(withState(4).id);
    expect(await desk('reply', { ticketId: closed, body: 'x' })).toMatchObject({
      status: 400,
      body: { message: `IPPanel ticket ${closed} is closed: no replies` },
    });
    const unknown = await desk('reply', { ticketId: '999', body: 'x' });
    expect(unknown.body.message).toBe('IPPanel ticket 999 does not exist');
    const empty = await desk('reply', { ticketId: String(withState(1).id), body: ' ' });
    expect(empty.body.message).toMatch(/empty/);
    expect(await listAll(sim)).toEqual(items);
  });
});

describe('POST /__sim/desk/status', () => {
  it('closes a ticket: listTickets shows CLOSED and the desk no longer offers it', async () => {
    const open = withState(1);
    expect((await desk('status', { ticketId: String(open.id), status: '4' })).status).toBe(200);
    const page = await ippanel(sim).listTickets({ filter: { status: ['CLOSED'] }, page: 1 });
    const closed = page.tickets.find((t) => t.remoteId === String(open.id));
    expect(closed).toMatchObject({ status: 'CLOSED', remoteStatus: 'closed' });
    expect(closed?.updatedAt?.getTime()).toBeGreaterThanOrEqual(NOW);
    expect((await desk('open')).body.tickets).not.toContain(String(open.id));
  });

  it('forwards a ticket (state 5) with a forward record', async () => {
    const pending = withState(3);
    await desk('status', { ticketId: String(pending.id), status: '5' });
    const listed = await item(pending.id);
    expect(listed).toMatchObject({ state_id: 5, state: { id: 5, name: 'forwarded' } });
    expect(listed.forward).toMatchObject({ ticket_id: pending.id, seen: 0 });
    expect((await detail(pending.id)).status).toBe('IN_PROGRESS');
  });

  it('leaves a ticket untouched when the state does not change', async () => {
    const open = withState(1);
    await desk('status', { ticketId: String(open.id), status: '1' });
    expect(await item(open.id)).toEqual(open);
  });

  it.each([
    ['an unknown state', '7', /state_id must be one of 1 \(waiting_response\)/],
    ['a state name', 'closed', /got "closed"/],
  ])('refuses %s with a clear message', async (_name, status, message) => {
    const res = await desk('status', { ticketId: String(withState(1).id), status });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('refuses an unknown ticket', async () => {
    const res = await desk('status', { ticketId: 'abc', status: '4' });
    expect(res.body.message).toBe('IPPanel ticket abc does not exist');
  });
});
