import { beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError, type UpstreamCode } from '../../../src/errors.js';
import type { Ticket } from '../../../src/providers/model.js';
import type { TicketProvider } from '../../../src/providers/provider.js';
import type { FaultRule } from '../../../src/simulators/index.js';
import { upstreamFailure, useKinds } from './harness.js';
import { KINDS, type KindCase } from './kinds.js';

/*
 * The same fault on a read gives the same answer on every kind, on the list and on a ticket's
 * details (where the error stands in the ticket's slot). A read answered with a status is
 * sent once; one whose connection drops is sent once more.
 */

const kinds = useKinds();

type Fault = Omit<FaultRule, 'route'>;

const FAULTS: Array<[string, Fault, UpstreamCode]> = [
  ['500', { kind: 'status', status: 500 }, 'UPSTREAM_UNAVAILABLE'],
  ['502', { kind: 'status', status: 502 }, 'UPSTREAM_UNAVAILABLE'],
  ['503', { kind: 'status', status: 503, headers: { 'Retry-After': '2' } }, 'UPSTREAM_UNAVAILABLE'],
  ['504', { kind: 'status', status: 504 }, 'UPSTREAM_UNAVAILABLE'],
  ['429', { kind: 'status', status: 429, headers: { 'Retry-After': '2' } }, 'UPSTREAM_UNAVAILABLE'],
  ['401', { kind: 'status', status: 401 }, 'UPSTREAM_AUTH'],
  ['403', { kind: 'status', status: 403 }, 'UPSTREAM_AUTH'],
  ['an undocumented 422', { kind: 'status', status: 422, body: { message: 'no' } }, 'UPSTREAM_BAD_RESPONSE'],
  ['an undocumented 400', { kind: 'status', status: 400, body: { message: 'no' } }, 'UPSTREAM_BAD_RESPONSE'],
  ['a body that is not JSON', { kind: 'malformed' }, 'UPSTREAM_BAD_RESPONSE'],
  ['a body over maxResponseBytes', { kind: 'oversized', bytes: 256 * 1024 }, 'UPSTREAM_BAD_RESPONSE'],
  [
    'a JSON body of the wrong shape',
    { kind: 'status', status: 200, body: { unexpected: true } },
    'UPSTREAM_BAD_RESPONSE',
  ],
];

/** The two reads: the first list page, and one ticket's details; each answers its failure. */
const READS: Array<[string, (k: KindCase) => string, (p: TicketProvider) => Promise<unknown>]> = [
  ['list', (k) => k.list, (p) => p.listTickets({ filter: {}, page: 1 })],
  ['details', (k) => k.detail, (p) => slot(p)],
];

/** The details of a ticket every demo data set has; its slot's error is thrown. */
async function slot(p: TicketProvider): Promise<Ticket> {
  const { tickets } = await p.listTickets({ filter: {}, page: 1 });
  const [result] = await p.getTickets([tickets[0]!.remoteId]);
  if (result instanceof Error) throw result;
  return result!;
}

describe.each(KINDS)('$kind reads', (k) => {
  let p: TicketProvider;
  beforeEach(() => {
    kinds.reset(k.kind);
    p = kinds.provider(k.kind, { maxResponseBytes: 64 * 1024 });
  });

  describe.each(READS)('%s', (_name, routeOf, read) => {
    it.each(FAULTS)('%s → %s, sent once', async (_fault, fault, code) => {
      const sim = kinds.sim(k.kind);
      sim.controls.addFault({ route: routeOf(k), ...fault });
      expect((await upstreamFailure(read(p))).code).toBe(code);
      expect(sim.controls.requests(routeOf(k))).toBe(1);
    });

    it('a connection reset every time → UPSTREAM_UNAVAILABLE, after one more try', async () => {
      const sim = kinds.sim(k.kind);
      sim.controls.addFault({ route: routeOf(k), kind: 'reset' });
      expect((await upstreamFailure(read(p))).code).toBe('UPSTREAM_UNAVAILABLE');
      expect(sim.controls.requests(routeOf(k))).toBe(2);
    });

    it('a single reset is absorbed by that one more try', async () => {
      const sim = kinds.sim(k.kind);
      sim.controls.addFault({ route: routeOf(k), kind: 'reset', times: 1 });
      await expect(read(p)).resolves.toBeDefined();
      expect(sim.controls.requests(routeOf(k))).toBe(2);
    });
  });

  it("a fault on one ticket's details costs only that ticket's slot", async () => {
    kinds.sim(k.kind).controls.addFault({ route: k.detail, kind: 'malformed', times: 1 });
    const { tickets } = await p.listTickets({ filter: {}, page: 1 });
    const slots = await p.getTickets(tickets.slice(0, 2).map((t) => t.remoteId));
    expect(slots.filter((s) => s instanceof UpstreamError).map((s) => (s as UpstreamError).code)).toEqual([
      'UPSTREAM_BAD_RESPONSE',
    ]);
    expect(slots.filter((s) => !(s instanceof Error))).toHaveLength(1);
  });

  it('a fault on one route leaves the others working', async () => {
    kinds.sim(k.kind).controls.addFault({ route: k.detail, kind: 'status', status: 500 });
    const { tickets } = await p.listTickets({ filter: {}, page: 1 });
    const [result] = await p.getTickets([tickets[0]!.remoteId]);
    expect(result).toBeInstanceOf(UpstreamError);
    expect(tickets.length).toBeGreaterThan(0);
  });
});
