import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import {
  authed,
  firstOutcome,
  JWT_SECRET,
  KEY_ALICE,
  KEY_BOB,
  post,
  send,
  sseFirst,
  token,
  wsWith,
} from './helpers.js';

const QUERY = '{ providers { id key } }';
const SUBSCRIPTION = 'subscription { ticketChanged { changedFields } }';

let sims: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  sims = await startTestSimulators();
  gw = await startTestGateway(sims, (c) => c, { security: authed() });
});
afterAll(async () => {
  await gw.close();
  await Promise.all(sims.map((s) => s.close()));
});

/** The credentials of the matrix: none, wrong ones of every shape, and the right ones. */
async function credentials(): Promise<Array<[string, string | undefined, boolean]>> {
  return [
    ['none', undefined, false],
    ['a wrong key', 'Bearer not-a-key-but-long-enough', false],
    ['a key without Bearer', KEY_ALICE, false],
    ['a key with another scheme', `Basic ${KEY_ALICE}`, false],
    ['a token signed with another secret', `Bearer ${await token('eve', 'x'.repeat(40))}`, false],
    ['an expired token', `Bearer ${await token('alice', JWT_SECRET, -60)}`, false],
    ['a token without subject', `Bearer ${await token(undefined)}`, false],
    ['an unsigned token', `Bearer ${unsigned('alice')}`, false],
    ['the right key', `Bearer ${KEY_ALICE}`, true],
    ['another right key', `bearer ${KEY_BOB}`, true],
    ['a valid token', `Bearer ${await token('ops-dashboard')}`, true],
  ];
}

function unsigned(sub: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub, exp: Math.floor(Date.now() / 1000) + 60 })}.`;
}

function expectUnauthenticated(status: number, text: string): void {
  expect(status).toBe(401);
  // One error with the code, and nothing else: no data, no hint of which keys exist.
  expect(JSON.parse(text)).toEqual({
    errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
  });
}

describe('who gets in', () => {
  it('checks every HTTP request: 401 UNAUTHENTICATED unless the key or token is right', async () => {
    for (const [what, credential, ok] of await credentials()) {
      const answer = await post(gw.gateway.url, QUERY, credential ? { authorization: credential } : {});
      if (ok) {
        expect(answer.status, what).toBe(200);
        expect(answer.json().data, what).toMatchObject({ providers: expect.any(Array) });
      } else expectUnauthenticated(answer.status, answer.text);
    }
  });

  it('checks GET queries the same way', async () => {
    const url = `${gw.gateway.url}?query=${encodeURIComponent(QUERY)}`;
    const refused = await send(url, { method: 'GET', headers: { accept: 'application/json' } });
    expectUnauthenticated(refused.status, refused.text);
    const ok = await send(url, {
      method: 'GET',
      headers: { accept: 'application/json', authorization: `Bearer ${KEY_BOB}` },
    });
    expect(ok.status).toBe(200);
  });

  it('checks every SSE stream', async () => {
    for (const [what, credential, ok] of await credentials()) {
      const answer = await sseFirst(
        gw.gateway.url,
        SUBSCRIPTION,
        credential ? { authorization: credential } : {},
      );
      if (ok) {
        expect(answer.status, what).toBe(200);
        expect(answer.first, what).toBeDefined();
      } else expectUnauthenticated(answer.status, answer.body ?? '');
    }
  });

  it('checks every WebSocket connection: refused ones close with 4403', async () => {
    for (const [what, credential, ok] of await credentials()) {
      const client = wsWith(gw.gateway.wsUrl, credential ? { authorization: credential } : undefined);
      const outcome = await firstOutcome(client, QUERY);
      if (ok) expect(outcome.data, what).toMatchObject({ providers: expect.any(Array) });
      else expect(outcome.closed, what).toBe(4403);
      await client.dispose();
    }
  });

  it('takes the credential from connectionParams.headers too (GraphiQL sends its headers there)', async () => {
    const client = wsWith(gw.gateway.wsUrl, { headers: { Authorization: `Bearer ${KEY_ALICE}` } });
    expect((await firstOutcome(client, QUERY)).data).toMatchObject({ providers: expect.any(Array) });
    await client.dispose();
  });

  it('serves the GraphiQL page without a key: it holds no data, and its requests need one', async () => {
    const page = await send(gw.gateway.url, { method: 'GET', headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('ticket-gateway');
  });

  it('answers a CORS preflight without a key (browsers never send one there)', async () => {
    const preflight = await send(gw.gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin: new URL(gw.gateway.url).origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
