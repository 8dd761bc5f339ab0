import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { detail, start } from './helpers.js';
import { ROUTES, configure, createInput, upstreamErrorOf } from './write-helpers.js';

let sim: RunningSimulator;
let provider: ReturnType<typeof configure>;

beforeEach(async () => {
  sim = await start({ size: 40 });
  provider = configure(sim, { timeoutMs: 300 });
  // Every uuid known up front, so the counters below count the writes alone.
  await provider.listTickets({ filter: {}, page: 1 });
  sim.controls.reset();
});
afterEach(async () => {
  await provider.close();
  await sim.close();
});

const body = { attachmentUrls: [], files: [] };

/** Every write, by the route it is sent to. */
const WRITES: Array<[string, () => Promise<unknown>]> = [
  [ROUTES.create, () => provider.createTicket(createInput())],
  [ROUTES.reply, () => provider.addMessage({ ticketRemoteId: '7', body: 'hi', internal: false, ...body })],
  [ROUTES.note, () => provider.addMessage({ ticketRemoteId: '7', body: 'hi', internal: true, ...body })],
  [ROUTES.status, () => provider.updateStatus('7', 'RESOLVED')],
  [ROUTES.priority, () => provider.updatePriority('7', 'URGENT')],
  [ROUTES.bulk, () => provider.assignTicket('7', '8')],
  [ROUTES.delete, () => provider.deleteTicket('7')],
];

describe('a write is sent exactly once', () => {
  it.each(WRITES)('%s: a reset connection is UPSTREAM_OUTCOME_UNKNOWN, not a retry', async (route, run) => {
    sim.controls.addFault({ route, kind: 'reset' });
    expect((await upstreamErrorOf(run)).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(route)).toBe(1);
  });

  it.each(WRITES)('%s: no answer within timeoutMs is UPSTREAM_OUTCOME_UNKNOWN', async (route, run) => {
    sim.controls.setLatency({ route, ms: 600 });
    expect((await upstreamErrorOf(run)).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(route)).toBe(1);
  });

  it('a write that timed out may still have happened (why it is not retried)', async () => {
    sim.controls.setLatency({ route: ROUTES.status, ms: 500 });
    const before = (await detail(sim, 7)).status;
    expect(before).not.toBe(2);
    expect((await upstreamErrorOf(() => provider.updateStatus('7', 'RESOLVED'))).code).toBe(
      'UPSTREAM_OUTCOME_UNKNOWN',
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await detail(sim, 7)).status).toBe(2);
  });

  // A 502 may come from a proxy whose upstream saved the write; a 503 turned it away unprocessed.
  it('a 502 on a write is UPSTREAM_OUTCOME_UNKNOWN, a 503 UPSTREAM_UNAVAILABLE, neither retried', async () => {
    const run = WRITES[1]![1];
    sim.controls.addFault({ route: ROUTES.reply, kind: 'status', status: 502, times: 1 });
    expect((await upstreamErrorOf(run)).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(ROUTES.reply)).toBe(1);
    sim.controls.addFault({ route: ROUTES.reply, kind: 'status', status: 503, times: 1 });
    expect((await upstreamErrorOf(run)).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sim.controls.requests(ROUTES.reply)).toBe(2);
  });
});

describe('a 2xx answer that cannot be read is UPSTREAM_OUTCOME_UNKNOWN', () => {
  it.each([
    ['not JSON', { kind: 'malformed' as const }],
    ['too large', { kind: 'oversized' as const, bytes: 2_000_000 }],
    ['not the documented shape', { kind: 'status' as const, status: 201, body: { ok: true } }],
  ])('%s', async (_name, fault) => {
    for (const [route, run] of WRITES) {
      sim.controls.addFault({ route, ...fault, times: 1 });
      const error = await upstreamErrorOf(run);
      expect([route, error.code]).toEqual([route, 'UPSTREAM_OUTCOME_UNKNOWN']);
      expect(sim.controls.requests(route)).toBe(1);
    }
  });
});

describe('the re-read after a confirmed write', () => {
  it('fails as UPSTREAM_OUTCOME_UNKNOWN (check before retrying), though the write happened', async () => {
    sim.controls.addFault({ route: ROUTES.detail, kind: 'status', status: 503, times: 1 });
    const error = await upstreamErrorOf(() => provider.updatePriority('7', 'URGENT'));
    expect(error.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect((await detail(sim, 7)).priority).toBe(4);
  });

  it('after a create, falls back to the created ticket of the answer', async () => {
    sim.controls.addFault({ route: ROUTES.detail, kind: 'status', status: 503, times: 1 });
    const ticket = await provider.createTicket(createInput({ priority: 'HIGH' }));
    expect(ticket).toMatchObject({ remoteId: '41', status: 'OPEN', priority: 'HIGH' });
    expect(ticket.messages?.map((m) => m.remoteId)).toEqual(['opening']);
    expect(sim.controls.requests(ROUTES.detail)).toBe(1);
  });
});
