import { Repeater } from 'graphql-yoga';

/**
 * Wraps a subscription's event source so `cleanup` runs when the subscriber goes away (socket
 * closed, `complete`, SSE stream ended) even while no event is pending. An async generator's
 * `finally` would wait for the next event; a Repeater's `stop` does not.
 */
export function withCleanup<T>(source: AsyncIterable<T>, cleanup: () => void): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
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
