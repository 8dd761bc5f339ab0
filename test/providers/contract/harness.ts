import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  simulatorInstances,
  startSimulators,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src/demo/simulators.js';
import { UpstreamError } from '../../../src/errors.js';
import type { ProviderInstanceConfig, TicketProvider } from '../../../src/providers/provider.js';
import { createProviders } from '../../../src/providers/registry.js';
import type { Target } from './kinds.js';

/** Tickets each simulator is seeded with. */
export const SIZE = 30;
/** A fixed clock, so every run sees the same demo data. */
export const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
/** The deadline of the deadline tests: short, so waiting is cheap, yet long enough for a loopback request on a machine busy with 3 test workers. */
export const DEADLINE_MS = 600;
/** How late past its deadline a failure may come (a loaded CI machine); undici's own connect timeout is 10 s. */
export const LATE_MS = 1_000;

/** Instance settings a test may change; `baseUrl` points a provider elsewhere (keeping its base path). */
export type Overrides = Partial<
  Pick<ProviderInstanceConfig, 'timeoutMs' | 'maxResponseBytes' | 'pageSize'>
> & {
  origin?: string;
};

/** The four simulators of a test file, one per kind, and the providers its tests open over them. */
export interface Kinds {
  sim(kind: string): RunningSimulator;
  /** A provider of `kind` built by the registry from the simulator's demo instance config. */
  provider(kind: string, overrides?: Overrides): TicketProvider;
  /** Restores the kind's demo data and clears its faults, latency, counters and request log. */
  reset(kind: string): void;
  /** An OPEN ticket and a category of `kind`; the counters are cleared after reading them. */
  target(kind: string, p: TicketProvider): Promise<Target>;
}

let tags = 0;

/** Registers the hooks of a contract test file: simulators for the file, providers for each test. */
export function useKinds(): Kinds {
  let sims: RunningSimulator[] = [];
  const opened: TicketProvider[] = [];
  beforeAll(async () => {
    // TaskIP's rate limit is off: the suite makes many calls, and tests 429 with a fault.
    const options = { seed: 7, size: SIZE, now: NOW, rateLimit: false } as SimulatorOptions;
    sims = await startSimulators(options);
  });
  afterAll(() => Promise.all(sims.map((s) => s.close())));
  afterEach(() => Promise.all(opened.splice(0).map((p) => p.close())));
  const sim = (kind: string): RunningSimulator => {
    const found = sims.find((s) => s.key === kind);
    if (!found) throw new Error(`no ${kind} simulator (use the harness inside tests)`);
    return found;
  };
  return {
    sim,
    provider(kind, { origin, pageSize, ...settings } = {}) {
      const running = sim(kind);
      const [config] = simulatorInstances([running], { timeoutMs: 2_000, ...settings });
      const baseUrl = origin ? origin + running.baseUrl.slice(running.origin.length) : running.baseUrl;
      const p = createProviders([{ ...config!, baseUrl, pageSize: pageSize ?? config!.pageSize }]).get(kind)!;
      opened.push(p);
      return p;
    },
    reset(kind) {
      sim(kind).controls.reset();
      sim(kind).definition.resetData();
    },
    async target(kind, p) {
      // Listing also lets TaskIP learn the uuids its writes are addressed by.
      const { tickets } = await p.listTickets({ filter: { status: ['OPEN'] }, page: 1 });
      const open = tickets.find((t) => t.status === 'OPEN');
      if (!open) throw new Error(`no OPEN ${kind} ticket in the demo data`);
      const category = (await p.categories?.())?.[0] ?? null;
      sim(kind).controls.reset();
      tags += 1;
      return { ticketId: open.remoteId, category, tag: `${kind}-${tags}-${Date.now()}` };
    },
  };
}

/** The `UpstreamError` a promise rejects with; fails the test when it resolves or rejects otherwise. */
export async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => expect.fail('expected an UpstreamError, but it succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

/** The time `run` takes to settle, and how it settled. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: Promise<T> }> {
  const started = performance.now();
  const result = run();
  await result.then(
    () => undefined,
    () => undefined,
  );
  return { ms: performance.now() - started, result };
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
