/** A token bucket over upstream requests a minute; unlimited without a rate. */
export class RequestBudget {
  private tokens: number;
  private at = Date.now();

  constructor(private readonly perMinute: number | undefined) {
    this.tokens = perMinute ?? 0;
  }

  take(count: number): boolean {
    if (this.perMinute === undefined) return true;
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  takeUpTo(count: number): number {
    if (this.perMinute === undefined) return count;
    this.refill();
    const granted = Math.max(0, Math.min(count, Math.floor(this.tokens)));
    this.tokens -= granted;
    return granted;
  }

  private refill(): void {
    const now = Date.now();
    // At most a quarter minute's worth saved up, so a quiet spell does not end in a burst.
    this.tokens = Math.min(
      this.perMinute! / 4 + 1,
      this.tokens + ((now - this.at) * this.perMinute!) / 60_000,
    );
    this.at = now;
  }
}
