import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { BASE, call, start } from './helpers.js';
import { ROUTES, configure, createInput, rejectionOf, upstreamErrorOf } from './write-helpers.js';

let sim: RunningSimulator;
let provider: ReturnType<typeof configure>;

beforeEach(async () => {
  sim = await start({ size: 40 });
  provider = configure(sim);
});
afterEach(async () => {
  await provider.close();
  await sim.close();
});

const message = (ticketRemoteId: string, body: string, internal = false) =>
  provider.writes.addMessage({ ticketRemoteId, body, attachmentUrls: [], files: [], internal });

describe('validation decided locally (no upstream call), in TaskIP’s words', () => {
  it.each([
    ['a blank subject', createInput({ subject: '  ' }), 'subject', 'The subject field is required.'],
    [
      'a subject over 191 characters',
      createInput({ subject: 'x'.repeat(192) }),
      'subject',
      'The subject field must not be greater than 191 characters.',
    ],
    [
      'a category',
      createInput({ category: { id: 'Billing', name: 'Billing' } }),
      'category',
      expect.any(String),
    ],
    [
      'attachment URLs',
      createInput({ attachmentUrls: ['https://x.test/a.png'] }),
      'attachmentUrls',
      expect.any(String),
    ],
    ['files', createInput({ files: [new File(['x'], 'a.txt')] }), 'attachments', expect.any(String)],
  ])('createTicket refuses %s', async (_name, input, field, text) => {
    const rejection = await rejectionOf(() => provider.writes.createTicket(input));
    expect(rejection).toMatchObject({ kind: 'VALIDATION', provider: 'taskip-eu' });
    expect(rejection.fieldErrors).toEqual([{ field, message: text }]);
    expect(sim.controls.requests()).toBe(0);
  });

  it('addMessage refuses a blank reply or note on the body field', async () => {
    const reply = await rejectionOf(() => message('7', ' \n '));
    expect(reply.fieldErrors).toEqual([{ field: 'body', message: 'The description field is required.' }]);
    const note = await rejectionOf(() => message('7', '', true));
    expect(note.fieldErrors).toEqual([{ field: 'body', message: 'The note field is required.' }]);
    expect(sim.controls.requests()).toBe(0);
  });

  it('assignTicket refuses an assignee id that is not an integer', async () => {
    const rejection = await rejectionOf(() => provider.writes.assignTicket('7', 'sarah'));
    expect(rejection.kind).toBe('VALIDATION');
    expect(rejection.fieldErrors).toEqual([
      { field: 'assigneeId', message: 'The assigned to field must be an integer.' },
    ]);
    expect(sim.controls.requests()).toBe(0);
  });
});

describe('validation answered by TaskIP (422)', () => {
  it('maps an unknown team member to assigneeId with TaskIP’s message', async () => {
    // 15 is a client, not a team member.
    const rejection = await rejectionOf(() => provider.writes.assignTicket('7', '15'));
    expect(rejection).toMatchObject({ kind: 'VALIDATION', message: 'The given data was invalid' });
    expect(rejection.fieldErrors).toEqual([
      { field: 'assigneeId', message: 'The selected assigned to is invalid.' },
    ]);
  });

  it('maps every TaskIP field to the unified one, keeps unknown ones and every message verbatim', async () => {
    const errors = {
      subject: ['The subject field is required.'],
      description: ['The description field must be a string.', 'متن پاسخ معتبر نیست'],
      note: ['The note field is required.'],
      priority: ['The selected priority is invalid.'],
      status: ['The selected status is invalid.'],
      'parameters.assigned_to': ['The selected assigned to is invalid.'],
      attachment: ['The selected attachment is invalid.'],
      user_id: ['The selected user id is invalid.'],
    };
    const body = { success: false, error: 'Validation Error', message: 'Die Daten sind ungültig', errors };
    sim.controls.addFault({ route: ROUTES.create, kind: 'status', status: 422, body });
    const rejection = await rejectionOf(() => provider.writes.createTicket(createInput()));
    expect(rejection).toMatchObject({ kind: 'VALIDATION', message: 'Die Daten sind ungültig' });
    expect(rejection.fieldErrors).toEqual([
      { field: 'subject', message: 'The subject field is required.' },
      { field: 'body', message: 'The description field must be a string.' },
      { field: 'body', message: 'متن پاسخ معتبر نیست' },
      { field: 'body', message: 'The note field is required.' },
      { field: 'priority', message: 'The selected priority is invalid.' },
      { field: 'status', message: 'The selected status is invalid.' },
      { field: 'assigneeId', message: 'The selected assigned to is invalid.' },
      { field: 'attachments', message: 'The selected attachment is invalid.' },
      { field: 'user_id', message: 'The selected user id is invalid.' },
    ]);
  });

  it("takes a 400 as validation, with its field errors or with TaskIP's message alone", async () => {
    const errors = { description: ['Invalid request data'] };
    sim.controls.addFault({ route: ROUTES.reply, kind: 'status', status: 400, body: { errors }, times: 1 });
    const rejection = await rejectionOf(() => message('7', 'hello'));
    expect(rejection.fieldErrors).toEqual([{ field: 'body', message: 'Invalid request data' }]);
    sim.controls.addFault({
      route: ROUTES.reply,
      kind: 'status',
      status: 400,
      body: { message: 'Invalid request data or missing required fields' },
      times: 1,
    });
    const plain = await rejectionOf(() => message('7', 'hello'));
    expect(plain).toMatchObject({
      kind: 'VALIDATION',
      message: 'Invalid request data or missing required fields',
      fieldErrors: [],
    });
  });
});

describe('unknown tickets → NOT_FOUND', () => {
  it.each([
    ['updateStatus', () => provider.writes.updateStatus('9999', 'OPEN')],
    ['updatePriority', () => provider.writes.updatePriority('9999', 'LOW')],
    ['addMessage', () => message('9999', 'hello')],
    ['assignTicket (the bulk route’s ticket_ids.0)', () => provider.writes.assignTicket('9999', '8')],
    ['deleteTicket', () => provider.writes.deleteTicket('9999')],
  ])('%s', async (_name, run) => {
    expect((await rejectionOf(run)).kind).toBe('NOT_FOUND');
    // Only the uuid lookup, the bulk route or the delete itself was asked: nothing was written.
    expect(sim.controls.requests()).toBe(1);
  });

  it('refuses an id that is not numeric without a call', async () => {
    expect((await rejectionOf(() => provider.writes.updateStatus('abc', 'OPEN'))).kind).toBe('NOT_FOUND');
    expect((await rejectionOf(() => provider.writes.deleteTicket('../1'))).kind).toBe('NOT_FOUND');
    expect(sim.controls.requests()).toBe(0);
  });

  it('answers NOT_FOUND when a ticket with a known uuid was deleted meanwhile', async () => {
    await provider.listTickets({ filter: {}, page: 1 });
    expect((await call(sim, `${BASE}/9`, { method: 'DELETE' })).status).toBe(200);
    const rejection = await rejectionOf(() => message('9', 'hello'));
    expect(rejection).toMatchObject({ kind: 'NOT_FOUND', message: 'SupportTicket not found' });
    expect(sim.controls.requests(ROUTES.reply)).toBe(1);
  });
});

describe('409 → TICKET_CLOSED, anything else unexpected → UPSTREAM_BAD_RESPONSE', () => {
  const conflict = {
    success: false,
    error: 'Conflict',
    message: 'Ticket cannot be modified in current status',
    status_code: 409,
  };

  it.each([
    ['a reply', ROUTES.reply, () => message('7', 'hello')],
    ['a note', ROUTES.note, () => message('7', 'hello', true)],
    ['a status update', ROUTES.status, () => provider.writes.updateStatus('7', 'OPEN')],
    ['a priority update', ROUTES.priority, () => provider.writes.updatePriority('7', 'LOW')],
  ])('%s refused with 409', async (_name, route, run) => {
    sim.controls.addFault({ route, kind: 'status', status: 409, body: conflict });
    const rejection = await rejectionOf(run);
    expect(rejection).toMatchObject({ kind: 'TICKET_CLOSED', message: conflict.message, fieldErrors: [] });
  });

  it('an undocumented status is a bad response', async () => {
    sim.controls.addFault({ route: ROUTES.delete, kind: 'status', status: 418 });
    expect((await upstreamErrorOf(() => provider.writes.deleteTicket('7'))).code).toBe(
      'UPSTREAM_BAD_RESPONSE',
    );
  });

  it('a wrong key is UPSTREAM_AUTH', async () => {
    const wrong = configure(sim, { credentials: { secretKey: 'nope' } });
    expect((await upstreamErrorOf(() => wrong.writes.createTicket(createInput()))).code).toBe(
      'UPSTREAM_AUTH',
    );
    await wrong.close();
  });
});
