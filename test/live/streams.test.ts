import { Repeater } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { LiveStreams } from '../../src/live/streams.js';

/** A source that yields what `send` is given, and says when it is closed. */
function source<T>() {
  let send: (value: T) => void = () => undefined;
  const state = { opened: 0, closed: 0 };
  const events = new Repeater<T>(async (push, stop) => {
    send = (value) => void push(value);
    await stop;
  });
  return {
    state,
    send: (value: T) => send(value),
    open: () => {
      state.opened += 1;
      return { events, close: () => void (state.closed += 1) };
    },
  };
}

async function drain<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const value of stream) seen.push(value);
  return seen;
}

describe('LiveStreams', () => {
  it('endAll completes every open stream after what it already delivered, and frees it', async () => {
    const streams = new LiveStreams();
    const a = source<number>();
    const read = drain(streams.stream(a.open));
    await new Promise((r) => setImmediate(r));
    a.send(1);
    await new Promise((r) => setImmediate(r));
    expect(streams.size).toBe(1);
    expect(await streams.endAll()).toBe(1);
    expect(await read).toEqual([1]);
    expect(a.state).toEqual({ opened: 1, closed: 1 });
    expect(streams.size).toBe(0);
  });

  it('after endAll a new stream completes at once without opening anything', async () => {
    const streams = new LiveStreams();
    await streams.endAll();
    const late = source<number>();
    expect(await drain(streams.stream(late.open))).toEqual([]);
    expect(late.state.opened).toBe(0);
  });

  it('a last value is delivered, then the stream completes and is freed before the reader asks for more', async () => {
    const streams = new LiveStreams();
    const a = source<string>();
    const iterator = streams.stream(a.open, (v) => v === 'gone')[Symbol.asyncIterator]();
    const first = iterator.next();
    await new Promise((r) => setImmediate(r));
    a.send('event');
    expect(await first).toEqual({ done: false, value: 'event' });
    const last = iterator.next();
    a.send('gone');
    expect(await last).toEqual({ done: false, value: 'gone' });
    await new Promise((r) => setImmediate(r));
    // Freed already: a slow reader does not keep the ticket's interest (and its polling) alive.
    expect(a.state.closed).toBe(1);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(streams.size).toBe(0);
  });
});
