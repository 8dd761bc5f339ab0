import { z } from 'zod';

/**
 * What a finished write is remembered as: enough to answer a replay the same way, and small
 * and JSON-safe so a shared store (SQLite, Redis) can hold it.
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

/** `StoredOutcome` as read back from a store: nothing stored is trusted by its shape alone. */
export const storedOutcomeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket'), providerKey: z.string(), remoteId: z.string() }),
  z.object({
    type: z.literal('message'),
    providerKey: z.string(),
    ticketRemoteId: z.string(),
    messageRemoteId: z.string(),
  }),
  z.object({ type: z.literal('deleted'), providerKey: z.string(), remoteId: z.string() }),
  z.object({
    type: z.literal('rejection'),
    kind: z.string(),
    message: z.string(),
    provider: z.string(),
    fieldErrors: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
  z.object({ type: z.literal('outcome-unknown'), provider: z.string() }),
]) satisfies z.ZodType<StoredOutcome>;

/** Parses a stored outcome from its JSON text; `undefined` when it is not one. */
export function parseStoredOutcome(json: string | null): StoredOutcome | undefined {
  if (json === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = storedOutcomeSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

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
 *
 * The caller (`performWrite`) calls `complete` as soon as the upstream answer is read, before
 * building the GraphQL answer, so that a store that outlives the process can replay it.
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

/** How long a key is remembered, from its claim. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** The most keys the in-memory store holds; beyond it the oldest finished ones go first. */
export const MEMORY_IDEMPOTENCY_MAX_KEYS = 100_000;

interface Entry {
  fingerprint: string;
  expiresAt: number;
  outcome?: StoredOutcome;
  /** Settles when the claimed write completes (true) or is released (false). */
  settled: Promise<boolean>;
  settle: (completed: boolean) => void;
}

/**
 * The in-memory store: one gateway instance, forgotten on restart. Expired keys are evicted
 * as new ones are claimed, and at most `maxKeys` finished keys are kept (oldest out first);
 * a key whose write is in flight is never evicted.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  /** In claim order, which is expiry order: sweeping from the front finds the expired ones. */
  private entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = MEMORY_IDEMPOTENCY_MAX_KEYS,
  ) {}

  async claim(key: string, fingerprint: string, _provider: string): Promise<Claim> {
    for (;;) {
      const entry = this.live(key);
      if (!entry) {
        this.evict();
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

  /** How many keys are held (finished and in flight). */
  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.outcome && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Drops expired finished keys from the front, then the oldest finished ones over the bound. */
  private evict(): void {
    const now = this.now();
    let over = this.entries.size + 1 - this.maxKeys;
    for (const [key, entry] of this.entries) {
      if (!entry.outcome) continue; // in flight: its claimer still needs it
      if (entry.expiresAt > now && over <= 0) break;
      this.entries.delete(key);
      over -= 1;
    }
  }
}
