import type { Plugin } from 'graphql-yoga';
import { useCostLimit } from './cost-plugin.js';
import { useDocumentGuard } from './document-guard.js';
import { boundedParserCache, type ParserCacheOptions } from './parse-cache.js';
import { usePreValidation } from './prevalidate.js';

/** Limits every operation must pass before any upstream call (HTTP, SSE and WebSocket alike). */
export interface OperationLimits {
  /** Deepest selection set. */
  maxDepth: number;
  /** Aliases in one document. */
  maxAliases: number;
  /** Lexical tokens in one document (stops huge documents before they are parsed whole). */
  maxTokens: number;
  /** Directives in one document. */
  maxDirectives: number;
  /** Largest estimated fan-out cost (see `cost.ts`). */
  maxCost: number;
  /** Largest document text, in bytes. */
  maxDocumentBytes: number;
  /** Most ids `nodes(ids:)` takes. */
  maxNodeIds: number;
  /**
   * Most comparisons of same-named fields validation may need (see `overlap.ts`): bounds the
   * one validation rule whose time grows with the square of the document. `DEFAULT_LIMITS`'
   * value when not given.
   */
  maxFieldComparisons?: number;
}

/**
 * Defaults that never refuse what a real inbox UI sends, while keeping any one operation under
 * ~100 ms of event-loop time (test/security/limits*.test.ts). With 4 providers the README query
 * costs 2,244, GraphiQL's 454, a 50-ticket page with 3 messages each (files and authors
 * included) 8,584 (a 100-ticket one about 17,000), introspection 0; the deepest of them is 8
 * levels, the longest 163 tokens, the most field comparisons 107. The most expensive query a
 * cost of 20,000 allows blocks the event loop some 30-50 ms.
 */
export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 50,
  maxCost: 20_000,
  maxDocumentBytes: 100_000,
  maxNodeIds: 100,
  maxFieldComparisons: 20_000,
};

/**
 * The yoga/envelop plugins that enforce `limits`, in the order they bite: the document's text
 * (size, nesting, tokens) before parsing, depth/aliases/directives/field merging before full
 * validation, then cost and `nodes(ids:)` once the variables are known, before any resolver.
 * Each refusal is a GraphQL error with `extensions.code: QUERY_TOO_COMPLEX` naming the limit.
 */
export function useOperationLimits(limits: OperationLimits): Plugin[] {
  return [...useDocumentGuard(limits), usePreValidation(limits), useCostLimit(limits)];
}

/**
 * yoga's parse and validation cache, bounded so that no stream of distinct documents can grow
 * it past a fixed size (`createYoga({ parserAndValidationCache })`). Documents over
 * `maxDocumentBytes` are refused before the cache sees them.
 */
export function parserCacheOptions(_limits: OperationLimits): ParserCacheOptions {
  // The bounds are in bytes of heap, whatever the limits: the cache's worth is bounded, not tuned.
  return boundedParserCache();
}
