import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_ERROR_CODES } from '../../src/edge/error-codes.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { wsClient } from '../support/live.js';
import { send } from './helpers.js';
import { body, HOSTILE, JSON_TYPE } from './hostile-inputs.js';

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

type Err = { message: string; extensions?: Record<string, unknown> };

const CODES: ReadonlySet<string> = new Set(EDGE_ERROR_CODES);
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** Every error in a JSON answer, or in each `data:` event of a server-sent event stream. */
function errorsIn(text: string): Err[] {
  if (text.trim() === '') return [];
  const payloads = text.startsWith('{')
    ? [text]
    : text.split('\n').flatMap((line) => (line.startsWith('data:') ? [line.slice(5)] : []));
  return payloads
    .filter((p) => p.trim().startsWith('{'))
    .flatMap((p) => (JSON.parse(p) as { errors?: Err[] }).errors ?? []);
}

function expectCoded(errors: readonly Err[], label: string): void {
  for (const error of errors) {
    expect(CODES.has(String(error.extensions?.['code'])), `${label}: ${JSON.stringify(error)}`).toBe(true);
  }
}

describe('hostile HTTP input', () => {
  it.each(HOSTILE)('%s: answered below 500, every error coded', async (label, init, path = '') => {
    const answer = await send(gw.gateway.url + path, { method: 'POST', ...init });
    expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
    expectCoded(errorsIn(answer.text), label);
  });

  it('variable coercion errors are BAD_USER_INPUT', async () => {
    const answer = await send(gw.gateway.url, {
      headers: JSON_TYPE,
      body: body({ query: 'query($f: Int!) { tickets(first: $f) { totalCount } }', variables: { f: 'ten' } }),
    });
    expect(answer.status).toBeLessThan(500);
    const [error] = errorsIn(answer.text);
    expect(error?.message).toMatch(/^Variable "\$f" got invalid value/);
    expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

/** One operation over HTTP: its errors (each asserted coded). */
async function errorsOf(query: string, variables?: Record<string, unknown>): Promise<Err[]> {
  const answer = await send(gw.gateway.url, { headers: JSON_TYPE, body: body({ query, variables }) });
  expect(answer.status).toBeLessThan(500);
  const errors = errorsIn(answer.text);
  expectCoded(errors, query);
  return errors;
}

describe('ids and scalars', () => {
  const NOT_ISSUED = [b64('Foo:x'), b64('PageInfo:x'), b64('Query:x'), b64('Ticket'), '!!!', ''];

  it.each(NOT_ISSUED)('node(id: %j) is BAD_USER_INPUT: not an id the gateway issued', async (id) => {
    const errors = await errorsOf('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(errors.map((e) => [e.extensions?.['code'], e.message])).toEqual([
      ['BAD_USER_INPUT', expect.stringContaining('is not an id this gateway issued')],
    ]);
  });

  it('nodes(ids:) with ids of unknown types is BAD_USER_INPUT', async () => {
    const errors = await errorsOf('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [b64('Foo:x'), b64('Mutation:y')],
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.extensions?.['code'] === 'BAD_USER_INPUT')).toBe(true);
  });

  it('ID arguments of queries and mutations: wrong, unknown and malformed ids', async () => {
    const provider = b64('Provider:["taskip"]');
    const cases: Array<[string, Record<string, unknown>]> = [
      ['query($id: ID!) { ticket(id: $id) { id } }', { id: b64('Foo:x') }],
      ['query($id: ID!) { ticket(id: $id) { id } }', { id: provider }],
      ['mutation($id: ID!) { deleteTicket(input: { ticketId: $id }) { __typename } }', { id: b64('Bar:1') }],
      ['mutation($id: ID!) { addMessage(input: { ticketId: $id, body: "b" }) { __typename } }', { id: 'zz' }],
    ];
    for (const [query, variables] of cases) {
      const errors = await errorsOf(query, variables);
      expect(
        errors.map((e) => e.extensions?.['code']),
        query,
      ).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('a DateTime that is not one, as a literal or a variable, is BAD_USER_INPUT', async () => {
    const literal = await errorsOf(
      '{ tickets(first: 1, filter: { createdAfter: "yesterday" }) { totalCount } }',
    );
    const variable = await errorsOf(
      'query($d: DateTime) { tickets(first: 1, filter: { createdAfter: $d }) { totalCount } }',
      { d: { not: 'a date' } },
    );
    expect([...literal, ...variable].map((e) => e.extensions?.['code'])).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
  });
});

describe('subscriptions', () => {
  const SUBSCRIBE =
    'subscription($p: [String!], $t: ID) { ticketChanged(providers: $p, ticketId: $t) { ticket { id } } }';

  it('over graphql-ws, a bad variable or an id of an unknown type gets a coded error', async () => {
    const client = wsClient(gw.gateway.wsUrl);
    try {
      for (const variables of [{ p: [42] }, { t: b64('Foo:x') }]) {
        const errors = await new Promise<unknown>((resolve) => {
          client.subscribe(
            { query: SUBSCRIBE, variables },
            { next: (value) => resolve(value.errors), error: resolve, complete: () => resolve('complete') },
          );
        });
        expect(Array.isArray(errors), JSON.stringify(errors)).toBe(true);
        expectCoded(errors as Err[], JSON.stringify(variables));
        expect((errors as Err[]).map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
      }
    } finally {
      await client.dispose();
    }
  });

  it('over server-sent events, a bad variable gets a coded error', async () => {
    const answer = await send(gw.gateway.url, {
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: body({ query: SUBSCRIBE, variables: { p: [42] } }),
    });
    expect(answer.status).toBeLessThan(500);
    const errors = errorsIn(answer.text);
    expect(errors.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
  });
});
