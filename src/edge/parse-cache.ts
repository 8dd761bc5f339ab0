import type { DocumentNode, Token } from 'graphql';
import type { YogaServerOptions } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

/** yoga's `parserAndValidationCache` option in its object form. */
export type ParserCacheOptions = Exclude<
  YogaServerOptions<object, object>['parserAndValidationCache'],
  boolean | undefined
>;

/** The bounds of one cache; sizes are estimated bytes (see `documentWeight`). */
export interface CacheBounds {
  /** Most entries. */
  maxEntries: number;
  /** Most estimated bytes, over all entries. */
  maxBytes: number;
  /** Entries heavier than this are not cached at all (so one cannot evict all the others). */
  maxEntryBytes: number;
}

/**
 * Room for some hundreds of distinct operations, which is what a set of real clients sends; a
 * stream of distinct documents only cycles through it.
 */
export const CACHE_BOUNDS: CacheBounds = {
  maxEntries: 1_000,
  maxBytes: 32 * 1024 * 1024,
  maxEntryBytes: 1024 * 1024,
};

/** Heap a parsed document takes per token, with its locations (measured on graphql 16: ~300 B). */
const BYTES_PER_TOKEN = 300;

/** The cache get/set yoga asks for. */
export interface TextKeyedCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** Estimated bytes held now. */
  readonly size: number;
  readonly entries: number;
}

/**
 * An LRU keyed by document text, bounded by entries and by estimated bytes. yoga keys parsed
 * documents and parse errors by the whole text, so a document padded with whitespace is a new
 * key each time: the text counts toward the size as much as the parsed document does.
 */
export function boundedCache<T extends object>(
  weight: (value: T, key: string) => number,
  bounds: CacheBounds = CACHE_BOUNDS,
): TextKeyedCache<T> {
  const lru = new LRUCache<string, T>({
    max: bounds.maxEntries,
    maxSize: bounds.maxBytes,
    sizeCalculation: (value, key) => Math.max(1, weight(value, key)),
  });
  return {
    get: (key) => lru.get(key),
    set: (key, value) => {
      if (weight(value, key) <= bounds.maxEntryBytes) lru.set(key, value);
    },
    get size() {
      return lru.calculatedSize;
    },
    get entries() {
      return lru.size;
    },
  };
}

/** Estimated heap of a parsed document: its text (2 bytes a unit at worst) and its tokens. */
export function documentWeight(document: DocumentNode, text: string): number {
  let tokens = 0;
  for (let token: Token | null | undefined = document.loc?.startToken; token; token = token.next) tokens += 1;
  return text.length * 2 + tokens * BYTES_PER_TOKEN;
}

/** Estimated heap of a cached parse error: it holds the text (its `source`). */
export function errorWeight(_error: unknown, text: string): number {
  return text.length * 2 + 1024;
}

/** yoga's parse and validation caches, bounded (validation results hang off cached documents). */
export function boundedParserCache(bounds: CacheBounds = CACHE_BOUNDS): ParserCacheOptions & {
  documentCache: TextKeyedCache<DocumentNode>;
  errorCache: TextKeyedCache<object>;
} {
  return {
    documentCache: boundedCache<DocumentNode>(documentWeight, bounds),
    errorCache: boundedCache<object>(errorWeight, bounds),
    // yoga keeps validation results in a WeakMap keyed by the cached document objects.
    validationCache: true,
  };
}
