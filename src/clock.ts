/** What a clock's `setTimeout` returns: only that clock's `clearTimeout` understands it. */
export type TimerHandle = object;

/**
 * Time and timers, injected so that code which waits or measures (the live poller, its
 * request budget, leases) runs under a test's manual clock as it does under the system's.
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Calls `callback` once, `ms` milliseconds from now. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer of this clock; a handle already fired, or none, is ignored. */
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The process's own clock and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
