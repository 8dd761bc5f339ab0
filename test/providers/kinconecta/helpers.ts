import { startSimulator, type RunningSimulator } from '../../../src/simulator/server.js';
import { kinconectaKind } from '../../../src/providers/kinconecta/index.js';
import type { SimulatorOptions } from '../../../src/providers/provider.js';

/** The fixed clock of the demo data in these tests. */
export const NOW = Date.parse('2026-03-15T12:00:00Z');
export const SEED = 42;
export const SIZE = 40;

/** Starts a Kinconecta simulator on a free port with the tests' seed, size and clock. */
export function startKinconecta(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator(kinconectaKind.simulator({ seed: SEED, size: SIZE, now: NOW, ...options }));
}

/** A response read as JSON (or text when it is not JSON). */
export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only access to JSON bodies
  body: any;
}

/** Calls the simulator with real HTTP. */
export async function call(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(base + path, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

/** A JSON POST. */
export function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(base, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The docs' example create request, verbatim. */
export const DOCS_CREATE = {
  roleContext: 'tourist',
  fullName: 'Ana Martinez',
  email: 'ana@example.com',
  subject: 'Question about tour cancellation',
  category: 'General Inquiry',
  message: 'What is your cancellation policy for tours booked less than 24 hours in advance?',
  status: 'open',
  createdAt: '2026-03-10T11:00:00Z',
  updatedAt: '2026-03-10T11:00:00Z',
};
