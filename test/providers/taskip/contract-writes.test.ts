import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { BASE, NOW, call, detail, listAll, start, type Item } from './helpers.js';

const VALIDATION = {
  success: false,
  error: 'Validation Error',
  message: 'The given data was invalid',
  status_code: 422,
};
const NOT_FOUND = {
  success: false,
  error: 'Not Found',
  message: 'SupportTicket not found',
  status_code: 404,
};
const ADMIN = { id: 1, name: 'Admin User', email: 'admin@taskip.com' };
const ATTACHMENT_101 = {
  id: 101,
  url: 'https://cdn.taskip.net/attachments/ticket-attachment.pdf',
  name: 'screenshot.pdf',
  size: 2048576,
};
/** The docs' create example body. */
const CREATE_EXAMPLE = {
  subject: 'Email Notifications Not Working',
  priority: 3,
  status: 0,
  description:
    'Customer reports that email notifications for new orders are not being received. This started happening 2 days ago.',
  attachment: 101,
  created_by: 1,
  user_id: 18,
};

let sim: RunningSimulator;
// 45 tickets, so the docs' create example gets id 46 as in the docs.
beforeEach(async () => {
  sim = await start({ size: 45 });
});
afterEach(() => sim.close());

const post = (path: string, json: unknown) => call(sim, path, { method: 'POST', json });

describe('docs example flow: create → get → update → delete ticket 46', () => {
  it('answers every example in the documented shape', async () => {
    const created = await post(BASE, CREATE_EXAMPLE);
    expect(created.status).toBe(201);
    const data = {
      id: 46,
      uuid: '550e8400-e29b-41d4-a716-446655440046',
      subject: CREATE_EXAMPLE.subject,
      created_by: ADMIN,
      user: { id: 18, name: 'Emma Davis', email: 'emma@startup.com' },
      priority: 3,
      status: 0,
      description: CREATE_EXAMPLE.description,
      attachment: ATTACHMENT_101,
      createAt: 'just now',
      date: '16-Jan-2024',
      time: '12:00PM',
    };
    expect(created.body).toEqual({ data, status: 201, msg: 'SupportTicket stored successfully' });
    expect(await detail(sim, 46)).toEqual(data);
    // The newest ticket leads the default list.
    expect((await listAll(sim))[0]?.id).toBe(46);

    const updated = await call(sim, `${BASE}/46`, {
      method: 'PUT',
      json: {
        subject: 'Email Notifications Not Working - URGENT',
        priority: 4,
        status: 1,
        description: 'Customer reports critical email notification failures affecting order processing',
      },
    });
    expect(updated.status).toBe(200);
    const after = {
      ...data,
      subject: 'Email Notifications Not Working - URGENT',
      priority: 4,
      status: 1,
      description: 'Customer reports critical email notification failures affecting order processing',
    };
    expect(updated.body).toEqual({ data: after, status: 201, msg: 'SupportTicket stored successfully' });
    expect(await detail(sim, 46)).toEqual(after);

    const deleted = await call(sim, `${BASE}/46`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ msg: 'SupportTicket deleted successfully', status: 200 });
    expect((await call(sim, `${BASE}/46`)).body).toEqual(NOT_FOUND);
    expect((await call(sim, `${BASE}/46`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('POST /support-ticket', () => {
  it('defaults status to open, creator to the key owner, user to the creator', async () => {
    const res = await post(BASE, { subject: 'Minimal', priority: 0 });
    expect(res.status).toBe(201);
    expect((res.body as { data: Item }).data).toMatchObject({
      subject: 'Minimal',
      priority: 0,
      status: 0,
      description: null,
      attachment: null,
      created_by: ADMIN,
      user: ADMIN,
    });
  });

  it('accepts a form-encoded body (integers as strings, as Laravel does)', async () => {
    const res = await call(sim, BASE, {
      method: 'POST',
      raw: 'subject=From+a+form&priority=2&user_id=15',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(201);
    expect((res.body as { data: Item }).data).toMatchObject({
      subject: 'From a form',
      priority: 2,
      user: { id: 15 },
    });
  });

  it.each([
    [{ priority: 1 }, { subject: ['The subject field is required.'] }],
    [
      { subject: 'x'.repeat(192), priority: 1 },
      { subject: ['The subject field must not be greater than 191 characters.'] },
    ],
    [{ subject: 'ok' }, { priority: ['The priority field is required.'] }],
    [{ subject: 'ok', priority: 5 }, { priority: ['The selected priority is invalid.'] }],
    [{ subject: 'ok', priority: 'high' }, { priority: ['The priority field must be an integer.'] }],
    [{ subject: 'ok', priority: 1.5 }, { priority: ['The priority field must be an integer.'] }],
    [{ subject: 'ok', priority: 1, status: 9 }, { status: ['The selected status is invalid.'] }],
    [
      { subject: 'ok', priority: 1, attachment: 999 },
      { attachment: ['The selected attachment is invalid.'] },
    ],
    [{ subject: 'ok', priority: 1, user_id: 999 }, { user_id: ['The selected user id is invalid.'] }],
    [
      { subject: 'ok', priority: 1, created_by: 999 },
      { created_by: ['The selected created by is invalid.'] },
    ],
    [{ subject: 42, priority: 1 }, { subject: ['The subject field must be a string.'] }],
  ])('rejects %j with 422', async (body, errors) => {
    const res = await post(BASE, body);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ ...VALIDATION, errors });
    expect((await listAll(sim)).length).toBe(45);
  });

  it('accepts a subject of exactly 191 characters', async () => {
    expect((await post(BASE, { subject: 'x'.repeat(191), priority: 1 })).status).toBe(201);
  });

  it('reads malformed JSON as no input (422 on the required fields)', async () => {
    const res = await call(sim, BASE, { method: 'POST', raw: '{"subject": "x",' });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      ...VALIDATION,
      errors: { subject: ['The subject field is required.'], priority: ['The priority field is required.'] },
    });
  });
});

describe('PUT /support-ticket/{id}', () => {
  it('updates only the fields sent', async () => {
    const before = await detail(sim, 5);
    const res = await call(sim, `${BASE}/5`, { method: 'PUT', json: { priority: 0 } });
    expect(res.status).toBe(200);
    const { replies: _replies, ...item } = before;
    expect((res.body as { data: Item }).data).toEqual({ ...item, priority: 0 });
  });

  it('answers 404 for an unknown id before validating', async () => {
    const res = await call(sim, `${BASE}/999`, { method: 'PUT', json: { priority: 99 } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
  });

  it.each([
    [{ subject: '' }, { subject: ['The subject field is required.'] }],
    [{ priority: null }, { priority: ['The priority field is required.'] }],
    [{ priority: 7 }, { priority: ['The selected priority is invalid.'] }],
    [{ status: -1 }, { status: ['The selected status is invalid.'] }],
  ])('rejects %j with 422', async (body, errors) => {
    const res = await call(sim, `${BASE}/5`, { method: 'PUT', json: body });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ ...VALIDATION, errors });
  });
});

describe('POST /support-ticket/bulk-actions', () => {
  it('answers the docs example (delete 40–43) with {msg} only', async () => {
    const res = await post(`${BASE}/bulk-actions`, { ticket_ids: [40, 41, 42, 43], action: 'delete' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ msg: 'SupportTicket deleted successfully' });
    for (const id of [40, 41, 42, 43]) expect((await call(sim, `${BASE}/${id}`)).status).toBe(404);
    expect(await listAll(sim)).toHaveLength(41);
  });

  it('updates status, assigns and adds tags', async () => {
    const status = await post(`${BASE}/bulk-actions`, {
      ticket_ids: [1, 2],
      action: 'status_update',
      parameters: { status: 3 },
    });
    expect(status.body).toEqual({ msg: 'SupportTicket status updated successfully' });
    expect((await detail(sim, 1)).status).toBe(3);
    expect((await detail(sim, 2)).status).toBe(3);
    const assign = await post(`${BASE}/bulk-actions`, {
      ticket_ids: [3],
      action: 'assign',
      parameters: { assigned_to: 11 },
    });
    expect(assign.body).toEqual({ msg: 'SupportTicket assigned successfully' });
    expect((await listAll(sim, 'assigned_to=11')).map((t) => t.id)).toContain(3);
    const tags = await post(`${BASE}/bulk-actions`, {
      ticket_ids: [3],
      action: 'add_tags',
      parameters: { tags: ['vip'] },
    });
    expect(tags.body).toEqual({ msg: 'Tags added successfully' });
  });

  it.each([
    [{ action: 'delete' }, { ticket_ids: ['The ticket ids field is required.'] }],
    [{ ticket_ids: 3, action: 'delete' }, { ticket_ids: ['The ticket ids field must be an array.'] }],
    [{ ticket_ids: [1] }, { action: ['The action field is required.'] }],
    [{ ticket_ids: [1], action: 'archive' }, { action: ['The selected action is invalid.'] }],
    [
      { ticket_ids: [1, 999], action: 'delete' },
      { 'ticket_ids.1': ['The selected ticket_ids.1 is invalid.'] },
    ],
    [
      { ticket_ids: [1], action: 'status_update' },
      { 'parameters.status': ['The status field is required.'] },
    ],
    [
      { ticket_ids: [1], action: 'assign', parameters: { assigned_to: 15 } },
      { 'parameters.assigned_to': ['The selected assigned to is invalid.'] },
    ],
    [
      { ticket_ids: [1], action: 'add_tags', parameters: { tags: 'vip' } },
      { 'parameters.tags': ['The tags field must be an array of strings.'] },
    ],
  ])('rejects %j with 422 and changes nothing', async (body, errors) => {
    const res = await post(`${BASE}/bulk-actions`, body);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ ...VALIDATION, errors });
    expect((await call(sim, `${BASE}/1`)).status).toBe(200);
  });
});

describe('POST /support-ticket/reply/{uuid}', () => {
  it('answers the docs example body and the reply appears in the detail', async () => {
    const ticket = await detail(sim, 10);
    const res = await post(`${BASE}/reply/${ticket.uuid}`, {
      status: 1,
      description:
        'Thank you for contacting us. We have reviewed your issue and will provide a solution shortly.',
      attachment: 123,
    });
    expect(res.status).toBe(201);
    const body = res.body as { reply: { id: number } };
    expect(res.body).toEqual({
      msg: 'Reply added successfully',
      status: 201,
      reply: {
        id: body.reply.id,
        user: ADMIN,
        description:
          'Thank you for contacting us. We have reviewed your issue and will provide a solution shortly.',
        attachment: {
          id: 123,
          url: 'https://cdn.taskip.net/attachments/solution_guide.pdf',
          name: 'solution_guide.pdf',
          size: 245760,
        },
        createAt: 'just now',
        date: '16-Jan-2024',
        time: '12:00PM',
      },
    });
    const after = await detail(sim, 10);
    expect(after.status).toBe(1);
    expect(after.replies?.at(-1)).toEqual({
      id: body.reply.id,
      message:
        'Thank you for contacting us. We have reviewed your issue and will provide a solution shortly.',
      author: 'Admin User',
      author_type: 'team_member',
      is_private: false,
      created_at: new Date(NOW).toISOString().replace('.000Z', 'Z'),
    });
    expect(after.replies).toHaveLength((ticket.replies?.length ?? 0) + 1);
  });

  it('keeps the status when none is sent', async () => {
    const ticket = await detail(sim, 11);
    expect((await post(`${BASE}/reply/${ticket.uuid}`, { description: 'Hi' })).status).toBe(201);
    expect((await detail(sim, 11)).status).toBe(ticket.status);
  });

  it.each(['abc123def456', '11'])('answers 404 for uuid %s (a numeric id is not a uuid)', async (uuid) => {
    const res = await post(`${BASE}/reply/${uuid}`, { description: 'Hi' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
  });

  it.each([
    [{}, { description: ['The description field is required.'] }],
    [{ description: 'x', status: 5 }, { status: ['The selected status is invalid.'] }],
    [{ description: 'x', attachment: 5 }, { attachment: ['The selected attachment is invalid.'] }],
  ])('rejects %j with 422', async (body, errors) => {
    const ticket = await detail(sim, 12);
    const res = await post(`${BASE}/reply/${ticket.uuid}`, body);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ ...VALIDATION, errors });
  });
});

describe('priority and status by uuid', () => {
  it.each([
    ['priority', (uuid: string) => `${BASE}/${uuid}/priority`],
    ['status', (uuid: string) => `${BASE}/status-update/${uuid}`],
  ] as const)('sets %s and answers {msg, status:200, data}', async (field, path) => {
    const ticket = await detail(sim, 13);
    const value = (ticket[field] + 1) % 5;
    const res = await post(path(ticket.uuid), { [field]: value });
    expect(res.status).toBe(200);
    const { replies: _replies, ...item } = ticket;
    expect(res.body).toEqual({
      msg: `SupportTicket ${field} updated successfully`,
      status: 200,
      data: { ...item, [field]: value },
    });
    expect((await detail(sim, 13))[field]).toBe(value);
    expect((await post(path('13'), { [field]: 1 })).status).toBe(404);
    const invalid = await post(path(ticket.uuid), { [field]: 'urgent' });
    expect(invalid.body).toEqual({
      ...VALIDATION,
      errors: { [field]: [`The ${field} field must be an integer.`] },
    });
    const missing = await post(path(ticket.uuid), {});
    expect(missing.body).toEqual({ ...VALIDATION, errors: { [field]: [`The ${field} field is required.`] } });
  });
});

describe('notes', () => {
  it('stores a private note that shows in replies[] and deletes it', async () => {
    const ticket = await detail(sim, 14);
    const res = await post(`${BASE}/${ticket.uuid}/note-store`, { note: 'Internal: check the SMTP relay.' });
    expect(res.status).toBe(201);
    const note = (res.body as { note: { id: number } }).note;
    expect(res.body).toEqual({
      msg: 'Note added successfully',
      status: 201,
      note: {
        id: note.id,
        note: 'Internal: check the SMTP relay.',
        user: ADMIN,
        createAt: 'just now',
        date: '16-Jan-2024',
        time: '12:00PM',
      },
    });
    const withNote = await detail(sim, 14);
    expect(withNote.replies?.at(-1)).toMatchObject({
      id: note.id,
      is_private: true,
      author_type: 'team_member',
    });

    const deleted = await call(sim, `${BASE}/${ticket.uuid}/note-delete/${note.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ msg: 'Note deleted successfully', status: 200 });
    expect((await detail(sim, 14)).replies ?? []).toEqual(ticket.replies ?? []);
    const again = await call(sim, `${BASE}/${ticket.uuid}/note-delete/${note.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ ...NOT_FOUND, message: 'Note not found' });
  });

  it('does not delete a reply through note-delete, and needs the uuid', async () => {
    const withReply = (await Promise.all((await listAll(sim)).map((t) => detail(sim, t.id)))).find((d) =>
      d.replies?.some((r) => !r.is_private),
    )!;
    const reply = withReply.replies!.find((r) => !r.is_private)!;
    const res = await call(sim, `${BASE}/${withReply.uuid}/note-delete/${reply.id}`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(
      (await call(sim, `${BASE}/${withReply.id}/note-store`, { method: 'POST', json: { note: 'x' } })).status,
    ).toBe(404);
    const missing = await post(`${BASE}/${withReply.uuid}/note-store`, {});
    expect(missing.body).toEqual({ ...VALIDATION, errors: { note: ['The note field is required.'] } });
  });
});

describe('reset', () => {
  it('restores the seeded data after writes', async () => {
    const before = await listAll(sim);
    await post(BASE, CREATE_EXAMPLE);
    await post(`${BASE}/bulk-actions`, { ticket_ids: [1, 2], action: 'delete' });
    await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
    expect(await listAll(sim)).toEqual(before);
    // Ids restart too: the docs' example gets 46 again.
    expect(((await post(BASE, CREATE_EXAMPLE)).body as { data: Item }).data.id).toBe(46);
  });
});
