/**
 * What a finished write is remembered as: enough to answer a replay the same way, and small
 * and JSON-safe so a shared store (Redis) can hold it.
 */
export type StoredOutcome =
  | { type: 'ticket'; providerKey: string; remoteId: string }
  | { type: 'message'; providerKey: string; ticketRemoteId: string; messageRemoteId: string }
  | { type: 'deleted'; providerKey: string; remoteId: string }
  | {
      type: 'rejection';
      kind: string;
      message: string;
      provider: string;
      fieldErrors: Array<{ field: string; message: string }>;
    }
  | { type: 'outcome-unknown'; provider: string };

/** The answer to a claim on an idempotency key. */
export type Claim =
  /** The key is new: this request does the write, then calls `complete` or `release`. */
  | { state: 'claimed' }
  /** The same key and input finished before (or while this request waited): replay it. */
  | { state: 'done'; outcome: StoredOutcome }
  /** The key was used with a different input. */
  | { state: 'conflict' };

/**
 * Remembers writes by idempotency key for a day, so a retried write is answered without a
 * second upstream write — also when both arrive at once (the second waits for the first).
 */
export interface IdempotencyStore {
  /** Claims `key` for a write to `provider`, or answers how an earlier use of it ended. */
  claim(key: string, fingerprint: string, provider: string): Promise<Claim>;
  /** Records the outcome of a claimed key and wakes the requests waiting on it. */
  complete(key: string, outcome: StoredOutcome): Promise<void>;
  /** Forgets a claimed key whose write surely did not happen, so a retry may try again. */
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

interface Entry {
  fingerprint: string;
  expiresAt: number;
  outcome?: StoredOutcome;
  /** Settles when the claimed write completes (true) or is released (false). */
  settled: Promise<boolean>;
  settle: (completed: boolean) => void;
}

/** The in-memory store: one gateway instance. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string, fingerprint: string, _provider: string): Promise<Claim> {
    for (;;) {
      const entry = this.live(key);
      if (!entry) {
        let settle: (completed: boolean) => void = () => undefined;
        const settled = new Promise<boolean>((resolve) => (settle = resolve));
        this.entries.set(key, { fingerprint, expiresAt: this.now() + this.ttlMs, settled, settle });
        return { state: 'claimed' };
      }
      if (entry.fingerprint !== fingerprint) return { state: 'conflict' };
      if (entry.outcome) return { state: 'done', outcome: entry.outcome };
      // Released writes loop round and claim the key afresh.
      if (await entry.settled) return { state: 'done', outcome: entry.outcome! };
    }
  }

  async complete(key: string, outcome: StoredOutcome): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.outcome = outcome;
    entry.settle(true);
  }

  async release(key: string): Promise<void> {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    entry?.settle(false);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.outcome && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
