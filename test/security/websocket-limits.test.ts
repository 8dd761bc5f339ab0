import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, startTestSimulators, type TestGateway } from '../support/gateway.js';
import { authed, firstOutcome, KEY_ALICE, KEY_BOB, wsWith } from './helpers.js';

const PER_SOCKET = 3;
const SOCKETS = 2;
const SUBSCRIPTION = 'subscription { ticketChanged { changedFields } }';

let sims: RunningSimulator[];
let gw: TestGateway;

beforeAll(async () => {
  sims = await startTestSimulators();
  gw = await startTestGateway(sims, (c) => c, {
    security: authed({ subscriptions: { perSocket: PER_SOCKET, socketsPerClient: SOCKETS } }),
  });
});
afterAll(async () => {
  await gw.close();
  await Promise.all(sims.map((s) => s.close()));
});

interface Sub {
  errors: unknown[];
  completed: boolean;
}

/** Starts a subscription and records what comes back. */
function start(client: Client, query = SUBSCRIPTION): Sub {
  const sub: Sub = { errors: [], completed: false };
  client.subscribe(
    { query },
    {
      next: (value) => value.errors && sub.errors.push(...value.errors),
      // graphql-ws hands an operation's errors over as one array.
      error: (error) => sub.errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => (sub.completed = true),
    },
  );
  return sub;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const as = (key: string) => ({ authorization: `Bearer ${key}` });

describe('WebSocket limits', () => {
  it('refuses the operation over the per-socket limit with SUBSCRIPTION_LIMIT; the others go on', async () => {
    const client = wsWith(gw.gateway.wsUrl, as(KEY_ALICE));
    const subs = Array.from({ length: PER_SOCKET }, () => start(client));
    const extra = start(client);
    await until(() => extra.errors.length > 0, 'the refusal');
    expect(extra.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'SUBSCRIPTION_LIMIT' },
        message: expect.stringContaining(String(PER_SOCKET)),
      }),
    ]);
    // The socket is still open and the first subscriptions are still running.
    expect(subs.every((s) => s.errors.length === 0 && !s.completed)).toBe(true);
    expect((await firstOutcome(wsWith(gw.gateway.wsUrl, as(KEY_ALICE)), '{ __typename }')).data).toEqual({
      __typename: 'Query',
    });
    await client.dispose();
  });

  it('answers a document that does not parse or validate with an error for that operation only', async () => {
    const client = wsWith(gw.gateway.wsUrl, as(KEY_BOB));
    const good = start(client);
    const broken = start(client, 'subscription {');
    const invalid = start(client, 'subscription { noSuchField }');
    await until(() => broken.errors.length > 0 && invalid.errors.length > 0, 'both errors');
    expect(broken.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
    ]);
    // Coded as over HTTP, without the HTTP status yoga puts in extensions.
    expect(invalid.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    expect(good.errors).toEqual([]);
    expect(good.completed).toBe(false);
    await client.dispose();
  });

  it('caps sockets per client: one more is closed with 4429, another client is not affected', async () => {
    const held = Array.from({ length: SOCKETS }, () => wsWith(gw.gateway.wsUrl, as(KEY_ALICE)));
    // Every held socket acknowledged (counted by the server) before one more is tried.
    const acknowledged = held.map(
      (client) => new Promise<void>((resolve) => client.on('connected', () => resolve())),
    );
    for (const client of held) start(client);
    await Promise.all(acknowledged);
    const over = await firstOutcome(wsWith(gw.gateway.wsUrl, as(KEY_ALICE)), '{ __typename }');
    expect(over.closed).toBe(4429);
    const other = wsWith(gw.gateway.wsUrl, as(KEY_BOB));
    expect((await firstOutcome(other, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    await Promise.all([...held, other].map((c) => c.dispose()));
    // Once they are closed, the client may connect again.
    // Once they are closed (the server sees it a moment later), the client may connect again.
    let outcome = await firstOutcome(wsWith(gw.gateway.wsUrl, as(KEY_ALICE)), '{ __typename }');
    for (let i = 0; i < 50 && outcome.closed === 4429; i++) {
      await new Promise((r) => setTimeout(r, 20));
      outcome = await firstOutcome(wsWith(gw.gateway.wsUrl, as(KEY_ALICE)), '{ __typename }');
    }
    expect(outcome.data).toEqual({ __typename: 'Query' });
  });
});

describe('event stream limits', () => {
  /** Opens an SSE stream and keeps it open until `close()`; its status once headers arrive. */
  async function openStream(key: string): Promise<{ status: number; text?: string; close: () => void }> {
    const controller = new AbortController();
    const response = await fetch(gw.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...as(key) },
      body: JSON.stringify({ query: SUBSCRIPTION }),
      signal: controller.signal,
    });
    const streaming = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
    return {
      status: response.status,
      text: streaming ? undefined : await response.text(),
      close: () => controller.abort(),
    };
  }

  it('caps SSE streams per client like sockets, with 429 SUBSCRIPTION_LIMIT; a closed stream frees its place', async () => {
    const held = await Promise.all(Array.from({ length: SOCKETS }, () => openStream(KEY_ALICE)));
    expect(held.map((s) => s.status)).toEqual(held.map(() => 200));
    const over = await openStream(KEY_ALICE);
    expect(over.status).toBe(429);
    expect(JSON.parse(over.text!)).toEqual({
      errors: [
        { message: expect.stringContaining(String(SOCKETS)), extensions: { code: 'SUBSCRIPTION_LIMIT' } },
      ],
    });
    const other = await openStream(KEY_BOB);
    expect(other.status).toBe(200);
    other.close();
    held[0]!.close();
    let again = await openStream(KEY_ALICE);
    for (let i = 0; i < 50 && again.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 20));
      again = await openStream(KEY_ALICE);
    }
    expect(again.status).toBe(200);
    again.close();
    held.slice(1).forEach((s) => s.close());
  });
});
