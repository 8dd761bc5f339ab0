import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { StateDb } from '../stores/sqlite.js';

/** Where automatic persisted queries live: by SHA-256 hash (hex), the query text. */
export interface PersistedQueryStore {
  get(hash: string): Promise<string | undefined>;
  set(hash: string, query: string): Promise<void>;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** In memory, bounded by count and by total text size, least recently used first out. */
export class MemoryPersistedQueries implements PersistedQueryStore {
  private readonly cache = new LRUCache<string, string>({
    max: 10_000,
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (query) => query.length || 1,
  });

  get(hash: string): Promise<string | undefined> {
    return Promise.resolve(this.cache.get(hash));
  }

  set(hash: string, query: string): Promise<void> {
    this.cache.set(hash, query);
    return Promise.resolve();
  }
}

/** The few Redis commands the shared store uses (ioredis' signatures). */
export interface RedisLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: 'EX', seconds: number): Promise<unknown>;
}

/**
 * Shared by every instance through Redis, for a week after the last registration. What is read
 * back is trusted only if it hashes to its key: a store written by anything else cannot make the
 * gateway run a query the client did not register.
 */
export class RedisPersistedQueries implements PersistedQueryStore {
  constructor(
    private readonly redis: RedisLike,
    private readonly prefix = 'tg:apq:',
  ) {}

  async get(hash: string): Promise<string | undefined> {
    return verified(hash, await this.redis.get(this.prefix + hash));
  }

  async set(hash: string, query: string): Promise<void> {
    await this.redis.set(this.prefix + hash, query, 'EX', 7 * 24 * 3600);
  }
}

/** A stored query, trusted only if it is text that hashes to its key. */
function verified(hash: string, stored: unknown): string | undefined {
  const query = z.string().safeParse(stored);
  return query.success && sha256(query.data) === hash ? query.data : undefined;
}

const SQLITE_SCHEMA = `CREATE TABLE IF NOT EXISTS persisted_queries (
  hash TEXT PRIMARY KEY, query TEXT NOT NULL, bytes INTEGER NOT NULL, last_used INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS persisted_queries_use ON persisted_queries (last_used);`;

/**
 * In the SQLite state file (`STATE_DB`), so registrations outlive a restart: bounded like the
 * memory store (by count and total text size, least recently used first out, checked once the
 * count or size is 10% over, so registering stays cheap). Reads are verified by hashing, as
 * with Redis. Last use is recorded at most once a minute a query, so reads rarely write.
 */
export class SqlitePersistedQueries implements PersistedQueryStore {
  private readonly sql;
  private rows = 0;
  private bytes = 0;

  constructor(
    db: StateDb,
    private readonly max = 10_000,
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(SQLITE_SCHEMA);
    this.sql = {
      get: db.prepare('SELECT query FROM persisted_queries WHERE hash = ?').pluck(),
      touch: db.prepare('UPDATE persisted_queries SET last_used = ? WHERE hash = ? AND last_used < ?'),
      set: db.prepare(`INSERT INTO persisted_queries (hash, query, bytes, last_used) VALUES (?, ?, ?, ?)
        ON CONFLICT (hash) DO UPDATE SET query = excluded.query, bytes = excluded.bytes, last_used = excluded.last_used`),
      forget: db.prepare('DELETE FROM persisted_queries WHERE hash = ?'),
      totals: db.prepare('SELECT count(*) AS rows, coalesce(sum(bytes), 0) AS bytes FROM persisted_queries'),
      // Keeps the most recently used while both bounds hold.
      trim: db.prepare(`DELETE FROM persisted_queries WHERE hash IN (SELECT hash FROM (SELECT hash,
        row_number() OVER recent AS n, sum(bytes) OVER recent AS total FROM persisted_queries
        WINDOW recent AS (ORDER BY last_used DESC, hash)) WHERE n > ? OR total > ?)`),
    };
    this.trim();
  }

  get(hash: string): Promise<string | undefined> {
    const stored: unknown = this.sql.get.get(hash);
    const query = verified(hash, stored);
    const now = this.now();
    if (query !== undefined) this.sql.touch.run(now, hash, now - 60_000);
    else if (stored !== undefined) this.sql.forget.run(hash);
    return Promise.resolve(query);
  }

  set(hash: string, query: string): Promise<void> {
    const bytes = Buffer.byteLength(query);
    this.sql.set.run(hash, query, bytes, this.now());
    this.rows += 1;
    this.bytes += bytes;
    if (this.rows > this.max * 1.1 || this.bytes > this.maxBytes * 1.1) this.trim();
    return Promise.resolve();
  }

  /** Evicts down to the bounds and recounts (other processes may share the file). */
  private trim(): void {
    this.sql.trim.run(this.max, this.maxBytes);
    const totals = this.sql.totals.get() as { rows: number; bytes: number };
    ({ rows: this.rows, bytes: this.bytes } = totals);
  }
}

interface PersistedQueryExtension {
  version: unknown;
  sha256Hash: unknown;
}

function extensionOf(params: GraphQLParams): PersistedQueryExtension | undefined {
  const value = (params.extensions as Record<string, unknown> | undefined)?.['persistedQuery'];
  return value !== null && typeof value === 'object' ? (value as PersistedQueryExtension) : undefined;
}

function fail(message: string, code: string, status = 400): never {
  throw createGraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * Apollo's automatic persisted queries, over GET and POST: a hash alone runs the query stored
 * for it, or answers `PERSISTED_QUERY_NOT_FOUND` (HTTP 200, as Apollo's link expects) so the
 * client sends hash and query; a hash with its query is checked, stored and run. Queries over
 * `maxDocumentBytes` are never stored (the limits refuse them anyway).
 */
export function useAutomaticPersistedQueries(store: PersistedQueryStore, maxDocumentBytes: number): Plugin {
  return {
    onParams: async ({ params, setParams }) => {
      const extension = extensionOf(params);
      if (!extension) return;
      if (extension.version !== 1)
        fail('Unsupported persisted query version; only version 1 is.', 'BAD_REQUEST');
      const hash = extension.sha256Hash;
      if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
        fail('persistedQuery.sha256Hash must be a SHA-256 hash in lowercase hex.', 'BAD_REQUEST');
      }
      if (typeof params.query === 'string') {
        if (sha256(params.query) !== hash)
          fail('The provided sha256Hash does not match the query.', 'BAD_REQUEST');
        if (Buffer.byteLength(params.query) <= maxDocumentBytes) await store.set(hash, params.query);
        return;
      }
      const query = await store.get(hash);
      if (query === undefined) fail('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 200);
      setParams({ ...params, query });
    },
  };
}

/**
 * Trusted documents, for production frontends: only the operations of a manifest run, by hash
 * (Apollo's `persistedQuery.sha256Hash`); any other query is refused. yoga's own plugin does
 * the work; the errors get the gateway's codes.
 */
export function useTrustedDocuments(manifest: ReadonlyMap<string, string>): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => manifest.get(hash) ?? null,
    customErrors: {
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      persistedQueryOnly: {
        message: 'Only trusted documents run here: send a persisted query hash.',
        extensions: { code: 'PERSISTED_QUERY_REQUIRED', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send a persisted query hash (extensions.persistedQuery.sha256Hash).',
        extensions: { code: 'PERSISTED_QUERY_REQUIRED', http: { status: 400 } },
      },
    },
  }) as Plugin;
}
