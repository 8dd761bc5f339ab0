import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES,
  WRITE_CAPABILITIES,
  capabilitiesOf,
  type TicketProvider,
} from '../../src/providers/provider.js';
import type { ProviderFeatures, TicketWriteMap, TicketWrites } from '../../src/providers/writes.js';

/*
 * `capabilitiesOf` is where every capability comes from: the reads, the writes a provider has
 * and the features it declares, answered in `CAPABILITIES` order.
 */

const never = (): Promise<never> => Promise.reject(new Error('not called'));

/** Every write, none of which is called here. */
const ALL_WRITES: TicketWriteMap = {
  createTicket: never,
  addMessage: never,
  updateStatus: never,
  updatePriority: never,
  assignTicket: never,
  deleteTicket: never,
};

const RULES = { maxFiles: 1, maxBytes: 1, extensions: ['png'] };

function of(writes: TicketWrites, features: ProviderFeatures = {}): string[] {
  const provider: Pick<TicketProvider, 'writes' | 'features'> = { writes, features };
  return capabilitiesOf(provider);
}

describe('capabilitiesOf', () => {
  it('is the reads alone for a read-only provider', () => {
    expect(of({})).toEqual(['LIST_TICKETS', 'READ_TICKET', 'READ_MESSAGES']);
  });

  it('is every capability, in order, for a provider with every write and feature', () => {
    const features = { uploadFiles: RULES, attachmentUrls: true, internalNotes: true };
    expect(of(ALL_WRITES, features)).toEqual([...CAPABILITIES]);
  });

  it.each(Object.entries(WRITE_CAPABILITIES))(
    'adds %s as %s when that write is there',
    (name, capability) => {
      const writes: TicketWrites = { [name]: never };
      expect(of(writes)).toEqual(['LIST_TICKETS', 'READ_TICKET', 'READ_MESSAGES', capability]);
    },
  );

  it('adds a feature only when it is set', () => {
    expect(of({}, { uploadFiles: RULES })).toContain('UPLOAD_FILES');
    expect(of({}, { attachmentUrls: true })).toContain('ATTACHMENT_URLS');
    expect(of({}, { internalNotes: true })).toContain('INTERNAL_NOTES');
    expect(of({}, { attachmentUrls: false, internalNotes: false })).toEqual([
      'LIST_TICKETS',
      'READ_TICKET',
      'READ_MESSAGES',
    ]);
  });

  it('keeps the schema order whatever order the writes are given in', () => {
    const writes: TicketWrites = { deleteTicket: never, addMessage: never, createTicket: never };
    expect(of(writes, { internalNotes: true, attachmentUrls: true })).toEqual([
      'LIST_TICKETS',
      'READ_TICKET',
      'READ_MESSAGES',
      'CREATE_TICKET',
      'ADD_MESSAGE',
      'DELETE_TICKET',
      'ATTACHMENT_URLS',
      'INTERNAL_NOTES',
    ]);
  });
});
