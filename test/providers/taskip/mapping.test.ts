import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  mapDetailTicket,
  mapListTicket,
  mapPriority,
  mapReply,
  mapStatus,
  mimeTypeOf,
} from '../../../src/providers/taskip/mapper.js';
import {
  parseTaskipDateTime,
  rawListEnvelopeSchema,
  rawReplySchema,
  rawTicketDetailSchema,
  rawTicketSchema,
} from '../../../src/providers/taskip/raw.js';
import { formatDate, formatTime } from '../../../src/simulators/taskip/render.js';

const ctx = { providerKey: 'taskip-eu' };

/** The docs' list example response, verbatim. */
const LIST_EXAMPLE = {
  data: [
    {
      id: 1,
      uuid: '550e8400-e29b-41d4-a716-446655440001',
      subject: 'Login Issues with Dashboard',
      created_by: { id: 1, name: 'Admin User', email: 'admin@taskip.com' },
      user: { id: 15, name: 'John Smith', email: 'john@acme.com' },
      priority: 3,
      status: 1,
      description: 'User cannot access dashboard after password reset',
      attachment: {
        id: 101,
        url: 'https://cdn.taskip.net/attachments/ticket-attachment.pdf',
        name: 'screenshot.pdf',
        size: 2048576,
      },
      createAt: '2 hours ago',
      date: '15-Jan-2024',
      time: '09:30AM',
    },
    {
      id: 2,
      uuid: '550e8400-e29b-41d4-a716-446655440002',
      subject: 'Feature Request: Export Functionality',
      created_by: { id: 1, name: 'Admin User', email: 'admin@taskip.com' },
      user: { id: 22, name: 'Mike Wilson', email: 'mike@techcorp.com' },
      priority: 2,
      status: 2,
      description: 'Request to add CSV export feature to reports',
      attachment: null,
      createAt: '1 day ago',
      date: '14-Jan-2024',
      time: '11:15AM',
    },
  ],
  status: 200,
};

/** The docs' detail example (ticket 46) plus Reply Objects in the documented shape. */
const DETAIL_EXAMPLE = {
  id: 46,
  uuid: '550e8400-e29b-41d4-a716-446655440046',
  subject: 'Email Notifications Not Working',
  created_by: { id: 1, name: 'Admin User', email: 'admin@taskip.com' },
  user: { id: 18, name: 'Emma Davis', email: 'emma@startup.com' },
  priority: 3,
  status: 1,
  description:
    'Customer reports that email notifications for new orders are not being received. This started happening 2 days ago.',
  attachment: {
    id: 101,
    url: 'https://cdn.taskip.net/attachments/ticket-attachment.pdf',
    name: 'error_logs.txt',
    size: 15420,
  },
  createAt: '3 hours ago',
  date: '16-Jan-2024',
  time: '10:30AM',
  replies: [
    {
      id: 104,
      message: 'Internal: linked to the mail queue incident.',
      author: 'Sarah Johnson',
      author_type: 'team_member',
      is_private: true,
      created_at: '2024-01-16T18:40:00Z',
    },
    {
      id: 103,
      message: 'The issue has been resolved. Please test the email notifications.',
      author: 'Sarah Johnson',
      author_type: 'team_member',
      is_private: false,
      created_at: '2024-01-16T18:35:00Z',
    },
    {
      id: 105,
      message: 'Works now, thanks!',
      author: 'Emma Davis',
      author_type: 'client',
      is_private: false,
      created_at: '2024-01-16T20:00:00.000000Z',
    },
    {
      id: 106,
      message: 'Ticket was closed automatically.',
      author: 'System',
      author_type: 'system',
      is_private: false,
      created_at: '2024-01-17T01:00:00+02:00',
    },
  ],
};

describe('status and priority tables', () => {
  it.each([
    [0, 'OPEN', 'open'],
    [1, 'IN_PROGRESS', 'in_progress'],
    [2, 'RESOLVED', 'resolved'],
    [3, 'CLOSED', 'closed'],
    [4, 'PENDING', 'pending'],
  ])('status %i → %s (%s)', (code, status, word) => {
    expect(mapStatus(code)).toEqual({ status, remoteStatus: word });
  });

  it.each([
    [0, 'LOW', 'low'],
    [1, 'NORMAL', 'normal'],
    [2, 'MEDIUM', 'medium'],
    [3, 'HIGH', 'high'],
    [4, 'URGENT', 'urgent'],
  ])('priority %i → %s (%s)', (code, priority, word) => {
    expect(mapPriority(code)).toEqual({ priority, remotePriority: word });
  });

  it('keeps an unknown or missing priority without inventing one', () => {
    expect(mapPriority(7)).toEqual({ priority: null, remotePriority: '7' });
    expect(mapPriority(null)).toEqual({ priority: null, remotePriority: null });
  });

  it('refuses a status code outside 0–4 at the edge', () => {
    expect(rawTicketSchema.safeParse({ ...LIST_EXAMPLE.data[0], status: 5 }).success).toBe(false);
  });
});

describe('date + time', () => {
  it.each([
    ['15-Jan-2024', '09:30AM', '2024-01-15T09:30:00.000Z'],
    ['14-Jan-2024', '11:15AM', '2024-01-14T11:15:00.000Z'],
    ['26-Jan-2024', '03:30PM', '2024-01-26T15:30:00.000Z'],
    ['01-Feb-2024', '12:05AM', '2024-02-01T00:05:00.000Z'],
    ['01-Feb-2024', '12:05PM', '2024-02-01T12:05:00.000Z'],
    ['29-Feb-2024', '11:59PM', '2024-02-29T23:59:00.000Z'],
    ['5-mar-2024', '9:00 am', '2024-03-05T09:00:00.000Z'],
  ])('%s %s is %s in UTC', (date, time, iso) => {
    expect(parseTaskipDateTime(date, time, 0)?.toISOString()).toBe(iso);
  });

  it('applies a zone offset (wall time in UTC+5:30 and UTC-5)', () => {
    expect(parseTaskipDateTime('15-Jan-2024', '09:30AM', 330)?.toISOString()).toBe(
      '2024-01-15T04:00:00.000Z',
    );
    expect(parseTaskipDateTime('15-Jan-2024', '09:30PM', -300)?.toISOString()).toBe(
      '2024-01-16T02:30:00.000Z',
    );
    expect(
      mapListTicket(rawTicketSchema.parse(LIST_EXAMPLE.data[0]), { ...ctx, zoneOffsetMinutes: 60 }).createdAt,
    ).toEqual(new Date('2024-01-15T08:30:00Z'));
  });

  it.each([
    ['31-Feb-2024', '09:30AM'],
    ['15-Foo-2024', '09:30AM'],
    ['15-Jan-2024', '13:30PM'],
    ['15-Jan-2024', '00:30AM'],
    ['15-Jan-2024', '09:60AM'],
    ['2024-01-15', '09:30AM'],
    ['15-Jan-2024', '09:30'],
  ])('refuses %s %s', (date, time) => {
    expect(parseTaskipDateTime(date, time, 0)).toBeNull();
    expect(rawTicketSchema.safeParse({ ...LIST_EXAMPLE.data[0], date, time }).success).toBe(false);
  });

  it('reads back what the simulator writes, for any minute', () => {
    const minutes = fc.integer({ min: 0, max: 200 * 365 * 1440 });
    fc.assert(
      fc.property(minutes, (m) => {
        const ms = Date.UTC(1970, 0, 1) + m * 60_000;
        expect(parseTaskipDateTime(formatDate(ms), formatTime(ms), 0)?.getTime()).toBe(ms);
      }),
    );
  });
});

describe('list items', () => {
  const [first, second] = rawListEnvelopeSchema.parse(LIST_EXAMPLE).data.map((t) => mapListTicket(t, ctx));

  it('maps the docs example item', () => {
    expect(first).toEqual({
      providerKey: 'taskip-eu',
      remoteId: '1',
      reference: null,
      subject: 'Login Issues with Dashboard',
      description: 'User cannot access dashboard after password reset',
      status: 'IN_PROGRESS',
      remoteStatus: 'in_progress',
      priority: 'HIGH',
      remotePriority: 'high',
      category: null,
      requester: { name: 'John Smith', email: 'john@acme.com', remoteId: '15' },
      unreadCount: null,
      lastMessageAt: undefined,
      createdAt: new Date('2024-01-15T09:30:00Z'),
      updatedAt: null,
      messages: undefined,
      attachments: undefined,
      raw: LIST_EXAMPLE.data[0],
    });
    expect(second).toMatchObject({
      status: 'RESOLVED',
      priority: 'MEDIUM',
      createdAt: new Date('2024-01-14T11:15:00Z'),
    });
  });

  it('leaves what the list does not carry undefined, and what TaskIP lacks null', () => {
    for (const field of ['messages', 'attachments', 'lastMessageAt'] as const)
      expect(first?.[field]).toBeUndefined();
    for (const field of ['category', 'reference', 'unreadCount', 'updatedAt'] as const)
      expect(first?.[field]).toBeNull();
    const bare = { ...LIST_EXAMPLE.data[1] } as Record<string, unknown>;
    delete bare['description'];
    delete bare['user'];
    const mapped = mapListTicket(rawTicketSchema.parse(bare), ctx);
    expect(mapped.description).toBeUndefined();
    expect(mapped.requester).toBeUndefined();
    expect(
      mapListTicket(rawTicketSchema.parse({ ...bare, user: null, description: null }), ctx),
    ).toMatchObject({
      description: null,
      requester: null,
    });
  });

  it('keeps unknown fields in raw (lenient) and refuses a missing id or subject (strict)', () => {
    const extra = rawTicketSchema.parse({ ...LIST_EXAMPLE.data[0], assigned_to: 8 });
    expect(mapListTicket(extra, ctx).raw).toMatchObject({ assigned_to: 8 });
    expect(rawTicketSchema.safeParse({ ...LIST_EXAMPLE.data[0], id: '1' }).success).toBe(false);
    expect(rawTicketSchema.safeParse({ ...LIST_EXAMPLE.data[0], subject: undefined }).success).toBe(false);
  });
});

describe('details', () => {
  const ticket = mapDetailTicket(rawTicketDetailSchema.parse(DETAIL_EXAMPLE), ctx);

  it('starts with the description as the opening message, then replies in time order', () => {
    expect(ticket.messages?.map((m) => m.remoteId)).toEqual(['opening', '103', '104', '105', '106']);
    expect(ticket.messages?.[0]).toEqual({
      remoteId: 'opening',
      body: DETAIL_EXAMPLE.description,
      author: { name: 'Emma Davis', email: 'emma@startup.com', remoteId: '18' },
      authorType: 'CUSTOMER',
      internal: false,
      attachments: [
        {
          remoteId: 'opening:101',
          url: 'https://cdn.taskip.net/attachments/ticket-attachment.pdf',
          filename: 'error_logs.txt',
          mimeType: 'text/plain',
          size: 15420,
          createdAt: null,
        },
      ],
      createdAt: new Date('2024-01-16T10:30:00Z'),
    });
  });

  it('maps author types, private replies and ISO times with fractions and offsets', () => {
    const byId = new Map(ticket.messages?.map((m) => [m.remoteId, m]));
    expect(byId.get('103')).toMatchObject({
      authorType: 'AGENT',
      internal: false,
      author: { name: 'Sarah Johnson', email: null, remoteId: null },
      createdAt: new Date('2024-01-16T18:35:00Z'),
      attachments: [],
    });
    expect(byId.get('104')).toMatchObject({ authorType: 'AGENT', internal: true });
    expect(byId.get('105')).toMatchObject({
      authorType: 'CUSTOMER',
      createdAt: new Date('2024-01-16T20:00:00Z'),
    });
    expect(byId.get('106')).toMatchObject({
      authorType: 'SYSTEM',
      createdAt: new Date('2024-01-16T23:00:00Z'),
    });
  });

  it('loads every field', () => {
    expect(ticket).toMatchObject({
      remoteId: '46',
      status: 'IN_PROGRESS',
      priority: 'HIGH',
      description: DETAIL_EXAMPLE.description,
      requester: { name: 'Emma Davis', email: 'emma@startup.com', remoteId: '18' },
      lastMessageAt: new Date('2024-01-16T23:00:00Z'),
      createdAt: new Date('2024-01-16T10:30:00Z'),
      raw: DETAIL_EXAMPLE,
    });
    for (const [field, value] of Object.entries(ticket)) expect(value, field).not.toBeUndefined();
    expect(ticket.attachments?.map((a) => a.remoteId)).toEqual(['opening:101']);
  });

  it('collects reply attachments too, with ids unique within the ticket', () => {
    const withReplyFile = {
      ...DETAIL_EXAMPLE,
      replies: [{ ...DETAIL_EXAMPLE.replies[1], attachment: { ...DETAIL_EXAMPLE.attachment } }],
    };
    const mapped = mapDetailTicket(rawTicketDetailSchema.parse(withReplyFile), ctx);
    expect(mapped.attachments?.map((a) => a.remoteId)).toEqual(['opening:101', '103:101']);
    expect(mapped.messages?.[1]?.attachments.map((a) => a.remoteId)).toEqual(['103:101']);
  });

  it('has no opening message without a description, but keeps the ticket attachment', () => {
    const raw = rawTicketDetailSchema.parse({ ...DETAIL_EXAMPLE, description: null, replies: undefined });
    const mapped = mapDetailTicket(raw, ctx);
    expect(mapped.messages).toEqual([]);
    expect(mapped.description).toBeNull();
    expect(mapped.lastMessageAt).toBeNull();
    expect(mapped.attachments?.map((a) => a.remoteId)).toEqual(['opening:101']);
  });

  it('maps the docs example detail without replies (no replies key)', () => {
    const { replies: _replies, ...bare } = DETAIL_EXAMPLE;
    const mapped = mapDetailTicket(rawTicketDetailSchema.parse(bare), ctx);
    expect(mapped.messages?.map((m) => m.remoteId)).toEqual(['opening']);
    expect(mapped.lastMessageAt).toEqual(new Date('2024-01-16T10:30:00Z'));
  });

  it('refuses an unknown author_type or a created_at without zone', () => {
    const reply = DETAIL_EXAMPLE.replies[0];
    expect(rawReplySchema.safeParse({ ...reply, author_type: 'bot' }).success).toBe(false);
    expect(rawReplySchema.safeParse({ ...reply, created_at: '2024-01-16 18:40:00' }).success).toBe(false);
    expect(
      mapReply(rawReplySchema.parse({ ...reply, author: null, is_private: null, message: null })),
    ).toMatchObject({
      author: null,
      internal: false,
      body: '',
    });
  });
});

describe('attachments', () => {
  it.each([
    ['screenshot.pdf', 'application/pdf'],
    ['error_logs.txt', 'text/plain'],
    ['Photo.JPG', 'image/jpeg'],
    ['archive.tar.gz', null],
    ['README', null],
    [null, null],
  ])('infers the MIME type of %s', (name, mime) => {
    expect(mimeTypeOf(name)).toBe(mime);
  });
});
