/** How many ids a cache keeps: far more than a page walk touches, small next to the process. */
const DEFAULT_CAPACITY = 10_000;

/**
 * TaskIP ticket id → uuid, for the writes addressed by uuid. Uuids never change, so an entry
 * never goes stale; it is dropped only when the ticket is deleted or the cache is full
 * (oldest first). Concurrent lookups of one id share one request.
 */
export class UuidCache {
  private readonly entries = new Map<string, Promise<string>>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Records a uuid seen in a list page, a detail or a write's answer. */
  remember(id: number | string, uuid: string): void {
    this.set(String(id), Promise.resolve(uuid));
  }

  /** The id's uuid: cached, or from `lookup` once (a failed lookup is not cached). */
  uuidOf(id: string, lookup: () => Promise<string>): Promise<string> {
    const cached = this.entries.get(id);
    if (cached) return cached;
    const pending = lookup();
    this.set(id, pending);
    pending.catch(() => {
      if (this.entries.get(id) === pending) this.entries.delete(id);
    });
    return pending;
  }

  /** Drops a deleted ticket's entry (its id is never reused, but the memory is). */
  forget(id: number | string): void {
    this.entries.delete(String(id));
  }

  private set(id: string, value: Promise<string>): void {
    // Re-inserting moves the id to the end, so eviction drops the least recently seen.
    this.entries.delete(id);
    this.entries.set(id, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
