import type { Clock, TimerHandle } from '../../src/clock.js';

interface Timer {
  at: number;
  /** Creation order: timers due at the same instant fire in the order they were set. */
  seq: number;
  callback: () => void;
  handle: TimerHandle;
}

/** One turn of the event loop: promises settled so far have run their callbacks. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A clock that stands still until a test moves it. Timers fire only in `advance`, each at
 * its own instant, with the event loop turned between them, so async work a timer started
 * (a poll over a fake provider) has finished before the next timer is due.
 */
export class ManualClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(private time = Date.UTC(2026, 10, 1, 12, 0, 0)) {}

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = {};
    this.timers.push({ at: this.time + Math.max(0, ms), seq: (this.seq += 1), callback, handle });
    return handle;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  }

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time `ms` forward, firing every timer due on the way. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await turn();
      const next = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.callback();
    }
    this.time = until;
    await turn();
  }
}
