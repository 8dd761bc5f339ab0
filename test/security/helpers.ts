import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { SecurityConfig } from '../../src/config.js';
import { DEFAULT_SECURITY } from '../../src/server.js';

/** Distinctive credentials: any of them seen in an answer or a log line is a leak. */
export const KEY_ALICE = 'alice-key-7Qx9RZ2mLw4PbN8cVt';
export const KEY_BOB = 'bob-key-K3dJ5sHq1YzU6eXoGa';
export const JWT_SECRET = 'jwt-secret-9fT2wQ7zL5kR3mX8pV1nB6cY4hD0sJ';

/** Security settings requiring a key (alice or bob) or an HS256 token. */
export function authed(overrides: Partial<SecurityConfig> = {}): SecurityConfig {
  return {
    ...DEFAULT_SECURITY,
    auth: {
      apiKeys: [
        { name: 'alice', key: KEY_ALICE },
        { name: 'bob', key: KEY_BOB },
      ],
      jwt: { secret: JWT_SECRET },
      allowAnonymous: false,
    },
    ...overrides,
  };
}

/** An HS256 token for `sub`, valid for `seconds` (negative: already expired). */
export function token(sub: string | undefined, secret = JWT_SECRET, seconds = 300): Promise<string> {
  const jwt = new SignJWT(sub ? { sub } : {}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  return jwt
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(new TextEncoder().encode(secret));
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: () => { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** One HTTP request with exactly the given headers; the answer as status, headers and text. */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {},
): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as never };
}

/** A JSON GraphQL POST with optional extra headers. */
export function post(url: string, query: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return send(url, {
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
}

/** A graphql-ws client with `connectionParams`, never retrying, so a refusal is seen as it is. */
export function wsWith(url: string, connectionParams?: Record<string, unknown>, origin?: string): Client {
  class WithOrigin extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, origin ? { headers: { origin } } : {});
    }
  }
  return createClient({ url, webSocketImpl: WithOrigin, retryAttempts: 0, lazy: true, connectionParams });
}

/** The close event (or error) that ends a WebSocket client's first operation. */
export function firstOutcome(
  client: Client,
  query: string,
): Promise<{ data?: unknown; errors?: unknown; closed?: number; error?: unknown }> {
  return new Promise((resolve) => {
    client.on('closed', (event) => resolve({ closed: (event as { code: number }).code }));
    client.subscribe(
      { query },
      {
        next: (value) => resolve({ data: value.data, errors: value.errors }),
        error: (error) => resolve({ error, closed: (error as { code?: number }).code }),
        complete: () => undefined,
      },
    );
  });
}

/** Server-sent events: the stream's first `data:` payload, or the refusal's status. */
export async function sseFirst(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; first?: string; body?: string }> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    return { status: response.status, body: await response.text() };
  }
  const reader = response.body!.getReader();
  let seen = '';
  while (!/\n\n/.test(seen)) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += Buffer.from(value).toString();
  }
  controller.abort();
  return { status: response.status, first: seen };
}

/** The HTTP status a WebSocket upgrade gets: 101 when it opens, else the refusal's status. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}
