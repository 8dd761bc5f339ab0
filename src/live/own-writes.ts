import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { TICKET_STATUSES, type Ticket, type TicketStatus } from '../providers/model.js';
import { fieldsOf, WATCHED_FIELDS } from './marks.js';
import type { LivePublisher } from './publisher.js';
import { isCurrent, type LiveState, type WriteNote } from './state.js';

/** A note no poll read past within this long (its ticket is beyond the pages read) is dropped. */
export const NOTE_MAX_AGE_MS = 3600_000;

/** What subscribers were last told of a ticket's fields. */
export interface Baseline {
  fields: Record<string, string | null>;
  /** For fields a noted write set: the note's time, which makes a change's key unique. */
  since: Record<string, number>;
}

/**
 * The gateway's write notes of one provider, as one poll (or one write) uses them. A poll's
 * reads show the notes of writes that returned before they began (`readStart`); a ticket
 * with a later note is `pending` until the next poll.
 */
export class WriteNotes {
  private readonly byTicket = new Map<string, WriteNote[]>();
  private readonly compared = new Set<string>();

  constructor(
    private readonly notes: readonly WriteNote[] = [],
    private readonly readStart = Number.POSITIVE_INFINITY,
  ) {
    for (const note of notes) this.byTicket.set(note.remoteId, [...this.of(note.remoteId), note]);
  }

  /** A write returned after this poll's reads began: what they show of the ticket may predate it. */
  pending(remoteId: string): boolean {
    return this.of(remoteId).some((n) => n.at >= this.readStart);
  }

  /** The poll compared the ticket, so the notes it read past are done with. */
  compare(remoteId: string): void {
    this.compared.add(remoteId);
  }

  /**
   * The mark's fields with the noted writes over them: what subscribers were last told. A
   * field read equal to its note is no news then (the write announced it).
   */
  baseline(remoteId: string, fields: Record<string, string | null>): Baseline {
    const baseline: Baseline = { fields: { ...fields }, since: {} };
    for (const note of this.of(remoteId)) {
      baseline.fields[note.field] = note.value;
      baseline.since[note.field] = note.at;
    }
    return baseline;
  }

  /** Notes of compared tickets that this poll's reads show, and notes too old to matter. */
  done(now: number): WriteNote[] {
    return this.notes.filter(
      (n) => (this.compared.has(n.remoteId) && n.at < this.readStart) || now - n.at > NOTE_MAX_AGE_MS,
    );
  }

  private of(remoteId: string): WriteNote[] {
    return this.byTicket.get(remoteId) ?? [];
  }
}

/**
 * The announcement key of one ticket change: where it was measured from (`origin`: the poll
 * snapshot's epoch and the mark's version) and each changed field's new value with the time
 * of the note it replaces. A poll and a write that see the same change from the same baseline
 * make the same key, so it is published once however they interleave; a value set back and
 * forth gets a new key each time (a new version or a new note).
 */
export function changeKey(
  origin: string,
  changes: readonly string[],
  after: Record<string, string | null>,
  since: Record<string, number>,
): string {
  const text = JSON.stringify(changes.map((f) => [f, after[f] ?? null, since[f] ?? null]));
  return `${origin}:${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
}

/** A field's text as a status, or null when unknown. */
export function statusOf(value: string | null | undefined): TicketStatus | null {
  return TICKET_STATUSES.find((s) => s === value) ?? null;
}

/** What `announceWrite` needs of the live service. */
export interface WriteAnnouncer {
  state: LiveState;
  publisher: LivePublisher;
  /** The pollers' clock: a note's time is compared with their reads' times. */
  clock: Pick<Clock, 'now'>;
  pollIntervalMs: number;
}

/**
 * Announces a write through the gateway as soon as its upstream call returned: `ticketChanged`
 * with the fields that differ from what subscribers were last told (the poll snapshot's mark
 * with earlier noted writes over it; `previousStatus` from there, null when nobody polls the
 * ticket), noted first so the poller takes them as announced. A write that changed nothing
 * (a retry, the same value again) announces nothing.
 *
 * @param ticket The ticket as the provider answered the write.
 * @param wrote What the write set, by field; a field the ticket does not carry (`assignee`)
 *   counts by this value, the others as the ticket shows them.
 * @returns Whether this call published the event.
 */
export async function announceWrite(
  live: WriteAnnouncer,
  ticket: Ticket,
  wrote: Record<string, string>,
): Promise<boolean> {
  const { providerKey: provider, remoteId } = ticket;
  const [stored, notes] = await Promise.all([
    live.state.loadSnapshot(provider),
    live.state.writeNotes(provider),
  ]);
  const now = live.clock.now();
  const snapshot = stored && isCurrent(stored, now, live.pollIntervalMs) ? stored : undefined;
  const mark = snapshot?.tickets[remoteId];
  const base = new WriteNotes(notes).baseline(remoteId, mark?.fields ?? {});
  const read = fieldsOf(ticket);
  // The fields the ticket carries count as read after the write (the provider may map a value).
  const after: Record<string, string | null> = { ...wrote, ...read };
  const fields = [...WATCHED_FIELDS, ...Object.keys(wrote).filter((f) => !(f in read))];
  // A field nobody knew before counts only when the write set it (a detail read shows more than a list).
  const changes = fields
    .filter((f) => (base.fields[f] ?? null) !== null || f in wrote)
    .filter((f) => (base.fields[f] ?? null) !== (after[f] ?? null));
  if (changes.length === 0) return false;
  await live.state.noteWrite(
    provider,
    changes.map((field) => ({ remoteId, field, value: after[field] ?? null, at: now })),
  );
  // Without a mark no poll can see this change the same way: the write's own time keeps it apart.
  const origin = snapshot && mark ? `${snapshot.startedAt}.${mark.version}` : `w${now}`;
  const key = changeKey(origin, changes, after, base.since);
  return live.publisher.ticketChanged(ticket, statusOf(base.fields['status']), changes, key);
}
