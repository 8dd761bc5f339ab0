import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY } from '../../src/server.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { send } from './helpers.js';

const LIMIT = 64 * 1024;

let sims: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  sims = await startTestSimulators();
  gw = await startTestGateway(sims, (c) => c, {
    security: {
      ...DEFAULT_SECURITY,
      maxBodyBytes: LIMIT,
      limits: { ...DEFAULT_SECURITY.limits, maxDocumentBytes: 16_000 },
    },
  });
});
afterAll(async () => {
  await gw.close();
  await Promise.all(sims.map((s) => s.close()));
});

/** A valid operation padded with a large variable, to `bytes` in all. */
function body(bytes: number): string {
  const base = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
  return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - base.length) } });
}

describe('one bound for bodies and WebSocket messages', () => {
  it('answers a JSON body over MAX_BODY_BYTES with 413, and one just under it normally', async () => {
    const over = await send(gw.gateway.url, {
      headers: { 'content-type': 'application/json' },
      body: body(LIMIT + 1),
    });
    expect(over.status).toBe(413);
    expect(over.json().errors?.[0]?.extensions).toEqual({ code: 'REQUEST_ENTITY_TOO_LARGE' });
    const under = await send(gw.gateway.url, {
      headers: { 'content-type': 'application/json' },
      body: body(LIMIT - 10),
    });
    expect(under.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('cuts a chunked body (no Content-Length) once it passes the bound', async () => {
    const chunks = [body(LIMIT * 2)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new TextEncoder().encode(next));
        else controller.close();
      },
    });
    const response = await fetch(gw.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('closes a WebSocket whose message is over the same bound (1009), before reading it', async () => {
    const socket = new WebSocket(gw.gateway.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: JSON.parse(body(LIMIT + 100)) }));
    expect(await closed).toBe(1009);
  });
});
