import { Repeater } from 'graphql-yoga';

/**
 * A subscription's event stream whose resources are taken when it starts and freed when the
 * subscriber goes away (socket closed, `complete`, SSE stream ended), even while no event is
 * pending: an async generator's `finally` would wait for the next event; a Repeater's `stop`
 * does not. `open` runs only once the stream is read, so a stream ended before that holds nothing.
 */
export function liveStream<T>(open: () => { events: AsyncIterable<T>; close: () => void }): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    const { events: source, close: cleanup } = open();
    const iterator = source[Symbol.asyncIterator]();
    let ended = false;
    const stopped = stop.then(() => {
      ended = true;
      cleanup();
      void iterator.return?.();
      return { done: true as const, value: undefined };
    });
    while (!ended) {
      const result = await Promise.race([iterator.next(), stopped]);
      if (result.done) break;
      await push(result.value);
    }
    stop();
    await stopped;
  });
}
