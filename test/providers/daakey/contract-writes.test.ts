import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import {
  CLIENT,
  ISO_SECONDS,
  SIZE,
  UUID,
  allTickets,
  call,
  detailOf,
  startDaakey,
  type Detail,
  type ListItem,
  type MessageOut,
} from './helpers.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startDaakey();
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
});

const PHOTO = 'https://cdn.example.com/damage/front.jpg';

async function firstWithStatus(status: string): Promise<ListItem> {
  const found = (await allTickets(sim)).find((t) => t.status === status);
  if (!found) throw new Error(`no ${status} ticket in the demo data`);
  return found;
}

async function desk(path: string, body: unknown): Promise<Response> {
  return fetch(`${sim.origin}/__sim${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('POST /tickets', () => {
  it('creates an open ticket whose opening text is the first message', async () => {
    const booking = (await detailOf(sim, (await allTickets(sim)).find((t) => t.category === 'billing')!.id))
      .booking!;
    const reply = await call<Detail>(sim, 'POST', `${CLIENT}/tickets`, {
      json: {
        subject: 'Vehicle not starting',
        message: 'The car does not start.',
        category: 'vehicle_issue',
        priority: 'high',
        booking_id: booking.id,
        attachments: [PHOTO],
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ success: true, message: 'Ticket created', meta: { agency_id: 123 } });
    expect(reply.body.request_id).toMatch(UUID);
    const ticket = reply.body.data;
    expect(ticket).toMatchObject({
      id: SIZE + 1,
      subject: 'Vehicle not starting',
      status: 'open',
      priority: 'high',
      category: 'vehicle_issue',
      unread_count: 0,
      booking,
    });
    expect(ticket.reference).toMatch(/^TK-\d{4}-00041$/);
    expect(ticket.created_at).toMatch(ISO_SECONDS);
    expect(ticket.messages).toEqual([
      expect.objectContaining({ message: 'The car does not start.', sender: 'client', attachments: [PHOTO] }),
    ]);
    const list = await allTickets(sim);
    expect(list).toHaveLength(SIZE + 1);
    expect(list[0]).toMatchObject({ id: ticket.id, last_message: 'The car does not start.' });
  });

  it('defaults the priority to normal and takes a form body too', async () => {
    const json = await call<Detail>(sim, 'POST', `${CLIENT}/tickets`, {
      json: { subject: 'Pets?', message: 'Can I bring my dog?', category: 'general' },
    });
    expect(json.body.data).toMatchObject({ priority: 'normal', booking: null });
    const form = new URLSearchParams({ subject: 'Form', message: 'Sent as a form', category: 'general' });
    form.append('attachments[]', PHOTO);
    const reply = await call<Detail>(sim, 'POST', `${CLIENT}/tickets`, {
      rawBody: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.messages[0]!.attachments).toEqual([PHOTO]);
  });

  it('answers 422 with errors per field', async () => {
    const cases: Array<[unknown, Record<string, string[]>]> = [
      [
        {},
        {
          subject: ['The subject field is required.'],
          message: ['The message field is required.'],
          category: ['The category field is required.'],
        },
      ],
      [
        { subject: 'x'.repeat(256), message: '  ', category: 'general', priority: 'urgent' },
        {
          subject: ['The subject field must not be greater than 255 characters.'],
          message: ['The message field is required.'],
          priority: ['The selected priority is invalid.'],
        },
      ],
      [
        { subject: 's', message: 'm', category: 'general', booking_id: 'abc', attachments: 'x' },
        {
          booking_id: ['The booking id field must be an integer.'],
          attachments: ['The attachments field must be an array.'],
        },
      ],
      [
        { subject: 's', message: 'm', category: 'general', booking_id: 1, attachments: [PHOTO, 'not a url'] },
        {
          booking_id: ['The selected booking id is invalid.'],
          'attachments.1': ['The attachments.1 field must be a valid URL.'],
        },
      ],
    ];
    for (const [json, errors] of cases) {
      const reply = await call(sim, 'POST', `${CLIENT}/tickets`, { json });
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({ success: false, data: null, errors });
      expect(Object.keys(reply.body.errors!).sort()).toEqual(Object.keys(errors).sort());
      const first = Object.values(errors)[0]![0]!;
      const more = Object.keys(errors).length - 1;
      expect(reply.body.message).toBe(`${first} (and ${more} more error${more > 1 ? 's' : ''})`);
    }
    expect(await allTickets(sim)).toHaveLength(SIZE);
  });

  it('reads a malformed JSON body as empty input (422), like Laravel', async () => {
    const reply = await call(sim, 'POST', `${CLIENT}/tickets`, {
      rawBody: '{"subject": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.errors!)).toEqual(['subject', 'message', 'category']);
  });
});

describe('POST /tickets/{ticket}/messages', () => {
  it("answers the docs' example request with the documented 201", async () => {
    expect((await detailOf(sim, 1)).status).not.toBe('closed');
    const reply = await call<MessageOut>(sim, 'POST', `${CLIENT}/tickets/1/messages`, {
      json: { message: 'The technician arrived and fixed the issue. Thank you!', attachments: [] },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      success: true,
      message: 'Message added',
      meta: { agency_id: 123, agency_code: 'AGENCY123' },
    });
    expect(Object.keys(reply.body.meta!).sort()).toEqual(['agency_code', 'agency_id']);
    const message = reply.body.data;
    expect(Object.keys(message).sort()).toEqual([
      'attachments',
      'created_at',
      'id',
      'message',
      'sender',
      'sender_name',
    ]);
    const thread = (await detailOf(sim, 1)).messages;
    expect(message).toMatchObject({
      message: 'The technician arrived and fixed the issue. Thank you!',
      sender: 'client',
      sender_name: thread[0]!.sender_name,
      attachments: [],
    });
    expect(message.created_at).toMatch(ISO_SECONDS);
    expect(thread.at(-1)).toEqual(message);
  });

  it('updates the last message of the ticket in the list', async () => {
    const ticket = await firstWithStatus('in_progress');
    const long = 'The car is still making a strange noise when I brake downhill, please advise.';
    const reply = await call<MessageOut>(sim, 'POST', `${CLIENT}/tickets/${ticket.id}/messages`, {
      json: { message: long, attachments: [PHOTO] },
    });
    const after = (await allTickets(sim)).find((t) => t.id === ticket.id)!;
    expect(after.last_message).toBe(`${long.slice(0, 50).trimEnd()}...`);
    expect(after.last_message_at).toBe(reply.body.data.created_at);
    expect(after.status).toBe('in_progress');
    expect((await detailOf(sim, ticket.id)).updated_at).toBe(reply.body.data.created_at);
  });

  it('reopens a resolved ticket', async () => {
    const ticket = await firstWithStatus('resolved');
    const reply = await call(sim, 'POST', `${CLIENT}/tickets/${ticket.id}/messages`, {
      json: { message: 'Again!' },
    });
    expect(reply.status).toBe(201);
    expect((await allTickets(sim)).find((t) => t.id === ticket.id)!.status).toBe('open');
  });

  it('refuses a message on a closed ticket with the documented 400', async () => {
    const ticket = await firstWithStatus('closed');
    const before = await detailOf(sim, ticket.id);
    const reply = await call(sim, 'POST', `${CLIENT}/tickets/${ticket.id}/messages`, {
      json: { message: 'Hi' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      success: false,
      message: 'Cannot add message to closed ticket',
      data: null,
    });
    expect(Object.keys(reply.body).sort()).toEqual(['data', 'message', 'request_id', 'success', 'timestamp']);
    expect(await detailOf(sim, ticket.id)).toEqual(before);
  });

  it('answers the documented 404 for an unknown ticket, before validating the body', async () => {
    for (const id of ['9999', 'abc']) {
      const reply = await call(sim, 'POST', `${CLIENT}/tickets/${id}/messages`, { json: {} });
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ success: false, message: 'Ticket not found', data: null });
    }
  });

  it('answers 422 when the message is missing or an attachment is not a URL (even on a closed ticket)', async () => {
    const closed = await firstWithStatus('closed');
    const missing = await call(sim, 'POST', `${CLIENT}/tickets/${closed.id}/messages`, {
      json: { attachments: [] },
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      success: false,
      message: 'The message field is required.',
      errors: { message: ['The message field is required.'] },
      data: null,
    });
    const badUrl = await call(sim, 'POST', `${CLIENT}/tickets/1/messages`, {
      json: { message: 'm', attachments: ['ftp://x'] },
    });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.errors).toEqual({ 'attachments.0': ['The attachments.0 field must be a valid URL.'] });
  });
});

describe('support desk control routes', () => {
  it('adds an unread agent reply that moves an open ticket to in_progress', async () => {
    const ticket = await firstWithStatus('open');
    const res = await desk(`/tickets/${ticket.id}/support-reply`, {
      message: 'On it!',
      sender_name: 'Agent Smith',
    });
    expect(res.status).toBe(201);
    const listed = (await allTickets(sim)).find((t) => t.id === ticket.id)!;
    expect(listed).toMatchObject({
      status: 'in_progress',
      unread_count: ticket.unread_count + 1,
      last_message: 'On it!',
    });
    const detail = await detailOf(sim, ticket.id);
    expect(detail.messages.at(-1)).toMatchObject({
      sender: 'support',
      sender_name: 'Agent Smith',
      message: 'On it!',
    });
    expect((await allTickets(sim)).find((t) => t.id === ticket.id)!.unread_count).toBe(0);
  });

  it('sets a status, validates its input and is not counted as API traffic', async () => {
    expect((await desk('/tickets/1/status', { status: 'closed' })).status).toBe(200);
    expect((await detailOf(sim, 1)).status).toBe('closed');
    expect((await desk('/tickets/1/status', { status: 'pending' })).status).toBe(400);
    expect((await desk('/tickets/999/support-reply', { message: 'x' })).status).toBe(404);
    expect((await desk('/tickets/1/support-reply', {})).status).toBe(400);
    // A closed ticket takes no messages, from the agency's side either.
    const closed = await desk('/tickets/1/support-reply', { message: 'Done' });
    expect(closed.status).toBe(400);
    expect(await closed.json()).toEqual({ message: 'Daakey ticket 1 is closed: it takes no messages' });
    expect((await desk('/tickets/1/status', { status: 'in_progress' })).status).toBe(200);
    expect((await desk('/tickets/1/support-reply', { message: 'Done', status: 'resolved' })).status).toBe(
      201,
    );
    expect((await detailOf(sim, 1)).status).toBe('resolved');
    expect(sim.controls.requests()).toBe(2);
  });
});
