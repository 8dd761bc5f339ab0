/**
 * A small seeded pseudo-random generator (mulberry32), so demo data and fault rates are
 * the same on every run with the same seed.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick on an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A hex string of `length` characters. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A v4-shaped UUID drawn from this generator. */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** Options every simulator's demo data takes. */
export interface DemoOptions {
  /** Seed of the generator (default 1). */
  seed?: number;
  /** How many tickets (default 40). */
  size?: number;
  /** The clock the data is spread back from, in ms since the epoch (default: now, to the minute). */
  now?: number;
}

/** Resolves demo options to concrete values. */
export function demoDefaults(options: DemoOptions = {}): Required<DemoOptions> {
  const now = options.now ?? Math.floor(Date.now() / 60_000) * 60_000;
  return { seed: options.seed ?? 1, size: options.size ?? 40, now };
}

/** `count` creation times spread over the `weeks` before `now`, newest first. */
export function spreadTimes(random: Random, count: number, now: number, weeks = 6): number[] {
  const span = weeks * 7 * 24 * 3600_000;
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) times.push(now - Math.floor(random.next() * span));
  return times.sort((a, b) => b - a);
}
