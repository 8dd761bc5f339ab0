import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulators/index.js';
import {
  resetAll,
  startTestGateway,
  startTestSimulators,
  ticketGlobalId,
  type TestGateway,
} from '../support/gateway.js';
import { firstOutcome, post, send, sseFirst, upgradeStatus, wsWith } from './helpers.js';

const APP = 'https://inbox.example.com';
const EVIL = 'https://evil.example.net';
const QUERY = '{ providers { id key } }';

let sims: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  sims = await startTestSimulators();
  gw = await startTestGateway(sims, (c) => c, { security: { corsOrigins: [APP] } });
});
afterAll(async () => {
  await gw.close();
  await Promise.all(sims.map((s) => s.close()));
});
beforeEach(() => resetAll(sims));

/** Upstream requests at every simulator, reads included: a refused request makes none. */
function upstreamRequests(): number {
  return sims.reduce((n, s) => n + s.controls.requests(), 0);
}

describe('browsers', () => {
  it('gives CORS headers to listed origins and the gateway’s own, none to others, never with credentials', async () => {
    const own = new URL(gw.gateway.url).origin;
    for (const origin of [APP, own]) {
      const answer = await post(gw.gateway.url, QUERY, { origin });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const preflight = await send(gw.gateway.url, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a request from an origin not allowed with 403 FORBIDDEN, before anything runs', async () => {
    const answer = await post(gw.gateway.url, QUERY, { origin: EVIL });
    expect(answer.status).toBe(403);
    expect(answer.json().errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('does not run a cross-site form post: form-urlencoded and multipart need a preflight header', async () => {
    const id = ticketGlobalId('taskip', '1');
    const mutation = `mutation { deleteTicket(input: { ticketId: "${id}" }) { __typename } }`;
    // What a <form method=post> on any site can send without a preflight (no Origin: a same-site or privacy-stripped post).
    const form = await send(gw.gateway.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: mutation }).toString(),
    });
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: mutation }));
    multipart.set('map', '{}');
    const plainMultipart = await send(gw.gateway.url, { body: multipart });
    const textPlain = await send(gw.gateway.url, {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: mutation }),
    });
    for (const answer of [form, plainMultipart, textPlain]) {
      expect(answer.status).toBe(403);
      expect(answer.json().errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    expect(upstreamRequests()).toBe(0);
  });

  it('runs a multipart request that carries a preflight header', async () => {
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: QUERY }));
    multipart.set('map', '{}');
    const answer = await send(gw.gateway.url, { body: multipart, headers: { 'x-graphql-csrf': '1' } });
    expect(answer.status).toBe(200);
  });

  it('refuses a WebSocket from an origin not allowed, and accepts listed and non-browser ones', async () => {
    expect(await upgradeStatus(gw.gateway.wsUrl, { origin: EVIL })).toBe(403);
    expect(await upgradeStatus(gw.gateway.wsUrl, { origin: APP })).toBe(101);
    for (const origin of [APP, undefined]) {
      const client = wsWith(gw.gateway.wsUrl, undefined, origin);
      expect((await firstOutcome(client, QUERY)).data).toMatchObject({ providers: expect.any(Array) });
      await client.dispose();
    }
  });

  it('refuses an SSE stream from an origin not allowed', async () => {
    const evil = await sseFirst(gw.gateway.url, 'subscription { ticketChanged { changedFields } }', {
      origin: EVIL,
    });
    expect(evil.status).toBe(403);
    const app = await sseFirst(gw.gateway.url, 'subscription { ticketChanged { changedFields } }', {
      origin: APP,
    });
    expect(app.status).toBe(200);
  });
});
