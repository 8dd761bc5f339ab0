import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { resetAll, startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { expectedTickets } from '../support/oracle.js';

/**
 * The connections' arguments and shapes, as Relay clients rely on them: `first: 0`, an empty
 * `after`, non-null edge nodes, and `missingProviders`.
 */
let simulators: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  simulators = await startTestSimulators();
  gw = await startTestGateway(simulators);
});
afterAll(async () => {
  await gw.close();
  await Promise.all(simulators.map((s) => s.close()));
});
beforeEach(() => resetAll(simulators));

type PageInfo = {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
};

describe('connection arguments and shapes', () => {
  const INFO = `query($first: Int, $after: String, $filter: TicketFilter) {
    tickets(first: $first, after: $after, filter: $filter) { totalCount missingProviders
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } } }`;
  type Info = {
    tickets: { totalCount: number; missingProviders: string[]; edges: unknown[]; pageInfo: PageInfo };
  };
  const info = (first: number, after?: string | null, filter = {}) =>
    gw.query<Info>(INFO, { first, after, filter }).then((r) => {
      expect(r.errors).toBeUndefined();
      return r.data!.tickets;
    });

  it('first: 0 answers an empty page with Relay pageInfo: whether anything follows, no cursors', async () => {
    const total = (await expectedTickets(gw.providers, {})).length;
    expect(await info(0)).toEqual({
      totalCount: total,
      missingProviders: [],
      edges: [],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
    const none = await info(0, null, { search: 'no ticket says this' });
    expect(none.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
    const last = await info(100, (await info(100)).pageInfo.endCursor);
    expect(last.pageInfo.hasNextPage).toBe(false);
    const atEnd = await info(0, last.pageInfo.endCursor);
    expect(atEnd.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });

  it('first: 0 reads one list page per provider and no ticket details', async () => {
    await gw.query('{ tickets(first: 0) { pageInfo { hasNextPage } } }');
    for (const sim of simulators) expect(sim.controls.requests(), sim.key).toBe(1);
  });

  it('first: 0 while a provider is down: it is missing, and the walk may go on', async () => {
    gw.sim('taskip').controls.addFault({ route: '*', kind: 'status', status: 503 });
    const res = await gw.query<Info>(INFO, { first: 0, filter: { providers: ['taskip'] } });
    expect(res.errors?.map((e) => e.extensions)).toEqual([
      { code: 'UPSTREAM_UNAVAILABLE', provider: 'taskip' },
    ]);
    expect(res.data!.tickets.missingProviders).toEqual(['taskip']);
    expect(res.data!.tickets.pageInfo.hasNextPage).toBe(true);
  });

  it('after: "" is no cursor, on tickets and on Ticket.messages', async () => {
    expect(await info(5, '')).toEqual(await info(5));
    expect((await info(5, '')).pageInfo.hasPreviousPage).toBe(false);
    const MESSAGES = `query($after: String) { tickets(first: 3) { edges { node { messages(first: 1, after: $after) {
      pageInfo { hasPreviousPage endCursor } edges { node { id } } } } } } }`;
    const empty = await gw.query(MESSAGES, { after: '' });
    expect(empty.errors).toBeUndefined();
    expect(empty).toEqual(await gw.query(MESSAGES, { after: null }));
    expect(JSON.stringify(empty.data)).not.toContain('"hasPreviousPage":true');
  });

  it('TicketEdge.node and MessageEdge.node are non-null; the connection names missing providers', async () => {
    type Fields = {
      __type: { fields: Array<{ name: string; type: { kind: string; ofType: { name: string } | null } }> };
    };
    const fields = async (name: string) =>
      (
        await gw.query<Fields>(
          `{ __type(name: "${name}") { fields { name type { kind ofType { name } } } } }`,
        )
      ).data!.__type.fields;
    for (const [edge, node] of [
      ['TicketEdge', 'Ticket'],
      ['MessageEdge', 'Message'],
    ] as const) {
      expect((await fields(edge)).find((f) => f.name === 'node')?.type).toEqual({
        kind: 'NON_NULL',
        ofType: { name: node },
      });
    }
    expect((await fields('TicketConnection')).find((f) => f.name === 'missingProviders')?.type.kind).toBe(
      'NON_NULL',
    );
  });
});
