import type { Ticket } from '../providers/model.js';

const collator = new Intl.Collator('en', { numeric: true });

/**
 * Compares remote ids numerically where they are numbers ("9" before "10"), as text otherwise;
 * ids the collator finds equal but that differ ("01" and "1") still get a stable order.
 */
export function compareRemoteIds(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The federated list's order: `createdAt` newest first, ties broken by provider key, then by
 * remote id. Negative when `a` comes first.
 */
export function compareTickets(a: Ticket, b: Ticket): number {
  return (
    b.createdAt.getTime() - a.createdAt.getTime() ||
    a.providerKey.localeCompare(b.providerKey) ||
    compareRemoteIds(a.remoteId, b.remoteId)
  );
}

/** A ticket's place in one provider's stream: its creation time and remote id. */
export type StreamKey = readonly [createdAtMs: number, remoteId: string];

/** Whether `ticket` comes after `key` in its provider's part of the federated order. */
export function isAfter(ticket: Ticket, key: StreamKey): boolean {
  const t = ticket.createdAt.getTime();
  return t < key[0] || (t === key[0] && compareRemoteIds(ticket.remoteId, key[1]) > 0);
}
