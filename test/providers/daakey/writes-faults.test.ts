import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import type { TicketProvider } from '../../../src/providers/provider.js';
import {
  WriteRejection,
  type AddMessageInput,
  type CreateTicketInput,
} from '../../../src/providers/writes.js';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import type { FaultRule } from '../../../src/simulators/index.js';
import { CLIENT, SIZE, allTickets, daakeyProvider, detailOf, failureOf, startDaakey } from './helpers.js';

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
  p = daakeyProvider(sim, { timeoutMs: 300 });
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
  create: { route: CREATE, run: () => p.createTicket!(ticket) },
  message: { route: MESSAGE, run: () => p.addMessage!(note) },
};

async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await failureOf(promise);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe.each(Object.entries(writes))('%s: a write is sent exactly once', (_name, write) => {
  const fault = (rule: Omit<FaultRule, 'route'>): void =>
    sim.controls.addFault({ route: write.route, ...rule });

  it('answers UPSTREAM_OUTCOME_UNKNOWN when the connection resets, without a retry', async () => {
    fault({ kind: 'reset' });
    expect((await upstreamFailure(write.run())).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(write.route)).toBe(1);
  });

  it('answers UPSTREAM_OUTCOME_UNKNOWN on a timeout, though the write may still happen', async () => {
    sim.controls.setLatency({ route: write.route, ms: 700 });
    expect((await upstreamFailure(write.run())).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(write.route)).toBe(1);
    // The simulator finishes the write after the deadline: that is why the outcome is unknown.
    await sleep(600);
    const written = write.route === CREATE ? String(SIZE + 1) : note.ticketRemoteId;
    const listed = (await allTickets(sim)).find((t) => String(t.id) === written);
    expect(listed?.last_message).toBe(write.route === CREATE ? ticket.body : note.body);
  });

  it.each([
    { kind: 'malformed' },
    { kind: 'oversized', bytes: 2 * 1024 * 1024 },
    { kind: 'status', status: 201, body: { success: true, data: null } },
    { kind: 'status', status: 200, body: { ok: true } },
  ] as const)('answers UPSTREAM_OUTCOME_UNKNOWN on an unreadable 2xx ($kind)', async (rule) => {
    fault(rule);
    expect((await upstreamFailure(write.run())).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(sim.controls.requests(write.route)).toBe(1);
  });

  it.each([
    { status: 409, body: { success: false, message: 'Conflict', data: null }, code: 'UPSTREAM_BAD_RESPONSE' },
    { status: 422, body: { message: 'not a Daakey body' }, code: 'UPSTREAM_BAD_RESPONSE' },
    { status: 503, body: undefined, code: 'UPSTREAM_UNAVAILABLE' },
  ] as const)('answers an unexpected $status as $code, not retried', async ({ status, body, code }) => {
    fault({ kind: 'status', status, body });
    expect((await upstreamFailure(write.run())).code).toBe(code);
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
    const before = sim.controls.requests(CREATE);
    const rejection = await failureOf(p.createTicket!(ticket));
    expect(rejection).toBeInstanceOf(WriteRejection);
    expect(rejection).toMatchObject({ kind: 'VALIDATION', message: 'Booking over', fieldErrors: [] });
    expect(sim.controls.requests(CREATE) - before).toBe(1);
  });
});

describe('after a write that was done', () => {
  it('createTicket: a 404 means the route is missing, not a ticket', async () => {
    sim.controls.addFault({
      route: CREATE,
      kind: 'status',
      status: 404,
      body: { success: false, message: 'x' },
    });
    expect((await upstreamFailure(p.createTicket!(ticket))).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('addMessage: a failed re-read answers UPSTREAM_OUTCOME_UNKNOWN, and the message is there', async () => {
    sim.controls.addFault({ route: DETAIL, kind: 'status', status: 500, times: 1 });
    const error = await upstreamFailure(p.addMessage!(note));
    expect(error.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(error.detail).toContain('could not be re-read');
    expect(sim.controls.requests(MESSAGE)).toBe(1);
    expect((await detailOf(sim, 3)).messages.at(-1)?.message).toBe('Any news?');
  });

  it('createTicket: a failed re-read of a bare answer answers UPSTREAM_OUTCOME_UNKNOWN', async () => {
    sim.controls.addFault({
      route: CREATE,
      kind: 'status',
      status: 201,
      body: { success: true, data: { id: SIZE } },
    });
    sim.controls.addFault({ route: DETAIL, kind: 'reset' });
    expect((await upstreamFailure(p.createTicket!(ticket))).code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
  });
});
