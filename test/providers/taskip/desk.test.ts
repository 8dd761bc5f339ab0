import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/providers/model.js';
import { TEAM } from '../../../src/simulators/taskip/content.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { detail, listAll, start } from './helpers.js';
import { configure, desk } from './write-helpers.js';

let sim: RunningSimulator;
let provider: ReturnType<typeof configure>;

beforeEach(async () => {
  sim = await start({ size: 40 });
  provider = configure(sim);
});
afterEach(async () => {
  await provider.close();
  await sim.close();
});

async function read(id: string): Promise<Ticket> {
  const [ticket] = await provider.getTickets([id]);
  if (!(ticket && !(ticket instanceof Error))) throw new Error(`ticket ${id} not readable`);
  return ticket;
}

async function openIds(): Promise<string[]> {
  const res = await desk(sim, 'open');
  expect(res.status).toBe(200);
  return (res.body as { tickets: string[] }).tickets;
}

describe('GET /__sim/desk/open', () => {
  it('lists every ticket that is not closed (status 3), by id', async () => {
    const items = await listAll(sim);
    const expected = items
      .filter((t) => t.status !== 3)
      .map((t) => t.id)
      .sort((a, b) => a - b)
      .map(String);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(items.length);
    expect(await openIds()).toEqual(expected);
  });
});

describe('POST /__sim/desk/reply', () => {
  it('adds a public team-member reply that the provider reads as the newest agent message', async () => {
    const before = await read('7');
    const res = await desk(sim, 'reply', { ticketId: '7', body: 'Fixed on our side, please retry.' });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    const after = await read('7');
    expect(after.messages).toHaveLength((before.messages?.length ?? 0) + 1);
    const added = after.messages?.at(-1);
    expect(added).toMatchObject({
      body: 'Fixed on our side, please retry.',
      authorType: 'AGENT',
      internal: false,
    });
    // Written in TaskIP's web app by a team member, not through the API key's owner.
    const agents = TEAM.filter((p) => p.id !== 1).map((p) => p.name);
    expect(agents).toContain(added?.author?.name);
    expect(after.lastMessageAt).toEqual(added?.createdAt);
    expect(after.status).toBe(before.status);
    expect((await detail(sim, 7)).replies?.at(-1)).toMatchObject({
      author_type: 'team_member',
      is_private: false,
    });
  });

  it('refuses unknown tickets and blank bodies with a clear message', async () => {
    const unknown = await desk(sim, 'reply', { ticketId: '999', body: 'hi' });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { message: string }).message).toMatch(/no ticket with id "999"/);
    const blank = await desk(sim, 'reply', { ticketId: '7', body: '   ' });
    expect(blank.status).toBe(400);
    expect((blank.body as { message: string }).message).toMatch(/non-blank body/);
  });
});

describe('POST /__sim/desk/status', () => {
  it('changes the status by TaskIP code; the list and the open tickets show it', async () => {
    const open = await openIds();
    const id = open[0] ?? '';
    expect(await desk(sim, 'status', { ticketId: id, status: '3' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const page = await provider.listTickets({ filter: { status: ['CLOSED'] }, page: 1 });
    expect(page.tickets.find((t) => t.remoteId === id)).toMatchObject({
      status: 'CLOSED',
      remoteStatus: 'closed',
    });
    expect(await openIds()).not.toContain(id);

    expect((await desk(sim, 'status', { ticketId: id, status: '4' })).status).toBe(200);
    expect(await read(id)).toMatchObject({ status: 'PENDING', remoteStatus: 'pending' });
    expect(await openIds()).toContain(id);
  });

  it.each(['5', 'closed', '-1', '1.0'])('refuses the status %j, naming the valid codes', async (status) => {
    const res = await desk(sim, 'status', { ticketId: '7', status });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toContain('0 (open), 1 (in_progress)');
  });

  it('refuses an unknown ticket', async () => {
    const res = await desk(sim, 'status', { ticketId: 'abc', status: '1' });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toMatch(/no ticket with id "abc"/);
  });

  it('is undone by the reset hook', async () => {
    const before = await detail(sim, 7);
    await desk(sim, 'status', { ticketId: '7', status: before.status === 3 ? '0' : '3' });
    await desk(sim, 'reply', { ticketId: '7', body: 'temporary' });
    await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
    expect(await detail(sim, 7)).toEqual(before);
  });
});
