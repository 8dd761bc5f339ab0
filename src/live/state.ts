import type { TicketStatus } from '../providers/model.js';

/** What the poller remembers of one ticket between polls. */
export interface TicketMark {
  /** The cheap change signal from the list (empty when the provider's list has none). */
  signal: string;
  status: TicketStatus;
  /** The unified fields compared for `ticketChanged`, as strings. */
  fields: Record<string, string | null>;
  /** Changes published so far: makes each change's announcement key unique. */
  version: number;
  /** Message ids known so far; absent until the ticket's details were read once. */
  messages?: string[];
  /**
   * Messages created after this provider-clock instant (ms) are new while `messages` is not
   * known yet; null when the list gave no time (then the first read only learns the ids).
   */
  since: number | null;
}

/** The poller's memory of one provider, shared by instances so a new lease holder goes on from it. */
export interface PollSnapshot {
  startedAt: number;
  /** When it was last brought up to date (ms); an old snapshot is history, not a baseline to diff. */
  polledAt: number;
  tickets: Record<string, TicketMark>;
  /** Round-robin position over tickets whose changes only their details show. */
  cursor: number;
}

/**
 * Whether a stored snapshot is still the poller's baseline: brought up to date within the
 * lease time and two more intervals. An older one is history (nobody polled for a while), and
 * the next poll starts afresh instead of diffing against it.
 */
export function isCurrent(snapshot: PollSnapshot, now: number, intervalMs: number): boolean {
  return now - snapshot.polledAt <= leaseTtl(intervalMs) + 2 * intervalMs;
}

/** How long a poll lease (and a watch of one ticket) lasts without renewal. */
export function leaseTtl(intervalMs: number): number {
  return Math.max(1_500, 2 * intervalMs + 1_000);
}

/**
 * A field value a write through the gateway set and announced, kept until a poll has read the
 * ticket after it: so the poller does not announce it again, however its reads and saves
 * interleave with the write (see `own-writes.ts`).
 */
export interface WriteNote {
  remoteId: string;
  field: string;
  value: string | null;
  /** When the write had returned (ms): a read begun later shows it. */
  at: number;
}

/**
 * The state live updates share between gateway instances: which events were announced
 * (so each is published once), the poller's snapshots, the gateway's own write notes, and
 * the poll leases.
 */
export interface LiveState {
  /** True the first time `key` is announced within a day: the caller then publishes the event. */
  announce(key: string): Promise<boolean>;
  loadSnapshot(provider: string): Promise<PollSnapshot | undefined>;
  saveSnapshot(provider: string, snapshot: PollSnapshot): Promise<void>;
  /** Takes or renews the poll lease of `provider`; true while `holder` has it. */
  lease(provider: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(provider: string, holder: string): Promise<void>;
  /** Records tickets watched one by one on some instance, for `ttlMs` (renewed every poll). */
  watchTickets(provider: string, remoteIds: readonly string[], ttlMs: number): Promise<void>;
  /** Tickets of `provider` watched one by one on any instance. */
  watchedTickets(provider: string): Promise<string[]>;
  /** Forgets a watched ticket at once (it is gone upstream), whoever watched it. */
  unwatchTicket(provider: string, remoteId: string): Promise<void>;
  /** Records (or replaces, per ticket and field) notes of a write through the gateway. */
  noteWrite(provider: string, notes: readonly WriteNote[]): Promise<void>;
  /** Every write note of `provider`'s tickets. */
  writeNotes(provider: string): Promise<WriteNote[]>;
  /** Drops these notes, unless a later write replaced one meanwhile (that one stays). */
  forgetWrites(provider: string, notes: readonly WriteNote[]): Promise<void>;
  close(): Promise<void>;
}

/** One note per ticket and field: a later write of the field replaces the earlier note. */
export function noteKey(note: Pick<WriteNote, 'remoteId' | 'field'>): string {
  return JSON.stringify([note.remoteId, note.field]);
}

const DAY_MS = 24 * 3600_000;

/** Live state for a single instance. */
export class MemoryLiveState implements LiveState {
  private announced = new Map<string, number>();
  private snapshots = new Map<string, PollSnapshot>();
  private watched = new Map<string, Map<string, number>>();
  private notes = new Map<string, Map<string, WriteNote>>();

  constructor(private readonly now: () => number = Date.now) {}

  async announce(key: string): Promise<boolean> {
    const now = this.now();
    if ((this.announced.get(key) ?? 0) > now) return false;
    this.announced.set(key, now + DAY_MS);
    if (this.announced.size > 100_000) this.prune(now);
    return true;
  }

  async loadSnapshot(provider: string): Promise<PollSnapshot | undefined> {
    const snapshot = this.snapshots.get(provider);
    return snapshot ? structuredClone(snapshot) : undefined;
  }

  async saveSnapshot(provider: string, snapshot: PollSnapshot): Promise<void> {
    this.snapshots.set(provider, structuredClone(snapshot));
  }

  async lease(): Promise<boolean> {
    return true;
  }

  async releaseLease(): Promise<void> {}

  async watchTickets(provider: string, remoteIds: readonly string[], ttlMs: number): Promise<void> {
    const watched = this.watched.get(provider) ?? new Map<string, number>();
    for (const id of remoteIds) watched.set(id, this.now() + ttlMs);
    this.watched.set(provider, watched);
  }

  async watchedTickets(provider: string): Promise<string[]> {
    const watched = this.watched.get(provider);
    if (!watched) return [];
    const now = this.now();
    for (const [id, until] of watched) if (until <= now) watched.delete(id);
    return [...watched.keys()];
  }

  async unwatchTicket(provider: string, remoteId: string): Promise<void> {
    this.watched.get(provider)?.delete(remoteId);
  }

  async noteWrite(provider: string, notes: readonly WriteNote[]): Promise<void> {
    const byKey = this.notes.get(provider) ?? new Map<string, WriteNote>();
    for (const note of notes) byKey.set(noteKey(note), { ...note });
    this.notes.set(provider, byKey);
  }

  async writeNotes(provider: string): Promise<WriteNote[]> {
    return [...(this.notes.get(provider)?.values() ?? [])].map((n) => ({ ...n }));
  }

  async forgetWrites(provider: string, notes: readonly WriteNote[]): Promise<void> {
    const byKey = this.notes.get(provider);
    for (const note of notes) {
      const current = byKey?.get(noteKey(note));
      if (current?.at === note.at && current.value === note.value) byKey?.delete(noteKey(note));
    }
  }

  async close(): Promise<void> {}

  private prune(now: number): void {
    for (const [key, expires] of this.announced) if (expires <= now) this.announced.delete(key);
  }
}
