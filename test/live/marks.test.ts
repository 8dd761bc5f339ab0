import { describe, expect, it } from 'vitest';
import {
  changedFields,
  fieldsOf,
  markOf,
  newMessages,
  signalOf,
  signalTime,
  WATCHED_FIELDS,
} from '../../src/live/marks.js';
import { at, message, ticket } from './fixtures.js';

describe('fieldsOf', () => {
  it('gives every watched field as text, null where the list does not carry it', () => {
    expect(WATCHED_FIELDS).toEqual(['status', 'priority', 'subject', 'category']);
    expect(fieldsOf(ticket('1', { category: 'billing' }))).toEqual({
      status: 'OPEN',
      priority: 'NORMAL',
      subject: 'Ticket 1',
      category: 'billing',
    });
    expect(fieldsOf(ticket('1', { priority: null }))).toMatchObject({ priority: null, category: null });
  });
});

describe('signalOf and signalTime', () => {
  it('is empty when the list shows no message time, update time or unread count (TaskIP)', () => {
    expect(signalOf(ticket('1'))).toBe('');
    expect(signalTime(ticket('1'))).toBeUndefined();
  });

  it('moves with the last-message time, the update time and the unread count', () => {
    const base = ticket('1', { lastMessageAt: at(5), updatedAt: at(3), unreadCount: 1 });
    const signals = [
      base,
      { ...base, lastMessageAt: at(6) },
      { ...base, updatedAt: at(4) },
      { ...base, unreadCount: 2 },
    ].map(signalOf);
    expect(new Set(signals).size).toBe(4);
    expect(signalOf({ ...base })).toBe(signals[0]);
  });

  it('takes the later of the message and update times as the instant after which messages are new', () => {
    expect(signalTime(ticket('1', { lastMessageAt: at(5), updatedAt: at(3) }))).toBe(at(5).getTime());
    expect(signalTime(ticket('1', { updatedAt: at(7) }))).toBe(at(7).getTime());
  });
});

describe('changedFields', () => {
  it('names the watched fields that differ, in their order, taking absent as null', () => {
    const before = fieldsOf(ticket('1'));
    expect(changedFields(before, { ...before })).toEqual([]);
    expect(changedFields(before, { ...before, subject: 'New', status: 'RESOLVED' })).toEqual([
      'status',
      'subject',
    ]);
    expect(changedFields({ status: 'OPEN' }, { status: 'OPEN', category: null })).toEqual([]);
    expect(changedFields({ status: 'OPEN' }, { status: 'OPEN', category: 'billing' })).toEqual(['category']);
  });

  it('ignores fields it does not watch', () => {
    expect(changedFields({ assignee: '1' }, { assignee: '2' })).toEqual([]);
  });
});

describe('markOf', () => {
  it('remembers what a ticket holds when first seen, messages not yet known', () => {
    const first = ticket('1', { lastMessageAt: at(5), status: 'PENDING' });
    expect(markOf(first)).toEqual({
      signal: signalOf(first),
      status: 'PENDING',
      fields: fieldsOf(first),
      version: 0,
      since: at(5).getTime(),
    });
    expect(markOf(ticket('2')).since).toBeNull();
  });
});

describe('newMessages', () => {
  const messages = [message('a', 1), message('b', 5), message('c', 9)];

  it('finds messages by id once the ids are known', () => {
    const mark = { ...markOf(ticket('1')), messages: ['a', 'c'] };
    expect(newMessages(mark, messages).map((m) => m.remoteId)).toEqual(['b']);
    expect(newMessages({ ...mark, messages: ['a', 'b', 'c'] }, messages)).toEqual([]);
  });

  it('before that, takes messages created after the list time as new', () => {
    const mark = markOf(ticket('1', { lastMessageAt: at(5) }));
    expect(newMessages(mark, messages).map((m) => m.remoteId)).toEqual(['c']);
  });

  it('takes none as new when the list gave no time: the first read only learns the ids', () => {
    expect(newMessages(markOf(ticket('1')), messages)).toEqual([]);
  });
});
