import { liveStream, type LiveSource } from './cleanup.js';

/** One open stream: how to end it, and whether its reader has seen the end. */
interface Tracked {
  end: () => void;
  read: Promise<void>;
  markRead: () => void;
}

/**
 * The subscription streams open on this instance, so a draining server can end them all
 * cleanly: each completes (graphql-ws sends `complete` for its id, an SSE response ends with
 * its `complete` event) instead of being cut off with its socket.
 */
export class LiveStreams {
  private readonly open = new Set<Tracked>();
  private ending = false;

  /** Streams being read right now. */
  get size(): number {
    return this.open.size;
  }

  /**
   * A `liveStream` (see there for `open` and `isLast`) that `endAll` can end. Once `endAll` was
   * called, a new stream completes at once without opening anything: a poller started after
   * the service closed would run forever.
   */
  stream<T>(open: () => LiveSource<T>, isLast?: (value: T) => boolean): AsyncIterable<T> {
    let markRead = (): void => undefined;
    const tracked: Tracked = {
      end: () => undefined,
      read: new Promise<void>((resolve) => (markRead = resolve)),
      markRead: () => {
        this.open.delete(tracked);
        markRead();
      },
    };
    const source = liveStream<T>((end) => {
      if (this.ending) {
        end();
        return { events: empty<T>(), close: () => undefined };
      }
      tracked.end = end;
      this.open.add(tracked);
      return open();
    }, isLast);
    return whenRead(source, tracked.markRead);
  }

  /**
   * Ends every open stream, and every stream opened from now on. Resolves with how many were
   * open once each reader has seen its end (or after `timeoutMs`, for a reader stuck on a slow
   * socket), plus one turn of the event loop, so the transports have sent their `complete`.
   */
  async endAll(timeoutMs = 2_000): Promise<number> {
    this.ending = true;
    const streams = [...this.open];
    for (const stream of streams) stream.end();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(streams.map((s) => s.read)), timeout]);
    clearTimeout(timer);
    await new Promise((resolve) => setImmediate(resolve));
    return streams.length;
  }
}

async function* empty<T>(): AsyncGenerator<T> {}

/** `source`, calling `onEnd` once its reader has seen the end (done, or its own `return`). */
function whenRead<T>(source: AsyncIterable<T>, onEnd: () => void): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const seen = (result: IteratorResult<T>): IteratorResult<T> => {
    if (result.done) onEnd();
    return result;
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => iterator.next().then(seen),
    return: async (value?: unknown) => {
      onEnd();
      return iterator.return ? iterator.return(value) : { done: true, value: undefined };
    },
  };
}
