import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import {
  mapAttachment,
  mapListItem,
  mapShow,
  parseIppanelDate,
} from '../../../src/providers/ippanel/mapper.js';
import {
  rawListEnvelope,
  rawShow,
  type RawListItem,
  type RawShow,
} from '../../../src/providers/ippanel/raw.js';
import { parseUpstream } from '../../../src/providers/parse.js';

const KEY = 'ippanel-test';

/** The docs' first list item, verbatim. */
const DOC_ITEM = {
  id: 100001,
  ticket_id: 100001,
  user_id: 200001,
  parent_id: 300001,
  category_id: 10,
  sub_category_id: 20,
  importance: 'acute',
  state_id: 3,
  subject: 'Sample ticket with file',
  desc: 'Sample description for file upload',
  manager_comment: null,
  close_desc: null,
  admin_seen: 1,
  user_seen: 1,
  sms_notification: 0,
  interaction_count: 1,
  longest_interaction: 0,
  min_rate: null,
  deleted_at: null,
  created_at: '2025-01-01T10:00:00.000000Z',
  updated_at: '2025-01-01T11:00:00.000000Z',
  jira_id: 40001,
  rate: 0,
  rate_comment: null,
  user: { user_id: 200001, uname: 'sampleuser' },
  category: { id: 10, name: 'Plugins, Domains, API' },
  sub_category: { id: 20, title: 'System Errors' },
  state: { id: 3, name: 'replied' },
  forward: {
    id: 500001,
    from: 200001,
    ticket_id: 100001,
    to: 1,
    created_at: '2025-01-01T10:00:00.000000Z',
    updated_at: '2025-01-01T10:10:00.000000Z',
    deleted_at: null,
    seen: 1,
  },
};

const DOC_META = {
  current_page: 1,
  from: 1,
  last_page: 15,
  per_page: 2,
  to: 2,
  total: 30,
  status: true,
  message: 'Success',
  message_code: '200-1',
};

/** A show payload in the README's described shape, for the same ticket. */
const SHOW = {
  id: 100001,
  ticket_id: 100001,
  user_id: 200001,
  username: 'sampleuser',
  subject: 'Sample ticket with file',
  description: 'Sample description for file upload',
  category: 'Plugins, Domains, API',
  importance: 'acute',
  state_id: 3,
  state: 'replied',
  created_at: '2025-01-01 10:00:00',
  updated_at: '2025-01-01 11:00:00',
  attachment: 'https://edge.ippanel.com/storage/tickets/100001/report.zip',
  interactions: [
    {
      id: 7,
      description: 'Still failing, see screenshot',
      agent_id: null,
      agent_username: null,
      created_at: '2025-01-01 10:45:00',
      attachment: 'https://edge.ippanel.com/storage/tickets/100001/error%20shot.png',
      private: 0,
      username: 'sampleuser',
    },
    {
      id: 5,
      description: 'Please send the message id.',
      agent_id: 1,
      agent_username: 'support_sara',
      created_at: '2025-01-01 10:30:00',
      attachment: null,
      private: 0,
      username: null,
    },
    {
      id: 9,
      description: 'Operator error 14 in the logs.',
      agent_id: 7,
      agent_username: 'm.rezaei',
      created_at: '2025-01-01 11:00:00',
      attachment: null,
      private: 1,
      username: null,
    },
  ],
};

function item(patch: Record<string, unknown> = {}): RawListItem {
  const envelope = parseUpstream(
    rawListEnvelope,
    { data: [{ ...DOC_ITEM, ...patch }], meta: DOC_META },
    KEY,
    'list',
  );
  return envelope.data[0] as RawListItem;
}

function show(patch: Record<string, unknown> = {}): RawShow {
  return parseUpstream(rawShow, { ...SHOW, ...patch }, KEY, 'show');
}

describe('list items', () => {
  it('parses the docs example envelope', () => {
    const envelope = parseUpstream(rawListEnvelope, { data: [DOC_ITEM], meta: DOC_META }, KEY, 'list');
    expect(envelope.meta).toMatchObject({ current_page: 1, last_page: 15, total: 30 });
  });

  it('maps the docs example; fields the list lacks stay undefined', () => {
    const t = mapListItem(item(), KEY);
    expect(t).toMatchObject({
      providerKey: KEY,
      remoteId: '100001',
      reference: '100001',
      subject: 'Sample ticket with file',
      description: 'Sample description for file upload',
      status: 'PENDING',
      remoteStatus: 'replied',
      priority: 'HIGH',
      remotePriority: 'acute',
      category: 'Plugins, Domains, API',
      requester: { name: 'sampleuser', email: null, remoteId: '200001' },
      unreadCount: null,
    });
    expect(t.createdAt.toISOString()).toBe('2025-01-01T10:00:00.000Z');
    expect(t.updatedAt?.toISOString()).toBe('2025-01-01T11:00:00.000Z');
    expect(t.messages).toBeUndefined();
    expect(t.attachments).toBeUndefined();
    expect(t.lastMessageAt).toBeUndefined();
    expect(t.raw).toEqual(DOC_ITEM);
  });

  it.each([
    [1, 'OPEN'],
    [2, 'IN_PROGRESS'],
    [3, 'PENDING'],
    [4, 'CLOSED'],
    [5, 'IN_PROGRESS'],
  ])('maps state_id %i to %s, keeping the state name', (stateId, status) => {
    const t = mapListItem(item({ state_id: stateId, state: { id: stateId, name: `name-${stateId}` } }), KEY);
    expect(t.status).toBe(status);
    expect(t.remoteStatus).toBe(`name-${stateId}`);
  });

  it.each([
    ['low', 'LOW'],
    ['normal', 'NORMAL'],
    ['acute', 'HIGH'],
    ['critical', null],
  ])('maps importance %s to %s', (importance, priority) => {
    const t = mapListItem(item({ importance }), KEY);
    expect(t.priority).toBe(priority);
    expect(t.remotePriority).toBe(importance);
  });

  it('uses null for known-empty values', () => {
    const t = mapListItem(
      item({ desc: null, category: null, user: null, user_id: null, updated_at: null }),
      KEY,
    );
    expect(t.description).toBeNull();
    expect(t.category).toBeNull();
    expect(t.requester).toBeNull();
    expect(t.updatedAt).toBeNull();
  });

  it('refuses a state it cannot map', () => {
    expect(() => item({ state_id: 9 })).toThrow(UpstreamError);
  });
});

describe('dates', () => {
  it('reads both formats as UTC, whatever the host zone', () => {
    expect(parseIppanelDate('2025-01-01T10:00:00.000000Z', KEY).toISOString()).toBe(
      '2025-01-01T10:00:00.000Z',
    );
    expect(parseIppanelDate('2025-01-01 10:00:00', KEY).toISOString()).toBe('2025-01-01T10:00:00.000Z');
    expect(parseIppanelDate('2025-01-01T10:00:00.123456Z', KEY).toISOString()).toBe(
      '2025-01-01T10:00:00.123Z',
    );
    expect(parseIppanelDate('2025-01-01 13:30:00+03:30', KEY).toISOString()).toBe('2025-01-01T10:00:00.000Z');
  });

  it('refuses an unreadable date as a bad response', () => {
    expect(() => parseIppanelDate('yesterday', KEY)).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }),
    );
    expect(() => mapListItem(item({ created_at: '01/01/2025' }), KEY)).toThrow(UpstreamError);
  });
});

describe('show', () => {
  it('maps every field; the description is the opening message, then replies in time order', () => {
    const t = mapShow(show(), KEY);
    expect(t).toMatchObject({
      status: 'PENDING',
      remoteStatus: 'replied',
      priority: 'HIGH',
      category: 'Plugins, Domains, API',
    });
    expect(t.requester).toEqual({ name: 'sampleuser', email: null, remoteId: '200001' });
    expect(t.messages?.map((m) => m.remoteId)).toEqual(['opening', '5', '7', '9']);
    const [opening, agent, customer, note] = t.messages ?? [];
    expect(opening).toMatchObject({
      body: 'Sample description for file upload',
      authorType: 'CUSTOMER',
      internal: false,
    });
    expect(opening?.author).toEqual(t.requester);
    expect(opening?.createdAt.toISOString()).toBe('2025-01-01T10:00:00.000Z');
    expect(agent).toMatchObject({
      authorType: 'AGENT',
      internal: false,
      author: { name: 'support_sara', remoteId: '1' },
    });
    expect(customer).toMatchObject({
      authorType: 'CUSTOMER',
      internal: false,
      author: { name: 'sampleuser' },
    });
    expect(note).toMatchObject({ authorType: 'AGENT', internal: true });
    expect(t.lastMessageAt?.toISOString()).toBe('2025-01-01T11:00:00.000Z');
    expect(t.updatedAt?.toISOString()).toBe('2025-01-01T11:00:00.000Z');
    expect(t.raw).toEqual(SHOW);
  });

  it('collects every attachment with unique ids, file names and types from the URL', () => {
    const t = mapShow(show(), KEY);
    expect(t.attachments).toEqual([
      {
        remoteId: 'opening',
        url: SHOW.attachment,
        filename: 'report.zip',
        mimeType: 'application/zip',
        size: null,
        createdAt: new Date('2025-01-01T10:00:00Z'),
      },
      {
        remoteId: '7',
        url: SHOW.interactions[0]?.attachment,
        filename: 'error shot.png',
        mimeType: 'image/png',
        size: null,
        createdAt: new Date('2025-01-01T10:45:00Z'),
      },
    ]);
    expect(t.messages?.[2]?.attachments).toEqual([t.attachments?.[1]]);
  });

  it('has only the opening message and no attachments for a fresh ticket', () => {
    const t = mapShow(show({ attachment: null, interactions: [] }), KEY);
    expect(t.messages).toHaveLength(1);
    expect(t.attachments).toEqual([]);
    expect(t.lastMessageAt?.toISOString()).toBe('2025-01-01T10:00:00.000Z');
  });

  it('falls back to the state name when state_id is absent, and refuses an unknown one', () => {
    expect(mapShow(show({ state_id: undefined, state: 'closed' }), KEY).status).toBe('CLOSED');
    expect(() => mapShow(show({ state_id: undefined, state: 'archived' }), KEY)).toThrow(UpstreamError);
  });

  it('accepts boolean private flags', () => {
    const interactions = [{ ...SHOW.interactions[2], private: true }];
    expect(mapShow(show({ interactions }), KEY).messages?.[1]?.internal).toBe(true);
  });
});

describe('attachments', () => {
  it('leaves unknown types and query strings alone', () => {
    expect(mapAttachment('x', 'https://h/f/data.bin?sig=1', null)).toMatchObject({
      filename: 'data.bin',
      mimeType: null,
    });
    expect(mapAttachment('y', 'https://h/f/', null).filename).toBeNull();
  });
});
