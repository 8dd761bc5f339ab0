import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulators/index.js';
import { NOW, listAll, startIppanel, type Item, type Shown } from './helpers.js';
import {
  ROUTES,
  closeOpened,
  file,
  ippanel,
  newMessage,
  newTicket,
  rejection,
  upstreamError,
} from './write-helpers.js';

let sim: RunningSimulator;
let openId: string;
let closedId: string;

beforeAll(async () => {
  sim = await startIppanel();
  const items = await listAll(sim);
  openId = String((items.find((t) => t.state_id === 1) as Item).id);
  closedId = String((items.find((t) => t.state_id === 4) as Item).id);
  sim.controls.reset();
});
afterEach(async () => {
  await fetch(`${sim.origin}/__sim/reset`, { method: 'POST' });
  await closeOpened();
});
afterAll(() => sim.close());

describe('createTicket', () => {
  it('sends one multipart POST and returns the new ticket as show reads it', async () => {
    const ticket = await ippanel(sim).writes.createTicket(newTicket({ files: [file('receipt.png')] }));
    expect(ticket).toMatchObject({
      subject: 'خط خدماتی جدید',
      description: 'لطفا راهنمایی کنید',
      category: 'System Questions',
      status: 'OPEN',
      remoteStatus: 'waiting_response',
      priority: 'NORMAL',
    });
    expect(ticket.createdAt.getTime()).toBeGreaterThanOrEqual(NOW);
    expect(ticket.messages?.map((m) => [m.remoteId, m.body])).toEqual([['opening', 'لطفا راهنمایی کنید']]);
    expect(ticket.attachments?.[0]?.filename).toMatch(/\.png$/);
    // No SMS to the panel owner for a ticket opened through the gateway.
    expect((ticket.raw as Shown)['sms_notification']).toBe(0);
    expect(sim.controls.stats().requests).toEqual({ [ROUTES.create]: 1, [ROUTES.show]: 1 });
    expect((await listAll(sim))[0]?.id).toBe(Number(ticket.remoteId));
  });

  it('refuses locally, without a call, what IPPanel would refuse for sure', async () => {
    const p = ippanel(sim);
    const error = await rejection(
      p.writes.createTicket(
        newTicket({
          subject: ' ',
          body: '',
          category: null,
          priority: 'HIGH',
          requester: { name: 'Sara', email: null },
          attachmentUrls: ['https://example.com/a.png'],
          files: [file('a.png'), file('b.png')],
        }),
      ),
      'VALIDATION',
    );
    expect(error.fieldErrors.map((e) => e.field)).toEqual([
      'subject',
      'body',
      'attachmentUrls',
      'attachments',
      'category',
      'priority',
      'requester.name',
    ]);
    const bad = await rejection(
      p.writes.createTicket(newTicket({ category: { id: 'api', name: 'API' } })),
      'VALIDATION',
    );
    expect(bad.fieldErrors).toEqual([{ field: 'category', message: 'IPPanel category ids are numbers.' }]);
    expect(sim.controls.requests()).toBe(0);
  });

  it("maps IPPanel's 422 to unified fields with its Persian messages verbatim", async () => {
    const input = newTicket({
      subject: 'x'.repeat(256),
      category: { id: '99', name: 'Unknown' },
      files: [file('setup.exe')],
    });
    const error = await rejection(ippanel(sim).writes.createTicket(input), 'VALIDATION');
    expect(error.fieldErrors).toEqual([
      { field: 'subject', message: 'موضوع نباید بیشتر از 255 کاراکتر داشته باشد.' },
      { field: 'category', message: 'دسته بندی انتخاب شده، معتبر نیست.' },
      { field: 'attachments', message: 'فایل باید یکی از فرمت های zip, jpg, png باشد.' },
    ]);
    expect(error.message).toBe('موضوع نباید بیشتر از 255 کاراکتر داشته باشد.');
    expect(sim.controls.requests(ROUTES.create)).toBe(1);
    expect(sim.controls.requests(ROUTES.show)).toBe(0);
  });

  it('keeps the upstream name of a field it does not know', async () => {
    const errors = { sms_notification: ['اطلاع رسانی پیامکی انتخاب شده، معتبر نیست.'] };
    const body = { data: null, meta: { status: false, message: 'x', message_code: '400-2', errors } };
    sim.controls.addFault({ route: ROUTES.create, kind: 'status', status: 422, body });
    const error = await rejection(ippanel(sim).writes.createTicket(newTicket()), 'VALIDATION');
    expect(error.fieldErrors).toEqual([{ field: 'sms_notification', message: errors.sms_notification[0] }]);
  });

  it('answers UPSTREAM_BAD_RESPONSE for a refusal no branch expects', async () => {
    const body = {
      data: null,
      meta: { status: false, message: 'آدرس مورد نظر یافت نشد', message_code: '404-2' },
    };
    sim.controls.addFault({ route: ROUTES.create, kind: 'status', status: 404, body });
    await upstreamError(ippanel(sim).writes.createTicket(newTicket()), 'UPSTREAM_BAD_RESPONSE');
  });
});

describe('addMessage', () => {
  it('replies with a file and returns the new message and the ticket, now waiting for support', async () => {
    const before = (await ippanel(sim).getTickets([openId]))[0];
    const { message, ticket } = await ippanel(sim).writes.addMessage(
      newMessage(openId, { files: [file('log.zip')] }),
    );
    expect(message).toMatchObject({ body: 'Any news?', authorType: 'CUSTOMER', internal: false });
    expect(message.attachments[0]?.filename).toMatch(/\.zip$/);
    expect(ticket.messages?.at(-1)).toEqual(message);
    expect(ticket.messages).toHaveLength(((before as { messages?: unknown[] }).messages?.length ?? 0) + 1);
    expect(ticket).toMatchObject({
      remoteId: openId,
      status: 'IN_PROGRESS',
      remoteStatus: 'waiting_support',
    });
    expect(sim.controls.requests(ROUTES.reply)).toBe(1);
  });

  it('refuses an empty body, an internal note and URLs locally', async () => {
    const input = newMessage(openId, {
      body: '  ',
      internal: true,
      attachmentUrls: ['https://x.test/a.png'],
    });
    const error = await rejection(ippanel(sim).writes.addMessage(input), 'VALIDATION');
    expect(error.fieldErrors.map((e) => e.field)).toEqual(['body', 'attachmentUrls', 'internal']);
    expect(sim.controls.requests()).toBe(0);
  });

  it('answers NOT_FOUND for an unknown ticket (IPPanel: 422 on ticket_id, confirmed by show)', async () => {
    const p = ippanel(sim);
    await rejection(p.writes.addMessage(newMessage('999')), 'NOT_FOUND');
    expect(sim.controls.stats().requests).toEqual({ [ROUTES.reply]: 1, [ROUTES.show]: 1 });
    await rejection(p.writes.addMessage(newMessage('abc')), 'NOT_FOUND');
    expect(sim.controls.requests(ROUTES.reply)).toBe(1);
  });

  it('answers TICKET_CLOSED for a closed ticket', async () => {
    const error = await rejection(ippanel(sim).writes.addMessage(newMessage(closedId)), 'TICKET_CLOSED');
    expect(error.message).toContain(closedId);
  });

  it("maps a refused file to attachments with IPPanel's message", async () => {
    const error = await rejection(
      ippanel(sim).writes.addMessage(newMessage(openId, { files: [file('invoice.pdf')] })),
      'VALIDATION',
    );
    expect(error.fieldErrors).toEqual([
      { field: 'attachments', message: 'فایل باید یکی از فرمت های zip, jpg, png باشد.' },
    ]);
  });

  it('keeps a 422 on ticket_id of an open ticket as VALIDATION on ticketId', async () => {
    const errors = { ticket_id: ['شناسه تیکت باید عدد صحیح باشد.'] };
    const body = { data: null, meta: { status: false, message: 'x', message_code: '400-2', errors } };
    sim.controls.addFault({ route: ROUTES.reply, kind: 'status', status: 422, body });
    const error = await rejection(ippanel(sim).writes.addMessage(newMessage(openId)), 'VALIDATION');
    expect(error.fieldErrors).toEqual([{ field: 'ticketId', message: errors.ticket_id[0] }]);
  });

  it('answers NOT_FOUND for a 404 `404-1`, as the show route words it', async () => {
    const body = {
      data: null,
      meta: { status: false, message: 'تیکت مورد نظر یافت نشد', message_code: '404-1' },
    };
    sim.controls.addFault({ route: ROUTES.reply, kind: 'status', status: 404, body });
    await rejection(ippanel(sim).writes.addMessage(newMessage(openId)), 'NOT_FOUND');
  });
});
