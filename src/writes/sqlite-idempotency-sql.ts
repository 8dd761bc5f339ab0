import { z } from 'zod';
import type { StateDb } from '../stores/sqlite.js';

/**
 * The idempotency table: one row a key. `owner` is the claiming store instance and
 * `owner_pid` its process, so a claim left by a process that died can be recognised.
 * STRICT, so a column never holds another type than declared.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, provider TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done')), outcome TEXT,
  owner TEXT NOT NULL, owner_pid INTEGER NOT NULL, claimed_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS idempotency_expiry ON idempotency (expires_at);`;

/** Creates the table if need be and prepares every statement the store runs. */
export function idempotencyStatements(db: StateDb) {
  db.exec(SCHEMA);
  return {
    /** Inserts a pending claim, or takes over an expired key; `changes` is 1 when claimed. */
    claim: db.prepare(`INSERT INTO idempotency
        (key, fingerprint, provider, state, outcome, owner, owner_pid, claimed_at, expires_at)
      VALUES (@key, @fingerprint, @provider, 'pending', NULL, @owner, @pid, @now, @expires)
      ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, provider = excluded.provider,
        state = 'pending', outcome = NULL, owner = excluded.owner, owner_pid = excluded.owner_pid,
        claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
      WHERE idempotency.expires_at <= @now`),
    read: db.prepare(`SELECT fingerprint, provider, state, outcome, owner, owner_pid, claimed_at
      FROM idempotency WHERE key = @key`),
    /** Only the claim's own store completes it (an expired key may have been claimed again). */
    complete: db.prepare(`UPDATE idempotency SET state = 'done', outcome = @outcome
      WHERE key = @key AND owner = @owner`),
    release: db.prepare(`DELETE FROM idempotency WHERE key = @key AND owner = @owner AND state = 'pending'`),
    /** Records the outcome of a claim whose process died, if it is still that claim. */
    abandon: db.prepare(`UPDATE idempotency SET state = 'done', outcome = @outcome
      WHERE key = @key AND owner = @owner AND state = 'pending'`),
    forget: db.prepare(`DELETE FROM idempotency WHERE key = @key`),
    expire: db.prepare(`DELETE FROM idempotency WHERE expires_at <= @now`),
    count: db.prepare(`SELECT count(*) AS n FROM idempotency`),
    /** The finished keys closest to expiry, never one in flight. */
    trim: db.prepare(`DELETE FROM idempotency WHERE key IN (SELECT key FROM idempotency
      WHERE state = 'done' ORDER BY expires_at LIMIT @excess)`),
  };
}

export type IdempotencyStatements = ReturnType<typeof idempotencyStatements>;

/** A row as `read` selects it, validated before use. */
export const rowSchema = z.object({
  fingerprint: z.string(),
  provider: z.string(),
  state: z.enum(['pending', 'done']),
  outcome: z.string().nullable(),
  owner: z.string(),
  owner_pid: z.number().int(),
  claimed_at: z.number(),
});
export type Row = z.output<typeof rowSchema>;
