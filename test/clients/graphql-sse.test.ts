import { createClient, type Client } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { desk, eventually } from '../support/live.js';
import { authed, KEY_ALICE, KEY_BOB } from '../security/helpers.js';

let sims: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  sims = await startTestSimulators();
  gw = await startTestGateway(sims, (c) => c, { pollIntervalMs: 200, security: authed() });
});
afterAll(async () => {
  await gw.close();
  await Promise.all(sims.map((s) => s.close()));
});

function client(singleConnection: boolean, key = KEY_ALICE): Client {
  return createClient({
    url: gw.gateway.url,
    singleConnection,
    headers: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
  });
}

interface Seen {
  data: unknown[];
  errors: unknown[];
  done: Promise<void>;
}

function run(sse: Client, query: string): Seen {
  const seen: Seen = { data: [], errors: [], done: Promise.resolve() };
  seen.done = new Promise<void>((resolve) => {
    sse.subscribe(
      { query },
      {
        next: (value) => {
          if (value.data) seen.data.push(value.data);
          if (value.errors) seen.errors.push(...value.errors);
        },
        error: (error) => {
          // graphql-sse hands a refused request over as a NetworkError holding the Response.
          const response = (error as { response?: Response }).response;
          seen.errors.push(response ? { status: response.status } : error);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return seen;
}

const REPLIES = 'subscription { messageAdded(providers: ["daakey"]) { message { id body } } }';

describe.each([
  ['distinct connections', false],
  ['single connection', true],
])('graphql-sse client, %s', (_mode, single) => {
  it('runs a query and a live subscription with the key; a broken document fails alone', async () => {
    const sse = client(single);
    try {
      const query = run(sse, '{ providers { id key } }');
      await query.done;
      expect(query.data).toEqual([
        { providers: expect.arrayContaining([expect.objectContaining({ key: 'daakey' })]) },
      ]);
      const live = run(sse, REPLIES);
      const broken = run(sse, 'subscription {');
      await broken.done;
      expect(broken.errors).toEqual([single ? { status: 400 } : expect.anything()]);
      if (!single) expect(JSON.stringify(broken.errors)).toMatch(/Syntax Error|status":400/);
      await eventually(() => gw.gateway.live.polling().includes('daakey'), 5_000, 'daakey to be polled');
      // A poll since the subscription started: the reply is news, not history.
      await gw.gateway.live.pollOnce('daakey');
      const ticketId = gw.sim('daakey').definition.desk!.openTickets()[0]!;
      await desk(gw.sim('daakey').origin, 'reply', { ticketId, body: `Over graphql-sse (${_mode})` });
      await eventually(() => live.data.length === 1, 10_000, 'the reply');
      expect(live.data).toEqual([
        { messageAdded: { message: { id: expect.any(String), body: `Over graphql-sse (${_mode})` } } },
      ]);
      expect(live.errors).toEqual([]);
    } finally {
      sse.dispose();
    }
  });

  it('is refused without a key', async () => {
    const sse = createClient({ url: gw.gateway.url, singleConnection: single, retryAttempts: 0 });
    const seen = run(sse, '{ __typename }');
    await seen.done;
    expect(seen.data).toEqual([]);
    expect(seen.errors).toEqual([{ status: 401 }]);
    sse.dispose();
  });
});

describe('graphql-sse single connection reservations', () => {
  it('belong to the client that made them: another key cannot use the token', async () => {
    const put = await fetch(gw.gateway.url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${KEY_ALICE}` },
    });
    expect(put.status).toBe(201);
    const token = await put.text();
    const stolen = await fetch(gw.gateway.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY_BOB}`,
        'content-type': 'application/json',
        'x-graphql-event-stream-token': token,
      },
      body: JSON.stringify({ query: '{ __typename }', extensions: { operationId: '1' } }),
    });
    expect(stolen.status).toBe(404);
  });
});
