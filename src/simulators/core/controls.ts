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

const kinds = new Set<FaultRule['kind']>(['status', 'reset', 'malformed', 'oversized', 'slow-body']);

/** The longest a `slow-body` fault may take (10 minutes). */
export const MAX_SLOW_BODY_MS = 600_000;
/** HTTP's token characters, which a header name is made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node accepts in a header value: no control characters but tab. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Headers that frame the body: the simulator sets them itself. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection']);

function validateFault(rule: FaultRule): FaultRule {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
    throw new Error('a fault rule is a JSON object');
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
  if (rule.kind === 'slow-body') validateSlowBody(rule);
  const headers = rule.headers === undefined ? undefined : validateHeaders(rule);
  return headers ? { ...rule, headers } : { ...rule };
}

function validateSlowBody(rule: FaultRule): void {
  if (!(
    typeof rule.ms === 'number' &&
    Number.isFinite(rule.ms) &&
    rule.ms > 0 &&
    rule.ms <= MAX_SLOW_BODY_MS
  )) {
    throw new Error(
      `fault ms must be a number of milliseconds in (0, ${MAX_SLOW_BODY_MS}], got ${String(rule.ms)}`,
    );
  }
  if (
    rule.chunks !== undefined &&
    !(Number.isInteger(rule.chunks) && rule.chunks >= 1 && rule.chunks <= 10_000)
  ) {
    throw new Error(`fault chunks must be a whole number from 1 to 10000, got ${String(rule.chunks)}`);
  }
}

/** A copy of the fault's extra headers, checked: names are tokens, values strings Node can send. */
function validateHeaders(rule: FaultRule): Record<string, string> {
  const headers: unknown = rule.headers;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new Error('fault headers must be an object of header names to string values');
  }
  if (rule.kind === 'reset') throw new Error('fault headers do not apply to a reset: nothing is answered');
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw new Error(`fault header name ${JSON.stringify(name)} is not a valid header name`);
    if (FRAMING.has(name.toLowerCase()))
      throw new Error(`fault header ${name} is set by the simulator itself`);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw new Error(
        `fault header ${name} must be a string without control characters, got ${JSON.stringify(value)}`,
      );
    }
    checked[name] = value;
  }
  return checked;
}
