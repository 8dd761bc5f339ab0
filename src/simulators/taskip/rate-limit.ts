/** TaskIP's documented limits per key: a burst per minute and a budget per hour. */
export interface RateLimitConfig {
  perMinute: number;
  perHour: number;
}

/** The documented defaults: 100 requests per minute burst, 1000 per hour. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { perMinute: 100, perHour: 1000 };

interface Bucket {
  minuteStart: number;
  minuteCount: number;
  hourStart: number;
  hourCount: number;
}

/** The verdict on one request, with the headers every response carries. */
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds until the exhausted window resets (only when not allowed). */
  retryAfter?: number;
}

/**
 * Fixed-window limits per key (minute and hour windows start at a key's first request in
 * them). A refused request does not count, as with Laravel's throttle.
 * `X-RateLimit-Limit` is the minute limit; `Remaining` the smaller of both windows' rests;
 * `Reset` the epoch second when the window that `Remaining` comes from restarts.
 */
export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly clock: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.clock();
    const b = this.bucket(key, now);
    const minuteLeft = this.config.perMinute - b.minuteCount;
    const hourLeft = this.config.perHour - b.hourCount;
    if (minuteLeft <= 0 || hourLeft <= 0) {
      const resetAt = minuteLeft <= 0 ? b.minuteStart + 60_000 : b.hourStart + 3_600_000;
      return {
        allowed: false,
        headers: this.headers(0, resetAt),
        retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)),
      };
    }
    b.minuteCount += 1;
    b.hourCount += 1;
    const minuteBinds = minuteLeft - 1 <= hourLeft - 1;
    const remaining = Math.min(minuteLeft, hourLeft) - 1;
    return {
      allowed: true,
      headers: this.headers(remaining, minuteBinds ? b.minuteStart + 60_000 : b.hourStart + 3_600_000),
    };
  }

  reset(): void {
    this.buckets.clear();
  }

  private bucket(key: string, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { minuteStart: now, minuteCount: 0, hourStart: now, hourCount: 0 };
      this.buckets.set(key, b);
    }
    if (now - b.minuteStart >= 60_000) Object.assign(b, { minuteStart: now, minuteCount: 0 });
    if (now - b.hourStart >= 3_600_000) Object.assign(b, { hourStart: now, hourCount: 0 });
    return b;
  }

  private headers(remaining: number, resetAt: number): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(this.config.perMinute),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
    };
  }
}
