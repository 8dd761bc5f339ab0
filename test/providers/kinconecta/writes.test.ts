import { describe, expect, it } from 'vitest';
import { capabilitiesOf, type TicketProvider } from '../../../src/providers/provider.js';
import { CREATE, CREATE_INPUT as INPUT, ITEM, useSimulator } from './harness.js';
import {
  SIZE,
  call,
  kinconectaProvider,
  startKinconecta,
  ticketOf,
  ticketsOf,
  upstreamErrorOf,
} from './helpers.js';

/** The injected clock: later than every demo ticket, so a created ticket lists first. */
const CLOCK = new Date('2026-03-20T08:30:00.000Z');

const h = useSimulator();
const provider = () => h.provider({}, () => CLOCK);

describe('the write capabilities', () => {
  it('are CREATE_TICKET and ATTACHMENT_URLS only: no write targets an existing ticket', () => {
    const p: TicketProvider = h.provider();
    expect(capabilitiesOf(p)).toEqual([
      'LIST_TICKETS',
      'READ_TICKET',
      'READ_MESSAGES',
      'CREATE_TICKET',
      'ATTACHMENT_URLS',
    ]);
    expect(Object.keys(p.writes)).toEqual(['createTicket']);
    expect(typeof p.categories).toBe('function');
    // Without the other writes, NOT_FOUND and TICKET_CLOSED rejections cannot arise on Kinconecta.
    expect(p.features.uploadFiles).toBeUndefined();
  });
});

describe('createTicket', () => {
  it('sends one POST and returns the created ticket fully loaded, without a re-read', async () => {
    const ticket = await provider().writes.createTicket(INPUT);
    expect(h.sim().controls.stats()).toEqual({ total: 1, requests: { [CREATE]: 1 } });
    expect(ticket).toMatchObject({
      providerKey: 'kinconecta',
      subject: INPUT.subject,
      description: INPUT.body,
      status: 'OPEN',
      remoteStatus: 'open',
      priority: null,
      category: 'Bookings',
      requester: { name: 'Emily Smith', email: 'emily.smith@example.com', remoteId: null },
      attachments: [],
    });
    expect(ticket.createdAt).toEqual(CLOCK);
    expect(ticket.updatedAt).toEqual(CLOCK);
    expect(ticket.messages).toEqual([
      expect.objectContaining({ remoteId: 'opening', body: INPUT.body, authorType: 'CUSTOMER' }),
    ]);
    for (const [field, value] of Object.entries(ticket)) expect(value, field).not.toBeUndefined();
    expect(h.sim().controls.requests(ITEM)).toBe(0);
  });

  it('fills in roleContext "tourist", status "open" and both timestamps from the clock', async () => {
    const ticket = await provider().writes.createTicket(INPUT);
    const stored = ticketOf(await call(h.sim().baseUrl, `/api/support-tickets/${ticket.remoteId}`));
    expect(stored).toMatchObject({
      roleContext: 'tourist',
      fullName: 'Emily Smith',
      email: 'emily.smith@example.com',
      category: 'Bookings',
      message: INPUT.body,
      status: 'open',
      createdAt: '2026-03-20T08:30:00Z',
      updatedAt: '2026-03-20T08:30:00Z',
    });
  });

  it('shows up first in the list (the injected clock is the newest time)', async () => {
    const p = provider();
    const ticket = await p.writes.createTicket(INPUT);
    const page = await p.listTickets({ filter: {}, page: 1 });
    expect(page.tickets).toHaveLength(SIZE + 1);
    expect(page.tickets[0]).toMatchObject({ remoteId: ticket.remoteId, subject: INPUT.subject });
  });

  it('sends attachment URLs as {fileName: last URL segment, fileUrl}', async () => {
    const urls = [
      'https://files.example.com/receipts/pago%20tarjeta.pdf?sig=abc',
      'https://files.example.com/photos/boarding-pass.png',
      'https://files.example.com/',
    ];
    const ticket = await provider().writes.createTicket({ ...INPUT, attachmentUrls: urls });
    const stored = ticketOf(await call(h.sim().baseUrl, `/api/support-tickets/${ticket.remoteId}`));
    expect(stored.attachments.map((a) => [a.fileName, a.fileUrl])).toEqual([
      ['pago tarjeta.pdf', urls[0]],
      ['boarding-pass.png', urls[1]],
      ['files.example.com', urls[2]],
    ]);
    expect(ticket.attachments?.map((a) => [a.filename, a.url, a.mimeType])).toEqual([
      ['pago tarjeta.pdf', urls[0], 'application/pdf'],
      ['boarding-pass.png', urls[1], 'image/png'],
      ['files.example.com', urls[2], null],
    ]);
    expect(ticket.messages?.[0]?.attachments).toHaveLength(3);
  });
});

describe('authentication', () => {
  it('a refused token is UPSTREAM_AUTH (nothing was written)', async () => {
    const locked = await startKinconecta({ credentials: { token: 'right' } });
    const p = kinconectaProvider(locked.baseUrl, { credentials: { token: 'wrong' } });
    try {
      expect((await upstreamErrorOf(p.writes.createTicket(INPUT))).code).toBe('UPSTREAM_AUTH');
      const list = await call(locked.baseUrl, '/api/support-tickets', { headers: locked.headers });
      expect(ticketsOf(list)).toHaveLength(SIZE);
    } finally {
      await p.close();
      await locked.close();
    }
  });
});
