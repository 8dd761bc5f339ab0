import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { KinconectaProvider } from '../../../src/providers/kinconecta/index.js';
import type { ResolvedInstanceConfig } from '../../../src/providers/provider.js';
import type { CreateTicketInput } from '../../../src/providers/writes.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { kinconectaProvider, startKinconecta } from './helpers.js';

/** Route ids of the simulator's counters. */
export const LIST = 'GET /api/support-tickets';
export const ITEM = 'GET /api/support-tickets/:id';
export const CREATE = 'POST /api/support-tickets';

/** A valid create input; tests override parts of it. */
export const CREATE_INPUT: CreateTicketInput = {
  subject: 'Lost my booking confirmation',
  body: 'Could you resend the confirmation for the Oaxaca Mezcal Tasting?',
  category: { id: 'Bookings', name: 'Bookings' },
  priority: null,
  requester: { name: 'Emily Smith', email: 'emily.smith@example.com' },
  attachmentUrls: [],
  files: [],
};

/** One simulator per test file, reset before each test, and the providers a test opened. */
export interface Harness {
  sim(): RunningSimulator;
  /** A provider on the simulator, closed after the test; `now` fixes its clock. */
  provider(overrides?: Partial<ResolvedInstanceConfig>, now?: () => Date): KinconectaProvider;
}

/** Registers the hooks of a test file that runs against one Kinconecta simulator. */
export function useSimulator(): Harness {
  let sim: RunningSimulator | undefined;
  const open: KinconectaProvider[] = [];
  beforeAll(async () => {
    sim = await startKinconecta();
  });
  afterAll(() => sim?.close());
  beforeEach(() => {
    sim?.controls.reset();
    sim?.definition.resetData();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  const current = (): RunningSimulator => {
    if (!sim) throw new Error('the simulator is not started (use the harness inside tests)');
    return sim;
  };
  return {
    sim: current,
    provider: (overrides = {}, now) => {
      const p = kinconectaProvider(current().baseUrl, overrides, now);
      open.push(p);
      return p;
    },
  };
}
