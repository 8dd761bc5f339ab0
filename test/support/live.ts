import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client over a real WebSocket. */
export function wsClient(url: string): Client {
  return createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
}

/** Collects a subscription's events until `stop()`; `next(n)` waits for the n-th. */
export interface Collector<T> {
  events: T[];
  errors: unknown[];
  /** Resolves once `count` events arrived (rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<T[]>;
  stop(): void;
}

export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Collector<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        if (value.data) events.push(value.data as T);
        waiters.splice(0).forEach((w) => w());
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    stop,
    waitFor: (count, ms = 10_000) =>
      new Promise<T[]>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `waited ${ms} ms for ${count} events, got ${events.length}: ${JSON.stringify(errors)}`,
              ),
            ),
          ms,
        );
        const check = (): void => {
          if (events.length >= count) {
            clearTimeout(timer);
            resolve(events.slice(0, count));
          } else waiters.push(check);
        };
        check();
      }),
  };
}

/** Waits until `predicate` holds, polling every 25 ms. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  ms = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A desk action on a simulator, over its HTTP control route. */
export async function desk(
  origin: string,
  action: 'reply' | 'status',
  body: Record<string, string>,
): Promise<void> {
  const res = await fetch(`${origin}/__sim/desk/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`desk ${action} failed: ${res.status} ${await res.text()}`);
}

/** A server-sent-events subscription through yoga's SSE transport. */
export function sseSubscribe<T>(url: string, query: string, variables: Record<string, unknown> = {}) {
  const controller = new AbortController();
  const events: T[] = [];
  const done = (async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data:'));
        if (frame.includes('event: next') && data)
          events.push((JSON.parse(data.slice(5)) as { data: T }).data);
      }
    }
  })().catch((error: unknown) => {
    if ((error as { name?: string }).name !== 'AbortError') throw error;
  });
  return { events, close: () => controller.abort(), done };
}
