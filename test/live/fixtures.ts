import type { Message, Ticket } from '../../src/providers/model.js';

/** An instant of the test's provider clock (ms), `minutes` after a fixed start. */
export const at = (minutes: number): Date => new Date(Date.UTC(2026, 10, 1, 12, minutes));

/** A message, by default a customer's, created at `at(minutes)`. */
export function message(remoteId: string, minutes: number, overrides: Partial<Message> = {}): Message {
  return {
    remoteId,
    body: `message ${remoteId}`,
    author: { name: 'Ana', email: 'ana@example.com', remoteId: 'c1' },
    authorType: 'CUSTOMER',
    internal: false,
    attachments: [],
    createdAt: at(minutes),
    ...overrides,
  };
}

/** A ticket as a list maps it (no messages); `overrides` add what a detail read shows. */
export function ticket(remoteId: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    providerKey: 'fake',
    remoteId,
    reference: `#${remoteId}`,
    subject: `Ticket ${remoteId}`,
    status: 'OPEN',
    remoteStatus: 'open',
    priority: 'NORMAL',
    remotePriority: 'normal',
    createdAt: at(0),
    raw: { id: remoteId },
    ...overrides,
  };
}
