import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { resetAll, startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';

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

const NESTED = `{
  a: tickets(first: 25) {
    edges { node { id subject description requester { name } attachments { url }
      messages { totalCount edges { node { id body authorType ticket { id subject } attachments { url } } } } } }
  }
  b: tickets(first: 25) { edges { node { id messages(first: 1) { edges { node { body } } } } } }
  c: tickets(first: 25, filter: { providers: ["daakey", "taskip"] }) { edges { node { id } } }
}`;

interface Nested {
  a: { edges: Array<{ node: { id: string; messages: { totalCount: number } } | null }> };
}

describe('per-request loaders', () => {
  it('never sends the same upstream request twice in one operation, and fetches each ticket once', async () => {
    const res = await gw.query<Nested>(NESTED);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.a.edges.map((e) => e.node!);
    expect(nodes).toHaveLength(25);
    for (const node of nodes) expect(node.messages.totalCount).toBeGreaterThanOrEqual(1);
    for (const sim of simulators) {
      const log = sim.controls.requestLog();
      expect(new Set(log).size, `${sim.key}: ${log.join(', ')}`).toBe(log.length);
    }
    // Kinconecta's list carries every field: its tickets need no detail request at all.
    const kin = gw.sim('kinconecta').controls.requestLog();
    expect(kin.filter((line) => /\/api\/support-tickets\/\d+/.test(line))).toEqual([]);
  });

  it('answers list fields from the list response, with no detail request', async () => {
    const res = await gw.query(
      '{ tickets(first: 30) { edges { node { id subject status priority createdAt provider { key } } } } }',
    );
    expect(res.errors).toBeUndefined();
    for (const sim of simulators) {
      const log = sim.controls.requestLog();
      expect(log.length, `${sim.key}: ${log.join(', ')}`).toBeGreaterThanOrEqual(1);
      // Every request is a list request: its path is the list path, whatever the query string.
      expect(new Set(log.map((l) => l.split('?')[0])).size, `${sim.key}: ${log.join(', ')}`).toBe(1);
    }
  });

  it('resolves every node type by global id, and null for a ticket that does not exist', async () => {
    const list = await gw.query<{
      tickets: {
        edges: Array<{ node: { id: string; messages: { edges: Array<{ node: { id: string } }> } } }>;
      };
    }>('{ tickets(first: 40) { edges { node { id messages { edges { node { id } } } } } } }');
    expect(list.errors).toBeUndefined();
    const withMessage = list.data!.tickets.edges.find((e) => e.node.messages.edges.length > 0)!.node;
    const messageId = withMessage.messages.edges[0]!.node.id;
    const res = await gw.query<{ t: { id: string } | null; m: { id: string; body: string } | null }>(
      `query($t: ID!, $m: ID!) {
        t: node(id: $t) { id ... on Ticket { subject } }
        m: node(id: $m) { id ... on Message { body ticket { id } } }
      }`,
      { t: withMessage.id, m: messageId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.t!.id).toBe(withMessage.id);
    expect(res.data!.m!.id).toBe(messageId);
    const withFiles = await gw.query<{
      tickets: { edges: Array<{ node: { attachments: Array<{ id: string; url: string }> } }> };
    }>('{ tickets(first: 100) { edges { node { attachments { id url } } } } }');
    const file = withFiles.data!.tickets.edges.flatMap((e) => e.node.attachments)[0]!;
    const attachment = await gw.query<{ node: { id: string; url: string } }>(
      'query($id: ID!) { node(id: $id) { id ... on Attachment { url } } }',
      { id: file.id },
    );
    expect(attachment.data!.node).toEqual(file);
    const providers = await gw.query<{ providers: Array<{ id: string }> }>('{ providers { id } }');
    const pid = providers.data!.providers[0]!.id;
    const p = await gw.query<{ node: { id: string } }>('query($id: ID!) { node(id: $id) { id } }', {
      id: pid,
    });
    expect(p.data!.node.id).toBe(pid);
    const missing = Buffer.from('Ticket:["taskip","999999"]').toString('base64');
    const none = await gw.query<{ ticket: null }>('query($id: ID!) { ticket(id: $id) { id } }', {
      id: missing,
    });
    expect(none.errors).toBeUndefined();
    expect(none.data!.ticket).toBeNull();
    const bad = await gw.query('{ ticket(id: "nonsense") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
