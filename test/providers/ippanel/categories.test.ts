import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { KNOWN_CATEGORIES } from '../../../src/providers/ippanel/categories.js';
import { CATEGORIES } from '../../../src/simulators/ippanel/content.js';
import { listAll, startIppanel } from './helpers.js';
import { ROUTES, closeOpened, ippanel } from './write-helpers.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startIppanel();
});
afterEach(async () => {
  await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
  await closeOpened();
});
afterAll(() => sim.close());

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
