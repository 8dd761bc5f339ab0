import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TicketProvider } from '../../../src/providers/provider.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { CLIENT, call, daakeyProvider, startDaakey } from './helpers.js';

const LIST = `GET ${CLIENT}/tickets`;

let sim: RunningSimulator;
let p: TicketProvider;
beforeAll(async () => {
  sim = await startDaakey();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.controls.reset();
  sim.definition.resetData();
  p = daakeyProvider(sim);
});
afterEach(() => p.close());

describe('categories', () => {
  it('merges the known categories with the first page, once', async () => {
    const created = await call(sim, 'POST', `${CLIENT}/tickets`, {
      json: { subject: 'Lost my keys', message: 'Left them in the car.', category: 'lost_item' },
    });
    expect(created.status).toBe(201);
    const categories = await p.categories!();
    expect(categories.slice(0, 2)).toEqual([
      { id: 'vehicle_issue', name: 'Vehicle issue' },
      { id: 'billing', name: 'Billing' },
    ]);
    expect(categories.map((c) => c.id)).toEqual(expect.arrayContaining(['damage_report', 'general']));
    expect(categories.at(-1)).toEqual({ id: 'lost_item', name: 'Lost item' });
    expect(await p.categories!()).toEqual(categories);
    expect(sim.controls.requests(LIST)).toBe(1);
  });

  it('answers the known ones when the list fails, and reads again next time', async () => {
    sim.controls.addFault({ route: LIST, kind: 'status', status: 503, times: 1 });
    expect((await p.categories!()).map((c) => c.id)).toEqual([
      'vehicle_issue',
      'billing',
      'damage_report',
      'account',
      'booking',
      'feedback',
      'general',
    ]);
    await p.categories!();
    expect(sim.controls.requests(LIST)).toBe(2);
  });
});
