import { randomUUID } from 'node:crypto';
import type { StateDb } from '../stores/sqlite.js';
import {
  IDEMPOTENCY_TTL_MS,
  parseStoredOutcome,
  type Claim,
  type IdempotencyStore,
  type StoredOutcome,
} from './idempotency.js';
import {
  idempotencyStatements,
  rowSchema,
  type IdempotencyStatements,
  type Row,
} from './sqlite-idempotency-sql.js';

export interface SqliteIdempotencyOptions {
  /** How long a key is remembered from its claim; a day by default. */
  ttlMs?: number;
  /** The clock, in ms (injected by tests). */
  now?: () => number;
  /** The most keys kept (200,000 by default); beyond it the finished keys closest to expiry go first. */
  maxKeys?: number;
  /** A claim still unfinished this long (60 s by default) answers "outcome unknown". */
  staleMs?: number;
  /** How often a claim held by another process is looked at again (50 ms by default). */
  pollMs?: number;
  /** How often expired keys are deleted (every minute by default). */
  sweepMs?: number;
  /** Whether a process id runs on this machine. */
  isAlive?: (pid: number) => boolean;
}

/** The stores open in this process: a claim of ours (same pid) by a store not among them was left by a dead process. */
const openOwners = new Set<string>();

/** Whether `pid` runs on this machine (EPERM: it does, as another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Idempotency keys in an SQLite table (`STATE_DB`), so they outlive a restart. A claim is one
 * atomic `INSERT … ON CONFLICT` (an expired key is claimed afresh), so of concurrent duplicates
 * only one writes — also across processes sharing the file; the others wait for its outcome.
 *
 * **Across a restart or a crash (SIGKILL):** `performWrite` completes the key as soon as the
 * provider's write returns (after the upstream answered, and any read-back of the new state),
 * before the GraphQL answer is built; the row is committed at once (WAL). A process killed
 * after that point: a retry replays the first result. A process killed earlier leaves a
 * pending claim: a retry finding one whose process is gone (or older than `staleMs`) answers
 * `UPSTREAM_OUTCOME_UNKNOWN` (the write may have happened) and never writes a second time.
 * A row that cannot be read counts as absent, except a finished one whose outcome alone is
 * unreadable (another version's format): its write happened, so it answers outcome unknown.
 *
 * **Bounded:** keys are kept `ttlMs` from their claim; expired rows are deleted every
 * `sweepMs` (and an expired key is claimed afresh), and beyond `maxKeys` the finished keys
 * closest to expiry go first. A key in flight is never evicted.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly owner = randomUUID();
  /** Our claims in flight: settled by `complete` or `release`, awaited by duplicates. */
  private readonly inflight = new Map<string, { done: Promise<void>; settle: () => void }>();
  private readonly sql: IdempotencyStatements;
  private readonly options: Required<SqliteIdempotencyOptions>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(db: StateDb, options: SqliteIdempotencyOptions = {}) {
    this.options = {
      ttlMs: IDEMPOTENCY_TTL_MS,
      now: Date.now,
      maxKeys: 200_000,
      staleMs: 60_000,
      pollMs: 50,
      sweepMs: 60_000,
      isAlive: processAlive,
      ...options,
    };
    this.sql = idempotencyStatements(db);
    openOwners.add(this.owner);
    this.sweep();
    // Unref'd: the sweep must not keep a stopping process alive.
    this.sweeper = setInterval(() => this.trySweep(), this.options.sweepMs).unref();
  }

  async claim(key: string, fingerprint: string, provider: string): Promise<Claim> {
    for (;;) {
      const now = this.options.now();
      const expires = now + this.options.ttlMs;
      const claim = { key, fingerprint, provider, owner: this.owner, pid: process.pid, now, expires };
      if (this.sql.claim.run(claim).changes === 1) {
        this.hold(key);
        return { state: 'claimed' };
      }
      const row = this.read(key);
      if (!row) continue; // released, expired or unreadable since: claim it afresh
      if (row.fingerprint !== fingerprint) return { state: 'conflict' };
      if (row.state === 'done') return { state: 'done', outcome: outcomeOf(row) };
      const unknown = await this.awaitClaim(key, row);
      if (unknown) return { state: 'done', outcome: unknown };
    }
  }

  async complete(key: string, outcome: StoredOutcome): Promise<void> {
    // Settled even if the update fails: a waiting duplicate then sees the claim go stale, never hangs.
    try {
      this.sql.complete.run({ key, owner: this.owner, outcome: JSON.stringify(outcome) });
    } finally {
      this.settle(key);
    }
  }

  async release(key: string): Promise<void> {
    try {
      this.sql.release.run({ key, owner: this.owner });
    } finally {
      this.settle(key);
    }
  }

  /** Stops the sweep; the database is its opener's to close. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    openOwners.delete(this.owner);
  }

  /** Deletes expired keys, then the oldest finished keys over `maxKeys` (run on a timer). */
  sweep(): void {
    this.sql.expire.run({ now: this.options.now() });
    const { n } = this.sql.count.get() as { n: number };
    if (n > this.options.maxKeys) this.sql.trim.run({ excess: n - this.options.maxKeys });
  }

  private trySweep(): void {
    try {
      this.sweep();
    } catch {
      // Busy or closed: the next sweep (or a claim of an expired key) catches up; never a crash.
    }
  }

  private hold(key: string): void {
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.inflight.set(key, { done, settle });
  }

  private settle(key: string): void {
    this.inflight.get(key)?.settle();
    this.inflight.delete(key);
  }

  /** The row of `key`, validated; an unreadable row is deleted and counts as absent. */
  private read(key: string): Row | undefined {
    const raw: unknown = this.sql.read.get({ key });
    if (raw === undefined) return undefined;
    const parsed = rowSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.sql.forget.run({ key });
    return undefined;
  }

  /**
   * Waits on a claim in flight: ours until `complete`/`release`, another store's for `pollMs`.
   * Answers outcome unknown (and records it) when the claim's process is gone, or (without
   * recording it: its process may yet complete it) once the claim is older than `staleMs`.
   */
  private async awaitClaim(key: string, row: Row): Promise<StoredOutcome | undefined> {
    const ours = row.owner === this.owner ? this.inflight.get(key) : undefined;
    if (ours) return ours.done.then(() => undefined);
    const unknown: StoredOutcome = { type: 'outcome-unknown', provider: row.provider };
    if (this.ownerGone(row)) {
      this.sql.abandon.run({ key, owner: row.owner, outcome: JSON.stringify(unknown) });
      return unknown;
    }
    if (this.options.now() - row.claimed_at > this.options.staleMs) return unknown;
    await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    return undefined;
  }

  /** Another pid that no longer runs, or our pid (pids repeat across restarts, in containers) but a store not open. */
  private ownerGone(row: Row): boolean {
    if (row.owner_pid === process.pid) return !openOwners.has(row.owner);
    return !this.options.isAlive(row.owner_pid);
  }
}

function outcomeOf(row: Row): StoredOutcome {
  return parseStoredOutcome(row.outcome) ?? { type: 'outcome-unknown', provider: row.provider };
}
