import { Random } from './random.js';
import type { FaultRule, LatencyRule, SimulatorStats } from './types.js';

/**
 * The test and benchmark hooks of one simulator: per-route latency, fault injection and
 * request counters. Used in-process by tests, and over HTTP through `/__sim/*`.
 */
export class SimulatorControls {
  private counts = new Map<string, number>();
  private log: string[] = [];
  private faults: FaultRule[] = [];
  private latencies: LatencyRule[] = [];
  private random = new Random(7);

  /** Counts one request to `route`; `target` (`METHOD /path?query`) goes into the request log. */
  count(route: string, target?: string): void {
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
    if (target !== undefined) {
      this.log.push(target);
      // Bounded, so a long-running demo does not grow without end.
      if (this.log.length > 10_000) this.log.splice(0, this.log.length - 10_000);
    }
  }

  /** The most recent requests (up to 10,000), oldest first, as `METHOD /path?query`. */
  requestLog(): string[] {
    return [...this.log];
  }

  /** Requests received so far, by route id. */
  stats(): SimulatorStats {
    const requests = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return { total, requests };
  }

  /** Requests received by one route id, or all of them without an argument. */
  requests(route?: string): number {
    return route === undefined ? this.stats().total : (this.counts.get(route) ?? 0);
  }

  addFault(rule: FaultRule): void {
    this.faults.push(validateFault(rule));
  }

  setLatency(rule: LatencyRule): void {
    if (!Number.isFinite(rule.ms) || rule.ms < 0) throw new Error(`latency ms must be >= 0, got ${rule.ms}`);
    this.latencies = this.latencies.filter((l) => l.route !== rule.route);
    if (rule.ms > 0) this.latencies.push({ route: rule.route, ms: rule.ms });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Clears faults, latency and counters. */
  reset(): void {
    this.faults = [];
    this.latencies = [];
    this.counts.clear();
    this.log = [];
    this.random = new Random(7);
  }

  /** Latency in ms for a route: the specific rule wins over `*`. */
  latencyFor(route: string): number {
    const exact = this.latencies.find((l) => l.route === route);
    return (exact ?? this.latencies.find((l) => l.route === '*'))?.ms ?? 0;
  }

  /** The fault that hits this request, if any (consumes one of its `times`). */
  takeFault(route: string): FaultRule | undefined {
    for (const fault of this.faults) {
      if (fault.route !== '*' && fault.route !== route) continue;
      if (fault.times !== undefined && fault.times <= 0) continue;
      if (this.random.next() >= (fault.rate ?? 1)) continue;
      if (fault.times !== undefined) fault.times -= 1;
      return fault;
    }
    return undefined;
  }
}

const kinds = new Set<FaultRule['kind']>(['status', 'reset', 'malformed', 'oversized']);

function validateFault(rule: FaultRule): FaultRule {
  if (typeof rule.route !== 'string' || rule.route === '') throw new Error('fault route is required');
  if (!kinds.has(rule.kind)) throw new Error(`fault kind must be one of ${[...kinds].join(', ')}`);
  if (
    rule.kind === 'status' &&
    !(Number.isInteger(rule.status) && rule.status! >= 100 && rule.status! < 600)
  ) {
    throw new Error(`fault status must be an HTTP status code, got ${String(rule.status)}`);
  }
  if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) {
    throw new Error(`fault rate must be within [0, 1], got ${rule.rate}`);
  }
  return { ...rule };
}
