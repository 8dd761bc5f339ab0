import { Repeater } from 'graphql-yoga';

/** What a live stream holds while it runs: its events, and what frees its resources. */
export interface LiveSource<T> {
  events: AsyncIterable<T>;
  close: () => void;
}

/**
 * A subscription's event stream whose resources are taken when it starts and freed when the
 * subscriber goes away (socket closed, `complete`, SSE stream ended), even while no event is
 * pending: an async generator's `finally` would wait for the next event; a Repeater's `stop`
 * does not. `open` runs only once the stream is read, so a stream ended before that holds nothing.
 *
 * `open` gets `end`, which ends the stream from outside (a draining server): what was already
 * pushed is delivered, then the stream completes. A value for which `isLast` holds is delivered
 * and then the stream completes too (a subscription's final error, e.g. its ticket is gone).
 */
export function liveStream<T>(
  open: (end: () => void) => LiveSource<T>,
  isLast: (value: T) => boolean = () => false,
): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    const { events: source, close: cleanup } = open(() => stop());
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
      if (isLast(result.value)) {
        // Delivered before the end all the same; resources go at once, not after a slow reader.
        void push(result.value);
        break;
      }
      await push(result.value);
    }
    stop();
    await stopped;
  });
}
