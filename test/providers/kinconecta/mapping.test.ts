import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rawTicketSchema, type RawTicket } from '../../../src/providers/kinconecta/raw.js';
import {
  guessMimeType,
  mapStatus,
  mapTicket,
  parseTimestamp,
} from '../../../src/providers/kinconecta/mapper.js';
import { DOCS_CREATE } from './helpers.js';

/** The docs' create example as the API returns it: with an id and attachments. */
const DOCS_TICKET: RawTicket = rawTicketSchema.parse({
  id: 41,
  ...DOCS_CREATE,
  updatedAt: '2026-03-11T09:15:30.500Z',
  attachments: [
    {
      id: 7,
      fileName: 'booking-confirmation.PDF',
      fileUrl: 'https://cdn.kinconecta.com/a/7/booking-confirmation.PDF',
    },
    { id: 8, fileName: 'itinerary.docx', fileUrl: 'https://cdn.kinconecta.com/a/8/itinerary.docx' },
  ],
});

describe('mapTicket', () => {
  const ticket = mapTicket('kinconecta-mx', DOCS_TICKET);

  it('maps the docs example field by field, keeping the raw payload', () => {
    expect(ticket).toMatchObject({
      providerKey: 'kinconecta-mx',
      remoteId: '41',
      reference: null,
      subject: 'Question about tour cancellation',
      description: DOCS_CREATE.message,
      status: 'OPEN',
      remoteStatus: 'open',
      priority: null,
      remotePriority: null,
      category: 'General Inquiry',
      requester: { name: 'Ana Martinez', email: 'ana@example.com', remoteId: null },
      unreadCount: null,
    });
    expect(ticket.createdAt.toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(ticket.updatedAt?.toISOString()).toBe('2026-03-11T09:15:30.500Z');
    expect(ticket.lastMessageAt?.toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(ticket.raw).toBe(DOCS_TICKET);
  });

  it('loads every field (the list carries full objects): nothing is undefined', () => {
    for (const [field, value] of Object.entries(ticket)) expect(value, field).not.toBeUndefined();
    for (const field of [
      'description',
      'category',
      'requester',
      'unreadCount',
      'lastMessageAt',
      'updatedAt',
    ]) {
      expect(field in ticket).toBe(true);
    }
  });

  it('makes the message the only, opening message, from the requester', () => {
    expect(ticket.messages).toHaveLength(1);
    const [opening] = ticket.messages ?? [];
    expect(opening).toMatchObject({
      remoteId: 'opening',
      body: DOCS_CREATE.message,
      author: { name: 'Ana Martinez', email: 'ana@example.com', remoteId: null },
      authorType: 'CUSTOMER',
      internal: false,
    });
    expect(opening?.createdAt.toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(opening?.attachments).toEqual(ticket.attachments);
  });

  it('maps attachments with unique ids, no size or time, and an obvious mime type only', () => {
    expect(ticket.attachments).toEqual([
      {
        remoteId: '7',
        url: 'https://cdn.kinconecta.com/a/7/booking-confirmation.PDF',
        filename: 'booking-confirmation.PDF',
        mimeType: 'application/pdf',
        size: null,
        createdAt: null,
      },
      {
        remoteId: '8',
        url: 'https://cdn.kinconecta.com/a/8/itinerary.docx',
        filename: 'itinerary.docx',
        mimeType: null,
        size: null,
        createdAt: null,
      },
    ]);
  });

  it('maps a ticket without attachments and with missing optional fields to known-empty values', () => {
    const bare = mapTicket(
      'k',
      rawTicketSchema.parse({
        id: '9',
        subject: 'Hola',
        status: 'closed',
        createdAt: '2026-01-02T03:04:05Z',
        attachments: null,
      }),
    );
    expect(bare).toMatchObject({
      remoteId: '9',
      description: null,
      category: null,
      requester: { name: null, email: null, remoteId: null },
      updatedAt: null,
      attachments: [],
      status: 'CLOSED',
    });
    expect(bare.messages?.[0]).toMatchObject({ remoteId: 'opening', body: '', attachments: [] });
  });
});

describe('status table', () => {
  it.each([
    ['open', 'OPEN'],
    ['in_progress', 'IN_PROGRESS'],
    ['resolved', 'RESOLVED'],
    ['closed', 'CLOSED'],
    ['In Progress', 'IN_PROGRESS'],
    ['CLOSED', 'CLOSED'],
    ['in-progress', 'IN_PROGRESS'],
    ['created', 'OPEN'],
    ['escalated', 'OPEN'],
  ])('%s → %s, keeping the remote value', (remote, unified) => {
    expect(mapStatus(remote)).toBe(unified);
    const t = mapTicket('k', { ...DOCS_TICKET, status: remote });
    expect(t.status).toBe(unified);
    expect(t.remoteStatus).toBe(remote);
  });

  it('never maps to PENDING (Kinconecta has no such status)', () => {
    fc.assert(fc.property(fc.string(), (s) => mapStatus(s) !== 'PENDING'));
  });
});

describe('timestamps', () => {
  it.each([
    ['2026-03-10T11:00:00Z', '2026-03-10T11:00:00.000Z'],
    ['2026-03-10T05:00:00-06:00', '2026-03-10T11:00:00.000Z'],
    ['2026-03-10T12:00:00+0100', '2026-03-10T11:00:00.000Z'],
    ['2026-03-10T11:00:00', '2026-03-10T11:00:00.000Z'],
    ['2026-03-10T11:00:00.123456', '2026-03-10T11:00:00.123Z'],
    ['2026-03-10T11:00', '2026-03-10T11:00:00.000Z'],
  ])('%s is %s (zone-less is UTC)', (value, iso) => {
    expect(rawTicketSchema.safeParse({ ...DOCS_TICKET, createdAt: value }).success).toBe(true);
    expect(parseTimestamp(value).toISOString()).toBe(iso);
  });

  it.each(['2026-03-10 11:00:00', '10/03/2026', '', '2026-13-45T99:00:00Z', 'yesterday'])(
    'rejects %j at the edge',
    (value) => {
      expect(rawTicketSchema.safeParse({ ...DOCS_TICKET, createdAt: value }).success).toBe(false);
    },
  );
});

describe('raw schema', () => {
  it('is strict where the gateway relies on a field', () => {
    const { subject: _s, ...noSubject } = DOCS_TICKET;
    expect(rawTicketSchema.safeParse(noSubject).success).toBe(false);
    expect(rawTicketSchema.safeParse({ ...DOCS_TICKET, id: 'abc' }).success).toBe(false);
    expect(rawTicketSchema.safeParse({ ...DOCS_TICKET, status: '' }).success).toBe(false);
    expect(
      rawTicketSchema.safeParse({ ...DOCS_TICKET, attachments: [{ id: 1, fileName: 'a' }] }).success,
    ).toBe(false);
  });

  it('keeps fields it does not know', () => {
    const parsed = rawTicketSchema.parse({ ...DOCS_TICKET, assignedTo: 'soporte' });
    expect(parsed['assignedTo']).toBe('soporte');
  });
});

describe('guessMimeType', () => {
  it.each([
    ['photo.JPG', 'image/jpeg'],
    ['scan.jpeg', 'image/jpeg'],
    ['screen.png', 'image/png'],
    ['doc.pdf', 'application/pdf'],
    ['notes.txt', 'text/plain'],
    ['archive.zip', null],
    ['README', null],
    [null, null],
  ])('%s → %s', (name, mime) => {
    expect(guessMimeType(name)).toBe(mime);
  });
});
