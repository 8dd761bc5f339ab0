import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { NOW, call, listAll, startIppanel, type Item, type Shown } from './helpers.js';

const LIST = 'GET /v1/api/ticket';
const SHOW = 'GET /v1/api/ticket/show';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startIppanel();
});
afterAll(() => sim.close());

async function showAll(s: RunningSimulator, items: Item[]): Promise<Shown[]> {
  return Promise.all(
    items.map(async (t) => (await call<Shown>(s, `/api/ticket/show?ticket_id=${t.id}`)).body.data),
  );
}

describe('demo data', () => {
  it('is the same for the same seed and differs for another seed', async () => {
    const twin = await startIppanel();
    const other = await startIppanel({ seed: 7 });
    try {
      const mine = await listAll(sim);
      expect(await listAll(twin)).toEqual(mine);
      expect(await showAll(twin, mine)).toEqual(await showAll(sim, mine));
      expect((await listAll(other)).map((t) => t.subject)).not.toEqual(mine.map((t) => t.subject));
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it.each([40, 5])('covers every state and importance with size %i', async (size) => {
    const small = await startIppanel({ size });
    try {
      const items = await listAll(small);
      expect(items).toHaveLength(size);
      expect(new Set(items.map((t) => t.state_id))).toEqual(new Set([1, 2, 3, 4, 5]));
      expect(new Set(items.map((t) => t.importance))).toEqual(new Set(['low', 'normal', 'acute']));
    } finally {
      await small.close();
    }
  });

  it('has 0 to 6 replies per ticket, both extremes, agents and customers, notes and attachments', async () => {
    const items = await listAll(sim);
    const counts = items.map((t) => t.interaction_count ?? -1);
    expect(Math.min(...counts)).toBe(0);
    expect(Math.max(...counts)).toBe(6);
    const shown = await showAll(sim, items);
    const replies = shown.flatMap((t) => t.interactions ?? []);
    expect(replies.some((i) => i.agent_id !== null)).toBe(true);
    expect(replies.some((i) => i.agent_id === null && i.username)).toBe(true);
    expect(replies.some((i) => i.private === 1)).toBe(true);
    expect(replies.some((i) => i.attachment)).toBe(true);
    expect(shown.some((t) => t.attachment)).toBe(true);
    expect(shown.some((t) => /[\u0600-\u06FF]/.test(t.subject))).toBe(true);
    expect(shown.some((t) => /^[\x20-\x7E]+$/.test(t.subject))).toBe(true);
  });

  it('keeps replies in time order after the ticket was opened and not after now', async () => {
    for (const t of await showAll(sim, await listAll(sim))) {
      const times = (t.interactions ?? []).map((i) => Date.parse(`${i.created_at.replace(' ', 'T')}Z`));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const at of times) {
        expect(at).toBeGreaterThan(Date.parse(`${t.created_at.replace(' ', 'T')}Z`));
        expect(at).toBeLessThanOrEqual(NOW);
      }
    }
  });
});

describe('simulator controls on the IPPanel routes', () => {
  it('counts requests by route id', async () => {
    sim.controls.reset();
    await call(sim, '/api/ticket');
    await call(sim, '/api/ticket?page=2');
    await call(sim, '/api/ticket/show?ticket_id=100001');
    expect(sim.controls.requests(LIST)).toBe(2);
    expect(sim.controls.requests(SHOW)).toBe(1);
    const stats = (await (await fetch(`${sim.origin}/__sim/stats`)).json()) as {
      requests: Record<string, number>;
    };
    expect(stats.requests).toEqual({ [LIST]: 2, [SHOW]: 1 });
  });

  it('injects a fault on one route only, over the HTTP control route', async () => {
    sim.controls.reset();
    const rule = { route: SHOW, kind: 'status', status: 503, times: 1 };
    const added = await fetch(`${sim.origin}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    expect(added.status).toBe(200);
    expect((await call(sim, '/api/ticket')).status).toBe(200);
    expect((await call(sim, '/api/ticket/show?ticket_id=100001')).status).toBe(503);
    expect((await call(sim, '/api/ticket/show?ticket_id=100001')).status).toBe(200);
  });

  it('adds latency to one route', async () => {
    sim.controls.reset();
    sim.controls.setLatency({ route: LIST, ms: 150 });
    const started = Date.now();
    await call(sim, '/api/ticket');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.controls.reset();
  });

  it('lets an agent answer from the desk route: the ticket becomes replied (state 3)', async () => {
    const open = (await listAll(sim)).find((t) => t.state_id === 1) as Item;
    const res = await fetch(`${sim.origin}/__sim/agent-reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket_id: open.id, description: 'Answered.' }),
    });
    expect(res.status).toBe(200);
    const shown = await call<Shown>(sim, `/api/ticket/show?ticket_id=${open.id}`);
    expect(shown.body.data).toMatchObject({ state_id: 3, state: 'replied' });
    expect(shown.body.data.interactions?.at(-1)).toMatchObject({ description: 'Answered.', private: 0 });
    expect(shown.body.data.interactions?.at(-1)?.agent_id).not.toBeNull();
    await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
  });
});
