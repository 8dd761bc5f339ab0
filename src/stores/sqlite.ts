import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../config-env.js';

/** One SQLite connection (better-sqlite3); each store keeps its own table in it. */
export type StateDb = Database.Database;

/** The in-memory database: nothing outlives the process (tests, demo mode). */
export const IN_MEMORY = ':memory:';

/**
 * Opens (creating it and its folder if need be) the SQLite file that holds the gateway's state
 * without Redis: idempotency keys and persisted queries. WAL, so that reads never wait for a
 * write and several processes may share the file; `synchronous = NORMAL`, under which a
 * committed write survives the process being killed (only an OS crash or power loss may drop
 * the last ones). A busy file is waited for (`busy_timeout`), not failed at once.
 */
export function openStateDb(path: string): StateDb {
  try {
    if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    throw new ConfigError(
      `STATE_DB: cannot open "${path}" as an SQLite database: ${(error as Error).message}`,
    );
  }
}
