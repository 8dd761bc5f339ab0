import { expect } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import type { ResolvedInstanceConfig } from '../../../src/providers/provider.js';
import { TaskipProvider } from '../../../src/providers/taskip/index.js';
import type { CreateTicketInput } from '../../../src/providers/writes.js';
import { WriteRejection } from '../../../src/providers/writes.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { BASE, KEY } from './helpers.js';

/** Route ids of the simulator's counters, as the shared server names them. */
export const ROUTES = {
  detail: `GET ${BASE}/:id`,
  list: `GET ${BASE}`,
  create: `POST ${BASE}`,
  reply: `POST ${BASE}/reply/:uuid`,
  note: `POST ${BASE}/:uuid/note-store`,
  status: `POST ${BASE}/status-update/:uuid`,
  priority: `POST ${BASE}/:uuid/priority`,
  bulk: `POST ${BASE}/bulk-actions`,
  delete: `DELETE ${BASE}/:id`,
};

/** A TaskIP instance over the simulator, checked to have every write. */
export function configure(
  sim: RunningSimulator,
  overrides: Partial<ResolvedInstanceConfig> = {},
): TaskipProvider {
  const provider = new TaskipProvider({
    key: 'taskip-eu',
    kind: 'taskip',
    name: 'TaskIP EU',
    baseUrl: sim.baseUrl,
    credentials: { secretKey: KEY },
    timeoutMs: 2_000,
    maxResponseBytes: 1_000_000,
    pageSize: 50,
    ...overrides,
  });
  for (const name of WRITE_NAMES) expect(typeof provider.writes[name]).toBe('function');
  return provider;
}

const WRITE_NAMES = [
  'createTicket',
  'addMessage',
  'updateStatus',
  'updatePriority',
  'assignTicket',
  'deleteTicket',
] as const;

/** A create input with nothing but subject and body set. */
export function createInput(overrides: Partial<CreateTicketInput> = {}): CreateTicketInput {
  return {
    subject: 'Webhook retries flood our endpoint',
    body: 'Every failed webhook is retried 50 times within a minute.',
    category: null,
    priority: null,
    requester: null,
    attachmentUrls: [],
    files: [],
    ...overrides,
  };
}

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The WriteRejection `run` rejects with. */
export async function rejectionOf(run: () => Promise<unknown>): Promise<WriteRejection> {
  const error = await failureOf(run);
  expect(error).toBeInstanceOf(WriteRejection);
  return error as WriteRejection;
}

/** The UpstreamError `run` rejects with. */
export async function upstreamErrorOf(run: () => Promise<unknown>): Promise<UpstreamError> {
  const error = await failureOf(run);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

/** A desk control route over HTTP; the JSON answer (`{ok}` or `{message}`) as `unknown`. */
export async function desk(
  sim: RunningSimulator,
  path: 'open' | 'reply' | 'status',
  body?: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.origin}/__sim/desk/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
