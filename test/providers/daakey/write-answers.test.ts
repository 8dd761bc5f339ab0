import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import type { TicketProvider } from '../../../src/providers/provider.js';
import {
  WriteRejection,
  type AddMessageInput,
  type CreateTicketInput,
} from '../../../src/providers/writes.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { CLIENT, SIZE, daakeyProvider, failureOf, startDaakey } from './helpers.js';

/*
 * How Daakey's own answers to a write are read, where they are Daakey's alone: refusals in
 * and out of its envelope, a missing route, and a bare create answer. What every provider
 * answers to the same fault (resets, deadlines, 5xx, 429, unreadable 2xx, a failed re-read)
 * is the shared contract suite's (`test/providers/contract/`).
 */

const CREATE = `POST ${CLIENT}/tickets`;
const MESSAGE = `POST ${CLIENT}/tickets/:ticket/messages`;
const DETAIL = `GET ${CLIENT}/tickets/:ticket`;

let sim: RunningSimulator;
let p: TicketProvider;
beforeAll(async () => {
  sim = await startDaakey();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.controls.reset();
  sim.definition.resetData();
  p = daakeyProvider(sim, { timeoutMs: 2_000 });
});
afterEach(() => p.close());

const ticket: CreateTicketInput = {
  subject: 'Billing question',
  body: 'I was charged twice.',
  category: { id: 'billing', name: 'Billing' },
  priority: null,
  requester: null,
  attachmentUrls: [],
  files: [],
};
/** Ticket 3 is `resolved` in the demo data (the first four cover every status), so it takes messages. */
const note: AddMessageInput = {
  ticketRemoteId: '3',
  body: 'Any news?',
  attachmentUrls: [],
  files: [],
  internal: false,
};
const writes = {
  create: { route: CREATE, run: () => p.writes.createTicket!(ticket) },
  message: { route: MESSAGE, run: () => p.writes.addMessage!(note) },
};

async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await failureOf(promise);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe.each(Object.entries(writes))('%s: a refusal Daakey does not document', (_name, write) => {
  it.each([
    { status: 409, body: { success: false, message: 'Conflict', data: null } },
    { status: 422, body: { message: 'not a Daakey body' } },
  ] as const)('answers $status as UPSTREAM_BAD_RESPONSE, not retried', async ({ status, body }) => {
    sim.controls.addFault({ route: write.route, kind: 'status', status, body });
    expect((await upstreamFailure(write.run())).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(sim.controls.requests(write.route)).toBe(1);
  });
});

describe('a documented refusal without field errors', () => {
  it("is a VALIDATION rejection carrying Daakey's own message, not retried", async () => {
    sim.controls.addFault({
      route: CREATE,
      kind: 'status',
      status: 400,
      body: { success: false, message: 'Booking over', data: null },
      times: 1,
    });
    const rejection = await failureOf(p.writes.createTicket!(ticket));
    expect(rejection).toBeInstanceOf(WriteRejection);
    expect(rejection).toMatchObject({ kind: 'VALIDATION', message: 'Booking over', fieldErrors: [] });
    expect(sim.controls.requests(CREATE)).toBe(1);
  });
});

describe('createTicket', () => {
  it('reads a 404 as a missing route, not a missing ticket', async () => {
    sim.controls.addFault({
      route: CREATE,
      kind: 'status',
      status: 404,
      body: { success: false, message: 'x' },
    });
    expect((await upstreamFailure(p.writes.createTicket!(ticket))).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('answers UPSTREAM_OUTCOME_UNKNOWN when the re-read of a bare answer fails', async () => {
    sim.controls.addFault({
      route: CREATE,
      kind: 'status',
      status: 201,
      body: { success: true, data: { id: SIZE } },
    });
    sim.controls.addFault({ route: DETAIL, kind: 'reset' });
    expect((await upstreamFailure(p.writes.createTicket!(ticket))).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
  });
});
