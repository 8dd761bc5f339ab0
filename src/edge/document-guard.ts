import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { OperationLimits } from './limits.js';
import { bracketNesting } from './nesting.js';
import { LIMIT_VARS, overLimit, tooComplex } from './refusal.js';

/**
 * Bracket nesting allowed above `maxDepth`: room for arguments (`filter: { providers: [...] }`)
 * and for too-deep selections to get the depth rule's clearer refusal. graphql-js overflows the
 * stack near 2,000 levels; this keeps it far below.
 */
export const NESTING_ALLOWANCE = 100;

/**
 * Checks a document's text before it is parsed (over HTTP and WebSocket alike, and before
 * yoga's parse cache sees it): its size, how deeply its brackets nest, and, while parsing, its
 * token count (graphql-armor's max-tokens stops the lexer at the limit).
 */
export function useDocumentGuard(limits: OperationLimits): Plugin[] {
  const guard: Plugin = {
    onParse({ params }) {
      const text = typeof params.source === 'string' ? params.source : (params.source as Source).body;
      checkText(text, limits);
    },
  };
  const tokens = maxTokensPlugin({
    n: limits.maxTokens,
    // armor's own error says neither our code nor the setting: throw ours in its place.
    propagateOnRejection: false,
    onReject: [
      () => {
        throw tooComplex(
          `Query has more than ${limits.maxTokens} tokens, the limit (${LIMIT_VARS.maxTokens}).`,
        );
      },
    ],
  }) as Plugin;
  return [guard, tokens];
}

/** Throws `QUERY_TOO_COMPLEX` for a document too large or too deeply nested to parse. */
export function checkText(text: string, limits: OperationLimits): void {
  // Cheap bounds first: UTF-8 takes 1 to 3 bytes per UTF-16 unit.
  if (text.length * 3 > limits.maxDocumentBytes) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > limits.maxDocumentBytes) {
      throw overLimit(`Query document of ${bytes} bytes`, limits.maxDocumentBytes, 'maxDocumentBytes');
    }
  }
  const maxNesting = limits.maxDepth + NESTING_ALLOWANCE;
  const nesting = bracketNesting(text, maxNesting);
  if (nesting > maxNesting) {
    throw tooComplex(
      `Query nests brackets more than ${maxNesting} deep, the limit (${LIMIT_VARS.maxDepth} + ${NESTING_ALLOWANCE}).`,
    );
  }
}
