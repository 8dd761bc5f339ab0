import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

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
    const query: unknown = await this.redis.get(this.prefix + hash);
    return typeof query === 'string' && sha256(query) === hash ? query : undefined;
  }

  async set(hash: string, query: string): Promise<void> {
    await this.redis.set(this.prefix + hash, query, 'EX', 7 * 24 * 3600);
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
