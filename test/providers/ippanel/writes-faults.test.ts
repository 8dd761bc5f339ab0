import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { KNOWN_CATEGORIES } from '../../../src/providers/ippanel/categories.js';
import { CATEGORIES } from '../../../src/simulators/ippanel/content.js';
import { listAll, startIppanel, type Item } from './helpers.js';
import { ROUTES, closeOpened, ippanel, newMessage, newTicket, upstreamError } from './write-helpers.js';

let sim: RunningSimulator;
let openId: string;

beforeAll(async () => {
  sim = await startIppanel();
  openId = String(((await listAll(sim)).find((t) => t.state_id === 1) as Item).id);
});
afterEach(async () => {
  await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
  await closeOpened();
});
afterAll(() => sim.close());

/** Both writes, so every fault is tried on each. */
const WRITES = [
  ['createTicket', ROUTES.create],
  ['addMessage', ROUTES.reply],
] as const;

function write(name: (typeof WRITES)[number][0], patch = {}): Promise<unknown> {
  const p = ippanel(sim, patch);
  return name === 'createTicket' ? p.createTicket(newTicket()) : p.addMessage(newMessage(openId));
}

describe.each(WRITES)('%s is sent once, never retried', (name, route) => {
  it('answers UPSTREAM_OUTCOME_UNKNOWN when the connection resets', async () => {
    sim.controls.addFault({ route, kind: 'reset' });
    await upstreamError(write(name), 'UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(route)).toBe(1);
    expect(sim.controls.requests(ROUTES.show)).toBe(0);
  });

  it('answers UPSTREAM_OUTCOME_UNKNOWN when the answer comes after the deadline', async () => {
    sim.controls.setLatency({ route, ms: 600 });
    await upstreamError(write(name, { timeoutMs: 200 }), 'UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(route)).toBe(1);
    // The simulator still carries the write out; let it finish before the reset of afterEach.
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  it.each(['malformed', 'oversized'] as const)(
    'answers UPSTREAM_OUTCOME_UNKNOWN for a %s 200',
    async (kind) => {
      sim.controls.addFault({ route, kind, bytes: 2 * 1024 * 1024 });
      await upstreamError(write(name), 'UPSTREAM_OUTCOME_UNKNOWN');
      expect(sim.controls.requests(route)).toBe(1);
    },
  );

  it('answers UPSTREAM_OUTCOME_UNKNOWN for a 200 that says meta.status false', async () => {
    const body = { data: { ticket_id: 1, interaction_id: 1 }, meta: { status: false } };
    sim.controls.addFault({ route, kind: 'status', status: 200, body });
    await upstreamError(write(name), 'UPSTREAM_OUTCOME_UNKNOWN');
  });

  it('answers UPSTREAM_OUTCOME_UNKNOWN when the write passed but the re-read fails', async () => {
    sim.controls.addFault({ route: ROUTES.show, kind: 'status', status: 500 });
    await upstreamError(write(name), 'UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(route)).toBe(1);
  });

  it('answers UPSTREAM_UNAVAILABLE for a 503, without a second attempt', async () => {
    sim.controls.addFault({ route, kind: 'status', status: 503 });
    await upstreamError(write(name), 'UPSTREAM_UNAVAILABLE');
    expect(sim.controls.requests(route)).toBe(1);
  });
});

describe('categories', () => {
  it('knows every demo category, with the numeric id create takes', () => {
    const demo = CATEGORIES.map((c) => ({ id: String(c.id), name: c.name }));
    expect(KNOWN_CATEGORIES).toEqual(demo);
  });

  it('merges the known ones with the first page, read once and cached', async () => {
    const p = ippanel(sim);
    const [first, second] = await Promise.all([p.categories(), p.categories()]);
    expect(first.map((c) => c.id)).toEqual(['10', '11', '12', '13']);
    expect(first[0]).toEqual({ id: '10', name: 'Plugins, Domains, API' });
    expect(second).toEqual(first);
    await p.categories();
    expect(sim.controls.stats().requests).toEqual({ [ROUTES.list]: 1 });
  });

  it('adds a category seen on a ticket that it does not know', async () => {
    const item = { ...(await listAll(sim))[0], category_id: 30, category: { id: 30, name: 'Sales' } };
    const body = { data: [item], meta: { status: true, current_page: 1, last_page: 1 } };
    sim.controls.addFault({ route: ROUTES.list, kind: 'status', status: 200, body, times: 1 });
    const categories = await ippanel(sim).categories();
    expect(categories.at(-1)).toEqual({ id: '30', name: 'Sales' });
    expect(categories).toHaveLength(5);
  });

  it('answers the known ones when the list fails, and tries again next time', async () => {
    sim.controls.addFault({ route: ROUTES.list, kind: 'status', status: 500, times: 1 });
    const p = ippanel(sim);
    expect(await p.categories()).toEqual(KNOWN_CATEGORIES);
    await p.categories();
    expect(sim.controls.requests(ROUTES.list)).toBe(2);
  });
});
