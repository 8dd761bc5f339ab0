import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import {
  mapAttachment,
  mapDetail,
  mapListItem,
  mapMessage,
  toDate,
} from '../../../src/providers/daakey/mapper.js';
import { rawDetail, rawListResponse, rawMessage } from '../../../src/providers/daakey/raw.js';
import { parseUpstream } from '../../../src/providers/parse.js';

/** The docs' list example (000), verbatim. */
const LIST_EXAMPLE = {
  success: true,
  message: 'Tickets retrieved',
  data: [
    {
      id: 1,
      reference: 'TK-2024-00001',
      subject: 'Vehicle not starting',
      status: 'in_progress',
      priority: 'high',
      category: 'vehicle_issue',
      last_message: 'Our technician is on the way...',
      last_message_at: '2024-01-15T11:00:00Z',
      unread_count: 2,
      created_at: '2024-01-15T10:00:00Z',
    },
    {
      id: 2,
      reference: 'TK-2024-00002',
      subject: 'Billing question',
      status: 'resolved',
      priority: 'low',
      category: 'billing',
      last_message: 'Thank you for your patience...',
      last_message_at: '2024-01-14T15:00:00Z',
      unread_count: 0,
      created_at: '2024-01-14T10:00:00Z',
    },
  ],
  meta: { agency_id: 123, agency_code: 'AGENCY123', current_page: 1, last_page: 1, per_page: 15, total: 2 },
  request_id: 'uuid',
  timestamp: '2024-01-01T00:00:00.000Z',
};

/** The docs' add-message answer (001). */
const MESSAGE_EXAMPLE = {
  id: 5,
  message: 'The technician arrived and fixed the issue. Thank you!',
  sender: 'client',
  sender_name: 'John Doe',
  attachments: [],
  created_at: '2024-01-15T12:00:00Z',
};

/** A detail in the shape the other doc page describes, built around the examples. */
function detailExample(messages: unknown[] = defaultThread()) {
  return {
    ...LIST_EXAMPLE.data[0],
    updated_at: '2024-01-15T12:00:00Z',
    booking: {
      id: 77,
      reference: 'BK-2024-000077',
      vehicle: { id: 9, plate_number: 'AB-123-CD', brand: 'Dacia', model: 'Logan' },
      start_date: '2024-01-14T09:00:00Z',
      end_date: '2024-01-16T09:00:00Z',
    },
    messages,
  };
}

function defaultThread(): unknown[] {
  // Deliberately out of order: the mapper sorts by time.
  return [
    MESSAGE_EXAMPLE,
    {
      id: 3,
      message: 'Our technician is on the way, he should be there within 30 minutes.',
      sender: 'support',
      sender_name: 'Nadia Benali',
      attachments: ['https://cdn.daakey.com/uploads/invoices/INV-BK-1.pdf'],
      created_at: '2024-01-15T11:00:00+00:00',
    },
    {
      id: 1,
      message: 'The car does not start.',
      sender: 'client',
      sender_name: 'John Doe',
      attachments: [
        'https://cdn.daakey.com/uploads/tickets/1/photo%201.jpg',
        'https://cdn.daakey.com/u/2.png',
      ],
      created_at: '2024-01-15T12:00:00+02:00',
    },
  ];
}

const list = () => parseUpstream(rawListResponse, LIST_EXAMPLE, 'daakey', 'list');
const detail = (messages?: unknown[]) =>
  parseUpstream(rawDetail, detailExample(messages), 'daakey', 'detail');

describe('list items', () => {
  it("maps the docs' example with list-only fields left undefined", () => {
    const [first, second] = list().data.map((item) => mapListItem('daakey-eu', item));
    expect(first).toEqual({
      providerKey: 'daakey-eu',
      remoteId: '1',
      reference: 'TK-2024-00001',
      subject: 'Vehicle not starting',
      status: 'IN_PROGRESS',
      remoteStatus: 'in_progress',
      priority: 'HIGH',
      remotePriority: 'high',
      category: 'vehicle_issue',
      unreadCount: 2,
      lastMessageAt: new Date('2024-01-15T11:00:00Z'),
      createdAt: new Date('2024-01-15T10:00:00Z'),
      raw: LIST_EXAMPLE.data[0],
    });
    for (const field of ['description', 'requester', 'messages', 'attachments', 'updatedAt'] as const) {
      expect(first![field]).toBeUndefined();
    }
    expect(second).toMatchObject({ status: 'RESOLVED', priority: 'LOW', unreadCount: 0 });
  });

  it('maps every status and priority of the README tables', () => {
    const item = list().data[0]!;
    const statuses = { open: 'OPEN', in_progress: 'IN_PROGRESS', resolved: 'RESOLVED', closed: 'CLOSED' };
    for (const [remote, unified] of Object.entries(statuses)) {
      const mapped = mapListItem('d', { ...item, status: remote as 'open' });
      expect([mapped.status, mapped.remoteStatus]).toEqual([unified, remote]);
    }
    const priorities = { low: 'LOW', normal: 'NORMAL', high: 'HIGH', critical: 'URGENT' };
    for (const [remote, unified] of Object.entries(priorities)) {
      const mapped = mapListItem('d', { ...item, priority: remote });
      expect([mapped.priority, mapped.remotePriority]).toEqual([unified, remote]);
    }
    expect(mapListItem('d', { ...item, priority: 'extreme' })).toMatchObject({
      priority: null,
      remotePriority: 'extreme',
    });
  });

  it('rejects an unknown status and a missing pagination meta as bad responses', () => {
    const badStatus = { ...LIST_EXAMPLE, data: [{ ...LIST_EXAMPLE.data[0], status: 'pending' }] };
    expect(() => parseUpstream(rawListResponse, badStatus, 'daakey', 'list')).toThrow(UpstreamError);
    const noMeta = { ...LIST_EXAMPLE, meta: { agency_id: 123 } };
    expect(() => parseUpstream(rawListResponse, noMeta, 'daakey', 'list')).toThrow(/UPSTREAM_BAD_RESPONSE/);
  });
});

describe('dates', () => {
  it('reads Z, offsets, microseconds and zone-less times (as UTC)', () => {
    expect(toDate('2024-01-15T10:00:00Z').toISOString()).toBe('2024-01-15T10:00:00.000Z');
    expect(toDate('2024-01-15T12:00:00+02:00').toISOString()).toBe('2024-01-15T10:00:00.000Z');
    expect(toDate('2024-01-15T10:00:00.123456Z').toISOString()).toBe('2024-01-15T10:00:00.123Z');
    expect(toDate('2024-01-15 10:00:00').toISOString()).toBe('2024-01-15T10:00:00.000Z');
    expect(toDate('2024-01-15T10:00').toISOString()).toBe('2024-01-15T10:00:00.000Z');
  });

  it('rejects a timestamp that is not one', () => {
    const bad = { ...MESSAGE_EXAMPLE, created_at: 'yesterday' };
    expect(() => parseUpstream(rawMessage, bad, 'daakey', 'message')).toThrow(/created_at/);
  });
});

describe('messages and attachments', () => {
  it("maps the docs' message: client is the customer", () => {
    expect(mapMessage(parseUpstream(rawMessage, MESSAGE_EXAMPLE, 'daakey', 'message'))).toEqual({
      remoteId: '5',
      body: 'The technician arrived and fixed the issue. Thank you!',
      author: { name: 'John Doe', email: null, remoteId: null },
      authorType: 'CUSTOMER',
      internal: false,
      attachments: [],
      createdAt: new Date('2024-01-15T12:00:00Z'),
    });
  });

  it('maps support to AGENT, anything else to SYSTEM, and a missing name to no author', () => {
    const support = mapMessage({ ...MESSAGE_EXAMPLE, sender: 'support', sender_name: 'Nadia' });
    expect(support).toMatchObject({ authorType: 'AGENT', author: { name: 'Nadia' } });
    expect(mapMessage({ ...MESSAGE_EXAMPLE, sender: 'system', sender_name: null })).toMatchObject({
      authorType: 'SYSTEM',
      author: null,
    });
  });

  it('names URL attachments by message and position, the file name from the URL', () => {
    const at = new Date('2024-01-15T10:00:00Z');
    expect(mapAttachment('https://cdn.daakey.com/a/photo%201.jpg?sig=x', 7, 0, at)).toEqual({
      remoteId: '7-1',
      url: 'https://cdn.daakey.com/a/photo%201.jpg?sig=x',
      filename: 'photo 1.jpg',
      mimeType: null,
      size: null,
      createdAt: at,
    });
    const object = { url: 'https://x.test/f', name: 'receipt.pdf', mime_type: 'application/pdf', size: 12 };
    expect(mapAttachment(object, 7, 1, at)).toMatchObject({
      remoteId: '7-2',
      filename: 'receipt.pdf',
      mimeType: 'application/pdf',
      size: 12,
    });
  });
});

describe('details', () => {
  it('maps every field: thread in time order, the first message is the description', () => {
    const raw = detail();
    const ticket = mapDetail('daakey', raw);
    expect(ticket.messages!.map((m) => m.remoteId)).toEqual(['1', '3', '5']);
    expect(ticket.messages!.some((m) => m.remoteId === 'opening')).toBe(false);
    expect(ticket.description).toBe('The car does not start.');
    expect(ticket.requester).toEqual({ name: 'John Doe', email: null, remoteId: null });
    expect(ticket.updatedAt).toEqual(new Date('2024-01-15T12:00:00Z'));
    expect(ticket.lastMessageAt).toEqual(new Date('2024-01-15T11:00:00Z'));
    expect(ticket).toMatchObject({
      status: 'IN_PROGRESS',
      priority: 'HIGH',
      category: 'vehicle_issue',
      unreadCount: 2,
    });
    expect(ticket.raw).toBe(raw);
  });

  it('collects every message attachment on the ticket, ids unique', () => {
    const ticket = mapDetail('daakey', detail());
    expect(ticket.attachments!.map((a) => [a.remoteId, a.filename])).toEqual([
      ['1-1', 'photo 1.jpg'],
      ['1-2', '2.png'],
      ['3-1', 'INV-BK-1.pdf'],
    ]);
    expect(ticket.attachments![0]!.createdAt).toEqual(new Date('2024-01-15T10:00:00Z'));
  });

  it('uses null, not undefined, for what a loaded ticket does not have', () => {
    const ticket = mapDetail(
      'daakey',
      parseUpstream(
        rawDetail,
        { ...detailExample([]), updated_at: undefined, last_message_at: null, category: null },
        'daakey',
        'detail',
      ),
    );
    expect(ticket).toMatchObject({
      description: null,
      requester: null,
      updatedAt: null,
      lastMessageAt: null,
      category: null,
      messages: [],
      attachments: [],
    });
  });

  it('takes lastMessageAt from the thread when the detail lacks it, and the requester from the client only', () => {
    const agentOnly = [{ ...MESSAGE_EXAMPLE, sender: 'support', sender_name: 'Nadia' }];
    const raw = { ...detailExample(agentOnly), last_message_at: undefined };
    const ticket = mapDetail('daakey', parseUpstream(rawDetail, raw, 'daakey', 'detail'));
    expect(ticket.lastMessageAt).toEqual(new Date('2024-01-15T12:00:00Z'));
    expect(ticket.requester).toBeNull();
    expect(ticket.description).toBe(MESSAGE_EXAMPLE.message);
  });
});
