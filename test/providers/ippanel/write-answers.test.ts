import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { listAll, startIppanel, type Item } from './helpers.js';
import { ROUTES, closeOpened, ippanel, newMessage, newTicket, upstreamError } from './write-helpers.js';

/*
 * How IPPanel's own answers to a write are read, where they are IPPanel's alone. What every
 * provider answers to the same fault (resets, deadlines, 5xx, 429, unreadable 2xx, a failed
 * re-read) is the shared contract suite's (`test/providers/contract/`).
 */

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

const WRITES = [
  ['createTicket', ROUTES.create],
  ['addMessage', ROUTES.reply],
] as const;

describe.each(WRITES)('%s', (name, route) => {
  it('answers UPSTREAM_OUTCOME_UNKNOWN for a 200 that says meta.status false, sent once', async () => {
    const body = { data: { ticket_id: 1, interaction_id: 1 }, meta: { status: false } };
    sim.controls.addFault({ route, kind: 'status', status: 200, body });
    const p = ippanel(sim);
    const write =
      name === 'createTicket' ? p.writes.createTicket(newTicket()) : p.writes.addMessage(newMessage(openId));
    await upstreamError(write, 'UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(route)).toBe(1);
  });
});
