import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { NOW, TOKEN, call, form, listAll, startIppanel, type Item, type Shown } from './helpers.js';

const PERSIAN = /[\u0600-\u06FF]/;
const auth = { authorization: TOKEN };

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startIppanel();
});
afterAll(() => sim.close());
// Writes change the data: every test starts from the seed.
beforeEach(async () => {
  await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
});

async function openTicket(): Promise<Item> {
  return (await listAll(sim)).find((t) => t.state_id !== 4) as Item;
}

function post<T>(path: string, body: BodyInit, headers: Record<string, string> = auth) {
  return call<T>(sim, path, { method: 'POST', headers, body });
}

function expectValidation(
  res: { status: number; body: { meta: { message_code: string } } },
  fields: string[],
) {
  expect(res.status).toBe(422);
  const meta = res.body.meta as { message_code: string; status: boolean; errors: Record<string, string[]> };
  expect(meta.status).toBe(false);
  expect(meta.message_code).toBe('400-2');
  expect(Object.keys(meta.errors).sort()).toEqual([...fields].sort());
  for (const f of fields) expect(meta.errors[f]?.[0]).toMatch(PERSIAN);
}

describe('POST /api/ticket/interaction', () => {
  it('adds a reply with a file and returns data{interaction_id, ticket}', async () => {
    const before = await openTicket();
    const png = new File([new Uint8Array(2048)], 'screenshot.png', { type: 'image/png' });
    const body = form({ ticket_id: String(before.id), description: 'پاسخ مشتری' }, { file: png });
    const { status, body: res } = await post<{ interaction_id: number; ticket: Item }>(
      '/api/ticket/interaction',
      body,
    );
    expect(status).toBe(200);
    expect(res.meta).toMatchObject({ status: true, message_code: '200-1' });
    expect(res.data.interaction_id).toEqual(expect.any(Number));
    expect(res.data.ticket.id).toBe(before.id);
    expect(res.data.ticket.interaction_count).toBe((before.interaction_count ?? 0) + 1);
    expect(Date.parse(res.data.ticket.updated_at ?? '')).toBeGreaterThanOrEqual(NOW);
    expect(res.data.ticket.state_id).toBe(2);

    const shown = await call<Shown>(sim, `/api/ticket/show?ticket_id=${before.id}`);
    const last = shown.body.data.interactions?.at(-1);
    expect(last).toMatchObject({
      id: res.data.interaction_id,
      description: 'پاسخ مشتری',
      agent_id: null,
      private: 0,
    });
    expect(last?.attachment).toMatch(/^https:\/\/.+\.png$/);
  });

  it('accepts a urlencoded body too, like any Laravel form request', async () => {
    const t = await openTicket();
    const body = new URLSearchParams({ ticket_id: String(t.id), description: 'ok' });
    expect((await post('/api/ticket/interaction', body)).status).toBe(200);
  });

  it('refuses missing fields, a JSON body, unknown and closed tickets', async () => {
    const t = await openTicket();
    expectValidation(await post('/api/ticket/interaction', form({ ticket_id: String(t.id) })), [
      'description',
    ]);
    expectValidation(await post('/api/ticket/interaction', form({ description: 'x' })), ['ticket_id']);
    const json = JSON.stringify({ ticket_id: t.id, description: 'x' });
    expectValidation(
      await post('/api/ticket/interaction', json, { ...auth, 'content-type': 'application/json' }),
      ['ticket_id', 'description'],
    );
    expectValidation(await post('/api/ticket/interaction', form({ ticket_id: '1', description: 'x' })), [
      'ticket_id',
    ]);
    const closed = (await listAll(sim)).find((x) => x.state_id === 4) as Item;
    expectValidation(
      await post('/api/ticket/interaction', form({ ticket_id: String(closed.id), description: 'x' })),
      ['ticket_id'],
    );
  });

  it.each([
    ['a pdf', new File(['%PDF'], 'invoice.pdf', { type: 'application/pdf' })],
    ['a jpeg-named file', new File(['x'], 'photo.jpeg', { type: 'image/jpeg' })],
    [
      'a file over 10 MB',
      new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'logs.zip', { type: 'application/zip' }),
    ],
  ])('refuses %s', async (_name, file) => {
    const t = await openTicket();
    const body = form({ ticket_id: String(t.id), description: 'x' }, { file });
    expectValidation(await post('/api/ticket/interaction', body), ['file']);
    const after = await call<Shown>(sim, `/api/ticket/show?ticket_id=${t.id}`);
    expect(after.body.data.interactions).toHaveLength(t.interaction_count ?? -1);
  });

  it('accepts exactly 10 MB', async () => {
    const t = await openTicket();
    const zip = new File([new Uint8Array(10 * 1024 * 1024)], 'logs.ZIP', { type: 'application/zip' });
    expect(
      (
        await post(
          '/api/ticket/interaction',
          form({ ticket_id: String(t.id), description: 'x' }, { file: zip }),
        )
      ).status,
    ).toBe(200);
  });
});

describe('POST /api/ticket', () => {
  const valid = {
    subject: 'خط خدماتی جدید',
    category_id: '11',
    description: 'لطفا راهنمایی کنید',
    sms_notification: '1',
  };

  it('opens a ticket that lists first, waiting for response', async () => {
    const { status, body } = await post<{ ticket_id: number }>('/api/ticket', form(valid));
    expect(status).toBe(200);
    expect(body.meta).toMatchObject({ status: true, message_code: '200-1' });
    expect(Object.keys(body.data)).toEqual(['ticket_id']);
    const first = (await listAll(sim))[0] as Item;
    expect(first).toMatchObject({ id: body.data.ticket_id, subject: valid.subject, desc: valid.description });
    expect(first).toMatchObject({
      category_id: 11,
      state_id: 1,
      importance: 'normal',
      sms_notification: 1,
      interaction_count: 0,
    });
    const shown = await call<Shown>(sim, `/api/ticket/show?ticket_id=${body.data.ticket_id}`);
    expect(shown.body.data).toMatchObject({
      category: 'System Questions',
      attachment: null,
      interactions: [],
    });
  });

  it('stores an uploaded file as the ticket attachment', async () => {
    const jpg = new File([new Uint8Array(10)], 'receipt.jpg', { type: 'image/jpeg' });
    const { body } = await post<{ ticket_id: number }>('/api/ticket', form(valid, { file: jpg }));
    const shown = await call<Shown>(sim, `/api/ticket/show?ticket_id=${body.data.ticket_id}`);
    expect(shown.body.data.attachment).toMatch(/^https:\/\/.+\.jpg$/);
  });

  it.each([
    ['a non-numeric category_id', { category_id: 'api' }, ['category_id']],
    ['an unknown category_id', { category_id: '99' }, ['category_id']],
    ['an sms_notification other than 0/1', { sms_notification: 'yes' }, ['sms_notification']],
    ['a subject over 255 characters', { subject: 'x'.repeat(256) }, ['subject']],
    ['an empty description', { description: '' }, ['description']],
  ])('refuses %s', async (_name, patch, fields) => {
    expectValidation(await post('/api/ticket', form({ ...valid, ...patch })), fields);
    expect((await listAll(sim)).length).toBe(40);
  });

  it('refuses a JSON body: the form fields are all missing', async () => {
    const res = await post('/api/ticket', JSON.stringify(valid), {
      ...auth,
      'content-type': 'application/json',
    });
    expectValidation(res, ['subject', 'category_id', 'description', 'sms_notification']);
  });

  it('refuses a disallowed file type', async () => {
    const exe = new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' });
    expectValidation(await post('/api/ticket', form(valid, { file: exe })), ['file']);
  });
});

describe('reset', () => {
  it('restores the seeded data after writes', async () => {
    const before = await listAll(sim);
    await post(
      '/api/ticket',
      form({ subject: 's', category_id: '10', description: 'd', sms_notification: '0' }),
    );
    expect((await listAll(sim)).length).toBe(41);
    await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
    expect(await listAll(sim)).toEqual(before);
  });
});
