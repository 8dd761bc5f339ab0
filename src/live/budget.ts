import { systemClock, type Clock } from '../clock.js';

/**
 * A token bucket over upstream requests a minute; unlimited without a rate. It holds at most a
 * quarter minute's worth plus one (so it starts with that), and refills continuously.
 */
export class RequestBudget {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perMinute: number | undefined,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {
    this.tokens = perMinute ?? 0;
    this.at = clock.now();
  }

  /** Takes `count` requests if all of them are available, else none. */
  take(count: number): boolean {
    if (this.perMinute === undefined) return true;
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Takes as many of `count` requests as are available, and says how many. */
  takeUpTo(count: number): number {
    if (this.perMinute === undefined) return count;
    this.refill();
    const granted = Math.max(0, Math.min(count, Math.floor(this.tokens)));
    this.tokens -= granted;
    return granted;
  }

  private refill(): void {
    const now = this.clock.now();
    // At most a quarter minute's worth saved up, so a quiet spell does not end in a burst.
    this.tokens = Math.min(
      this.perMinute! / 4 + 1,
      this.tokens + ((now - this.at) * this.perMinute!) / 60_000,
    );
    this.at = now;
  }
}
