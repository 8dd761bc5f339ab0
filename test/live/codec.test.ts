import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTicket, encodeTicket } from '../../src/live/codec.js';
import {
  AUTHOR_TYPES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type Attachment,
  type Message,
  type Ticket,
} from '../../src/providers/model.js';
import { at, message, ticket } from './fixtures.js';

/** A ticket as a detail read gives it: every field, messages and attachments. */
function full(): Ticket {
  const file: Attachment = {
    remoteId: 'f1',
    url: 'https://files.example/f1',
    filename: 'a.png',
    mimeType: 'image/png',
    size: 120,
    createdAt: at(2),
  };
  return ticket('42', {
    description: 'It broke',
    category: 'billing',
    requester: { name: 'Ana', email: null, remoteId: 'c1' },
    unreadCount: 2,
    lastMessageAt: at(9),
    updatedAt: at(10),
    messages: [
      message('opening', 0),
      message('m2', 9, { authorType: 'AGENT', author: null, attachments: [file] }),
    ],
    attachments: [file, { ...file, remoteId: 'f2', createdAt: null, size: null }],
    raw: { id: 42, nested: { list: [1, 'two', null] } },
  });
}

/** Through the wire as Redis carries it: JSON text. */
const overTheWire = (t: Ticket): unknown => JSON.parse(JSON.stringify(encodeTicket(t)));

describe('encodeTicket and decodeTicket', () => {
  it('round-trip a full ticket, dates back as Dates', () => {
    const decoded = decodeTicket(overTheWire(full()));
    expect(decoded).toEqual(full());
    expect(decoded.createdAt).toBeInstanceOf(Date);
    expect(decoded.messages![1]!.attachments[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('round-trip a list ticket: fields it does not carry stay absent, not null', () => {
    const decoded = decodeTicket(overTheWire(ticket('1')));
    expect(decoded).toEqual(ticket('1'));
    for (const field of ['description', 'category', 'messages', 'attachments', 'updatedAt'])
      expect(field in decoded).toBe(false);
  });

  it('encode to JSON-safe data: ISO strings for dates', () => {
    const json = encodeTicket(full());
    expect(json['createdAt']).toBe(at(0).toISOString());
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('keep fields the model may gain', () => {
    const json = { ...encodeTicket(ticket('1')), assignee: { id: '8' } };
    expect(decodeTicket(json)).toMatchObject({ assignee: { id: '8' } });
  });

  it('round-trip any ticket of the model', () => {
    fc.assert(
      fc.property(arbitraryTicket(), (t) => {
        expect(decodeTicket(overTheWire(t))).toEqual(t);
      }),
      { numRuns: 100, seed: 20261101 },
    );
  });
});

describe('decodeTicket refuses what is not an encoded ticket', () => {
  const valid = encodeTicket(full());
  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', 'ticket', /expected object/],
    ['null', null, /expected object/],
    ['no remote id', { ...valid, remoteId: undefined }, /remoteId/],
    ['an unknown status', { ...valid, status: 'DONE' }, /status/],
    ['a date that is not ISO', { ...valid, createdAt: 'yesterday' }, /createdAt/],
    ['a date as a number', { ...valid, updatedAt: 1_700_000_000_000 }, /updatedAt/],
    ['messages that are not a list', { ...valid, messages: {} }, /messages/],
    [
      'a message without its time',
      { ...valid, messages: [{ ...(valid['messages'] as object[])[0], createdAt: undefined }] },
      /messages\[0\]\.createdAt|messages.0.createdAt/,
    ],
    ['an attachment without a url', { ...valid, attachments: [{ remoteId: 'x' }] }, /attachments/],
  ];

  it.each(cases)('%s', (_what, json, where) => {
    expect(() => decodeTicket(json)).toThrow(/malformed ticket/);
    expect(() => decodeTicket(json)).toThrow(where);
  });
});

/** Tickets as mappers build them: optional fields present or absent, instants to the ms. */
function arbitraryTicket(): fc.Arbitrary<Ticket> {
  const date = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms));
  const text = fc.string({ maxLength: 12 });
  const person = fc.record({ name: fc.option(text), email: fc.option(text), remoteId: fc.option(text) });
  const attachment: fc.Arbitrary<Attachment> = fc.record({
    remoteId: text,
    url: text,
    filename: fc.option(text),
    mimeType: fc.option(text),
    size: fc.option(fc.nat()),
    createdAt: fc.option(date),
  });
  const msg: fc.Arbitrary<Message> = fc.record({
    remoteId: text,
    body: fc.string(),
    author: fc.option(person),
    authorType: fc.constantFrom(...AUTHOR_TYPES),
    internal: fc.boolean(),
    attachments: fc.array(attachment, { maxLength: 2 }),
    createdAt: date,
  });
  return fc
    .record(
      {
        providerKey: text,
        remoteId: text,
        reference: fc.option(text),
        subject: fc.string(),
        description: fc.option(fc.string()),
        status: fc.constantFrom(...TICKET_STATUSES),
        remoteStatus: text,
        priority: fc.option(fc.constantFrom(...TICKET_PRIORITIES)),
        remotePriority: fc.option(text),
        category: fc.option(text),
        requester: fc.option(person),
        unreadCount: fc.option(fc.nat()),
        lastMessageAt: fc.option(date),
        createdAt: date,
        updatedAt: fc.option(date),
        messages: fc.array(msg, { maxLength: 3 }),
        attachments: fc.array(attachment, { maxLength: 2 }),
        raw: fc.jsonValue(),
      },
      {
        requiredKeys: ['providerKey', 'remoteId', 'reference', 'subject', 'status', 'remoteStatus'],
      },
    )
    .map((t) => ({ priority: null, remotePriority: null, createdAt: new Date(0), raw: null, ...t }));
}
